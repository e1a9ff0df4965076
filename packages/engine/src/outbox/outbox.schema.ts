import * as z from 'zod/mini';
import {
  contactChoiceSchema,
  customerReplySchema,
  type DeliveryKind,
  type DeliveryPayload,
  deliveryKindSchema,
  dismissalSchema,
  displaySchema,
  feedbackResponseSchema,
  followUpAnswerSchema,
  ideaWriteSchema,
  impactSeenSchema,
  readReceiptSchema,
  voteWriteSchema,
} from '../records/records.schema';

// Schemas are built in pure wrappers: zod's builders are not marked side-effect free, and a host
// that never uses the outbox must not ship them.

/** What an outbox carries, each kind delivered through its own backend method. */
export const outboxKindSchema = deliveryKindSchema;
/** What an outbox carries. */
export type OutboxKind = DeliveryKind;

/**
 * What the customer wrote is essential and never dropped (answers, follow-up answers, replies, votes,
 * ideas);
 * displays, dismissals, read receipts and "seen" marks are low-value and refused first at the bound.
 */
export const ESSENTIAL_KINDS: readonly OutboxKind[] = [
  'response',
  'followUp',
  'reply',
  'vote',
  'idea',
];

const recordBase = () => ({
  /** The idempotency key ({@link deliveryKey}): the backend stores one record per key however often it is sent. */
  key: z.string().check(z.minLength(1), z.maxLength(300)),
  /** When it was stored, in ms since the epoch (send order). */
  createdAt: z.number(),
  /** Failed attempts so far. */
  attempts: z.int().check(z.minimum(0)),
  /** Not before this time (ms since the epoch): the backoff. */
  nextAttemptAt: z.number(),
  /** `pending` until delivered; `rejected` when the backend refused it for good (kept, reported). */
  status: z.enum(['pending', 'rejected']),
  /** The last failure, for hosts and the UI. */
  lastError: z.optional(z.string()),
});

/**
 * One stored record, validated when loaded so a corrupted store is reported, never half-sent. The
 * kinds share one set of the base fields' schemas (zod's schemas are immutable): built per kind, they
 * were about 90 more schema objects in every page that starts the outbox.
 */
export const outboxRecordSchema = /* @__PURE__ */ (() => {
  const base = recordBase();
  return z.discriminatedUnion('kind', [
    z.object({ ...base, kind: z.literal('response'), payload: feedbackResponseSchema }),
    z.object({ ...base, kind: z.literal('followUp'), payload: followUpAnswerSchema }),
    z.object({ ...base, kind: z.literal('display'), payload: displaySchema }),
    z.object({ ...base, kind: z.literal('dismissal'), payload: dismissalSchema }),
    z.object({ ...base, kind: z.literal('reply'), payload: customerReplySchema }),
    z.object({ ...base, kind: z.literal('read'), payload: readReceiptSchema }),
    z.object({ ...base, kind: z.literal('impactSeen'), payload: impactSeenSchema }),
    z.object({ ...base, kind: z.literal('contactChoice'), payload: contactChoiceSchema }),
    z.object({ ...base, kind: z.literal('vote'), payload: voteWriteSchema }),
    z.object({ ...base, kind: z.literal('idea'), payload: ideaWriteSchema }),
  ]);
})();
/** One stored record. */
export type OutboxRecord = z.output<typeof outboxRecordSchema>;
/** The payload of each kind. */
export type OutboxPayload<K extends OutboxKind> = DeliveryPayload<K>;
