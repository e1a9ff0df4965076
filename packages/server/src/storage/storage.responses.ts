import type { FeedbackItem, FeedbackResponse } from '@palaute/engine';
import { ingestFeedbackItem } from '@palaute/engine/internal';
import { ingest, itemRow } from './storage.feedback';
import { isoOf, jsonb, type Sql, type SqlClient } from './storage.sql';
import type { EmitWebhook } from './storage.webhooks';

/** What became of one response of {@link storeResponses}: stored now or before, and its receipt time. */
export interface StoredResponseOutcome {
  outcome: 'stored' | 'duplicate';
  /** When it was first received (its receipt). */
  receivedAt: string;
}

/** `count` rows of `width` parameters each, from `$first` on, with a cast per column. */
function valuesList(count: number, width: number, first: number, casts: readonly string[]) {
  const rows: string[] = [];
  for (let row = 0; row < count; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < width; column += 1)
      cells.push(`$${first + row * width + column}${casts[column] ?? ''}`);
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}

/**
 * The responses' insert: one row each (`$1` is the receipt time), a known key (its customer's,
 * id) inserting nothing (first write wins). Its answer names those stored now, with their receipt
 * time. The score and rollup rows (migrations 6 and 13) follow from the statement's triggers, as
 * for every writer. Plain `VALUES` rows, prepared once per connection and row count (a named
 * statement, on PGlite too).
 */
const insertResponses = (count: number) => {
  const rows = Array.from({ length: count }, (_, row) => {
    const at = 2 + row * 5;
    return `($${at}, $${at + 1}, $${at + 2}, $${at + 3}, $1::timestamptz, $${at + 4}::jsonb)`;
  });
  return `
  INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
  VALUES ${rows.join(', ')}
  ON CONFLICT (customer_id, id) DO NOTHING
  RETURNING customer_id, id, received_at`;
};

/**
 * The new responses' items: one row each, an id or a response already holding one inserting
 * nothing (left to {@link ingest}, which knows what to do then). Its answer names those made.
 */
const insertItems = (count: number) => `
  INSERT INTO palaute_items
    (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
  VALUES ${valuesList(count, 8, 1, ['', '', '', '', '', '::timestamptz', '::jsonb', ''])}
  ON CONFLICT DO NOTHING
  RETURNING customer_id, response_id`;

/** The receipt times of responses stored before (`$1`, `$2` … pairs of customer and id). */
const readReceipts = (count: number) => `
  SELECT customer_id, id, received_at FROM palaute_responses
  WHERE (customer_id, id) IN (${valuesList(count, 2, 1, [])})`;

/** SQLSTATE of a unique violation. */
const UNIQUE_VIOLATION = '23505';

/** A response's key within this module: its customer's, id. */
const keyOf = (customerId: string, id: string) => `${customerId}\u0000${id}`;

/**
 * Stores validated responses as a batch, in the caller's transaction (`tx`): one multi-row insert
 * for the responses, one for the feedback items of those stored now (as the engine's
 * `ingestFeedbackItem` makes them), and a read of the receipt times of those stored before, only
 * when there are some. A response given twice (same customer and id) is stored once, the later
 * one a duplicate; a response stored before is a duplicate and changes nothing. An item that
 * cannot take its response's id (another customer's item has it) is made by {@link ingest}.
 * Resolves with one outcome per response given, in order, each with its receipt time.
 */
