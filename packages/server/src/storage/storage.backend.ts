import {
  type BackendPort,
  type ContactChoice,
  type ContactHistory,
  type CustomerFeedback,
  contactChoiceSchema,
  contactHistoryQuerySchema,
  customerReplySchema,
  type DeliveryItem,
  type DeliveryResult,
  type Dismissal,
  type Display,
  deliveryKey,
  dismissalSchema,
  displaySchema,
  type FeedbackItem,
  type FeedbackResponse,
  type FollowUpAnswer,
  feedbackResponseSchema,
  followUpAnswerSchema,
  type ImpactNotice,
  ideaWriteSchema,
  impactSeenSchema,
  NotFoundError,
  readReceiptSchema,
  type SubmitReceipt,
  ValidationError,
  voteWriteSchema,
} from '@palaute/engine';
import {
  applyCustomerReply,
  applyReadReceipt,
  type CustomerDataPort,
  type CustomerDeletion,
  checkPayload,
  contactHistoryOf,
  customerExportSchema,
  customerFeedbackOf,
  isCheckedDelivery,
  ownFeedbackItem,
  refusalOf,
  type StoredNotice,
  waitsFor,
} from '@palaute/engine/internal';
import type { SqlBoard } from './storage.board';
import {
  ingest,
  itemsOfCustomer,
  noticesOfCustomer,
  readItem,
  writeItem,
} from './storage.feedback';
import type { ItemDrain } from './storage.items';
import {
  responseCountsOf,
  type StoredResponseOutcome,
  storeResponse,
  storeResponses,
  storeResponsesAtOnce,
} from './storage.responses';
import { assertStorable, isoOf, jsonb, type Sql, type SqlClient } from './storage.sql';
import type { EmitWebhook } from './storage.webhooks';

/** A write's outcome, as the memory backend reports it. */
type Outcome = 'stored' | 'duplicate';

/**
 * What the writers call besides the database: the webhooks' queue, the board's votes and the
 * item drain (`later`: responses stored without their items, made after them).
 */
interface WriteContext {
  emit?: EmitWebhook | undefined;
  vote?: SqlBoard['applyVote'] | undefined;
  idea?: SqlBoard['applyIdea'] | undefined;
  later?: ItemDrain | undefined;
}

/** The kinds of write that read or change a feedback item: the items still to be made come first. */
const READS_ITEMS = new Set<DeliveryItem['kind']>(['followUp', 'reply', 'read', 'idea']);

/**
 * The drain that makes the items of responses stored now, when they are stored without them:
 * with no webhook to queue (with webhooks, a response's item and its `feedback.created` are
 * written in the response's transaction, as before).
 */
const laterOf = (context: WriteContext) => (context.emit ? undefined : context.later);

/** Whether an insert `… ON CONFLICT DO NOTHING RETURNING 1` made a row: its key was new. */
const inserted = (rows: unknown[]): Outcome => (rows.length > 0 ? 'stored' : 'duplicate');

/**
 * A follow-up to a response the writer does not have (unknown, or another customer's: alike), for
 * good: an outbox sends a follow-up only after its response.
 */
const unknownResponse = () =>
  new NotFoundError(
    [{ path: 'responseId', message: 'is not one of your responses' }],
    'follow-up answer',
  );

/**
 * The response a follow-up answer joins, with its follow-up answers, locked for this transaction:
 * its customer's (without a customer, the only response with that id).
 */
async function readResponse(db: SqlClient, answer: FollowUpAnswer) {
  const rows =
    answer.customerId === undefined
      ? await db.query<{ document: FeedbackResponse }>(
          'SELECT document FROM palaute_responses WHERE id = $1 LIMIT 2 FOR UPDATE',
          [answer.responseId],
        )
      : await db.query<{ document: FeedbackResponse }>(
          'SELECT document FROM palaute_responses WHERE customer_id = $1 AND id = $2 FOR UPDATE',
          [answer.customerId, answer.responseId],
        );
  const [row] = rows;
  if (!row || rows.length > 1) return undefined;
  const followUps = await db.query<{ document: FollowUpAnswer }>(
    `SELECT document FROM palaute_follow_ups WHERE customer_id = $1 AND response_id = $2
     ORDER BY seq`,
    [row.document.customerId, row.document.id],
  );
  return { ...row.document, followUps: followUps.map((followUp) => followUp.document) };
}

