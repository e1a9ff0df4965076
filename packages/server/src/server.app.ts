import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type BackendPort,
  type Caller,
  type CustomerDataPort,
  type CxReportQuery,
  createMemoryBackend,
  createProtocolHandler,
  cxReportCsv,
  type InboxQuery,
  inboxCsvHeader,
  inboxCsvRow,
  type JourneyConfigInput,
  MAX_INBOX_PAGE_SIZE,
  PROTOCOL_VERSION,
  type ProtocolErrorCode,
  type ProtocolRequest,
  parseJourneyConfig,
  type Redact,
  type TeamPort,
  ValidationError,
  type Values,
  type WebhookDeliveriesPage,
  type WebhookDeliveriesQuery,
} from '@palaute/engine';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { type AuthOptions, createAuthenticate, Unauthorized } from './server.auth';
import {
  type Allowance,
  type BucketOptions,
  createRateLimiter,
  type RateLimiter,
} from './server.limits';
import { withContactPolicy } from './server.policy';
import { type CustomerProfileResolver, withCustomerProfiles } from './server.profiles';

/** Rate limits; `false` turns one off. */
export interface RateLimitOptions {
  /** Per signed-in customer. @default { burst: 60, perSecond: 1 } */
  customer?: BucketOptions | false | undefined;
  /** Per client IP address (when known: see `clientIp`). @default { burst: 300, perSecond: 5 } */
  ip?: BucketOptions | false | undefined;
  /**
   * Per signed-in customer and kind of board write, on top of `customer`: ideas suggested,
   * comments, and votes (on `/v1/board/votes` and each `vote` of a `/v1/deliveries` batch). A
   * refused write is answered 429 with `Retry-After` (the outbox sends it again then); `false`
   * turns them all off. @default { ideas: { burst: 10, perSecond: 1 / 360 }, comments: { burst: 30, perSecond: 1 / 60 }, votes: { burst: 120, perSecond: 0.5 } }
   */
  board?: BoardRateLimits | false | undefined;
}

/** The board's write limits per customer, one bucket per kind; `false` turns one off. */
export interface BoardRateLimits {
  /** Ideas and bug reports suggested. @default { burst: 10, perSecond: 1 / 360 } (10 an hour) */
  ideas?: BucketOptions | false | undefined;
  /** Comments. @default { burst: 30, perSecond: 1 / 60 } (a minute each) */
  comments?: BucketOptions | false | undefined;
  /** Votes and withdrawn votes. @default { burst: 120, perSecond: 0.5 } */
  votes?: BucketOptions | false | undefined;
}

/** A kind of board write limited per customer (see {@link BoardRateLimits}). */
export type BoardWriteKind = keyof BoardRateLimits;

/** The default bucket of each kind of board write. */
export const BOARD_RATE_LIMITS: Record<BoardWriteKind, BucketOptions> = {
  ideas: { burst: 10, perSecond: 1 / 360 },
  comments: { burst: 30, perSecond: 1 / 60 },
  votes: { burst: 120, perSecond: 0.5 },
};

/**
 * How many board writes of each kind a customer request makes: one for a suggested idea, a comment
 * or a vote, and one per `vote` item of a delivery batch (read defensively: the handler validates
 * the batch afterwards, item by item).
 */
export function boardWritesOf(path: string, body: string): Partial<Record<BoardWriteKind, number>> {
  switch (path.replace(/\/+$/, '')) {
    case '/v1/board/ideas':
      return { ideas: 1 };
    case '/v1/board/comments':
      return { comments: 1 };
    case '/v1/board/votes':
      return { votes: 1 };
    case '/v1/deliveries': {
      if (!body.includes('"vote"')) return {};
      try {
        const items: unknown = (JSON.parse(body) as { items?: unknown } | null)?.items;
        if (!Array.isArray(items)) return {};
        const votes = items.filter(
          (item) => (item as { kind?: unknown } | null)?.kind === 'vote',
        ).length;
        return votes > 0 ? { votes } : {};
      } catch {
        return {};
      }
    }
    default:
      return {};
  }
}

