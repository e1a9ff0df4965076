import * as z from 'zod/mini';
import type { BackendPort, CustomerDataPort, TeamPort } from '../backend/backend.port';
import { type DeliveryItem, deliveryKey } from '../records/records.schema';
import { toProblems, ValidationError } from '../shared/shared.errors';
import { HttpError, isRetryableCode, parseRetryAfter } from './protocol.errors';
import {
  actManyRoute,
  actRoute,
  cxReportRoute,
  cxResponsesRoute,
  cxTargetsRoute,
  deleteCustomerRoute,
  deliverRoute,
  errorBodySchema,
  exportCustomerRoute,
  getContactHistoryRoute,
  getFeedbackRoute,
  inboxFacetsRoute,
  listChangesRoute,
  listFeedbackRoute,
  listImpactRoute,
  listMyFeedbackRoute,
  loopMetricsRoute,
  markImpactSeenRoute,
  markReadRoute,
  PROTOCOL_VERSION,
  type ProtocolRoute,
  recordDismissalRoute,
  recordDisplayRoute,
  setContactChoiceRoute,
  setCxTargetsRoute,
  shipChangeRoute,
  submitFollowUpRoute,
  submitReplyRoute,
  submitResponseRoute,
} from './protocol.schema';
import { digest, utf8Length } from './protocol.utils';

/** The part of a `fetch` answer the client reads (typed here: the engine has no DOM types). */
export interface FetchResponseLike {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The `fetch` the client calls: the global one by default, or the host's (to add tracing, say). */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body: string;
    keepalive?: boolean;
    signal?: unknown;
  },
) => Promise<FetchResponseLike>;

/** Headers to send: fixed, or made per request (a fresh token). */
export type HeadersOption =
  | Record<string, string>
  | (() => Record<string, string> | Promise<Record<string, string>>);

/** Options of {@link createHttpBackend} and {@link createHttpTeamBackend}. */
export interface HttpBackendOptions {
  /** Where the protocol is served, e.g. `https://api.example.com/palaute` (paths start with `/v1`). */
  baseUrl: string;
  /** The credential and anything else to send: the customer's for customer routes, a team token for the team's. */
  headers?: HeadersOption;
  /** @default globalThis.fetch, looked up at each call */
  fetch?: FetchLike;
  /** A request with no answer by then fails (retryable). @default 10000 */
  timeoutMs?: number;
  /**
   * Writes under 60 KB go with `keepalive`, so a delivery started as the page is hidden finishes
   * after it is gone (browsers cap keepalive bodies at 64 KB in all). @default true
   */
  keepalive?: boolean;
  /** The clock, for `Retry-After` dates. @default Date.now */
  now?: () => number;
}

const KEEPALIVE_LIMIT = 60_000;

