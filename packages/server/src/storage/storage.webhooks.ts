import { randomUUID } from 'node:crypto';
import {
  type WebhookAttempt,
  type WebhookDeliveriesPage,
  type WebhookDeliveriesQuery,
  type WebhookDelivery,
  type WebhookDeliveryState,
  type WebhookEvent,
  type WebhookEventType,
  webhookDeliveriesQuerySchema,
} from '@palaute/engine';
import { checkPayload } from '@palaute/engine/internal';
import { signWebhook, type WebhookEndpoint } from '../server.webhooks';
import { isoOf, jsonb, type Sql, type SqlClient } from './storage.sql';

/** An event as a write makes it: the server gives it its id and time. */
export type WebhookEventInput = WebhookEvent extends infer E
  ? E extends WebhookEvent
    ? Omit<E, 'id' | 'createdAt'>
    : never
  : never;

/**
 * Enqueues an event in the transaction (`db`) of the write that caused it: the event is stored, and
 * a delivery for each endpoint that takes its type, so both commit, or neither does. `customerId`
 * names whose data it holds (deleted with the rest of theirs).
 */
export type EmitWebhook = (
  db: SqlClient,
  event: WebhookEventInput,
  customerId: string | undefined,
) => Promise<void>;

/** The enqueuer for these endpoints; `undefined` when there are none (nothing is stored). */
export function createWebhookEnqueuer(
  endpoints: readonly Pick<WebhookEndpoint, 'id' | 'events'>[],
  now: () => Date,
): EmitWebhook | undefined {
  if (endpoints.length === 0) return undefined;
  return async (db, input, customerId) => {
    const targets = endpoints.filter(
      (endpoint) => !endpoint.events || endpoint.events.includes(input.type),
    );
    if (targets.length === 0) return;
    const createdAt = now().toISOString();
    const event = { id: randomUUID(), type: input.type, createdAt, data: input.data };
    await db.query(
      `INSERT INTO palaute_webhook_events (id, type, customer_id, created_at, document)
       VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb)`,
      [event.id, event.type, customerId ?? null, createdAt, jsonb(event)],
    );
    await db.query(
      `INSERT INTO palaute_webhook_deliveries (event_id, endpoint, created_at, next_at)
       SELECT $1, endpoint, $2::timestamptz, $2::timestamptz
       FROM jsonb_array_elements_text($3::jsonb) AS endpoint`,
      [event.id, createdAt, jsonb(targets.map((endpoint) => endpoint.id))],
    );
  };
}

/** How the worker delivers. */
export interface WebhookWorkerOptions {
  /** Attempts per delivery, the first included; then it is `failed`. @default 8 */
  maxAttempts?: number;
  /** The wait after the first failure; each later one doubles it (with jitter). @default 30000 */
  backoffMs?: number;
  /** The longest wait between two attempts. @default 21600000 (6 hours) */
  maxBackoffMs?: number;
  /** How long a receiver may take to answer. @default 10000 */
  timeoutMs?: number;
  /** How often the queue is looked at. @default 1000 */
  pollMs?: number;
  /** Deliveries under way at once. @default 4 */
  concurrency?: number;
}

/** What the worker needs besides its options. */
interface WorkerContext {
  endpoints: readonly WebhookEndpoint[];
  now: () => Date;
  /** The network: only ever called with a configured endpoint's URL. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** A number in [0, 1) for the jitter. @default Math.random */
  random?: () => number;
}

/** A running worker. */
export interface WebhookWorker {
  /** Looks at the queue now and delivers what is due; resolves when that round is done. */
  runOnce(): Promise<void>;
  /** Stops polling and waits for the deliveries under way. */
  stop(): Promise<void>;
}

/**
 * The wait before attempt `attempt + 1` after `attempt` failed ones: `backoffMs` doubled per
 * failure, at most `maxBackoffMs`, and between half and all of it ("equal jitter"), so receivers
 * that come back from an outage are not hit by every sender at once.
 */