/** Options of {@link createServer}. */
export interface ServerOptions extends AuthOptions {
  /** Storage for customer operations. @default createMemoryBackend() */
  backend?: BackendPort;
  /** Storage for team operations; team routes answer 404 without. @default the memory backend's `team` (no `backend` given) */
  team?: TeamPort;
  /** Data rights (export and delete one customer); 404 without. @default the memory backend (no `backend` given) */
  customerData?: CustomerDataPort;
  /**
   * The journey a host gives `createPalaute` (surveys, touchpoints, asks, contact policy). With it,
   * the server refuses displays and answers the policy would not allow (see the README).
   */
  journey?: JourneyConfigInput;
  /** The customer's attributes, for the asks' audiences (else the `audience` rule is the client's). */
  attributes?: (customerId: string) => Values | Promise<Values>;
  /** A PII redaction hook, applied to every free text before it is stored. */
  redact?: Redact;
  /**
   * A signed-in customer's display name, shown with their ideas and comments on the board, when
   * the request carries no signed one (`x-palaute-customer-name`, see `signCustomerName`). Names
   * come from the host, never from what a customer types; without either, posts show no name.
   */
  customerName?: (customerId: string) => string | undefined | Promise<string | undefined>;
  /**
   * Who a customer is for the team: a display name and a company from the host's own records, put
   * on every item the team routes answer (`item.profile`), so the inbox says "Anna Korhonen ·
   * Korhonen Studio" instead of an id. Asked once per customer per request, never stored, never
   * on a customer's route.
   *
   * @example
   * ```ts
   * customerProfile: async (id) => { const user = await users.find(id); return user && { name: user.name, company: user.org }; }
   * ```
   */
  customerProfile?: CustomerProfileResolver;
  /** The public board's settings on this server. */
  board?: BoardServerOptions;
  /** Origins allowed by CORS; none when absent. */
  cors?: { origin: string | string[] };
  /** Larger bodies are refused with 413. @default 256 KB */
  maxBodyBytes?: number;
  /**
   * Requests served at once: past it, a request is answered 503 with `Retry-After: 1` at once (the
   * engine's outbox waits that long) rather than queued until it times out. @default 128
   */
  maxInFlight?: number;
  /** Rate limits per customer and per IP. */
  rateLimits?: RateLimitOptions;
  /**
   * Makes each rate limiter from its bucket. @default in this process's memory, so each instance
   * allows as much ({@link createRateLimiter}); `openServer` on PostgreSQL shares the buckets of
   * every instance through the database (the storage's `rateLimiter`).
   */
  rateLimiter?: (
    scope: 'customer' | 'ip' | `board.${BoardWriteKind}`,
    bucket: BucketOptions & { now: () => number },
  ) => RateLimiter;
  /**
   * The client's IP address, for the per-IP limit. @default the socket's address under Node (the
   * `listen` / `toNodeHandler` adapters); unknown in other fetch hosts, where the per-IP limit is off
   * unless this is given (e.g. from the platform's header).
   */
  clientIp?: (request: Request) => string | undefined;
  /** Where the routes are mounted, e.g. `/api/palaute` in a Next.js catch-all route. @default '/' */
  basePath?: string;
  /**
   * Runs one customer's policy check and write exclusively across server instances (the SQL
   * storage's `exclusive`); `openServer` passes it. Without it, only this process takes turns.
   */
  exclusive?: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /**
   * The webhook delivery log (`GET /v1/team/webhooks/deliveries`); 404 without. `openServer` passes
   * its storage's.
   */
  webhookDeliveries?: (query: WebhookDeliveriesQuery) => Promise<WebhookDeliveriesPage>;
  /** Called by `close()`: the storage's own close. */
  onClose?: () => Promise<void> | void;
  /** The clock, in ms (rate limits, the contact policy). @default Date.now */
  now?: () => number;
}

/** The public board's settings on a server. */
export interface BoardServerOptions {
  /**
   * Who may read the board: only signed-in customers (`customers`), or anyone the host lets in
   * (`anyone`): a request carrying the publishable key but no customer reads the board, its
   * threads, roadmap and changelog as a visitor, who sees what every customer sees and posts
   * nothing. @default 'customers'
   */
  readers?: 'customers' | 'anyone';
}