export async function storeResponses(
  tx: SqlClient,
  responses: readonly FeedbackResponse[],
  receivedAt: string,
  emit?: EmitWebhook,
): Promise<StoredResponseOutcome[]> {
  // First write wins within the batch too: only the first of a key goes to the statement.
  const firsts = new Map<string, FeedbackResponse>();
  for (const response of responses) {
    const key = keyOf(response.customerId, response.id);
    if (!firsts.has(key)) firsts.set(key, response);
  }
  const unique = [...firsts.values()];
  const stored = new Map<string, string>();
  const rows = await tx.query<{ customer_id: string; id: string; received_at: unknown }>(
    insertResponses(unique.length),
    [
      receivedAt,
      ...unique.flatMap((response) => [
        response.id,
        response.customerId,
        response.surveyId,
        response.touchpointId,
        jsonb(response),
      ]),
    ],
    `palaute_responses_insert_${unique.length}`,
  );
  for (const row of rows) stored.set(keyOf(row.customer_id, row.id), isoOf(row.received_at));

  // The new responses' items, each under its response's id.
  const made: { response: FeedbackResponse; item: FeedbackItem }[] = [];
  for (const response of unique) {
    if (!stored.has(keyOf(response.customerId, response.id))) continue;
    const item = ingestFeedbackItem(undefined, { ...response, followUps: [] });
    if (item) made.push({ response, item });
  }
  if (made.length > 0) {
    const inserted = new Set(
      (
        await tx.query<{ customer_id: string; response_id: string }>(
          insertItems(made.length),
          made.flatMap(({ response, item }) => [...itemRow(item), response.locale ?? null]),
          `palaute_items_insert_${made.length}`,
        )
      ).map((row) => keyOf(row.customer_id, row.response_id)),
    );
    for (const { response } of made)
      if (!inserted.has(keyOf(response.customerId, response.id)))
        await ingest(tx, { ...response, followUps: [] }, emit);
    // The webhooks' `feedback.created`, in the same transaction (as `ingest` queues its own).
    if (emit)
      for (const { response, item } of made)
        if (inserted.has(keyOf(response.customerId, response.id)))
          await emit(tx, { type: 'feedback.created', data: { item } }, item.customerId);
  }

  return outcomesOf(responses, stored, await receiptsBefore(tx, unique, stored));
}

/**
 * A batch of responses and their items in one statement (a data-modifying `WITH`), so atomic
 * without a transaction: the responses' multi-row insert (`$1` the receipt time, then five
 * parameters each, as {@link insertResponses}), and the items (eight parameters each, from
 * `$first` on) inserted for those of them it stored, joined on its `RETURNING`. The item's insert
 * has no `ON CONFLICT`: should another customer's item have an item's id, or the response already
 * have an item, the unique violation undoes the whole statement and the caller writes the batch
 * the transactional way. Its answer names the responses stored now, with their receipt time.
 */
const insertResponsesAndItems = (
  responses: number,
  items: number,
): { text: string; name?: string } => {
  // Every response with its item (nearly always): one named statement per batch size, its text
  // made once. Any other shape is made and planned for itself, so that neither the texts kept
  // here nor PostgreSQL's prepared statements grow with the number of shapes a client can send.
  if (items !== responses) return { text: responsesAndItemsText(responses, items) };
  const name = `palaute_responses_and_items_insert_${responses}`;
  let text = statementTexts.get(name);
  if (text === undefined) {
    text = responsesAndItemsText(responses, items);
    statementTexts.set(name, text);
  }
  return { name, text };
};

/** The texts of {@link insertResponsesAndItems} made so far, by name: one per batch size. */
const statementTexts = new Map<string, string>();

