import type { FeedbackItem, FeedbackResponse } from '@palaute/engine';
import { ingestFeedbackItem } from '@palaute/engine/internal';
import { ingest, itemRow } from './storage.feedback';
import type { Sql, SqlClient } from './storage.sql';
import type { EmitWebhook } from './storage.webhooks';

/**
 * Takes up to `$1` rows of responses whose item is still to be made (migration 24), oldest first,
 * deletes them and answers with their keys. `FOR UPDATE` waits for rows another drain holds (then
 * skips those it deleted): a read that drains first sees every item made once it returns.
 * `SKIP LOCKED` (the background drain) leaves them to that drain instead.
 */
const claim = (skipLocked: boolean) => `
  DELETE FROM palaute_pending_items
  WHERE seq IN (
    SELECT seq FROM palaute_pending_items ORDER BY seq LIMIT $1
    FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''})
  RETURNING customer_id, response_id`;

/** The documents of stored responses, by customer (`$1`) and id (`$2`), pairwise. */
const READ_RESPONSES = `
  SELECT document FROM palaute_responses
  WHERE (customer_id, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;

/**
 * The batch's items in one statement, one array per column (the same text for any batch size,
 * so one plan and one prepared statement): a response already holding an item, or an item id
 * another customer's item has, inserts nothing. Its answer names those made.
 */
const INSERT_ITEMS = `
  INSERT INTO palaute_items
    (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
  SELECT made.id, made.customer_id, made.response_id, made.touchpoint_id, made.status,
    made.created_at::timestamptz, made.document::jsonb, made.locale
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[])
    AS made (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
  ON CONFLICT DO NOTHING
  RETURNING customer_id, response_id`;

/** A response's key within this module: its customer's, id. */
const keyOf = (customerId: string, id: string) => `${customerId}\u0000${id}`;

/** Options of {@link drainItemsOnce}. */
export interface DrainBatchOptions {
  /** How many responses at most. */
  limit: number;
  /** Leave rows another drain holds (the background drain) rather than wait for them. */
  skipLocked: boolean;
  /** The webhooks' queue: `feedback.created` for each item made, in the same transaction. */
  emit?: EmitWebhook | undefined;
  /**
   * Responses this process stored, by {@link keyOf}: their documents are not read back from the
   * database (the item is made from the same object as when written with its response).
   */
  known?: ReadonlyMap<string, FeedbackResponse> | undefined;
  /** Filled with the keys of the responses taken. */
  keys?: string[] | undefined;
}

/**
 * Makes the items of one batch of stored responses, in the caller's transaction (`tx`): the
 * batch's rows of migration 24 taken and deleted, the items (as the engine's `ingestFeedbackItem`
 * makes them) inserted in one statement, and the rare item that could not take its response's id
 * made by {@link ingest}, as when written with its response. Should anything fail, the
 * transaction's rollback leaves the rows for the next drain: nothing is lost. Resolves with how
 * many rows it took (0: none left, or all held by another drain).
 */
export async function drainItemsOnce(
  tx: SqlClient,
  { limit, skipLocked, emit, known, keys }: DrainBatchOptions,
): Promise<number> {
  const rows = await tx.query<{ customer_id: string; response_id: string }>(
    claim(skipLocked),
    [limit],
    skipLocked ? 'palaute_pending_claim_skip' : 'palaute_pending_claim',
  );
  const responses: FeedbackResponse[] = [];
  const unknown: { customer_id: string; response_id: string }[] = [];
  for (const row of rows) {
    keys?.push(keyOf(row.customer_id, row.response_id));
    const response = known?.get(keyOf(row.customer_id, row.response_id));
    if (response) responses.push(response);
    else unknown.push(row);
  }
  // Another process's responses (or this one's from before a restart): read from the database; a
  // response erased meanwhile is not there, and gets no item.
  if (unknown.length > 0)
    for (const row of await tx.query<{ document: FeedbackResponse }>(READ_RESPONSES, [
      unknown.map((key) => key.customer_id),
      unknown.map((key) => key.response_id),
    ]))
      responses.push(row.document);
  const made: { response: FeedbackResponse; item: FeedbackItem }[] = [];
  for (const response of responses) {
    const item = ingestFeedbackItem(undefined, { ...response, followUps: [] });
    if (item) made.push({ response, item });
  }
  if (made.length === 0) return rows.length;
  const columns: unknown[][] = Array.from({ length: 8 }, () => []);
  for (const { response, item } of made)
    [...itemRow(item), response.locale ?? null].forEach((value, at) => {
      columns[at]?.push(value);
    });
  const inserted = new Set(
    (
      await tx.query<{ customer_id: string; response_id: string }>(
        INSERT_ITEMS,
        columns,
        'palaute_pending_items_insert',
      )
    ).map((row) => keyOf(row.customer_id, row.response_id)),
  );
  const missed = made.filter(
    ({ response }) => !inserted.has(keyOf(response.customerId, response.id)),
  );
  if (missed.length > 0) {
    // A response whose item was made meanwhile (its follow-up's ingest) keeps it; an item whose id
    // another customer's item has is made under a fresh id, as the transactional write does.
    const holding = new Set(
      (
        await tx.query<{ customer_id: string; response_id: string }>(
          `SELECT customer_id, response_id FROM palaute_items
           WHERE (customer_id, response_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [
            missed.map(({ response }) => response.customerId),
            missed.map(({ response }) => response.id),
          ],
        )
      ).map((row) => keyOf(row.customer_id, row.response_id)),
    );
    for (const { response } of missed)
      if (!holding.has(keyOf(response.customerId, response.id)))
        await ingest(tx, { ...response, followUps: [] }, emit);
  }
  if (emit)
    for (const { response, item } of made)
      if (inserted.has(keyOf(response.customerId, response.id)))
        await emit(tx, { type: 'feedback.created', data: { item } }, item.customerId);
  return rows.length;
}

