import type {
  Actor,
  Change,
  ChangeInput,
  FeedbackItem,
  InboxQuery,
  LoopMetrics,
  StoredResponse,
  TeamAction,
  TeamPort,
} from '@palaute/engine';
import { computeLoopMetrics } from '@palaute/engine';
import {
  applyTeamAction,
  feedbackNotFound,
  ingestFeedbackItem,
  type StoredNotice,
  selectInbox,
  shipChangeTo,
} from '@palaute/engine/internal';
import { assertStorable, jsonb, type Sql, type SqlClient } from './storage.sql';

const HOUR_MS = 3_600_000;

/** Reads items' documents from rows. */
const itemsOf = (rows: { document: FeedbackItem }[]) => rows.map((row) => row.document);

/** One item, locked for this transaction when `lock` is set. */
export async function readItem(
  db: SqlClient,
  id: string,
  lock = false,
): Promise<FeedbackItem | undefined> {
  const [row] = await db.query<{ document: FeedbackItem }>(
    `SELECT document FROM palaute_items WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row?.document;
}

/** Writes an item back: its document and the columns queries filter on. */
export async function writeItem(db: SqlClient, item: FeedbackItem): Promise<FeedbackItem> {
  await db.query(
    `INSERT INTO palaute_items (id, customer_id, touchpoint_id, status, created_at, document)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document`,
    [item.id, item.customerId, item.touchpointId, item.status, item.createdAt, jsonb(item)],
  );
  return item;
}

/** Makes or refreshes the item of a stored response, as the engine's `ingestFeedbackItem` says. */
export async function ingest(db: SqlClient, response: StoredResponse): Promise<void> {
  const known = await readItem(db, response.id, true);
  const item = ingestFeedbackItem(known, response);
  if (item && item !== known) await writeItem(db, item);
}

/** The items of one customer, oldest first. */
export async function itemsOfCustomer(db: SqlClient, customerId: string): Promise<FeedbackItem[]> {
  return itemsOf(
    await db.query<{ document: FeedbackItem }>(
      'SELECT document FROM palaute_items WHERE customer_id = $1 ORDER BY seq',
      [customerId],
    ),
  );
}

/** The impact notices of one customer, seen or not, in the order they were made. */
export async function noticesOfCustomer(
  db: SqlClient,
  customerId: string,
): Promise<StoredNotice[]> {
  const rows = await db.query<{
    document: StoredNotice['notice'];
    item_id: string | null;
    seen_at: string | null;
  }>('SELECT document, item_id, seen_at FROM palaute_notices WHERE customer_id = $1 ORDER BY seq', [
    customerId,
  ]);
  return rows.map((row) => ({
    notice: row.document,
    ...(row.item_id === null ? {} : { itemId: row.item_id }),
    ...(row.seen_at === null ? {} : { seenAt: row.seen_at }),
  }));
}

/**
 * The team's side on SQL. Every item changes in a transaction that reads its row `FOR UPDATE`,
 * runs the engine's pure lifecycle on it and writes it back, so concurrent servers never lose an
 * update and the guards hold exactly as in the memory backend.
 */
export function createSqlTeam(db: Sql, now: () => Date): TeamPort {
  const at = () => now().toISOString();
  return {
    async listFeedback(query: InboxQuery = {}): Promise<FeedbackItem[]> {
      const current = at();
      const cutoff =
        query.olderThanHours === undefined
          ? null
          : new Date(Date.parse(current) - query.olderThanHours * HOUR_MS).toISOString();
      // SQL narrows by the indexed columns; the engine's selectInbox filters segments and orders.
      const rows = await db.query<{ document: FeedbackItem }>(
        `SELECT document FROM palaute_items
         WHERE ($1::jsonb IS NULL OR status IN (SELECT jsonb_array_elements_text($1::jsonb)))
           AND ($2::text IS NULL OR touchpoint_id = $2)
           AND ($3::timestamptz IS NULL OR created_at <= $3::timestamptz)
         ORDER BY seq`,
        [query.status ? jsonb(query.status) : null, query.touchpointId ?? null, cutoff],
      );
      return selectInbox(itemsOf(rows), query, current);
    },
    async getFeedback(id: string): Promise<FeedbackItem> {
      assertStorable({ id }, 'feedback');
      const item = await readItem(db, id);
      if (!item) throw feedbackNotFound(id);
      return item;
    },
    async act(id: string, action: TeamAction, by: Actor): Promise<FeedbackItem> {
      assertStorable({ id }, 'feedback');
      assertStorable(action, 'action');
      return db.transaction(async (tx) => {
        const item = await readItem(tx, id, true);
        if (!item) throw feedbackNotFound(id);
        return writeItem(tx, applyTeamAction(item, action, by, at()));
      });
    },
    async shipChange(input: ChangeInput, by: Actor): Promise<Change> {
      assertStorable(input, 'change');
      return db.transaction(async (tx) => {
        const shippedAt = at();
        // Locked in id order, so two changes sharing items never deadlock.
        const rows = await tx.query<{ document: FeedbackItem }>(
          `SELECT document FROM palaute_items
           WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY id FOR UPDATE`,
          [jsonb(input.itemIds)],
        );
        const byId = new Map(itemsOf(rows).map((item) => [item.id, item]));
        const linked = input.itemIds.map((id) => {
          const item = byId.get(id);
          if (!item) throw feedbackNotFound(id);
          return item;
        });
        const shipped = shipChangeTo(linked, input, by, shippedAt);
        await tx.query(
          `INSERT INTO palaute_changes (id, shipped_at, document) VALUES ($1, $2::timestamptz, $3::jsonb)
           ON CONFLICT (id) DO UPDATE SET shipped_at = EXCLUDED.shipped_at, document = EXCLUDED.document`,
          [shipped.change.id, shipped.change.shippedAt, jsonb(shipped.change)],
        );
        for (const item of shipped.items) await writeItem(tx, item);
        // One notice per item's customer: a re-shipped item keeps the notice it has.
        for (const { customerId, itemId, notice } of shipped.notices)
          await tx.query(
            `INSERT INTO palaute_notices (customer_id, notice_id, item_id, document)
             VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING`,
            [customerId, notice.id, itemId, jsonb(notice)],
          );
        return shipped.change;
      });
    },
    async listChanges(): Promise<Change[]> {
      const rows = await db.query<{ document: Change }>(
        'SELECT document FROM palaute_changes ORDER BY seq',
      );
      return rows.map((row) => row.document);
    },
    async loopMetrics(options: { responseTargetHours?: number } = {}): Promise<LoopMetrics> {
      const rows = await db.query<{ document: FeedbackItem }>(
        'SELECT document FROM palaute_items ORDER BY seq',
      );
      return computeLoopMetrics(itemsOf(rows), { now: at(), ...options });
    },
  };
}
