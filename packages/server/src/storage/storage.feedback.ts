import type {
  Actor,
  BulkAction,
  BulkTeamAction,
  BulkVerdict,
  Change,
  ChangeInput,
  FeedbackItem,
  InboxFacets,
  InboxFacetsQuery,
  InboxPage,
  InboxQuery,
  LoopMetrics,
  LoopMetricsQuery,
  LoopSummary,
  SegmentValue,
  StoredResponse,
  TeamAction,
  TeamPort,
} from '@palaute/engine';
import {
  applyTeamAction,
  boardNoticeId,
  bulkVerdictOf,
  feedbackNotFound,
  freshItemId,
  type InboxPosition,
  inboxCutoff,
  inboxPageOf,
  inboxRank,
  ingestFeedbackItem,
  type LoopCounts,
  loopCutoffs,
  loopSummaryOf,
  readBulkAction,
  readInboxFacetsQuery,
  readInboxQuery,
  readLoopMetricsQuery,
  type StoredNotice,
  shipChangeTo,
} from '@palaute/engine/internal';
import {
  assertStorable,
  jsonb,
  lockChange,
  pgTimestamp,
  type Sql,
  type SqlClient,
} from './storage.sql';
import type { EmitWebhook } from './storage.webhooks';

/**
 * An inbox search's words as the queries of each text-search configuration, made before the page's
 * statement: `simple` the words as written (`''` when they leave no lexeme), and for the language
 * forms one entry per distinct query with the configurations that make it. An item's language
 * vector was made with its locale's configuration (`palaute_search_config`), so it matches when
 * the query made with that same configuration does. Written as constants, each side is a condition
 * its GIN index answers (a query made per row from the row's locale is one no index can answer:
 * every search read every item), and no row parses the words again.
 */
export interface InboxSearch {
  simple: string;
  languages: { query: string; configs: string[] }[];
}

/**
 * The queries of {@link InboxSearch} for `$1`: every configuration PostgreSQL ships (those
 * `palaute_search_config` answers with are among them), grouped by the query each makes; a query
 * without a lexeme (stop words only) matches nothing and is left out.
 */
const INBOX_SEARCH = `
  SELECT websearch_to_tsquery('simple', $1::text)::text AS simple,
    coalesce((SELECT json_agg(json_build_object('query', made.query, 'configs', made.configs)
                ORDER BY made.query)
              FROM (SELECT query, array_agg(config ORDER BY config) AS configs
                    FROM (SELECT c.oid::regconfig::text AS config,
                            websearch_to_tsquery(c.oid::regconfig, $1::text)::text AS query
                          FROM pg_ts_config AS c
                          WHERE c.cfgnamespace = 'pg_catalog'::regnamespace) AS each
                    WHERE query <> ''
                    GROUP BY query) AS made), '[]'::json) AS languages`;

/** The {@link InboxSearch} of `text`, one statement. */
export async function inboxSearchOf(db: SqlClient, text: string): Promise<InboxSearch> {
  const [row] = await db.query<InboxSearch>(INBOX_SEARCH, [text], 'palaute_inbox_search');
  return { simple: row?.simple ?? '', languages: row?.languages ?? [] };
}

/**
 * The statement for one page of the inbox and its parameters: every filter, the order and the
 * limit in SQL, read from the indexes migration 2 adds. Keyset: a cursor's place is a row
 * comparison on `(created_at, id)`, in `"C"` collation so ids compare by code point as the engine
 * compares them. The `unprocessed` order is three index-ordered reads, one per status group (new
 * and awaiting the team oldest first; open, then closed, newest first; the generated `inbox_rank`
 * of migration 13), each of at most `limit + 1` rows. A search (`query.text`) takes its queries
 * made beforehand by {@link inboxSearchOf} (`search`).
 */