/**
 * Makes every item still to be made, a batch of `limit` per transaction, until none is left (or,
 * with `skipLocked`, none this drain may take). Resolves with how many responses it took.
 */
export async function drainItems(
  db: Sql,
  options: DrainBatchOptions & {
    /** Called with the keys of each batch's responses once its transaction committed. */
    taken?: ((keys: readonly string[]) => void) | undefined;
  },
): Promise<number> {
  let total = 0;
  for (;;) {
    const keys: string[] = [];
    const taken = await db.transaction((tx) => drainItemsOnce(tx, { ...options, keys }));
    options.taken?.(keys);
    total += taken;
    if (taken < options.limit) return total;
  }
}

/** Whether any response's item is still to be made (rows another drain holds count: not made yet). */
async function anyPending(db: SqlClient): Promise<boolean> {
  const [row] = await db.query<{ pending: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM palaute_pending_items) AS pending',
    [],
    'palaute_pending_any',
  );
  return row?.pending === true;
}

/**
 * The feedback items made after their responses: a response is stored alone, with a row of
 * migration 24 in the same statement, and its item is made by a drain in batches, shortly after
 * (`written`), or before any read that depends on items (`settle`).
 */
export interface ItemDrain {
  /**
   * Tells the drain these responses were stored with their items to be made: it runs soon (with
   * none, it runs to make any left from before).
   */
  written(responses: readonly FeedbackResponse[]): void;
  /**
   * Makes every item still to be made, this process's or another's (waiting for those another
   * drain is making): a read after it sees the item of every response stored before it.
   */
  settle(): Promise<void>;
  /** Stops the timer and waits for a drain under way; rows left wait for the next drain. */
  stop(): Promise<void>;
}