/** Each kind of write as a refusal names it. */
const SUBJECTS: Record<DeliveryItem['kind'], string> = {
  response: 'response',
  followUp: 'follow-up answer',
  display: 'display',
  dismissal: 'dismissal',
  reply: 'reply',
  read: 'read receipt',
  impactSeen: 'impact seen',
  contactChoice: 'contact choice',
  vote: 'vote',
  idea: 'idea',
};

/** A write whose payload passed its schema (and is storable): what the writers below take. */
type ValidItem = DeliveryItem;

/**
 * A write's payload checked against its kind's schema and for text PostgreSQL cannot store: the
 * write with its parsed payload, or a {@link ValidationError} naming the path. A write the
 * protocol handler parsed with the same schema and passed on unchanged (`isCheckedDelivery`: its
 * own frozen object, never one a host builds) is not parsed again; the storable check still runs.
 */
function validated(item: DeliveryItem): ValidItem {
  if (isCheckedDelivery(item)) {
    assertStorable(item.payload, SUBJECTS[item.kind]);
    return item;
  }
  const checked = <T>(schema: Parameters<typeof checkPayload<T>>[0], subject: string): T => {
    const valid = checkPayload(schema, item.payload, subject);
    assertStorable(valid, subject);
    return valid;
  };
  switch (item.kind) {
    case 'response':
      return { kind: item.kind, payload: checked(feedbackResponseSchema, SUBJECTS.response) };
    case 'followUp':
      return { kind: item.kind, payload: checked(followUpAnswerSchema, SUBJECTS.followUp) };
    case 'display':
      return { kind: item.kind, payload: checked(displaySchema, SUBJECTS.display) };
    case 'dismissal':
      return { kind: item.kind, payload: checked(dismissalSchema, SUBJECTS.dismissal) };
    case 'reply':
      return { kind: item.kind, payload: checked(customerReplySchema, SUBJECTS.reply) };
    case 'read':
      return { kind: item.kind, payload: checked(readReceiptSchema, SUBJECTS.read) };
    case 'impactSeen':
      return { kind: item.kind, payload: checked(impactSeenSchema, SUBJECTS.impactSeen) };
    case 'contactChoice':
      return { kind: item.kind, payload: checked(contactChoiceSchema, SUBJECTS.contactChoice) };
    case 'vote':
      return { kind: item.kind, payload: checked(voteWriteSchema, SUBJECTS.vote) };
    case 'idea':
      return { kind: item.kind, payload: checked(ideaWriteSchema, SUBJECTS.idea) };
  }
}

/**
 * Stores one valid write other than a response in the caller's transaction (`tx`). Each kind's
 * idempotency key, within its customer's (migration 5), is a primary key, so a replay inserts
 * nothing and says `duplicate` (first write wins), as the memory backend does, and another
 * customer's record under the same id is never it. A write refused for good (naming what the
 * writer does not have, or not allowed by the lifecycle) is refused before it writes anything, so
 * the transaction goes on with the batch's other writes.
 */
