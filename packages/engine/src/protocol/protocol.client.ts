import type * as z from 'zod/mini';
import type { BackendPort } from '../backend/backend.port';
import { deliveryKey } from '../records/records.keys';
import type { DeliveryItem } from '../records/records.schema';
import { HttpError } from './protocol.errors';
import type { CustomerRoutes } from './protocol.schema';
import { digest, PROTOCOL_VERSION } from './protocol.utils';

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
  /**
   * How long in all a request the server refused for its rate (429: nothing was done) waits out
   * its `Retry-After` and is sent again before the refusal is the answer, so a view opened in a
   * burst loads a moment later instead of failing. Keyed writes are left to the outbox, which
   * waits on its own; `0` answers every refusal at once. @default 5000
   */
  rateLimitWaitMs?: number;
}

type Schemas = typeof import('./protocol.checks') & typeof import('./protocol.send');

/**
 * Loads the customer routes' schemas and `sendRequest` (`protocol.send.ts`: how a request is sent,
 * its answer read and its failure classified) once, with the first request, so none of it loads
 * before a survey can show. A page that cannot load them (offline, say) gets a retryable network
 * error, and the next request tries again.
 */
function lazySchemas(): () => Promise<Schemas> {
  let loading: Promise<Schemas> | undefined;
  return () => {
    loading ??= Promise.all([import('./protocol.checks'), import('./protocol.send')]).then(
      ([checks, send]) => ({ ...checks, ...send }),
      (error: unknown) => {
        loading = undefined;
        throw new HttpError({
          status: 0,
          code: 'network',
          message: `The protocol's schemas could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
          retryable: true,
        });
      },
    );
    return loading;
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
  const schemas = lazySchemas();
  const call = async <N extends keyof CustomerRoutes>(
    name: N,
    body: z.input<CustomerRoutes[N]['request']>,
    idempotencyKey?: string,
  ): Promise<z.output<CustomerRoutes[N]['response']>> => {
    const { customerRoutes, protocolChecks, sendRequest } = await schemas();
    return sendRequest(options, protocolChecks, customerRoutes[name], body, idempotencyKey);
  };
  const v = PROTOCOL_VERSION;
  /** One write of `kind`: its payload goes under `field`, its delivery key as the `Idempotency-Key`. */
  const write =
    <K extends DeliveryItem['kind']>(route: keyof CustomerRoutes, kind: K, field: string) =>
    async (payload: Extract<DeliveryItem, { kind: K }>['payload']): Promise<void> => {
      const item = { kind, payload } as DeliveryItem;
      await call(route, { protocol: v, [field]: payload } as never, deliveryKey(item));
    };
  return {
    async submitResponse(response) {
      const key = deliveryKey({ kind: 'response', payload: response });
      return (await call('submitResponse', { protocol: v, response }, key)).receipt;
    },
    submitFollowUp: write('submitFollowUp', 'followUp', 'followUp'),
    recordDisplay: write('recordDisplay', 'display', 'display'),
    recordDismissal: write('recordDismissal', 'dismissal', 'dismissal'),
    submitReply: write('submitReply', 'reply', 'reply'),
    markRead: write('markRead', 'read', 'receipt'),
    markImpactSeen: write('markImpactSeen', 'impactSeen', 'seen'),
    setContactChoice: write('setContactChoice', 'contactChoice', 'choice'),
    async deliver(items) {
      // One key for the whole batch, from every item's key: the same batch again has the same key, and
      // two batches that differ anywhere differ in key (a prefix would let a server that replays
      // answers by `Idempotency-Key` answer a new batch with an old one's results).
      const key = `batch:${items.length}:${digest(items.map(deliveryKey).join('\n'))}`;
      return (await call('deliver', { protocol: v, items }, key)).results;
    },
    async listImpact(query) {
      return (await call('listImpact', { protocol: v, query })).notices;
    },
    async getContactHistory(query) {
      return (await call('getContactHistory', { protocol: v, query })).history;
    },
    async listMyFeedback(query) {
      return (await call('listMyFeedback', { protocol: v, query })).items;
    },
  };
}