export function inboxStatement(
  query: InboxQuery,
  sort: InboxPosition['sort'],
  limit: number,
  after: InboxPosition | undefined,
  now: string,
  search?: InboxSearch,
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
  // Every tag given (none given: no filter); an item without tags has none of them.
  if (query.tags && query.tags.length > 0)
    filters.push(`document -> 'tags' @> ${param(jsonb(query.tags))}::jsonb`);
  // Every stored item is survey or launcher feedback; the board's ideas and bugs are its own.
  if (query.kind !== undefined && query.kind !== 'feedback') filters.push('false');
  // The launcher's kind, as the customer said it; `null`: feedback without one.
  if (query.feedbackKind === null) filters.push(`document ->> 'kind' IS NULL`);
  else if (query.feedbackKind !== undefined)
    filters.push(`document ->> 'kind' = ${param(query.feedbackKind)}::text`);
  if (query.assignee === null) filters.push(`document ->> 'assignee' IS NULL`);
  else if (query.assignee !== undefined)
    filters.push(`document ->> 'assignee' = ${param(query.assignee)}::text`);
  // The customer's words as written (what the memory backend matches), or in their language's
  // other forms (migration 7), each vector matched by its own GIN index (see InboxSearch).
  if (query.text !== undefined) {
    if (!search) throw new Error('An inbox search needs its queries (inboxSearchOf).');
    const arms = [
      ...(search.simple === '' ? [] : [`search_simple @@ ${param(search.simple)}::tsquery`]),
      ...search.languages.map(
        ({ query: words, configs }) =>
          `(search_language @@ ${param(words)}::tsquery
          AND palaute_search_config(locale) = ANY(${param(configs)}::regconfig[]))`,
      ),
    ];
    filters.push(arms.length === 0 ? 'false' : `(${arms.join('\n        OR ')})`);
  }
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

/** A row of the loop metrics: one touchpoint's (`overall` 0) or everything's (`overall` 1). */
export interface LoopRow {
  touchpoint_id: string | null;
  overall: number;
  total: number;
  unprocessed: number;
  under_1_day: number;
  from_1_to_3_days: number;
  from_3_to_7_days: number;
  from_7_to_30_days: number;
  over_30_days: number;
  overdue: number;
  responded: number;
  response_hours: number[] | null;
  closed: number;
  close_hours: number[] | null;
}

/**
 * The loop metrics in one pass over the items: every count and both percentiles per touchpoint and
 * overall (grouping sets), as the engine's `computeLoopMetrics` defines them. Ages and overdue
 * compare the creation time (kept to the millisecond) with the engine's `loopCutoffs` ($1 to $5);
 * durations are whole milliseconds from creation to the generated `first_response_ms` and
 * `closed_ms` (migration 4) over 3,600,000, in double precision, and their median and 90th
 * percentile are `percentile_cont`, which the engine's `percentileCont` reproduces. The rounding
 * to the hundredth of an hour is the engine's, on the values as PostgreSQL gives them.
 */
export const loopMetricsSql = (where = '') => `
  SELECT touchpoint_id, GROUPING(touchpoint_id)::int AS overall,
    count(*)::int AS total,
    count(*) FILTER (WHERE status = 'new')::int AS unprocessed,
    count(*) FILTER (WHERE status = 'new' AND created_at > $1::timestamptz)::int AS under_1_day,
    count(*) FILTER (WHERE status = 'new' AND created_at <= $1::timestamptz
                       AND created_at > $2::timestamptz)::int AS from_1_to_3_days,
    count(*) FILTER (WHERE status = 'new' AND created_at <= $2::timestamptz
                       AND created_at > $3::timestamptz)::int AS from_3_to_7_days,
    count(*) FILTER (WHERE status = 'new' AND created_at <= $3::timestamptz
                       AND created_at > $4::timestamptz)::int AS from_7_to_30_days,
    count(*) FILTER (WHERE status = 'new' AND created_at <= $4::timestamptz)::int AS over_30_days,
    count(*) FILTER (WHERE first_response_ms IS NULL AND NOT is_closed
                       AND created_at < $5::timestamptz)::int AS overdue,
    count(first_response_ms)::int AS responded,
    percentile_cont(ARRAY[0.5, 0.9]::float8[])
      WITHIN GROUP (ORDER BY (first_response_ms - created_ms)::float8 / 3600000) AS response_hours,
    count(closed_ms)::int AS closed,
    percentile_cont(ARRAY[0.5, 0.9]::float8[])
      WITHIN GROUP (ORDER BY (closed_ms - created_ms)::float8 / 3600000) AS close_hours
  FROM (
    SELECT touchpoint_id, status, status IN ('shipped', 'declined', 'answered') AS is_closed,
      created_at, first_response_ms, closed_ms,
      round(extract(epoch FROM created_at) * 1000)::bigint AS created_ms
    FROM palaute_items${where ? ` WHERE ${where}` : ''}
  ) AS item
  GROUP BY GROUPING SETS ((touchpoint_id), ())`;
const LOOP_METRICS = loopMetricsSql();

/** The loop metrics from the rows of {@link loopMetricsSql}: overall, and per touchpoint. */
export function loopMetricsOf(rows: readonly LoopRow[]): LoopMetrics {
  const overall = rows.find((row) => row.overall === 1);
  const byTouchpoint: Record<string, LoopSummary> = {};
  // In the engine's order of touchpoints (UTF-16 code units), so the answer reads the same.
  for (const row of rows
    .filter((candidate) => candidate.overall === 0)
    .sort((a, b) => ((a.touchpoint_id as string) < (b.touchpoint_id as string) ? -1 : 1)))
    byTouchpoint[row.touchpoint_id as string] = loopSummaryOf(loopCountsOf(row));
  return { ...loopSummaryOf(loopCountsOf(overall)), byTouchpoint };
}

/** The engine's counts from a row of {@link loopMetricsSql} (none: an empty inbox). */
function loopCountsOf(row: LoopRow | undefined): LoopCounts {
  const duration = (count: number, hours: number[] | null) => ({
    count,
    median: hours?.[0] ?? null,
    p90: hours?.[1] ?? null,
  });
  return {
    total: row?.total ?? 0,
    unprocessed: row?.unprocessed ?? 0,
    aging: {
      under1Day: row?.under_1_day ?? 0,
      from1To3Days: row?.from_1_to_3_days ?? 0,
      from3To7Days: row?.from_3_to_7_days ?? 0,
      from7To30Days: row?.from_7_to_30_days ?? 0,
      over30Days: row?.over_30_days ?? 0,
    },
    overdue: row?.overdue ?? 0,
    timeToFirstResponse: duration(row?.responded ?? 0, row?.response_hours ?? null),
    timeToClose: duration(row?.closed ?? 0, row?.close_hours ?? null),
  };
}

/**
 * A row of a facet: a value listed (its count, in the facet's order), or, with a `null` value, what
 * the facet leaves out (`values` of them, on `count` items).
 */
interface FacetRow<V> {
  value: V | null;
  count: number;
  values: number;
}
/** What a segment facet's row says of its key: its items, and how many keys there are in all. */
interface SegmentKeyRow {
  key: string;
  key_count: number;
  keys: number;
}

/** Adds a facet row to its facet: a listed value, or what is left out. */
function addFacetRow<V>(
  facet: { values: { value: V; count: number }[]; omitted: { values: number; items: number } },
  row: FacetRow<V>,
) {
  if (row.value === null) facet.omitted = { values: row.values, items: row.count };
  else facet.values.push({ value: row.value, count: row.count });
}

/**
 * The touchpoint facet ($1 values): each touchpoint's items, the most common first (ties by code
 * point), and one row (value `NULL`) for those left out.
 */
const TOUCHPOINT_FACET = `
  WITH counted AS (
    SELECT touchpoint_id, count(*)::int AS n FROM palaute_items GROUP BY touchpoint_id
  ), ranked AS (
    SELECT touchpoint_id, n, row_number() OVER (ORDER BY n DESC, touchpoint_id COLLATE "C") AS place
    FROM counted
  )
  SELECT CASE WHEN place <= $1 THEN touchpoint_id END AS value,
    sum(n)::int AS count, count(*)::int AS values, min(place) AS place
  FROM ranked GROUP BY 1 ORDER BY min(place)`;

/**
 * The segment facets ($1 keys, $2 values each) from palaute_item_segments (migration 4): each
 * key's values with their items, the most common first, ties as the engine's
 * `compareSegmentValues` (booleans, numbers, texts; texts by code point), and per key one row
 * (value `NULL`) for the values left out; keys by their items, ties by code point. `keys` is how
 * many keys there are in all.
 */
const SEGMENT_FACETS = `
  WITH pairs AS (
    SELECT key, value, count(*)::int AS n FROM palaute_item_segments GROUP BY key, value
  ), keyed AS (
    SELECT key, sum(n)::int AS key_count, count(*) OVER ()::int AS keys,
      row_number() OVER (ORDER BY sum(n) DESC, key COLLATE "C") AS key_place
    FROM pairs GROUP BY key
  ), ranked AS (
    SELECT pairs.key, keyed.key_count, keyed.keys, keyed.key_place, pairs.value, pairs.n,
      row_number() OVER (PARTITION BY pairs.key ORDER BY pairs.n DESC,
        jsonb_typeof(pairs.value) COLLATE "C",
        CASE WHEN jsonb_typeof(pairs.value) = 'boolean' THEN pairs.value::boolean END,
        CASE WHEN jsonb_typeof(pairs.value) = 'number' THEN pairs.value::numeric END,
        CASE WHEN jsonb_typeof(pairs.value) = 'string' THEN pairs.value #>> '{}' END COLLATE "C"
      ) AS place
    FROM pairs JOIN keyed USING (key)
    WHERE keyed.key_place <= $1
  )
  SELECT key, key_count, keys, key_place, CASE WHEN place <= $2 THEN value END AS value,
    sum(n)::int AS count, count(*)::int AS values, min(place) AS place
  FROM ranked GROUP BY key, key_count, keys, key_place, 5
  ORDER BY key_place, min(place)`;

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
  // Never over another customer's item: an id is theirs once taken (ingest makes new items).
  const rows = await db.query(
    `INSERT INTO palaute_items
       (id, customer_id, response_id, touchpoint_id, status, created_at, document)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, document = EXCLUDED.document
       WHERE palaute_items.customer_id = EXCLUDED.customer_id
     RETURNING 1`,
    itemRow(item),
  );
  if (rows.length === 0) throw feedbackNotFound(item.id);
  return item;
}