export function webhookBackoff(
  attempt: number,
  options: { backoffMs: number; maxBackoffMs: number; random: () => number },
): number {
  const full = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (full / 2) * options.random());
}

interface DueRow {
  seq: string | number;
  endpoint: string;
  attempts: WebhookAttempt[];
  document: WebhookEvent;
}

/**
 * Starts the delivery worker: it polls the queue, leases what is due (so several server instances
 * on one PostgreSQL never deliver one attempt twice at once: `FOR UPDATE SKIP LOCKED`), POSTs each
 * event, signed, to its endpoint with a timeout, and records the attempt. A 2xx answer delivers it;
 * anything else (another status, a redirect, no answer) is tried again after a growing, jittered
 * wait, at most `maxAttempts` times, then it is `failed`. Delivery is at least once: a receiver
 * that answers too late gets the event again, with the same event id.
 */
export function startWebhookWorker(
  db: Sql,
  context: WorkerContext,
  options: WebhookWorkerOptions = {},
): WebhookWorker {
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = {
    backoffMs: options.backoffMs ?? 30_000,
    maxBackoffMs: options.maxBackoffMs ?? 6 * 3_600_000,
    random: context.random ?? Math.random,
  };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 4;
  const send = context.fetch ?? globalThis.fetch;
  const byId = new Map(context.endpoints.map((endpoint) => [endpoint.id, endpoint]));
  const ids = [...byId.keys()];
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let round: Promise<void> = Promise.resolve();

  const attempt = async (row: DueRow): Promise<WebhookAttempt> => {
    const endpoint = byId.get(row.endpoint) as WebhookEndpoint;
    const body = JSON.stringify(row.document);
    const started = Date.now();
    const at = context.now().toISOString();
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const answer = await send(endpoint.url, {
        method: 'POST',
        // A redirect would send the event somewhere not configured: it is a failure instead.
        redirect: 'manual',
        signal: controller.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'palaute-webhooks/1',
          'palaute-event-id': row.document.id,
          'palaute-event-type': row.document.type,
          'palaute-delivery': String(row.seq),
          'palaute-attempt': String(row.attempts.length + 1),
          'palaute-signature': signWebhook(endpoint.secret, body, context.now().getTime()),
        },
        body,
      });
      // The answer's body is not read: release it.
      await answer.body?.cancel().catch(() => {});
      const durationMs = Date.now() - started;
      return answer.status >= 200 && answer.status < 300
        ? { at, status: answer.status, durationMs }
        : { at, status: answer.status, durationMs, error: `HTTP ${answer.status}` };
    } catch (error) {
      const durationMs = Date.now() - started;
      const why = controller.signal.aborted
        ? `timed out after ${timeoutMs} ms`
        : `no answer (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name})`;
      return { at, status: null, durationMs, error: why.slice(0, 500) };
    } finally {
      clearTimeout(timeout);
    }
  };

  const record = async (row: DueRow, result: WebhookAttempt) => {
    const delivered = result.error === undefined;
    const tries = row.attempts.length + 1;
    const state: WebhookDeliveryState = delivered
      ? 'delivered'
      : tries >= maxAttempts
        ? 'failed'
        : 'pending';
    const next = new Date(context.now().getTime() + webhookBackoff(tries, backoff)).toISOString();
    await db.query(
      `UPDATE palaute_webhook_deliveries
       SET attempts = attempts || $2::jsonb, state = $3, leased_until = NULL,
         next_at = CASE WHEN $3 = 'pending' THEN $4::timestamptz ELSE next_at END,
         delivered_at = CASE WHEN $3 = 'delivered' THEN $5::timestamptz END
       WHERE seq = $1`,
      [row.seq, jsonb([result]), state, next, result.at],
    );
  };

  const runOnce = async () => {
    if (ids.length === 0) return;
    const at = context.now();
    // Leased for longer than an attempt can take: an instance that dies mid-attempt leaves it to
    // be tried again once the lease is over.
    const leasedUntil = new Date(at.getTime() + timeoutMs + 60_000).toISOString();
    const due = await db.query<DueRow>(
      `WITH due AS (
         SELECT seq FROM palaute_webhook_deliveries
         WHERE state = 'pending' AND next_at <= $1::timestamptz
           AND (leased_until IS NULL OR leased_until <= $1::timestamptz)
           AND endpoint IN (SELECT jsonb_array_elements_text($3::jsonb))
         ORDER BY next_at, seq LIMIT $4 FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE palaute_webhook_deliveries AS delivery SET leased_until = $2::timestamptz
         FROM due WHERE delivery.seq = due.seq
         RETURNING delivery.seq, delivery.endpoint, delivery.attempts, delivery.event_id
       )
       SELECT leased.seq, leased.endpoint, leased.attempts, event.document
       FROM leased JOIN palaute_webhook_events AS event ON event.id = leased.event_id
       ORDER BY leased.seq`,
      [at.toISOString(), leasedUntil, jsonb(ids), concurrency],
    );
    await Promise.all(
      due.map(async (row) => {
        await record(row, await attempt(row));
      }),
    );
    // A full round: more may be due now.
    if (due.length === concurrency && !stopped) await runOnce();
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      round = runOnce()
        // The database may be away for a moment: the next round tries again.
        .catch(() => {})
        .finally(schedule);
    }, pollMs);
    timer.unref?.();
  };
  schedule();

  return {
    runOnce: () => {
      round = round.then(runOnce, runOnce);
      return round;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await round.catch(() => {});
    },
  };
}