async function writeOne(
  tx: SqlClient,
  item: ValidItem,
  { emit, vote, idea }: WriteContext,
): Promise<Outcome> {
  switch (item.kind) {
    case 'response':
      throw new TypeError('Responses are stored by storeResponses.');
    case 'followUp': {
      const answer = item.payload;
      const response = await readResponse(tx, answer);
      if (!response) throw unknownResponse();
      const outcome = inserted(
        await tx.query(
          `INSERT INTO palaute_follow_ups (response_id, follow_up_id, customer_id, document)
           VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [answer.responseId, answer.followUpId, response.customerId, jsonb(answer)],
        ),
      );
      if (outcome === 'stored')
        await ingest(tx, { ...response, followUps: [...response.followUps, answer] }, emit);
      return outcome;
    }
    case 'display': {
      const display = item.payload;
      return inserted(
        await tx.query(
          `INSERT INTO palaute_displays (response_id, customer_id, document)
           VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [display.responseId, display.customerId, jsonb(display)],
          'palaute_display_insert',
        ),
      );
    }
    case 'dismissal': {
      const dismissal = item.payload;
      return inserted(
        await tx.query(
          `INSERT INTO palaute_dismissals (response_id, customer_id, reason, document)
           VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [dismissal.responseId, dismissal.customerId, dismissal.reason, jsonb(dismissal)],
          'palaute_dismissal_insert',
        ),
      );
    }
    case 'reply': {
      const reply = item.payload;
      const known = ownFeedbackItem(await readItem(tx, reply.itemId, true), reply.customerId);
      // The lifecycle decides before anything is written.
      const replied = applyCustomerReply(known, reply);
      // The reply id (the customer's own) is the key: a replay (on any of their items) inserts
      // nothing and changes nothing.
      const outcome = inserted(
        await tx.query(
          `INSERT INTO palaute_replies (reply_id, item_id, customer_id, document)
           VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [reply.replyId, reply.itemId, reply.customerId, jsonb(reply)],
        ),
      );
      if (outcome === 'stored') {
        const written = await writeItem(tx, replied);
        const answer = written.replies.find((candidate) => candidate.id === reply.replyId);
        if (emit && answer)
          await emit(
            tx,
            { type: 'feedback.customer_replied', data: { item: written, reply: answer } },
            written.customerId,
          );
      }
      return outcome;
    }
    case 'read': {
      const receipt = item.payload;
      const known = await readItem(tx, receipt.itemId, true);
      await writeItem(
        tx,
        applyReadReceipt(ownFeedbackItem(known, receipt.customerId, 'read receipt'), receipt),
      );
      return 'stored';
    }
    case 'impactSeen': {
      const seen = item.payload;
      await tx.query(
        `UPDATE palaute_notices SET seen_at = $3
         WHERE customer_id = $1 AND notice_id = $2 AND seen_at IS NULL`,
        [seen.customerId, seen.noticeId, seen.at],
      );
      return 'stored';
    }
    case 'contactChoice': {
      const choice = item.payload;
      return inserted(
        await tx.query(
          `INSERT INTO palaute_contact_choices (customer_id, id, document)
           VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [choice.customerId, choice.id, jsonb(choice)],
          'palaute_contact_choice_insert',
        ),
      );
    }
    case 'vote': {
      if (!vote)
        throw new NotFoundError([{ path: 'kind', message: 'this server has no board' }], 'vote');
      return vote(item.payload, tx);
    }
    case 'idea': {
      if (!idea)
        throw new NotFoundError([{ path: 'kind', message: 'this server has no board' }], 'idea');
      return idea(item.payload, tx);
    }
  }
}

/** A batch's writes, each with its delivery key: checked already, or refused (`rejected`). */
type Checked =
  | { key: string; item: ValidItem; result?: undefined }
  | { key: string; item?: undefined; result: DeliveryResult };

/** Checks each write of a batch: invalid ones are refused for good, naming their path. */
function checkAll(items: readonly DeliveryItem[]): Checked[] {
  return items.map((item): Checked => {
    const key = deliveryKey(item);
    try {
      return { key, item: validated(item) };
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return { key, result: { key, outcome: 'rejected', error: refusal } };
    }
  });
}

/**
 * Stores a batch's valid writes in one transaction (`tx`), in order: each run of responses in one
 * statement ({@link storeResponses}), every other write on its own statements. A write refused for
 * good is `rejected` and the others go on; any other failure rolls the whole batch back.
 */
async function writeBatch(
  tx: SqlClient,
  checked: readonly Checked[],
  receivedAt: string,
  context: WriteContext,
): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  let index = 0;
  while (index < checked.length) {
    const { key, item, result } = checked[index] as Checked;
    if (result) {
      results.push(result);
      index += 1;
    } else if (item.kind === 'response') {
      const run: { key: string; response: FeedbackResponse }[] = [];
      for (let next = checked[index]; next?.item?.kind === 'response'; next = checked[++index])
        run.push({ key: next.key, response: next.item.payload });
      const outcomes = await storeResponses(
        tx,
        run.map((write) => write.response),
        receivedAt,
        context.emit,
      );
      run.forEach((write, at) => {
        const { outcome, receivedAt: received } = outcomes[at] as StoredResponseOutcome;
        results.push({ key: write.key, outcome, receivedAt: received });
      });
    } else {
      try {
        results.push({ key, outcome: await writeOne(tx, item, context) });
      } catch (error) {
        const refusal = refusalOf(error);
        if (!refusal) throw error;
        results.push({ key, outcome: 'rejected', error: refusal });
      }
      index += 1;
    }
  }
  return results;
}

/** The kinds of write that are one statement: alone, they are atomic without a transaction. */
const ONE_STATEMENT = new Set<DeliveryItem['kind']>(['display', 'dismissal', 'impactSeen']);

/**
 * Stores a batch: every write in one transaction ({@link writeBatch}), one verdict per write in
 * order; a batch of responses only, with no webhook to queue, in one statement with their items
 * ({@link storeResponsesAtOnce}: no BEGIN and COMMIT), or that transaction when an item's id is
 * taken. Should that transaction fail for another reason than the database being away (a write
 * the database refuses), the writes are stored one transaction each, so that write costs only
 * itself: it is left out (tried again), as are the follow-ups waiting for its response.
 */
async function storeBatch(
  db: Sql,
  items: readonly DeliveryItem[],
  now: () => Date,
  context: WriteContext,
): Promise<DeliveryResult[]> {
  const checked = checkAll(items);
  const [only] = checked;
  const later = laterOf(context);
  // A follow-up, reply or read receipt finds its item made, whenever its response was stored.
  if (context.later && checked.some((write) => write.item && READS_ITEMS.has(write.item.kind)))
    await context.later.settle();
  try {
    // One statement alone (a display, a dismissal, a notice seen) needs no transaction of its own.
    if (checked.length === 1 && only?.item && ONE_STATEMENT.has(only.item.kind))
      return await writeBatch(db, checked, now().toISOString(), context);
    // One response alone is one statement too, with its item (storeResponse).
    if (checked.length === 1 && only?.item?.kind === 'response') {
      const { outcome, receivedAt } = await storeResponse(
        db,
        only.item.payload,
        now().toISOString(),
        context.emit,
        later !== undefined,
      );
      if (outcome === 'stored') later?.written([only.item.payload]);
      return [{ key: only.key, outcome, receivedAt }];
    }
    // Responses only (none refused), no webhook to queue: one statement with their items. A
    // batch's items are made with it, not after: its item insert is already one statement for
    // the batch, and the drain's rows, claim and transaction cost more than they save (measured,
    // bench/RESULTS.md: 1.0–1.2× a batch's CPU when its items were drained).
    if (!context.emit && checked.every((write) => write.item?.kind === 'response')) {
      const run = checked as readonly {
        key: string;
        item: Extract<ValidItem, { kind: 'response' }>;
      }[];
      const outcomes = await storeResponsesAtOnce(
        db,
        run.map((write) => write.item.payload),
        now().toISOString(),
      );
      if (outcomes)
        return run.map((write, at) => {
          const { outcome, receivedAt } = outcomes[at] as StoredResponseOutcome;
          return { key: write.key, outcome, receivedAt };
        });
    }
    return await db.transaction((tx) => writeBatch(tx, checked, now().toISOString(), context));
  } catch (error) {
    if ((error as { retryable?: unknown } | null)?.retryable === true || checked.length === 1)
      return checked.flatMap((write) => (write.result ? [write.result] : []));
  }
  const results: DeliveryResult[] = [];
  const leftOut = new Set<string>();
  for (const write of checked) {
    // A follow-up whose response this batch left out waits for it, left out too.
    if (write.item && waitsFor(write.item, leftOut)) continue;
    try {
      const [result] = await db.transaction((tx) =>
        writeBatch(tx, [write], now().toISOString(), context),
      );
      if (result) results.push(result);
    } catch {
      leftOut.add(write.key);
    }
  }
  return results;
}

/** Everything about one customer, read in one transaction (`db`), validated as an export. */
async function exportOf(db: SqlClient, customerId: string, now: () => Date) {
  const documents = async <T>(table: string) =>
    (
      await db.query<{ document: T }>(
        `SELECT document FROM ${table} WHERE customer_id = $1 ORDER BY seq`,
        [customerId],
      )
    ).map((row) => row.document);
  const responses = await db.query<{ document: FeedbackResponse; received_at: unknown }>(
    'SELECT document, received_at FROM palaute_responses WHERE customer_id = $1 ORDER BY seq',
    [customerId],
  );
  const choices = await documents<ContactChoice>('palaute_contact_choices');
  return checkPayload(
    customerExportSchema,
    {
      format: 'palaute.customer-export',
      version: 1,
      customerId,
      exportedAt: now().toISOString(),
      responses: responses.map((row) => row.document),
      followUps: await documents<FollowUpAnswer>('palaute_follow_ups'),
      receipts: responses.map(
        (row): SubmitReceipt => ({
          responseId: row.document.id,
          receivedAt: isoOf(row.received_at),
        }),
      ),
      displays: await documents<Display>('palaute_displays'),
      dismissals: await documents<Dismissal>('palaute_dismissals'),
      replies: await documents('palaute_replies'),
      items: await itemsOfCustomer(db, customerId),
      notices: await noticesOfCustomer(db, customerId),
      ...(choices.length > 0 ? { contactChoices: choices } : {}),
    },
    'customer export',
  );
}

/** A customer's documents in one table, as one JSON array in the order they were stored. */
const documentsOf = (table: string) =>
  `(SELECT coalesce(json_agg(document ORDER BY seq), '[]') FROM ${table} WHERE customer_id = $1)`;

/** A customer's impact notices, with the item and when they were seen, as one JSON array. */
const NOTICES_OF_CUSTOMER = `(SELECT coalesce(json_agg(json_build_object(
    'notice', document, 'itemId', item_id, 'seenAt', seen_at
  ) ORDER BY seq), '[]') FROM palaute_notices WHERE customer_id = $1)`;

/** One notice of {@link NOTICES_OF_CUSTOMER}. */
interface NoticeRow {
  notice: StoredNotice['notice'];
  itemId: string | null;
  seenAt: string | null;
}

/**
 * A customer's own contact history in one statement, read on every journey decision: one snapshot
 * and one round trip where a statement per table took six. Their displays, dismissals, contact
 * choices, responses and items as documents, and their impact notices with the item and when they
 * were seen. (The capped surveys' counts are a statement of their own, only when there are caps:
 * folded into this one, they cost PGlite more than the round trip saved.)
 */
const HISTORY_OF_CUSTOMER = `
  SELECT ${documentsOf('palaute_displays')} AS displays,
    ${documentsOf('palaute_dismissals')} AS dismissals,
    ${documentsOf('palaute_contact_choices')} AS choices,
    ${documentsOf('palaute_responses')} AS responses,
    ${documentsOf('palaute_items')} AS items,
    ${NOTICES_OF_CUSTOMER} AS notices`;

/** A customer's feedback items and impact notices in one statement: what "your feedback" reads. */
const FEEDBACK_OF_CUSTOMER = `
  SELECT ${documentsOf('palaute_items')} AS items, ${NOTICES_OF_CUSTOMER} AS notices`;

/** The notices of {@link NOTICES_OF_CUSTOMER} as stored notices (no item or seen time: absent). */
const storedNotices = (notices: NoticeRow[]): StoredNotice[] =>
  notices.map(({ notice, itemId, seenAt }) => ({
    notice,
    ...(itemId === null ? {} : { itemId }),
    ...(seenAt === null ? {} : { seenAt }),
  }));

/** A row of {@link HISTORY_OF_CUSTOMER}. */
interface HistoryRow {
  displays: Display[];
  dismissals: Dismissal[];
  choices: ContactChoice[];
  responses: FeedbackResponse[];
  items: FeedbackItem[];
  notices: NoticeRow[];
}

/**
 * The customer's side on SQL, with every optional method of {@link BackendPort} and data rights.
 * Writes are validated like the memory backend's (a {@link ValidationError} naming the path), and
 * customer reads touch only that customer's rows.
 */
export function createSqlBackend(
  db: Sql,
  now: () => Date,
  emit?: EmitWebhook,
  board?: SqlBoard,
  later?: ItemDrain,
): Omit<Required<BackendPort>, 'board'> & CustomerDataPort {
  const context: WriteContext = { emit, vote: board?.applyVote, idea: board?.applyIdea, later };
  const itemsLater = laterOf(context);
  /** Every item still to be made, made: what a read of items sees is as if made with its response. */
  const settled = async () => {
    await later?.settle();
  };
  /**
   * One write in its own transaction (the same writers as a batch's); a write refused for good
   * throws its error (a {@link ValidationError} naming the path, a {@link NotFoundError}, a
   * lifecycle error).
   */
  const store = async (item: DeliveryItem): Promise<Outcome> => {
    const valid = validated(item);
    if (READS_ITEMS.has(valid.kind)) await settled();
    return db.transaction(async (tx) => writeOne(tx, valid, context));
  };
  return {
    async submitResponse(response) {
      const valid = validated({ kind: 'response', payload: response });
      const stored = await storeResponse(
        db,
        valid.payload as FeedbackResponse,
        now().toISOString(),
        emit,
        itemsLater !== undefined,
      );
      if (stored.outcome === 'stored') itemsLater?.written([valid.payload as FeedbackResponse]);
      return { responseId: response.id, receivedAt: stored.receivedAt };
    },
    submitFollowUp: async (answer) => {
      await store({ kind: 'followUp', payload: answer });
    },
    recordDisplay: async (display) => {
      await store({ kind: 'display', payload: display });
    },
    recordDismissal: async (dismissal) => {
      await store({ kind: 'dismissal', payload: dismissal });
    },
    submitReply: async (reply) => {
      await store({ kind: 'reply', payload: reply });
    },
    markRead: async (receipt) => {
      await store({ kind: 'read', payload: receipt });
    },
    markImpactSeen: async (seen) => {
      await store({ kind: 'impactSeen', payload: seen });
    },
    setContactChoice: async (choice) => {
      await store({ kind: 'contactChoice', payload: choice });
    },
    deliver: (items) => storeBatch(db, items, now, context),
    async listImpact({ customerId }) {
      assertStorable({ customerId }, 'query');
      const rows = await db.query<{ document: ImpactNotice }>(
        `SELECT document FROM palaute_notices
         WHERE customer_id = $1 AND seen_at IS NULL ORDER BY seq`,
        [customerId],
        'palaute_impact_unseen',
      );
      return rows.map((row) => row.document);
    },
    async listMyFeedback({ customerId }): Promise<CustomerFeedback[]> {
      assertStorable({ customerId }, 'query');
      await settled();
      const [row] = await db.query<{ items: FeedbackItem[]; notices: NoticeRow[] }>(
        FEEDBACK_OF_CUSTOMER,
        [customerId],
        'palaute_feedback_of_customer',
      );
      return customerFeedbackOf(customerId, row?.items ?? [], storedNotices(row?.notices ?? []));
    },
    async getContactHistory(query): Promise<ContactHistory> {
      const { customerId, responseCaps } = checkPayload(
        contactHistoryQuerySchema,
        query,
        'contact history query',
      );
      assertStorable({ customerId }, 'query');
      await settled();
      const [row] = await db.query<HistoryRow>(
        HISTORY_OF_CUSTOMER,
        [customerId],
        'palaute_history_of_customer',
      );
      if (!row) throw new Error('The contact history statement answered no row.');
      return contactHistoryOf({
        customerId,
        displays: row.displays,
        dismissals: row.dismissals,
        choices: row.choices,
        responses: row.responses,
        responseCounts: await responseCountsOf(db, responseCaps),
        items: row.items,
        notices: storedNotices(row.notices),
      });
    },
    async exportCustomer(customerId) {
      assertStorable({ customerId }, 'customer');
      await settled();
      return db.transaction((tx) => exportOf(tx, customerId, now));
    },
    async deleteCustomer(customerId) {
      assertStorable({ customerId }, 'customer');
      // Their responses' items still to be made are made first, and counted as deleted items.
      await settled();
      return db.transaction(async (tx): Promise<CustomerDeletion> => {
        // First, so a drain holding one of their rows commits its item before the items go.
        await tx.query('DELETE FROM palaute_pending_items WHERE customer_id = $1', [customerId]);
        const remove = async (table: string) =>
          (await tx.query(`DELETE FROM ${table} WHERE customer_id = $1 RETURNING 1`, [customerId]))
            .length;
        const followUps = await remove('palaute_follow_ups');
        const contactChoices = await remove('palaute_contact_choices');
        const responses = await remove('palaute_responses');
        // Their rate-limit bucket names them too (a full bucket again: nothing to count).
        await tx.query(`DELETE FROM palaute_rate_limits WHERE scope = 'customer' AND key = $1`, [
          customerId,
        ]);
        // The webhook events about them (and their deliveries) hold their words too.
        await tx.query('DELETE FROM palaute_webhook_events WHERE customer_id = $1', [customerId]);
        return {
          customerId,
          deleted: {
            responses,
            followUps,
            // A receipt is part of its response's row.
            receipts: responses,
            displays: await remove('palaute_displays'),
            dismissals: await remove('palaute_dismissals'),
            replies: await remove('palaute_replies'),
            items: await remove('palaute_items'),
            notices: await remove('palaute_notices'),
            ...(contactChoices > 0 ? { contactChoices } : {}),
          },
        };
      });
    },
  };
}