/** A running server: a Hono app, its `fetch` for any fetch host, and `close()`. */
export interface PalauteServer {
  /** The Hono app (mount it in a larger Hono app with `app.route`). */
  app: Hono;
  /** The fetch handler: Next.js route handlers, Bun, Deno, Cloudflare, `@hono/node-server`. */
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>;
  /** Closes the storage given in `onClose`. */
  close(): Promise<void>;
}

/** The engine's committed OpenAPI document, read once. */
function loadOpenApi(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@palaute/engine/openapi.json'), 'utf8');
}

/**
 * A CX report query from a URL's parameters: `query` as JSON, or `from`, `to`, `granularity`,
 * `touchpoints` (comma-separated), `compareFrom` and `compareTo`; validated by the report itself.
 */
function cxReportQueryFromUrl(params: URLSearchParams): unknown {
  const whole = params.get('query');
  if (whole !== null) {
    try {
      return JSON.parse(whole);
    } catch {
      throw new ValidationError([{ path: 'query', message: 'must be JSON' }], 'CX report query');
    }
  }
  const touchpoints = params.get('touchpoints');
  const compareFrom = params.get('compareFrom');
  const compareTo = params.get('compareTo');
  return {
    period: { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined },
    ...(params.get('granularity') ? { granularity: params.get('granularity') } : {}),
    ...(touchpoints ? { touchpoints: touchpoints.split(',') } : {}),
    ...(compareFrom || compareTo ? { compareTo: { from: compareFrom, to: compareTo } } : {}),
  };
}

/** The most rows the inbox CSV holds; past it, `x-palaute-truncated: true`. */
export const MAX_INBOX_CSV_ROWS = 50_000;

/**
 * An inbox query from a URL's parameters: `query` as JSON, or one by one: `status`
 * (comma-separated), `touchpointId`, `olderThanHours`, `text`, `tag` (again for each tag),
 * `assignee` (`unassigned` for none; `assigneeId` for a member literally named so), `sort`, `kind`,
 * `feedbackKind` (the launcher's kind; `none` for feedback without one) and `segment.<key>` (texts; `segment` as JSON for typed values). Validated by the inbox itself.
 */
export function inboxQueryFromUrl(params: URLSearchParams): InboxQuery {
  const whole = params.get('query');
  if (whole !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(whole);
    } catch {
      throw new ValidationError([{ path: 'query', message: 'must be JSON' }], 'inbox query');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ValidationError(
        [{ path: 'query', message: 'must be a JSON object' }],
        'inbox query',
      );
    const { cursor: _cursor, limit: _limit, ...query } = parsed as InboxQuery;
    return query;
  }
  const query: Record<string, unknown> = {};
  const status = params.get('status');
  if (status) query.status = status.split(',');
  for (const key of ['touchpointId', 'text', 'sort', 'kind'] as const) {
    const value = params.get(key);
    if (value !== null) query[key] = value;
  }
  const hours = params.get('olderThanHours');
  if (hours !== null) query.olderThanHours = hours.trim() === '' ? hours : Number(hours);
  const tags = params.getAll('tag');
  if (tags.length > 0) query.tags = tags;
  const assignee = params.get('assignee');
  if (assignee !== null) query.assignee = assignee === 'unassigned' ? null : assignee;
  const feedbackKind = params.get('feedbackKind');
  if (feedbackKind !== null) query.feedbackKind = feedbackKind === 'none' ? null : feedbackKind;
  const assigneeId = params.get('assigneeId');
  if (assigneeId !== null) query.assignee = assigneeId;
  const segmentJson = params.get('segment');
  // Built as entries: a key such as `__proto__` stays a key (`Object.fromEntries`).
  const segment = new Map<string, unknown>();
  if (segmentJson !== null) {
    try {
      const parsed: unknown = JSON.parse(segmentJson);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw parsed;
      for (const [key, value] of Object.entries(parsed)) segment.set(key, value);
    } catch {
      throw new ValidationError(
        [{ path: 'segment', message: 'must be a JSON object' }],
        'inbox query',
      );
    }
  }
  for (const [key, value] of params)
    if (key.startsWith('segment.') && key.length > 8) segment.set(key.slice(8), value);
  if (segment.size > 0) query.segment = Object.fromEntries(segment);
  return query as InboxQuery;
}