/** Options of {@link createItemDrain}. */
export interface ItemDrainOptions {
  /** The webhooks' queue (`feedback.created` for each item made). */
  emit?: EmitWebhook | undefined;
  /** How long after a write the background drain runs, at most (writes meanwhile join it). @default 20 */
  delayMs?: number | undefined;
  /** Responses per batch (one transaction, one insert of items). @default 500 */
  batchSize?: number | undefined;
}

/** Pending responses in this process at which the background drain runs without waiting. */
const RUN_NOW_AT = 500;

/** After a failed background drain (the database away), the next try, in milliseconds. */
const RETRY_MS = 1000;

/** How long this process keeps a written response's document for the drain, at most. */
const KEEP_MS = 60_000;

/** How many written responses' documents this process keeps for the drain, at most. */
const KEEP_AT_MOST = 20_000;

/**
 * The drain of {@link ItemDrain} on `db`: in the background, once per `delayMs` after writes (a
 * write when none is scheduled starts the timer; at 500 responses waiting it runs at once), one
 * at a time in this process, leaving rows another process's drain holds; before reads, waiting
 * for those. Its timers do not keep the process alive. A failed background drain is tried again
 * after a second; its rows stay in the database meanwhile, and any read drains them first.
 */
export function createItemDrain(db: Sql, options: ItemDrainOptions = {}): ItemDrain {
  const delayMs = options.delayMs ?? 20;
  const limit = options.batchSize ?? 500;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let waiting = 0;
  let again = false;
  let stopped = false;
  // The documents of responses written here and not drained yet (another process's drain may
  // take them, so they are let go after KEEP_MS), oldest first.
  const known = new Map<string, FeedbackResponse>();
  const keptAt = new Map<string, number>();
  const forgetOld = () => {
    const before = Date.now() - KEEP_MS;
    for (const [key, at] of keptAt) {
      if (at >= before) break;
      keptAt.delete(key);
      known.delete(key);
    }
  };
  // On PGlite this process is the database's only writer (one process per data folder), so it
  // knows when nothing is left: every write it told of is older than a drain that found no more.
  // Rows left from before it started count as one write. On PostgreSQL, other instances write.
  const alone = db.kind === 'pglite';
  let writes = 1;
  let drainedUpTo = 0;
  const drainAll = async (skipLocked: boolean) => {
    const upTo = writes;
    await drainItems(db, { limit, skipLocked, emit: options.emit, known, taken: forget });
    drainedUpTo = Math.max(drainedUpTo, upTo);
  };
  const forget = (keys: readonly string[]) => {
    for (const key of keys) {
      known.delete(key);
      keptAt.delete(key);
    }
  };

  const schedule = (ms: number) => {
    if (stopped || timer) return;
    timer = setTimeout(run, ms);
    timer.unref?.();
  };
  const run = () => {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    waiting = 0;
    let failed = false;
    running = drainAll(true)
      .then(
        () => undefined,
        () => {
          failed = true;
        },
      )
      .finally(() => {
        running = undefined;
        forgetOld();
        if (failed) schedule(RETRY_MS);
        else if (again || waiting > 0) {
          again = false;
          schedule(waiting >= RUN_NOW_AT ? 0 : delayMs);
        }
      });
  };

  return {
    written(responses) {
      if (stopped) return;
      if (responses.length > 0) writes += 1;
      const now = Date.now();
      for (const response of responses) {
        if (known.size >= KEEP_AT_MOST) break;
        const key = keyOf(response.customerId, response.id);
        known.set(key, response);
        keptAt.set(key, now);
      }
      waiting += responses.length;
      if (waiting >= RUN_NOW_AT && timer && !running) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (running) again = true;
      else schedule(waiting >= RUN_NOW_AT ? 0 : delayMs);
    },
    async settle() {
      if (alone && drainedUpTo === writes) return;
      const upTo = writes;
      if (!(await anyPending(db))) {
        if (alone) drainedUpTo = Math.max(drainedUpTo, upTo);
        return;
      }
      await drainAll(false);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