interface DeliveryRow {
  seq: string | number;
  event_id: string;
  type: WebhookEventType;
  endpoint: string;
  state: WebhookDeliveryState;
  attempts: WebhookAttempt[];
  created_at: unknown;
  next_at: unknown;
  delivered_at: unknown;
}

/**
 * The delivery log, newest first, a page at a time: each delivery's event, endpoint, state and
 * every attempt. A bad query rejects with a `ValidationError` naming its path.
 */
export async function listWebhookDeliveries(
  db: SqlClient,
  query: WebhookDeliveriesQuery = {},
): Promise<WebhookDeliveriesPage> {
  const checked = checkPayload(webhookDeliveriesQuerySchema, query, 'webhook deliveries query');
  const limit = checked.limit ?? 50;
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (checked.state) where.push(`delivery.state = ${param(checked.state)}`);
  if (checked.endpoint) where.push(`delivery.endpoint = ${param(checked.endpoint)}`);
  if (checked.eventType) where.push(`event.type = ${param(checked.eventType)}`);
  if (checked.cursor) where.push(`delivery.seq < ${param(checked.cursor)}::bigint`);
  const rows = await db.query<DeliveryRow>(
    `SELECT delivery.seq, delivery.event_id, event.type, delivery.endpoint, delivery.state,
       delivery.attempts, delivery.created_at, delivery.next_at, delivery.delivered_at
     FROM palaute_webhook_deliveries AS delivery
     JOIN palaute_webhook_events AS event ON event.id = delivery.event_id
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY delivery.seq DESC LIMIT ${param(limit + 1)}`,
    params,
  );
  const deliveries = rows.slice(0, limit).map(
    (row): WebhookDelivery => ({
      id: String(row.seq),
      eventId: row.event_id,
      eventType: row.type,
      endpoint: row.endpoint,
      state: row.state,
      createdAt: isoOf(row.created_at),
      ...(row.state === 'pending' ? { nextAttemptAt: isoOf(row.next_at) } : {}),
      ...(row.delivered_at ? { deliveredAt: isoOf(row.delivered_at) } : {}),
      attempts: row.attempts,
    }),
  );
  const last = deliveries.at(-1);
  return rows.length > limit && last ? { deliveries, next: last.id } : { deliveries };
}