const responsesAndItemsText = (responses: number, items: number) => `
  WITH response AS (${insertResponses(responses)}
  )${
    items > 0
      ? `, item AS (
    INSERT INTO palaute_items
      (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
    SELECT made.* FROM (VALUES ${valuesList(items, 8, 2 + responses * 5, ['', '', '', '', '', '::timestamptz', '::jsonb', ''])})
      AS made (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
    JOIN response ON response.customer_id = made.customer_id AND response.id = made.response_id
  )`
      : ''
  }
  SELECT customer_id, id, received_at FROM response`;

/**
 * Stores validated responses as a batch in one statement ({@link insertResponsesAndItems}): no
 * BEGIN and COMMIT, one round trip where the transaction of {@link storeResponses} takes four.
 * For a batch of responses only, with no webhook to queue. The same outcomes as
 * {@link storeResponses}: first write wins, within the batch too; those stored before answer with
 * their first receipt, read by a statement of its own (it sees a response another connection
 * stored while this one ran). Resolves with `undefined`, having written nothing, when an item's id
 * is taken (another customer's item has it): the caller then stores the batch in a transaction.
 */
export async function storeResponsesAtOnce(
  db: SqlClient,
  responses: readonly FeedbackResponse[],
  receivedAt: string,
): Promise<StoredResponseOutcome[] | undefined> {
  const firsts = new Map<string, FeedbackResponse>();
  for (const response of responses) {
    const key = keyOf(response.customerId, response.id);
    if (!firsts.has(key)) firsts.set(key, response);
  }
  const unique = [...firsts.values()];
  const params: unknown[] = [receivedAt];
  for (const response of unique)
    params.push(
      response.id,
      response.customerId,
      response.surveyId,
      response.touchpointId,
      jsonb(response),
    );
  let items = 0;
  for (const response of unique) {
    const item = ingestFeedbackItem(undefined, { ...response, followUps: [] });
    if (!item) continue;
    params.push(...itemRow(item), response.locale ?? null);
    items += 1;
  }
  let rows: { customer_id: string; id: string; received_at: unknown }[];
  try {
    const statement = insertResponsesAndItems(unique.length, items);
    rows = await db.query(statement.text, params, statement.name);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
  const stored = new Map<string, string>();
  for (const row of rows) stored.set(keyOf(row.customer_id, row.id), isoOf(row.received_at));
  const known = await receiptsBefore(db, unique, stored);
  return outcomesOf(responses, stored, known);
}

/** The first receipts of the responses of `unique` not stored now (a read only when there are some). */
async function receiptsBefore(
  db: SqlClient,
  unique: readonly FeedbackResponse[],
  stored: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  const before = unique.filter((response) => !stored.has(keyOf(response.customerId, response.id)));
  if (before.length > 0)
    for (const row of await db.query<{ customer_id: string; id: string; received_at: unknown }>(
      readReceipts(before.length),
      before.flatMap((response) => [response.customerId, response.id]),
    ))
      known.set(keyOf(row.customer_id, row.id), isoOf(row.received_at));
  return known;
}

/** One outcome per response given, in order: the first of a key stored now, every other a duplicate. */
function outcomesOf(
  responses: readonly FeedbackResponse[],
  stored: ReadonlyMap<string, string>,
  known: ReadonlyMap<string, string>,
): StoredResponseOutcome[] {
  const answered = new Set<string>();
  return responses.map((response): StoredResponseOutcome => {
    const key = keyOf(response.customerId, response.id);
    const now = stored.get(key);
    const first = !answered.has(key);
    answered.add(key);
    if (now !== undefined) return { outcome: first ? 'stored' : 'duplicate', receivedAt: now };
    const then = known.get(key);
    if (then === undefined) throw new Error('A response refused as known is not there.');
    return { outcome: 'duplicate', receivedAt: then };
  });
}

/**
 * One response and its item in one statement (a data-modifying `WITH`), so atomic without a
 * transaction: the item is inserted only when the response is (from its `RETURNING`), and the
 * answer names the receipt time stored now, or none when the response was stored before (its
 * first receipt is then read by a statement of its own, which also sees a response another
 * connection stored while this one ran: reading it here too cost a quarter of the statement's CPU
 * on PGlite, then planned anew for each response, for the rare duplicate). The item's insert has no
 * `ON CONFLICT`: when another customer's item has taken its id (rare), the unique violation
 * undoes the whole statement, and the caller writes the response the transactional way.
 * `$1` is the receipt time, `$2`…`$6` the response, `$7`… the item's columns.
 */
const insertResponseAndItem = (withItem: boolean | 'later') => `
  WITH response AS (
    INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
    VALUES ($2, $3, $4, $5, $1::timestamptz, $6::jsonb)
    ON CONFLICT (customer_id, id) DO NOTHING
    RETURNING received_at
  )${
    withItem === 'later'
      ? `, pending AS (
    INSERT INTO palaute_pending_items (customer_id, response_id) SELECT $3, $2 FROM response
  )`
      : withItem
        ? `, item AS (
    INSERT INTO palaute_items
      (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
    SELECT $7, $8, $9, $10, $11, $12::timestamptz, $13::jsonb, $14 FROM response
    RETURNING 1
  )`
        : ''
  }
  SELECT (SELECT received_at FROM response) AS stored_at${
    withItem === true ? ',\n    (SELECT count(*) FROM item) AS items' : ''
  }`;

/** {@link insertResponseAndItem} with the item later: the response and its row of migration 24. */
const PENDING_INSERT = insertResponseAndItem('later');

/**
 * Stores one validated response, as {@link storeResponses} does for a batch of one. With
 * `itemLater` (and no webhook to queue), the response and its row of migration 24 are one
 * statement, and the item drain (storage.items.ts) makes its item after it. With no
 * webhook to queue (`emit` absent), the response and its item are one statement (no BEGIN and
 * COMMIT: a third of the statements a single response cost); should the item's id be taken by
 * another customer's item, or webhooks be configured, it is one transaction of
 * {@link storeResponses}. Resolves with its outcome and receipt time.
 */
export async function storeResponse(
  db: Sql,
  response: FeedbackResponse,
  receivedAt: string,
  emit?: EmitWebhook,
  itemLater = false,
): Promise<StoredResponseOutcome> {
  const transactional = async () => {
    const [outcome] = await db.transaction((tx) =>
      storeResponses(tx, [response], receivedAt, emit),
    );
    return outcome as StoredResponseOutcome;
  };
  if (emit) return transactional();
  // With its item later, the response's insert and its row of migration 24 (storage.items.ts).
  const item = itemLater
    ? undefined
    : ingestFeedbackItem(undefined, { ...response, followUps: [] });
  let row: { stored_at: unknown } | undefined;
  try {
    [row] = await db.query<{ stored_at: unknown }>(
      itemLater ? PENDING_INSERT : insertResponseAndItem(item !== undefined),
      [
        receivedAt,
        response.id,
        response.customerId,
        response.surveyId,
        response.touchpointId,
        jsonb(response),
        ...(item ? [...itemRow(item), response.locale ?? null] : []),
      ],
      itemLater
        ? 'palaute_response_pending_insert'
        : item
          ? 'palaute_response_and_item_insert'
          : 'palaute_response_alone_insert',
    );
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === UNIQUE_VIOLATION) return transactional();
    throw error;
  }
  if (row?.stored_at != null) return { outcome: 'stored', receivedAt: isoOf(row.stored_at) };
  // Stored before, or by another connection while this statement ran (its insert waited for that
  // commit, then inserted nothing, but its snapshot is older): a new statement sees it.
  const [known] = await db.query<{ received_at: unknown }>(
    'SELECT received_at FROM palaute_responses WHERE customer_id = $1 AND id = $2',
    [response.customerId, response.id],
  );
  if (known) return { outcome: 'duplicate', receivedAt: isoOf(known.received_at) };
  throw new Error('A response refused as known is not there.');
}

/**
 * Every customer's responses per survey, for the surveys' response caps. Given caps (the client's
 * `responseCaps`), only those surveys, each counted up to its cap through the survey index: a read
 * bounded by the caps whatever the table holds. Without (a client from before that field), every
 * survey's full count, which reads the whole table.
 */
export async function responseCountsOf(
  db: SqlClient,
  caps?: Record<string, number>,
): Promise<Record<string, number>> {
  type Row = { survey_id: string; responses: number };
  let rows: Row[] = [];
  if (!caps)
    rows = await db.query<Row>(
      'SELECT survey_id, count(*)::int AS responses FROM palaute_responses GROUP BY survey_id',
      [],
      'palaute_response_counts',
    );
  else if (Object.keys(caps).length > 0)
    rows = await db.query<Row>(
      `SELECT capped.survey_id,
              (SELECT count(*)::int FROM (
                 SELECT 1 FROM palaute_responses r
                 WHERE r.survey_id = capped.survey_id LIMIT capped.cap) AS found) AS responses
       FROM unnest($1::text[], $2::int8[]) AS capped (survey_id, cap)`,
      [Object.keys(caps), Object.values(caps)],
      'palaute_response_counts_capped',
    );
  return Object.fromEntries(rows.map((row) => [row.survey_id, row.responses]));
}
