import * as z from 'zod/mini';
import { boardExportSchema } from '../board/board.schema';
import { feedbackItemSchema, storedNoticeSchema } from '../feedback/feedback.schema';
import {
  contactChoiceSchema,
  customerIdSchema,
  customerReplySchema,
  dismissalSchema,
  displaySchema,
  feedbackResponseSchema,
  followUpAnswerSchema,
  submitReceiptSchema,
  timestampSchema,
} from '../records/records.schema';

// Data rights: what a backend holds about one customer, as one document (export), and what deleting
// it removed. A separate file from backend.schema.ts, which feedback.schema.ts imports.

/**
 * Everything a backend holds about one customer: responses, follow-up answers, submit receipts,
 * displays, dismissals, their replies, their feedback items (status history and the whole thread,
 * read times included), their impact notices and their contact choices. What a data export hands over.
 */
export const customerExportSchema = /* @__PURE__ */ (() =>
  z.object({
    format: z.literal('palaute.customer-export'),
    version: z.literal(1),
    customerId: customerIdSchema,
    exportedAt: timestampSchema,
    responses: z.array(feedbackResponseSchema),
    followUps: z.array(followUpAnswerSchema),
    receipts: z.array(submitReceiptSchema),
    displays: z.array(displaySchema),
    dismissals: z.array(dismissalSchema),
    replies: z.array(customerReplySchema),
    items: z.array(feedbackItemSchema),
    notices: z.array(storedNoticeSchema),
    /** Opt-outs changed after the fact and their undos (absent when there are none). */
    contactChoices: z.optional(z.array(contactChoiceSchema)),
    /** Their ideas, votes (with the segment frozen at vote time) and comments on the board. */
    board: z.optional(boardExportSchema),
  }))();
/** Everything a backend holds about one customer. */
export type CustomerExport = z.output<typeof customerExportSchema>;

const countSchema = () => z.int().check(z.minimum(0));

/** What deleting one customer removed, counted as the export lists it. */
export const customerDeletionSchema = /* @__PURE__ */ (() =>
  z.object({
    customerId: customerIdSchema,
    deleted: z.object({
      responses: countSchema(),
      followUps: countSchema(),
      receipts: countSchema(),
      displays: countSchema(),
      dismissals: countSchema(),
      replies: countSchema(),
      items: countSchema(),
      notices: countSchema(),
      contactChoices: z.optional(countSchema()),
    }),
    /**
     * The board: votes deleted (counts follow); ideas and comments anonymised (their text stays
     * public, the author is gone), as the customer is told.
     */
    board: z.optional(
      z.object({
        votes: countSchema(),
        ideasAnonymised: countSchema(),
        commentsAnonymised: countSchema(),
      }),
    ),
  }))();
/** What deleting one customer removed. */
export type CustomerDeletion = z.output<typeof customerDeletionSchema>;

/** How many of each kind of record {@link CustomerDeletion} counts, from an export of the same data. */
export function countExport(data: CustomerExport): CustomerDeletion {
  return {
    customerId: data.customerId,
    deleted: {
      responses: data.responses.length,
      followUps: data.followUps.length,
      receipts: data.receipts.length,
      displays: data.displays.length,
      dismissals: data.dismissals.length,
      replies: data.replies.length,
      items: data.items.length,
      notices: data.notices.length,
      ...(data.contactChoices ? { contactChoices: data.contactChoices.length } : {}),
    },
    ...(data.board
      ? {
          board: {
            votes: data.board.votes.length,
            ideasAnonymised: data.board.ideas.length,
            commentsAnonymised: data.board.comments.length,
          },
        }
      : {}),
  };
}
