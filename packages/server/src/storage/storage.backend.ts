import {
  type BackendPort,
  type ContactHistory,
  type CustomerFeedback,
  customerReplySchema,
  type DeliveryItem,
  type DeliveryResult,
  type Dismissal,
  type Display,
  deliveryKey,
  dismissalSchema,
  displaySchema,
  type FeedbackResponse,
  type FollowUpAnswer,
  feedbackResponseSchema,
  followUpAnswerSchema,
  type ImpactNotice,
  impactSeenSchema,
  NotFoundError,
  readReceiptSchema,
  type SubmitReceipt,
  ValidationError,
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
  ownFeedbackItem,
  refusalOf,
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
import { assertStorable, isoOf, jsonb, type Sql, type SqlClient } from './storage.sql';

/** A write's outcome, as the memory backend reports it. */
type Outcome = 'stored' | 'duplicate';

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

/**
 * Stores one write in its own transaction. Each kind's idempotency key, within its customer's
 * (migration 5), is a primary key, so a replay inserts nothing and says `duplicate` (first write
 * wins), as the memory backend does, and another customer's record under the same id is never it.
 */
async function store(
  db: Sql,
  item: DeliveryItem,
  now: () => Date,
  vote?: (write: unknown) => Promise<Outcome>,
): Promise<Outcome> {
  const checked = <T>(schema: Parameters<typeof checkPayload<T>>[0], subject: string): T => {
    const valid = checkPayload(schema, item.payload, subject);
    assertStorable(valid, subject);
    return valid;
  };
  switch (item.kind) {
    case 'response': {
      const response = checked(feedbackResponseSchema, 'response');
      return db.transaction(async (tx) => {
        const outcome = inserted(
          await tx.query(
            `INSERT INTO palaute_responses
               (id, customer_id, survey_id, touchpoint_id, received_at, document)
             VALUES ($1, $2, $3, $4, $5::timestamptz, $6::jsonb)
             ON CONFLICT (customer_id, id) DO NOTHING RETURNING 1`,
            [
              response.id,
              response.customerId,
              response.surveyId,
              response.touchpointId,
              now().toISOString(),
              jsonb(response),
            ],
          ),
        );
        if (outcome === 'stored') await ingest(tx, { ...response, followUps: [] });
        return outcome;
      });
    }
    case 'followUp': {
      const answer = checked(followUpAnswerSchema, 'follow-up answer');
      return db.transaction(async (tx) => {
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
          await ingest(tx, { ...response, followUps: [...response.followUps, answer] });
        return outcome;
      });
    }
    case 'display': {
      const display = checked(displaySchema, 'display');
      return inserted(
        await db.query(
          `INSERT INTO palaute_displays (response_id, customer_id, document)
           VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [display.responseId, display.customerId, jsonb(display)],
        ),
      );
    }
    case 'dismissal': {
      const dismissal = checked(dismissalSchema, 'dismissal');
      return inserted(
        await db.query(
          `INSERT INTO palaute_dismissals (response_id, customer_id, reason, document)
           VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
          [dismissal.responseId, dismissal.customerId, dismissal.reason, jsonb(dismissal)],
        ),
      );
    }
    case 'reply': {
      const reply = checked(customerReplySchema, 'reply');
      return db.transaction(async (tx) => {
        const known = ownFeedbackItem(await readItem(tx, reply.itemId, true), reply.customerId);
        // The reply id (the customer's own) is the key: a replay (on any of their items) inserts
        // nothing and changes nothing.
        const outcome = inserted(
          await tx.query(
            `INSERT INTO palaute_replies (reply_id, item_id, customer_id, document)
             VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
            [reply.replyId, reply.itemId, reply.customerId, jsonb(reply)],
          ),
        );
        if (outcome === 'stored') await writeItem(tx, applyCustomerReply(known, reply));
        return outcome;
      });
    }
    case 'read': {
      const receipt = checked(readReceiptSchema, 'read receipt');
      return db.transaction(async (tx) => {
        const known = await readItem(tx, receipt.itemId, true);
        await writeItem(
          tx,
          applyReadReceipt(ownFeedbackItem(known, receipt.customerId, 'read receipt'), receipt),
        );
        return 'stored' as const;
      });
    }
    case 'impactSeen': {
      const seen = checked(impactSeenSchema, 'impact seen');
      await db.query(
        `UPDATE palaute_notices SET seen_at = $3
         WHERE customer_id = $1 AND notice_id = $2 AND seen_at IS NULL`,
        [seen.customerId, seen.noticeId, seen.at],
      );
      return 'stored';
    }
    case 'vote':
      if (!vote)
        throw new NotFoundError([{ path: 'kind', message: 'this server has no board' }], 'vote');
      return vote(item.payload);
  }
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
    },
    'customer export',
  );
}

/**
 * The customer's side on SQL, with every optional method of {@link BackendPort} and data rights.
 * Writes are validated like the memory backend's (a {@link ValidationError} naming the path), and
 * customer reads touch only that customer's rows.
 */
export function createSqlBackend(
  db: Sql,
  now: () => Date,
  board?: SqlBoard,
): Omit<Required<BackendPort>, 'board'> & CustomerDataPort & { board?: SqlBoard['customer'] } {
  const vote = board?.applyVote;
  const write = async (item: DeliveryItem) => {
    await store(db, item, now, vote);
  };
  return {
    async submitResponse(response) {
      await write({ kind: 'response', payload: response });
      const [row] = await db.query<{ received_at: unknown }>(
        'SELECT received_at FROM palaute_responses WHERE customer_id = $1 AND id = $2',
        [response.customerId, response.id],
      );
      return { responseId: response.id, receivedAt: isoOf(row?.received_at) };
    },
    submitFollowUp: (answer) => write({ kind: 'followUp', payload: answer }),
    recordDisplay: (display) => write({ kind: 'display', payload: display }),
    recordDismissal: (dismissal) => write({ kind: 'dismissal', payload: dismissal }),
    submitReply: (reply) => write({ kind: 'reply', payload: reply }),
    markRead: (receipt) => write({ kind: 'read', payload: receipt }),
    markImpactSeen: (seen) => write({ kind: 'impactSeen', payload: seen }),
    async deliver(items) {
      const results: DeliveryResult[] = [];
      const leftOut = new Set<string>();
      for (const item of items) {
        const key = deliveryKey(item);
        // A follow-up whose response this batch left out waits for it, left out too.
        if (waitsFor(item, leftOut)) continue;
        try {
          results.push({ key, outcome: await store(db, item, now, vote) });
        } catch (error) {
          // Not handled (the database is away): left out, so it is tried again. Only a write
          // refused for good (invalid, naming what the writer does not have, or not allowed by
          // the lifecycle) has a verdict.
          const refusal = refusalOf(error);
          if (refusal) results.push({ key, outcome: 'rejected', error: refusal });
          else leftOut.add(key);
        }
      }
      return results;
    },
    async listImpact({ customerId }) {
      assertStorable({ customerId }, 'query');
      const rows = await db.query<{ document: ImpactNotice }>(
        `SELECT document FROM palaute_notices
         WHERE customer_id = $1 AND seen_at IS NULL ORDER BY seq`,
        [customerId],
      );
      return rows.map((row) => row.document);
    },
    async listMyFeedback({ customerId }): Promise<CustomerFeedback[]> {
      assertStorable({ customerId }, 'query');
      return customerFeedbackOf(
        customerId,
        await itemsOfCustomer(db, customerId),
        await noticesOfCustomer(db, customerId),
      );
    },
    async getContactHistory({ customerId }): Promise<ContactHistory> {
      assertStorable({ customerId }, 'query');
      const mine = async <T>(table: string) =>
        (
          await db.query<{ document: T }>(
            `SELECT document FROM ${table} WHERE customer_id = $1 ORDER BY seq`,
            [customerId],
          )
        ).map((row) => row.document);
      // Every customer's responses per survey (a survey's response cap): an index-only count.
      const counts = await db.query<{ survey_id: string; responses: number }>(
        'SELECT survey_id, count(*)::int AS responses FROM palaute_responses GROUP BY survey_id',
      );
      return contactHistoryOf({
        customerId,
        displays: await mine<Display>('palaute_displays'),
        dismissals: await mine<Dismissal>('palaute_dismissals'),
        responses: await mine<FeedbackResponse>('palaute_responses'),
        responseCounts: Object.fromEntries(counts.map((row) => [row.survey_id, row.responses])),
        items: await itemsOfCustomer(db, customerId),
        notices: await noticesOfCustomer(db, customerId),
      });
    },
    async exportCustomer(customerId) {
      assertStorable({ customerId }, 'customer');
      return db.transaction((tx) => exportOf(tx, customerId, now));
    },
    async deleteCustomer(customerId) {
      assertStorable({ customerId }, 'customer');
      return db.transaction(async (tx): Promise<CustomerDeletion> => {
        const remove = async (table: string) =>
          (await tx.query(`DELETE FROM ${table} WHERE customer_id = $1 RETURNING 1`, [customerId]))
            .length;
        const followUps = await remove('palaute_follow_ups');
        const responses = await remove('palaute_responses');
        // Their rate-limit bucket names them too (a full bucket again: nothing to count).
        await tx.query(`DELETE FROM palaute_rate_limits WHERE scope = 'customer' AND key = $1`, [
          customerId,
        ]);
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
          },
        };
      });
    },
  };
}