/** An item's columns, in the order of `palaute_items`' inserts. */
export const itemRow = (item: FeedbackItem) => [
  item.id,
  item.customerId,
  item.responseId ?? item.id,
  item.touchpointId,
  item.status,
  pgTimestamp(Date.parse(item.createdAt)),
  jsonb(item),
];

/**
 * Makes or refreshes the item of a stored response, as the engine's `ingestFeedbackItem` says. The
 * item is found by its customer and response (response ids are each customer's own); a new one
 * takes the response's id, or a fresh one when another customer's item has that id.
 */
export async function ingest(
  db: SqlClient,
  response: StoredResponse,
  emit?: EmitWebhook,
): Promise<void> {
  const [row] = await db.query<{ document: FeedbackItem }>(
    `SELECT document FROM palaute_items WHERE customer_id = $1 AND response_id = $2 FOR UPDATE`,
    [response.customerId, response.id],
  );
  const known = row?.document;
  const item = ingestFeedbackItem(known, response);
  if (!item || item === known) return;
  if (known) {
    await writeItem(db, item);
    return;
  }
  const insert = (made: FeedbackItem) =>
    db.query(
      `INSERT INTO palaute_items
         (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
       VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::jsonb, $8)
       ON CONFLICT (id) DO NOTHING RETURNING 1`,
      [...itemRow(made), response.locale],
    );
  let made: FeedbackItem | undefined = item;
  if ((await insert(item)).length === 0) {
    made = ingestFeedbackItem(undefined, response, freshItemId());
    if (made && (await insert(made)).length === 0) throw new Error('No free feedback item id.');
  }
  if (made && emit)
    await emit(db, { type: 'feedback.created', data: { item: made } }, made.customerId);
}