/**
 * The answers this module made with {@link securityHeaders} already set: the middleware that
 * adds them to every other answer leaves these alone, so their headers stay a plain object the
 * Node adapter writes as it is (reading `Response.headers` would build a `Headers` per request).
 */
const secured = new WeakSet<Response>();

/**
 * What every answer carries, given its content type and whether it names its own caching: never
 * sniffed as another type (`nosniff`), JSON never run as a document (a `default-src 'none'`
 * policy), nothing kept in a cache unless the answer says so (`no-store`).
 */
function securityHeaders(type: string | undefined, cached: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    ...(type !== undefined && /^application\/json\b/.test(type)
      ? { 'content-security-policy': "default-src 'none'" }
      : {}),
    ...(cached ? {} : { 'cache-control': 'no-store' }),
  };
}

/** An answer of this module: `body` with `status` and `headers` (lower case), secured. */
function answerOf(status: number, body: string | null, headers: Record<string, string>) {
  const response = new Response(body, {
    status,
    headers: {
      ...headers,
      ...securityHeaders(headers['content-type'], headers['cache-control'] !== undefined),
    },
  });
  secured.add(response);
  return response;
}

/** A 400 answer naming every problem of a bad query. */
const invalidRequest = (error: ValidationError) =>
  answerOf(
    400,
    JSON.stringify({
      protocol: PROTOCOL_VERSION,
      error: { code: 'invalid_request', message: error.message, problems: error.problems },
    }),
    { 'content-type': 'application/json; charset=utf-8' },
  );

/** An error answer in the protocol's shape. */
const errorResponse = (
  status: number,
  code: ProtocolErrorCode | (string & {}),
  message: string,
  headers: Record<string, string> = {},
) =>
  answerOf(status, JSON.stringify({ protocol: PROTOCOL_VERSION, error: { code, message } }), {
    'content-type': 'application/json; charset=utf-8',
    ...headers,
  });

