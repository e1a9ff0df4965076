import type {
  Actor,
  Change,
  ChangeInput,
  FeedbackItem,
  InboxPage,
  InboxQuery,
  LoopMetrics,
  LoopMetricsQuery,
  StoredResponse,
  TeamAction,
  TeamPort,
} from '@palaute/engine';
import { computeLoopMetrics } from '@palaute/engine';
import {
  applyTeamAction,
  feedbackNotFound,
  type InboxPosition,
  inboxCutoff,
  inboxPageOf,
  inboxRank,
  ingestFeedbackItem,
  readInboxQuery,
  readLoopMetricsQuery,
  type StoredNotice,
  shipChangeTo,
} from '@palaute/engine/internal';
import { assertStorable, jsonb, pgTimestamp, type Sql, type SqlClient } from './storage.sql';

/**
 * The statement for one page of the inbox and its parameters: every filter, the order and the
 * limit in SQL, read from the indexes migration 2 adds. Keyset: a cursor's place is a row
 * comparison on `(created_at, id)`, in `"C"` collation so ids compare by code point as the engine
 * compares them. The `unprocessed` order is three index-ordered reads, one per status group (new
 * oldest first; open, then closed, newest first), each of at most `limit + 1` rows.
 */
function inboxStatement(
  query: InboxQuery,
  sort: InboxPosition['sort'],
  limit: number,
  after: InboxPosition | undefined,
  now: string,
): [string, unknown[]] {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const filters: string[] = [];
  if (query.status)
    filters.push(
      query.status.length === 0
        ? 'false'
        : `status IN (${query.status.map((status) => `${param(status)}::text`).join(', ')})`,
    );
  if (query.touchpointId) filters.push(`touchpoint_id = ${param(query.touchpointId)}::text`);
  if (query.olderThanHours !== undefined)
    filters.push(
      `created_at <= ${param(pgTimestamp(inboxCutoff(now, query.olderThanHours)))}::timestamptz`,
    );
  // Containment compares JSON values: 12 matches 12, never "12".
  if (query.segment) filters.push(`document -> 'segment' @> ${param(jsonb(query.segment))}::jsonb`);
  const take = param(limit + 1);
  const read = (rank: 0 | 1 | 2 | undefined, direction: 'ASC' | 'DESC') => {
    const where = [...filters];
    if (rank !== undefined) where.push(`inbox_rank = ${rank}`);
    if (after && after.rank === rank)
      where.push(
        `(created_at, id COLLATE "C") ${direction === 'ASC' ? '>' : '<'} (${param(pgTimestamp(after.at))}::timestamptz, ${param(after.id)}::text)`,
      );
    return `SELECT document FROM palaute_items${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at ${direction}, id COLLATE "C" ${direction} LIMIT ${take}`;
  };
  if (sort !== 'unprocessed') return [read(undefined, sort === 'oldest' ? 'ASC' : 'DESC'), params];
  const groups = ([0, 1, 2] as const).filter((rank) => !after || rank >= (after.rank ?? 0));
  const reads = groups.map((rank) => `(${read(rank, rank === 0 ? 'ASC' : 'DESC')})`);
  return [reads.join('\n      UNION ALL '), params];
}

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

/**
 * Writes an item back: its document and the columns queries filter on. `created_at` is the
 * creation time to the millisecond, the precision the engine orders by (the document keeps the
 * time as sent).
 */
export async function writeItem(db: SqlClient, item: FeedbackItem): Promise<FeedbackItem> {
  await db.query(
    `INSERT INTO palaute_items (id, customer_id, touchpoint_id, status, created_at, document)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document`,
    [
      item.id,
      item.customerId,
      item.touchpointId,
      item.status,
      pgTimestamp(Date.parse(item.createdAt)),
      jsonb(item),
    ],
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
    async listFeedback(query: InboxQuery = {}): Promise<InboxPage> {
      const { query: checked, sort, limit, after } = readInboxQuery(query);
      assertStorable(checked, 'inbox query');
      const rows = await db.query<{ document: FeedbackItem }>(
        ...inboxStatement(checked, sort, limit, after, at()),
      );
      const items = itemsOf(rows);
      // `unprocessed` reads each status group on its own (each already in order): put the groups
      // in order (a stable sort, so SQL's order within a group stands).
      if (sort === 'unprocessed') items.sort((a, b) => inboxRank(a.status) - inboxRank(b.status));
      return inboxPageOf(items.slice(0, limit + 1), sort, limit);
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
    async loopMetrics(query: LoopMetricsQuery = {}): Promise<LoopMetrics> {
      const { responseTargetHours } = readLoopMetricsQuery(query);
      const rows = await db.query<{ document: FeedbackItem }>(
        'SELECT document FROM palaute_items ORDER BY seq',
      );
      return computeLoopMetrics(itemsOf(rows), { now: at(), responseTargetHours });
    },
  };
}
