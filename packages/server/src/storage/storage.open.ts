import {
  type BackendPort,
  type Board,
  cxQuestionsOf,
  defineBoard,
  type TeamPort,
  type WebhookDeliveriesPage,
  type WebhookDeliveriesQuery,
} from '@palaute/engine';
import { type CustomerDataPort, changeOfBoardNotice } from '@palaute/engine/internal';
import { type BucketOptions, createRateLimiter, type RateLimiter } from '../server.limits';
import { type WebhookEndpoint, webhookEndpointsOf } from '../server.webhooks';
import { createSqlBackend } from './storage.backend';
import { boardFeatures, createSqlBoard, type SqlBoardFeatures } from './storage.board';
import { createSqlCx, type SqlCxOptions, syncCxQuestions } from './storage.cx';
import { createSqlTeam } from './storage.feedback';
import { createItemDrain, type ItemDrain } from './storage.items';
import { createSqlRateLimiter } from './storage.limits';
import { createMaintenance, type MaintenanceRun } from './storage.maintenance';
import { migrate } from './storage.migrations';
import { openPglite, openPostgres } from './storage.sql';
import {
  createWebhookEnqueuer,
  listWebhookDeliveries,
  startWebhookWorker,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './storage.webhooks';

/** Options of {@link openStorage}. */
export interface StorageOptions {
  /** A PostgreSQL connection string (`postgres://user:password@host/db`); PGlite when absent. */
  databaseUrl?: string | undefined;
  /** The folder PGlite keeps its data in; in memory when absent (gone when the process ends). */
  dataDir?: string | undefined;
  /** The clock for receipts and team actions. @default () => new Date() */
  now?: (() => Date) | undefined;
  /**
   * What the CX report reads: the journey's surveys (their NPS, CSAT, CES and rating questions
   * are the scores; given, the stored list follows them at start, backfilling new questions from
   * stored responses), its touchpoints (journey order) and CX level defaults.
   */
  cx?: SqlCxOptions | undefined;
  /**
   * Outgoing webhooks: the endpoints events are delivered to. Each event is queued in the
   * transaction of the write that caused it, for every endpoint that takes its type.
   */
  webhooks?: { endpoints: readonly WebhookEndpoint[] } | undefined;
  /** The public board's definition. @default `defineBoard({ id: 'ideas' })` */
  board?: Board | undefined;
  /**
   * How long after a response is stored its feedback item is made, at most, in milliseconds (the
   * item drain's interval: writes within it share one batch). A read that depends on items (the
   * inbox, a customer's feedback, exports, CX reports, erasure) makes every item still to be made
   * first, so it never waits for this. @default 20
   */
  itemDelayMs?: number | undefined;
  /**
   * On PGlite, which has no autovacuum, how often the storage does its routine work, in
   * milliseconds: the tables past autovacuum's thresholds vacuumed and analyzed, and the search
   * indexes' pending entries merged (see `createMaintenance`). PostgreSQL's own autovacuum does
   * this there. @default 60000
   */
  maintenanceIntervalMs?: number | undefined;
}

/**
 * Each method of `port`, run after `drain.settle()`: whatever it reads, the item of every response
 * stored before the call is there.
 */
function settledFirst<T extends object>(port: T, drain: ItemDrain, only?: readonly string[]): T {
  const wrapped: Record<string, unknown> = { ...(port as Record<string, unknown>) };
  for (const [name, value] of Object.entries(port as Record<string, unknown>))
    if (typeof value === 'function' && (!only || only.includes(name)))
      wrapped[name] = async (...args: unknown[]) => {
        await drain.settle();
        return value.apply(port, args);
      };
  return wrapped as T;
}

/** The server's storage: the customer and team ports, data rights, turn-taking, rate limits, closing. */
export interface ServerStorage extends CustomerDataPort {
  /** Which database it is on. */
  kind: 'pglite' | 'postgres';
  /**
   * What the board found in the database: `trigrams` is false where `pg_trgm` could not be
   * installed (similar ideas then match by full text only), `language` is the text search
   * configuration used (`simple` when the board's language has none).
   */
  boardFeatures: SqlBoardFeatures;
  /** The customer's operations, every optional one included. */
  backend: Required<BackendPort>;
  /** The team's operations, every optional one included. */
  team: Required<TeamPort>;
  /**
   * Runs `work` while no other process sharing the database runs work under the same key (a
   * PostgreSQL advisory lock; PGlite serves one process). The contact policy judges one customer's
   * asks under it, so several instances cannot each let one through at once.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * A rate limiter for `scope` (`customer`, `ip`): on PostgreSQL its buckets are in the database, so
   * every instance spends from the same one; on PGlite (one process) they are in memory.
   */
  rateLimiter(scope: string, bucket: BucketOptions & { now?: () => number }): RateLimiter;
  /** The webhook delivery log, newest first (empty without webhooks). */
  webhookDeliveries(query?: WebhookDeliveriesQuery): Promise<WebhookDeliveriesPage>;
  /**
   * Starts delivering the queued webhooks (see `startWebhookWorker`); stopped by `close()`. Without
   * endpoints it does nothing.
   */
  startWebhooks(
    options?: WebhookWorkerOptions & { fetch?: typeof fetch; random?: () => number },
  ): WebhookWorker;
  /**
   * Makes the feedback item of every response stored so far (by any instance) that has none yet:
   * what every read that depends on items does first. Responses are stored alone, and their items
   * made after them in batches, within `itemDelayMs`.
   */
  settleItems(): Promise<void>;
  /**
   * Runs PGlite's routine maintenance now (what `maintenanceIntervalMs` runs: the changed tables
   * vacuumed and analyzed, the search indexes' pending entries merged), as after a bulk import;
   * resolves with what it did. On PostgreSQL its autovacuum does this, and nothing is done here.
   */
  maintain(): Promise<MaintenanceRun>;
  /**
   * Closes the database or the pool (after stopping the webhook worker, the item drain and, on
   * PGlite, the routine maintenance).
   */
  close(): Promise<void>;
}

/** The tables the CX report reads: its covering indexes and rollups (vacuumed on PGlite). */
const CX_REPORT_TABLES = [
  'palaute_item_work',
  'palaute_item_stays',
  'palaute_item_durations',
  'palaute_cx_days',
  'palaute_cx_months',
  'palaute_display_days',
];

/**
 * Opens the server's SQL storage and brings its schema up to date: PGlite (embedded PostgreSQL)
 * kept in `dataDir` by default, PostgreSQL when `databaseUrl` is set. One SQL dialect for both;
 * migrations run at start under an advisory lock, so many stateless server instances may share one
 * PostgreSQL.
 *
 * @example
 * ```ts
 * const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, dataDir: './data' });
 * const server = createServer({ backend: storage.backend, team: storage.team, secret, teamToken, publishableKey });
 * ```
 */
export async function openStorage(options: StorageOptions = {}): Promise<ServerStorage> {
  const now = options.now ?? (() => new Date());
  const sql = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(options.dataDir);
  try {
    const applied = await migrate(sql);
    // PGlite has no autovacuum: its planner statistics and visibility map are only what was last
    // made by hand. After migrations on a database that held data (not a new one: migration 1 ran
    // now), new tables, indexes and rewritten rows have neither, and the CX report's covering
    // indexes (migrations 17 and 18) would fetch every row from the heap or not be used at all.
    // Only the report's tables: the whole database took four times as long (bench/RESULTS.md).
    if (sql.kind === 'pglite' && applied.length > 0 && !applied.includes(1))
      await sql.exec(`VACUUM ANALYZE ${CX_REPORT_TABLES.join(', ')}`);
    if (options.cx?.surveys) await syncCxQuestions(sql, cxQuestionsOf(options.cx.surveys));
  } catch (error) {
    await sql.close();
    throw error;
  }
  const definition = options.board ?? defineBoard({ id: 'ideas' });
  let features: SqlBoardFeatures;
  try {
    features = await boardFeatures(sql, definition);
  } catch (error) {
    await sql.close();
    throw error;
  }
  const board = createSqlBoard(sql, now, definition, features, async (tx, customerId, notice) => {
    // The inbox's notices: listed at the next touchpoint under the contact policy, once each; not
    // when an item of this customer's shipped in the same change (its notice told them already).
    await tx.query(
      `INSERT INTO palaute_notices (customer_id, notice_id, document)
       SELECT $1, $2, $3::jsonb WHERE NOT EXISTS (
         SELECT 1 FROM palaute_notices n JOIN palaute_items i ON i.id = n.item_id
         WHERE n.customer_id = $1 AND i.document ->> 'changeId' = $4::text)
       ON CONFLICT DO NOTHING`,
      [customerId, notice.id, JSON.stringify(notice), changeOfBoardNotice(notice.id) ?? null],
    );
  });
  const endpoints = webhookEndpointsOf(options.webhooks?.endpoints ?? []);
  const emit = createWebhookEnqueuer(endpoints, now);
  // Responses are stored alone; their items follow, made in batches (storage.items.ts), and
  // before every read that depends on them. Rows a stopped process left are drained at start.
  const drain = createItemDrain(sql, { emit, delayMs: options.itemDelayMs });
  drain.written([]);
  const maintenance =
    sql.kind === 'pglite'
      ? createMaintenance(sql, { intervalMs: options.maintenanceIntervalMs ?? 60_000 })
      : undefined;
  const backend = createSqlBackend(sql, now, emit, board, drain);
  const workers: WebhookWorker[] = [];
  const exportCustomer: CustomerDataPort['exportCustomer'] = async (customerId) => ({
    ...(await backend.exportCustomer(customerId)),
    board: await board.rights.exportOf(customerId),
  });
  const deleteCustomer: CustomerDataPort['deleteCustomer'] = async (customerId) => {
    const forgotten = await board.rights.forget(customerId);
    const deletion = await backend.deleteCustomer(customerId);
    return {
      ...deletion,
      board: {
        votes: forgotten.votes,
        ideasAnonymised: forgotten.ideas,
        commentsAnonymised: forgotten.comments,
      },
    };
  };
  return {
    kind: sql.kind,
    boardFeatures: features,
    backend: { ...backend, board: settledFirst(board.customer, drain, ['suggestIdea']) },
    team: {
      ...settledFirst(createSqlTeam(sql, now, emit), drain),
      ...settledFirst(createSqlCx(sql, now, options.cx), drain),
      board: settledFirst(board.team, drain),
    },
    webhookDeliveries: async (query) => {
      await drain.settle();
      return listWebhookDeliveries(sql, query);
    },
    startWebhooks({ fetch, random, ...workerOptions } = {}) {
      const worker = startWebhookWorker(
        sql,
        { endpoints, now, ...(fetch ? { fetch } : {}), ...(random ? { random } : {}) },
        workerOptions,
      );
      workers.push(worker);
      return worker;
    },
    exportCustomer,
    deleteCustomer,
    settleItems: () => drain.settle(),
    maintain: async () => (await maintenance?.run()) ?? { vacuumed: [], analyzed: [], cleaned: [] },
    exclusive: (key, work) => sql.exclusive(key, work),
    rateLimiter: (scope, bucket) =>
      sql.kind === 'postgres'
        ? createSqlRateLimiter(sql, { ...bucket, scope })
        : createRateLimiter(bucket),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await drain.stop();
      await maintenance?.stop();
      await sql.close();
    },
  };
}