/** Tells of a status move, when `after` moved from where `before` stood. */
export async function emitStatusChange(
  db: SqlClient,
  emit: EmitWebhook | undefined,
  before: FeedbackItem,
  after: FeedbackItem,
): Promise<void> {
  if (!emit || before.status === after.status) return;
  const move = after.history.at(-1);
  if (!move) return;
  await emit(
    db,
    {
      type: 'feedback.status_changed',
      data: {
        item: after,
        from: before.status,
        to: after.status,
        by: move.by,
        ...(move.reason ? { reason: move.reason } : {}),
      },
    },
    after.customerId,
  );
}

/** The items of one customer, oldest first. */
export async function itemsOfCustomer(db: SqlClient, customerId: string): Promise<FeedbackItem[]> {
  return itemsOf(
    await db.query<{ document: FeedbackItem }>(
      'SELECT document FROM palaute_items WHERE customer_id = $1 ORDER BY seq',
      [customerId],
      'palaute_items_of_customer',
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
  }>(
    'SELECT document, item_id, seen_at FROM palaute_notices WHERE customer_id = $1 ORDER BY seq',
    [customerId],
    'palaute_notices_of_customer',
  );
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
export function createSqlTeam(
  db: Sql,
  now: () => Date,
  emit?: EmitWebhook,
): Omit<Required<TeamPort>, 'cxReport' | 'cxTargets' | 'setCxTargets' | 'cxResponses' | 'board'> {
  const at = () => now().toISOString();
  /** One team action on one item, in its own transaction, with the events it causes. */
  const actOn = (id: string, action: TeamAction | BulkTeamAction, by: Actor, when: string) =>
    db.transaction(async (tx) => {
      const item = await readItem(tx, id, true);
      if (!item) throw feedbackNotFound(id);
      const changed = await writeItem(tx, applyTeamAction(item, action, by, when));
      await emitStatusChange(tx, emit, item, changed);
      return changed;
    });
  return {
    async listFeedback(query: InboxQuery = {}): Promise<InboxPage> {
      const { query: checked, sort, limit, after } = readInboxQuery(query);
      assertStorable(checked, 'inbox query');
      const search = checked.text === undefined ? undefined : await inboxSearchOf(db, checked.text);
      const rows = await db.query<{ document: FeedbackItem }>(
        ...inboxStatement(checked, sort, limit, after, at(), search),
      );
      const items = itemsOf(rows);
      // `unprocessed` reads each status group on its own (each already in order): put the groups
      // in order (a stable sort, so SQL's order within a group stands).
      if (sort === 'unprocessed') items.sort((a, b) => inboxRank(a) - inboxRank(b));
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
      return actOn(id, action, by, at());
    },
    async actMany(bulk: BulkAction, by: Actor): Promise<BulkVerdict[]> {
      const { ids, action } = readBulkAction(bulk);
      assertStorable({ ids, action }, 'bulk action');
      const when = at();
      const verdicts: BulkVerdict[] = [];
      // Each item on its own: a refusal (or a lock wait) on one never holds back the others.
      for (const id of ids) {
        try {
          verdicts.push({ id, outcome: 'done', item: await actOn(id, action, by, when) });
        } catch (error) {
          verdicts.push(
            bulkVerdictOf(id, () => {
              throw error;
            }),
          );
        }
      }
      return verdicts;
    },
    async shipChange(input: ChangeInput, by: Actor): Promise<Change> {
      assertStorable(input, 'change');
      return db.transaction(async (tx) => {
        await lockChange(tx, input.id);
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
        for (const item of shipped.items) {
          await writeItem(tx, item);
          await emitStatusChange(tx, emit, byId.get(item.id) as FeedbackItem, item);
        }
        await emit?.(
          tx,
          { type: 'change.shipped', data: { change: shipped.change, by } },
          undefined,
        );
        // A follower of the change's ideas told already: their item's notice takes the board's
        // place (seen if it was seen), so they hear of the change once.
        const seenOnBoard = new Map<string, string | null>();
        for (const customerId of new Set(shipped.notices.map((entry) => entry.customerId))) {
          const [told] = await tx.query<{ seen_at: string | null }>(
            `DELETE FROM palaute_notices
             WHERE customer_id = $1 AND notice_id = $2 AND item_id IS NULL RETURNING seen_at`,
            [customerId, boardNoticeId(shipped.change.id)],
          );
          if (told) seenOnBoard.set(customerId, told.seen_at);
        }
        // One notice per item's customer: a re-shipped item keeps the notice it has.
        for (const { customerId, itemId, notice } of shipped.notices)
          await tx.query(
            `INSERT INTO palaute_notices (customer_id, notice_id, item_id, seen_at, document)
             VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING`,
            [customerId, notice.id, itemId, seenOnBoard.get(customerId) ?? null, jsonb(notice)],
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
      const cutoffs = loopCutoffs(at(), responseTargetHours);
      const rows = await db.query<LoopRow>(LOOP_METRICS, [
        pgTimestamp(cutoffs.under1Day),
        pgTimestamp(cutoffs.from1To3Days),
        pgTimestamp(cutoffs.from3To7Days),
        pgTimestamp(cutoffs.from7To30Days),
        pgTimestamp(cutoffs.overdue),
      ]);
      return loopMetricsOf(rows);
    },
    async inboxFacets(query: InboxFacetsQuery = {}): Promise<InboxFacets> {
      const { limit, keys } = readInboxFacetsQuery(query);
      const touchpoints = await db.query<FacetRow<string>>(TOUCHPOINT_FACET, [limit]);
      const segments = await db.query<FacetRow<SegmentValue> & SegmentKeyRow>(SEGMENT_FACETS, [
        keys,
        limit,
      ]);
      const byKey = new Map<string, InboxFacets['segments'][number]>();
      for (const row of segments) {
        const facet = byKey.get(row.key) ?? {
          key: row.key,
          count: row.key_count,
          values: [],
          omitted: { values: 0, items: 0 },
        };
        byKey.set(row.key, facet);
        addFacetRow(facet, row);
      }
      const touchpointFacet: InboxFacets['touchpoints'] = {
        values: [],
        omitted: { values: 0, items: 0 },
      };
      for (const row of touchpoints) addFacetRow(touchpointFacet, row);
      return {
        total: touchpoints.reduce((sum, row) => sum + row.count, 0),
        touchpoints: touchpointFacet,
        segments: [...byKey.values()],
        omittedSegmentKeys: Math.max(0, (segments[0]?.keys ?? 0) - keys),
      };
    },
  };
}