/** Calls one route: validates the body, sends it, and validates the answer. */
export function createCaller(options: HttpBackendOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;

  return async function call<R extends ProtocolRoute>(
    route: R,
    body: z.input<R['request']>,
    idempotencyKey?: string,
  ): Promise<z.output<R['response']>> {
    const parsed = z.safeParse(route.request, body, { reportInput: true });
    // What the server would refuse is refused here, with its path, and never retried.
    if (!parsed.success)
      throw new ValidationError(toProblems(parsed.error.issues), route.operationId);
    const payload = JSON.stringify(parsed.data);
    const extra =
      typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
    const headers: Record<string, string> = {
      ...extra,
      'content-type': 'application/json',
      accept: 'application/json',
      ...(idempotencyKey && route.idempotent ? { 'idempotency-key': idempotencyKey } : {}),
    };
    const fetcher = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (!fetcher) throw new HttpError({ status: 0, code: 'network', message: 'No fetch here.' });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let answer: FetchResponseLike;
    let text: string;
    try {
      answer = await fetcher(`${base}${route.path}`, {
        method: route.method,
        headers,
        body: payload,
        signal: controller.signal,
        ...(options.keepalive !== false && route.idempotent && utf8Length(payload) < KEEPALIVE_LIMIT
          ? { keepalive: true }
          : {}),
      });
      text = await answer.text();
    } catch (error) {
      throw new HttpError({
        status: 0,
        code: timedOut ? 'timeout' : 'network',
        message: timedOut
          ? `No answer from ${route.path} within ${timeoutMs} ms.`
          : `${route.path} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
      });
    } finally {
      clearTimeout(timer);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!answer.ok) {
      const error = z.safeParse(errorBodySchema, json);
      const code = error.success ? error.data.error.code : `http_${answer.status}`;
      throw new HttpError({
        status: answer.status,
        code,
        message: error.success
          ? error.data.error.message
          : `${route.path} answered ${answer.status}.`,
        retryable: isRetryableCode(code, answer.status),
        retryAfterMs: parseRetryAfter(answer.headers.get('retry-after'), now()),
        problems: error.success ? error.data.error.problems : undefined,
      });
    }
    const result = z.safeParse(route.response, json, { reportInput: true });
    if (!result.success)
      // A server answering nonsense may be mid-deploy: worth another try later.
      throw new HttpError({
        status: answer.status,
        code: 'invalid_response',
        message: new ValidationError(toProblems(result.error.issues), `${route.path} answer`)
          .message,
        retryable: true,
      });
    return result.data as z.output<R['response']>;
  };
}

/**
 * A {@link BackendPort} over the Palaute HTTP protocol (see `getOpenApiDocument()`): every customer
 * operation, batches included. Bodies are validated before they leave and answers before they are
 * trusted; failures are {@link HttpError}s that tell the outbox whether to try again.
 *
 * @example
 * ```ts
 * const backend = createHttpBackend({
 *   baseUrl: 'https://api.example.com/palaute',
 *   headers: async () => ({ authorization: `Bearer ${await getCustomerToken()}` }),
 * });
 * ```
 */
export function createHttpBackend(options: HttpBackendOptions): BackendPort {
  const call = createCaller(options);
  const v = PROTOCOL_VERSION;
  /** One write of `kind`: its payload goes under `field`, its delivery key as the `Idempotency-Key`. */
  const write =
    <K extends DeliveryItem['kind']>(route: ProtocolRoute, kind: K, field: string) =>
    async (payload: Extract<DeliveryItem, { kind: K }>['payload']): Promise<void> => {
      const item = { kind, payload } as DeliveryItem;
      await call(route, { protocol: v, [field]: payload }, deliveryKey(item));
    };
  return {
    async submitResponse(response) {
      const key = deliveryKey({ kind: 'response', payload: response });
      return (await call(submitResponseRoute, { protocol: v, response }, key)).receipt;
    },
    submitFollowUp: write(submitFollowUpRoute, 'followUp', 'followUp'),
    recordDisplay: write(recordDisplayRoute, 'display', 'display'),
    recordDismissal: write(recordDismissalRoute, 'dismissal', 'dismissal'),
    submitReply: write(submitReplyRoute, 'reply', 'reply'),
    markRead: write(markReadRoute, 'read', 'receipt'),
    markImpactSeen: write(markImpactSeenRoute, 'impactSeen', 'seen'),
    setContactChoice: write(setContactChoiceRoute, 'contactChoice', 'choice'),
    async deliver(items) {
      // One key for the whole batch, from every item's key: the same batch again has the same key, and
      // two batches that differ anywhere differ in key (a prefix would let a server that replays
      // answers by `Idempotency-Key` answer a new batch with an old one's results).
      const key = `batch:${items.length}:${digest(items.map(deliveryKey).join('\n'))}`;
      return (await call(deliverRoute, { protocol: v, items }, key)).results;
    },
    async listImpact(query) {
      return (await call(listImpactRoute, { protocol: v, query })).notices;
    },
    async getContactHistory(query) {
      return (await call(getContactHistoryRoute, { protocol: v, query })).history;
    },
    async listMyFeedback(query) {
      return (await call(listMyFeedbackRoute, { protocol: v, query })).items;
    },
  };
}

/**
 * The team's {@link TeamPort} over the protocol's `/v1/team` routes, for the host's internal tools,
 * every optional method included, with the data-rights routes ({@link CustomerDataPort}: export or
 * delete everything about one customer). Give it a team credential in `headers`; the server takes
 * the acting member from it (the `by` argument is not sent). A server without a route answers 404
 * (an `HttpError` with the code `not_found`): an older server's `inboxFacets`, say.
 */
export function createHttpTeamBackend(
  options: HttpBackendOptions,
): Required<Omit<TeamPort, 'board'>> & CustomerDataPort {
  const call = createCaller(options);
  const v = PROTOCOL_VERSION;
  return {
    async listFeedback(query = {}) {
      const { items, next } = await call(listFeedbackRoute, { protocol: v, query });
      return next === undefined ? { items } : { items, next };
    },
    async inboxFacets(query = {}) {
      return (await call(inboxFacetsRoute, { protocol: v, query })).facets;
    },
    async getFeedback(id) {
      return (await call(getFeedbackRoute, { protocol: v, id })).item;
    },
    async act(id, action) {
      return (await call(actRoute, { protocol: v, id, action })).item;
    },
    async actMany({ ids, action }) {
      return (await call(actManyRoute, { protocol: v, ids, action })).results;
    },
    async shipChange(change) {
      return (await call(shipChangeRoute, { protocol: v, change })).change;
    },
    async listChanges() {
      return (await call(listChangesRoute, { protocol: v })).changes;
    },
    async loopMetrics(metricsOptions = {}) {
      return (await call(loopMetricsRoute, { protocol: v, ...metricsOptions })).metrics;
    },
    async cxReport(query) {
      return (await call(cxReportRoute, { protocol: v, query })).report;
    },
    async cxTargets() {
      const { targets } = await call(cxTargetsRoute, { protocol: v });
      return { targets };
    },
    async setCxTargets({ targets }) {
      return { targets: (await call(setCxTargetsRoute, { protocol: v, targets })).targets };
    },
    async cxResponses(query) {
      const { items, total, next } = await call(cxResponsesRoute, { protocol: v, query });
      return next === undefined ? { items, total } : { items, total, next };
    },
    async exportCustomer(customerId) {
      return (await call(exportCustomerRoute, { protocol: v, customerId })).export;
    },
    async deleteCustomer(customerId) {
      return (await call(deleteCustomerRoute, { protocol: v, customerId })).deletion;
    },
  };
}
