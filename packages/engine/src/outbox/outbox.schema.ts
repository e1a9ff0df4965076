import * as z from 'zod/mini';
import {
  type DeliveryKind,
  type DeliveryPayload,
  getContactChoiceSchema,
  getCustomerReplySchema,
  getDeliveryKindSchema,
  getDismissalSchema,
  getDisplaySchema,
  getFeedbackResponseSchema,
  getFollowUpAnswerSchema,
  getIdeaWriteSchema,
  getImpactSeenSchema,
  getReadReceiptSchema,
  getVoteWriteSchema,
} from '../records/records.schema';

// Schemas are built in pure wrappers: zod's builders are not marked side-effect free, and a host
// that never uses the outbox must not ship them.

/** What an outbox carries, each kind delivered through its own backend method. */
export const outboxKindSchema = /* @__PURE__ */ getDeliveryKindSchema();
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
 * The union of each kind's record (the base fields and the kind's payload), and each kind's record
 * by kind for {@link outboxRecordSchemaFor}. The kinds share one set of the base fields' schemas
 * (zod's schemas are immutable): built per kind, they were about 90 more schema objects in every page
 * that starts the outbox. A kind's payload schema is built the first time its record's shape is read
 * (zod reads a getter in an object's shape then, once): a page that stores only displays builds the
 * display's schema and no other kind's.
 */
const records = /* @__PURE__ */ (() => {
  const base = recordBase();
  const byKind = new Map<unknown, z.ZodMiniType>();
  const recordOf = <K extends OutboxKind, P extends z.ZodMiniType>(kind: K, payload: () => P) => {
    const record = z.object({
      ...base,
      kind: z.literal(kind),
      get payload() {
        return payload();
      },
    });
    byKind.set(kind, record);
    return record;
  };
  const union = z.discriminatedUnion('kind', [
    recordOf('response', getFeedbackResponseSchema),
    recordOf('followUp', getFollowUpAnswerSchema),
    recordOf('display', getDisplaySchema),
    recordOf('dismissal', getDismissalSchema),
    recordOf('reply', getCustomerReplySchema),
    recordOf('read', getReadReceiptSchema),
    recordOf('impactSeen', getImpactSeenSchema),
    recordOf('contactChoice', getContactChoiceSchema),
    recordOf('vote', getVoteWriteSchema),
    recordOf('idea', getIdeaWriteSchema),
  ]);
  return { union, byKind };
})();

/**
 * One stored record, validated when loaded so a corrupted store is reported, never half-sent. The
 * outbox checks a record through {@link outboxRecordSchemaFor}, which builds only its kind's
 * payload schema; this union, used itself, builds every kind's on its first use.
 */
export const outboxRecordSchema = /* @__PURE__ */ (() => records.union)();
/** One stored record. */
export type OutboxRecord = z.output<typeof outboxRecordSchema>;
/** The payload of each kind. */
export type OutboxPayload<K extends OutboxKind> = DeliveryPayload<K>;

/**
 * The schema that checks `value` exactly as {@link outboxRecordSchema} does, building no other
 * kind's payload schema: for a value whose `kind` is one of the outbox's, that kind's record (what
 * the union picks for an object; for anything else the record refuses it as the union does: not an
 * object); otherwise the union itself, which names the problem.
 */
export function outboxRecordSchemaFor(value: unknown): z.ZodMiniType<OutboxRecord> {
  // Each is one of the union's options, whose output is an OutboxRecord of its kind.
  const record = records.byKind.get((value as { kind?: unknown } | null | undefined)?.kind) as
    | z.ZodMiniType<OutboxRecord>
    | undefined;
  return record ?? outboxRecordSchema;
}