/** Whether the Node adapter (`listen`, `toNodeHandler`) passed its `incoming` request. */
const fromNode = (c: Context): boolean =>
  (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;

/** The socket's address, when the Node adapter passed its `incoming` request. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * The reference server: the engine's protocol on Hono, with signed customer ids, named team
 * credentials, the contact policy enforced, rate limits, data rights and PII redaction.
 *
 * @example
 * const server = createServer({ secret, publishableKey, teamTokens: [{ token, id: 'anna', name: 'Anna' }] });
 * export const POST = server.fetch; // any fetch host
 */
export function createServer(options: ServerOptions): PalauteServer {
  const now = options.now ?? Date.now;
  // Without a backend, everything lives in memory; with one, team and data rights come with it.
  const journey = options.journey ? parseJourneyConfig(options.journey) : undefined;
  const memory = options.backend
    ? undefined
    : createMemoryBackend({
        now: () => new Date(now()),
        ...(journey ? { cx: { surveys: journey.surveys, touchpoints: journey.touchpoints } } : {}),
      });
  const store = options.backend ?? (memory as BackendPort);
  const team = options.team ?? memory?.team;
  const customerData = options.customerData ?? memory;
  const backend = journey
    ? withContactPolicy(store, {
        journey,
        now,
        ...(options.attributes ? { attributes: options.attributes } : {}),
        ...(options.exclusive ? { exclusive: options.exclusive } : {}),
      })
    : store;
  const authenticate = createAuthenticate(options);
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const { customerName } = options;
  // Who sent each request, as the `/v1/*` route established it before calling the handler.
  const authenticated = new WeakMap<ProtocolRequest, Caller>();
  const authenticateOnce = (request: ProtocolRequest): Caller =>
    authenticated.get(request) ?? authenticate(request);
  const handler = createProtocolHandler({
    backend,
    ...(team
      ? {
          team: options.customerProfile
            ? withCustomerProfiles(team, options.customerProfile)
            : team,
        }
      : {}),
    ...(customerData ? { customerData } : {}),
    // The host's name for a customer: signed with the request, else looked up.
    authenticate: customerName
      ? async (request) => {
          const caller = authenticateOnce(request);
          if (caller.kind !== 'customer' || caller.name !== undefined) return caller;
          const name = await customerName(caller.customerId);
          return name ? { ...caller, name } : caller;
        }
      : authenticateOnce,
    boardReaders: options.board?.readers ?? 'customers',
    maxBodyBytes,
    ...(options.redact ? { redact: options.redact } : {}),
  });
  const limits = options.rateLimits ?? {};
  const makeLimiter = options.rateLimiter ?? ((_scope, bucket) => createRateLimiter(bucket));
  const perCustomer =
    limits.customer === false
      ? undefined
      : makeLimiter('customer', { ...(limits.customer ?? { burst: 60, perSecond: 1 }), now });
  const perIp =
    limits.ip === false
      ? undefined
      : makeLimiter('ip', { ...(limits.ip ?? { burst: 300, perSecond: 5 }), now });
  const boardLimits = limits.board === false ? {} : (limits.board ?? {});
  const perBoardWrite = new Map<BoardWriteKind, RateLimiter>();
  for (const kind of ['ideas', 'comments', 'votes'] as const) {
    const bucket = boardLimits[kind];
    if (limits.board === false || bucket === false) continue;
    perBoardWrite.set(
      kind,
      makeLimiter(`board.${kind}`, { ...(bucket ?? BOARD_RATE_LIMITS[kind]), now }),
    );
  }

  let openapi: string | undefined;
  const app = new Hono().basePath(options.basePath ?? '/');
  app.onError(() => errorResponse(500, 'internal', 'Something went wrong on the server.'));
  // A fixed message: a path echoed back is the requester's text in our answer.
  app.notFound(() => errorResponse(404, 'not_found', 'No such route.'));
  // Every answer (those made by answerOf carry them already): never sniffed as another type; JSON
  // never runs as a document; nothing personal (every protocol answer, every error) kept in a cache.
  app.use('*', async (c, next) => {
    await next();
    if (secured.has(c.res)) return;
    const headers = c.res.headers;
    const added = securityHeaders(
      headers.get('content-type') ?? undefined,
      headers.has('cache-control'),
    );
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
  });
  if (options.cors) {
    app.use(
      '*',
      cors({
        origin: options.cors.origin,
        allowHeaders: [
          'content-type',
          'authorization',
          'idempotency-key',
          'x-palaute-key',
          'x-palaute-customer',
          'x-palaute-customer-name',
        ],
        exposeHeaders: ['retry-after'],
      }),
    );
  }
  app.get('/openapi.json', (c) => {
    openapi ??= loadOpenApi();
    // The same document for everyone: it may be cached.
    return c.body(openapi, 200, {
      'content-type': 'application/json',
      'cache-control': 'public, max-age=300',
    });
  });
  // Load shedding: a bounded number of requests at once, the rest told when to come back.
  const maxInFlight = options.maxInFlight ?? 128;
  let inFlight = 0;
  app.use('/v1/*', async (_c, next) => {
    if (inFlight >= maxInFlight)
      return errorResponse(503, 'unavailable', 'The server is busy; try again in 1 s.', {
        'retry-after': '1',
      });
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  });
  // The per-IP limit comes first: it also spares the server from reading a flood's bodies.
  app.use('/v1/*', async (c, next) => {
    const ip = options.clientIp ? options.clientIp(c.req.raw) : socketAddress(c);
    if (perIp && ip) {
      const allowance = await spend(perIp, ip);
      if (!allowance.allowed)
        return errorResponse(
          429,
          'rate_limited',
          `Too many requests from this address; try again in ${allowance.retryAfterSeconds} s.`,
          { 'retry-after': String(allowance.retryAfterSeconds) },
        );
    }
    await next();
  });
  const tooLarge = () =>
    errorResponse(413, 'payload_too_large', `The body is over ${maxBodyBytes} bytes.`);
  const limitBody = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use('/v1/*', async (c, next) => {
    // Under Node a body with a length is judged by its `Content-Length`, as `bodyLimit` judges
    // it, without asking for `c.req.raw.body`: that would make the adapter build a web `Request`
    // and read the body through a web stream, a tenth of a single response's CPU. Anything else
    // (a chunked body, another fetch host) goes through `bodyLimit` itself.
    const method = c.req.method;
    if (fromNode(c) && method !== 'GET' && method !== 'HEAD') {
      const length = c.req.header('content-length');
      if (length !== undefined && c.req.header('transfer-encoding') === undefined)
        return Number.parseInt(length || '0', 10) > maxBodyBytes ? tooLarge() : await next();
    }
    return limitBody(c, next);
  });
  /** A GET team route's refusal of its caller (401, 403), or `undefined` for a team member. */
  const refuseNonTeam = (c: Context, path: string): Response | undefined => {
    const request: ProtocolRequest = {
      method: 'GET',
      path,
      headers: { get: (name: string) => c.req.header(name) },
      body: '',
    };
    let caller: Caller;
    try {
      caller = authenticate(request);
    } catch (error) {
      if (error instanceof Unauthorized) return errorResponse(401, 'unauthorized', error.message);
      throw error;
    }
    if (caller.kind === 'anonymous')
      return errorResponse(401, 'unauthorized', 'Team routes need a team credential.');
    if (caller.kind !== 'team')
      return errorResponse(403, 'forbidden', 'Team routes need a team credential.');
    return undefined;
  };
  // The CX report as CSV, for a spreadsheet: a GET with the query in the URL, either whole as JSON
  // (`?query={…}`) or as `from`, `to`, `granularity`, `touchpoints` (comma-separated),
  // `compareFrom` and `compareTo`. A team credential, like every team route.
  app.get('/v1/team/cx-report.csv', async (c) => {
    const refused = refuseNonTeam(c, '/v1/team/cx-report.csv');
    if (refused) return refused;
    if (!team?.cxReport) return errorResponse(404, 'not_found', 'No CX report on this server.');
    const url = new URL(c.req.url);
    let query: unknown;
    try {
      query = cxReportQueryFromUrl(url.searchParams);
      const report = await team.cxReport(query as CxReportQuery);
      return answerOf(200, cxReportCsv(report), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="cx-report-${report.query.period.from}-${report.query.period.to}.csv"`,
      });
    } catch (error) {
      if (error instanceof ValidationError) return invalidRequest(error);
      throw error;
    }
  });
  // The inbox as CSV, for a spreadsheet: every item matching the filters, in the inbox's order (no
  // paging: `cursor` and `limit` are not taken). The filters go in the URL, whole as JSON
  // (`?query={…}`) or one by one (see `inboxQueryFromUrl`).
  app.get('/v1/team/inbox.csv', async (c) => {
    const refused = refuseNonTeam(c, '/v1/team/inbox.csv');
    if (refused) return refused;
    if (!team) return errorResponse(404, 'not_found', 'This server has no team routes.');
    try {
      const query = inboxQueryFromUrl(new URL(c.req.url).searchParams);
      const lines = [inboxCsvHeader()];
      let rows = 0;
      let page = await team.listFeedback({ ...query, limit: MAX_INBOX_PAGE_SIZE });
      for (;;) {
        for (const item of page.items) lines.push(inboxCsvRow(item));
        rows += page.items.length;
        if (!page.next || rows >= MAX_INBOX_CSV_ROWS) break;
        page = await team.listFeedback({ ...query, limit: MAX_INBOX_PAGE_SIZE, cursor: page.next });
      }
      const stamp = new Date(now()).toISOString().slice(0, 10);
      return answerOf(200, lines.join(''), {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="palaute-inbox-${stamp}.csv"`,
        // Whether the file holds every item that matched.
        'x-palaute-truncated': page.next ? 'true' : 'false',
      });
    } catch (error) {
      if (error instanceof ValidationError) return invalidRequest(error);
      throw error;
    }
  });
  // The webhook delivery log, newest first: `state`, `endpoint`, `eventType`, `limit`, `cursor`.
  app.get('/v1/team/webhooks/deliveries', async (c) => {
    const refused = refuseNonTeam(c, '/v1/team/webhooks/deliveries');
    if (refused) return refused;
    if (!options.webhookDeliveries)
      return errorResponse(404, 'not_found', 'This server sends no webhooks.');
    const params = new URL(c.req.url).searchParams;
    const query: Record<string, unknown> = {};
    for (const key of ['state', 'endpoint', 'eventType', 'cursor'] as const) {
      const value = params.get(key);
      if (value !== null) query[key] = value;
    }
    const limit = params.get('limit');
    if (limit !== null) query.limit = /^\d{1,4}$/.test(limit) ? Number(limit) : limit;
    try {
      const page = await options.webhookDeliveries(query as WebhookDeliveriesQuery);
      return answerOf(200, JSON.stringify({ protocol: PROTOCOL_VERSION, ...page }), {
        'content-type': 'application/json; charset=utf-8',
      });
    } catch (error) {
      if (error instanceof ValidationError) return invalidRequest(error);
      throw error;
    }
  });
  app.all('/v1/*', async (c) => {
    const path = c.req.path.slice((options.basePath ?? '/').replace(/\/$/, '').length);
    const request: ProtocolRequest = {
      method: c.req.method,
      path,
      headers: { get: (name: string) => c.req.header(name) },
      body: c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text(),
    };
    let caller: Caller;
    try {
      caller = authenticate(request);
    } catch (error) {
      if (error instanceof Unauthorized) return errorResponse(401, 'unauthorized', error.message);
      throw error;
    }
    // The handler asks again: it is told this answer rather than checking the signature twice.
    authenticated.set(request, caller);
    // A visitor of a board readable by anyone is someone the host let in: with its publishable key.
    if (
      caller.kind === 'anonymous' &&
      options.board?.readers === 'anyone' &&
      path.startsWith('/v1/board/') &&
      !keyMatches(c.req.header('x-palaute-key'), options.publishableKey)
    )
      return errorResponse(
        401,
        'unauthorized',
        'Reading the board needs the publishable key (x-palaute-key).',
      );
    if (perCustomer && caller.kind === 'customer') {
      const allowance = await spend(perCustomer, caller.customerId);
      if (!allowance.allowed)
        return errorResponse(
          429,
          'rate_limited',
          `Too many requests for this customer; try again in ${allowance.retryAfterSeconds} s.`,
          { 'retry-after': String(allowance.retryAfterSeconds) },
        );
    }
    if (caller.kind === 'customer' && perBoardWrite.size > 0) {
      for (const [kind, count] of Object.entries(boardWritesOf(path, request.body))) {
        const limiter = perBoardWrite.get(kind as BoardWriteKind);
        if (!limiter) continue;
        for (let taken = 0; taken < (count ?? 0); taken++) {
          const allowance = await spend(limiter, caller.customerId);
          if (!allowance.allowed)
            return errorResponse(
              429,
              'rate_limited',
              `Too many ${kind} from this customer; try again in ${allowance.retryAfterSeconds} s.`,
              { 'retry-after': String(allowance.retryAfterSeconds) },
            );
        }
      }
    }
    const answer = await handler(request);
    return answerOf(answer.status, answer.body, answer.headers);
  });
  return {
    app,
    fetch: (request, env) => app.fetch(request, env),
    close: async () => {
      await options.onClose?.();
    },
  };
}

/** Whether a presented publishable key is the server's, compared in constant time. */
function keyMatches(presented: string | undefined, key: string): boolean {
  const left = createHash('sha256')
    .update(presented ?? '')
    .digest();
  const right = createHash('sha256').update(key).digest();
  return presented !== undefined && timingSafeEqual(left, right);
}

/**
 * Takes a token. A limiter that cannot answer (its database is unreachable) lets the request
 * through rather than refusing everyone; the request then meets the outage on its own terms.
 */
async function spend(limiter: RateLimiter, key: string): Promise<Allowance> {
  try {
    return await limiter.take(key);
  } catch {
    return { allowed: true };
  }
}
