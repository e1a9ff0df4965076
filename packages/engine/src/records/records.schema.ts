import * as z from 'zod/mini';
import { once } from '../shared/shared.once';
import { isTimestamp, TIMESTAMP_MESSAGE } from '../shared/shared.time';
import {
  freeFormRecord,
  getAnswersSchema,
  getAnswerValueSchema,
  getIdSchema,
  getLocaleSchema,
  getLocalizedTextSchema,
  refinement,
} from '../survey/survey.schema';

// Each schema is built by a function on its first call (`getDisplaySchema()`), and its exported
// constant is that function's value. The outbox and the protocol's checks, which a page showing a
// survey loads, call the functions, so they build a record's schemas when a record of its kind is
// first checked, not all of them when they load (zod's schemas are objects in the page's heap).
// Every call is marked pure: zod's builders are not marked side-effect free, and a bundle drops
// the schemas it does not use.

/** {@link timestampSchema}, built on the first call. */
export const getTimestampSchema = /* @__PURE__ */ once(() =>
  z.string().check(refinement(isTimestamp, TIMESTAMP_MESSAGE)),
);
/**
 * An ISO-8601 timestamp with a time zone, e.g. `2026-11-23T10:15:00.000Z`, on a real calendar day.
 */
export const timestampSchema = /* @__PURE__ */ getTimestampSchema();

/** {@link attributesSchema}, built on the first call. */
export const getAttributesSchema = /* @__PURE__ */ once(() =>
  freeFormRecord(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
);
/**
 * Customer attributes (`plan`, `country`, `signedUpAt`, …): strings, numbers, booleans or `null`.
 * The host's customer carries them for targeting; a response carries them as its segment, so the team
 * can filter feedback by them. Put nothing in them you would not show your team.
 */
export const attributesSchema = /* @__PURE__ */ getAttributesSchema();
/** Customer attributes. */
export type Attributes = z.output<typeof attributesSchema>;

/**
 * The longest customer id: every write, query, item and export takes ids up to it, so what is
 * stored can always be read, exported and deleted.
 */
export const MAX_CUSTOMER_ID_LENGTH = 200;

/** {@link customerIdSchema}, built on the first call. */
export const getCustomerIdSchema = /* @__PURE__ */ once(() =>
  z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(MAX_CUSTOMER_ID_LENGTH)),
);
/** A customer's id, as the host knows them: 1 to {@link MAX_CUSTOMER_ID_LENGTH} characters. */
export const customerIdSchema = /* @__PURE__ */ getCustomerIdSchema();

/** {@link customerSchema}, built on the first call. */
export const getCustomerSchema = /* @__PURE__ */ once(() =>
  z.object({
    id: getCustomerIdSchema(),
    attributes: z.optional(getAttributesSchema()),
  }),
);
/** The customer answering: an id the host knows them by, and optional attributes. */
export const customerSchema = /* @__PURE__ */ getCustomerSchema();
/** The customer answering. */
export type Customer = z.output<typeof customerSchema>;

/**
 * What a piece of feedback is about, as the customer said when they started it from the launcher:
 * an `idea`, a `problem`, `praise` or something `other`. Recorded on the response and its feedback
 * item, so the team can tell them apart.
 */
export const FEEDBACK_KINDS = ['idea', 'problem', 'praise', 'other'] as const;
/** {@link feedbackKindSchema}, built on the first call. */
export const getFeedbackKindSchema = /* @__PURE__ */ once(() => z.enum(FEEDBACK_KINDS));
/** What a piece of feedback is about. */
export const feedbackKindSchema = /* @__PURE__ */ getFeedbackKindSchema();
/** What a piece of feedback is about. */
export type FeedbackKind = z.output<typeof feedbackKindSchema>;

/** {@link feedbackResponseSchema}, built on the first call. */
export const getFeedbackResponseSchema = /* @__PURE__ */ once(() =>
  z.object({
    id: z.string().check(z.minLength(8), z.maxLength(100)),
    surveyId: getIdSchema(),
    surveyVersion: z.int(),
    touchpointId: getIdSchema(),
    customerId: getCustomerIdSchema(),
    locale: getLocaleSchema(),
    answers: getAnswersSchema(),
    /** The acknowledgement the customer was shown (their segment), if any. */
    acknowledgementId: z.optional(getIdSchema()),
    /**
     * How the customer felt, from the first answered scale question (NPS by segment). The contact
     * policy keeps a quiet period after a negative answer.
     */
    sentiment: z.optional(z.enum(['negative', 'neutral', 'positive'])),
    /** The customer's attributes when they answered (`plan`, `country`, …), for segment filters. */
    segment: z.optional(getAttributesSchema()),
    /** What the customer said it is about, when they picked it (the launcher asks). */
    kind: z.optional(getFeedbackKindSchema()),
    /**
     * The customer closed the survey before its end and the survey sends what was answered
     * (`partial: 'submit'`): these answers are all there will be.
     */
    partial: z.optional(z.literal(true)),
    startedAt: getTimestampSchema(),
    submittedAt: getTimestampSchema(),
  }),
);
/**
 * A submitted response. `id` is generated by the client when the flow starts and doubles as the
 * idempotency key: submitting the same id twice stores one response.
 */
export const feedbackResponseSchema = /* @__PURE__ */ getFeedbackResponseSchema();
/** A submitted response. */
export type FeedbackResponse = z.output<typeof feedbackResponseSchema>;

/** {@link followUpAnswerSchema}, built on the first call. */
export const getFollowUpAnswerSchema = /* @__PURE__ */ once(() =>
  z.object({
    responseId: z.string().check(z.minLength(8), z.maxLength(100)),
    /**
     * Whose response it joins: response ids are the customer's own, so two customers may use one.
     * A server sets it from the caller's credential when it is absent.
     */
    customerId: z.optional(getCustomerIdSchema()),
    followUpId: getIdSchema(),
    questionId: getIdSchema(),
    /** Absent when the customer skipped an optional follow-up. */
    answer: z.optional(getAnswerValueSchema()),
    answeredAt: getTimestampSchema(),
  }),
);
/** The answer to a follow-up question, joining the response it follows. */
export const followUpAnswerSchema = /* @__PURE__ */ getFollowUpAnswerSchema();
/** The answer to a follow-up question. */
export type FollowUpAnswer = z.output<typeof followUpAnswerSchema>;

/** {@link interactionBaseSchema}, built on the first call. */
export const getInteractionBaseSchema = /* @__PURE__ */ once(() =>
  z.object({
    /** The response id of the flow, so displays, dismissals and the response can be joined. */
    responseId: z.string().check(z.minLength(8), z.maxLength(100)),
    surveyId: getIdSchema(),
    surveyVersion: z.int(),
    touchpointId: getIdSchema(),
    customerId: getCustomerIdSchema(),
    at: getTimestampSchema(),
    /**
     * The customer's attributes when the survey was shown (`plan`, `country`, …), as a response
     * carries them: response, dismissal and opt-out rates by segment count the flows recorded with one.
     */
    segment: z.optional(getAttributesSchema()),
  }),
);
/** The step a flow was at: a question id, or one of the steps after the questions. */
export const interactionBaseSchema = /* @__PURE__ */ getInteractionBaseSchema();

/** {@link displaySchema}, built on the first call. */
export const getDisplaySchema = /* @__PURE__ */ once(() =>
  z.object({ ...getInteractionBaseSchema().shape, initiative: z.optional(z.literal('customer')) }),
);
/**
 * The survey was shown to the customer. `initiative: 'customer'` when they opened it themselves (the
 * launcher's own survey): not an ask, so it does not count against the fatigue budget.
 */
export const displaySchema = /* @__PURE__ */ getDisplaySchema();
/** The survey was shown to the customer. */
export type Display = z.output<typeof displaySchema>;

/** {@link dismissalSchema}, built on the first call. */
export const getDismissalSchema = /* @__PURE__ */ once(() =>
  z.object({
    ...getInteractionBaseSchema().shape,
    /** `dismiss` ("no thanks"), `notNow` (ask later) or `optOut` ("don't ask me again"). */
    reason: z.enum(['dismiss', 'notNow', 'optOut']),
    step: z.string(),
    questionId: z.optional(getIdSchema()),
    /** Whether the response had already been submitted. */
    submitted: z.boolean(),
    /**
     * What became of the answers given before closing, when there were some: `draft` (kept on the
     * device; the survey resumes there at its next opening or offer) or `partial` (sent as a partial
     * response). Absent when nothing had been answered, or everything had been submitted.
     */
    kept: z.optional(z.enum(['draft', 'partial'])),
    /**
     * For `optOut`: what the customer chose it covers, `survey` (this survey only) or `all` (every
     * survey). Absent reads as `all`, as opt-outs recorded before scopes existed meant.
     */
    optOutScope: z.optional(z.enum(['survey', 'all'])),
  }),
);
/**
 * The customer closed the flow: `dismiss` (closed it, "no thanks"), `notNow` (asked to be asked later)
 * or `optOut` ("don't ask me again": no survey is offered to them again),
 * at a step (`asking`, `acknowledging`, …) and, while asking, at a question.
 */
export const dismissalSchema = /* @__PURE__ */ getDismissalSchema();
/** The customer closed the flow. */
export type Dismissal = z.output<typeof dismissalSchema>;

/** {@link safeUrlSchema}, built on the first call. */
export const getSafeUrlSchema = /* @__PURE__ */ once(() =>
  z
    .string()
    .check(
      z.maxLength(2000, 'must be 2000 characters at most'),
      z.regex(/^https?:\/\/[^\s/?#]+[^\s]*$/i, 'must be an absolute http(s) URL'),
    ),
);
/** A safe link: an absolute http(s) URL only, so a `javascript:` URL from a server can never run. */
export const safeUrlSchema = /* @__PURE__ */ getSafeUrlSchema();

/** {@link impactNoticeSchema}, built on the first call. */
export const getImpactNoticeSchema = /* @__PURE__ */ once(() =>
  z.object({
    /** A shipped change's notice is `<change id>:<item id>` (up to 165 characters). */
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    /** What the customer told us, e.g. "Exporting to Excel was slow". */
    youSaid: z.optional(getLocalizedTextSchema()),
    /** What shipped, e.g. "Exports are now 10× faster". */
    weDid: getLocalizedTextSchema(),
    details: z.optional(getLocalizedTextSchema()),
    shippedAt: getTimestampSchema(),
    link: z.optional(z.object({ href: getSafeUrlSchema(), label: getLocalizedTextSchema() })),
  }),
);
/**
 * "You said, we did": a change that shipped because of this customer's feedback. Shown only for
 * shipped changes, never for plans.
 */
export const impactNoticeSchema = /* @__PURE__ */ getImpactNoticeSchema();
/** A "you said, we did" notice. */
export type ImpactNotice = z.output<typeof impactNoticeSchema>;

/** {@link impactQuerySchema}, built on the first call. */
export const getImpactQuerySchema = /* @__PURE__ */ once(() =>
  z.object({
    customerId: getCustomerIdSchema(),
    /** Where the customer is now (a backend may favour notices about this touchpoint). */
    touchpointId: z.optional(getIdSchema()),
    /** The survey just answered, if any. */
    surveyId: z.optional(getIdSchema()),
  }),
);
/** Impact for this customer (the flow also says where it is and which survey it asked). */
export const impactQuerySchema = /* @__PURE__ */ getImpactQuerySchema();
/** The impact query. */
export type ImpactQuery = z.output<typeof impactQuerySchema>;

/** {@link submitReceiptSchema}, built on the first call. */
export const getSubmitReceiptSchema = /* @__PURE__ */ once(() =>
  z.object({
    responseId: z.string(),
    receivedAt: getTimestampSchema(),
  }),
);
/** What the backend returns for a submitted response. */
export const submitReceiptSchema = /* @__PURE__ */ getSubmitReceiptSchema();
/** What the backend returns for a submitted response. */
export type SubmitReceipt = z.output<typeof submitReceiptSchema>;

/** {@link customerReplySchema}, built on the first call. */
export const getCustomerReplySchema = /* @__PURE__ */ once(() =>
  z.object({
    itemId: z.string().check(z.minLength(8), z.maxLength(100)),
    customerId: getCustomerIdSchema(),
    /** Made by the client: the reply's idempotency key. */
    replyId: z.string().check(z.minLength(8), z.maxLength(100)),
    /** Plain text, rendered as text. */
    body: z.string().check(z.minLength(1), z.maxLength(5000)),
    at: getTimestampSchema(),
  }),
);
/** The customer writes back in the thread of one of their feedback items. */
export const customerReplySchema = /* @__PURE__ */ getCustomerReplySchema();
/** The customer's reply in a thread. */
export type CustomerReply = z.output<typeof customerReplySchema>;

/** {@link readReceiptSchema}, built on the first call. */
export const getReadReceiptSchema = /* @__PURE__ */ once(() =>
  z.object({
    itemId: z.string().check(z.minLength(8), z.maxLength(100)),
    customerId: getCustomerIdSchema(),
    at: getTimestampSchema(),
  }),
);
/** The customer read the team's messages on one of their feedback items (a read receipt). */
export const readReceiptSchema = /* @__PURE__ */ getReadReceiptSchema();
/** A read receipt. */
export type ReadReceipt = z.output<typeof readReceiptSchema>;

/** {@link impactSeenSchema}, built on the first call. */
export const getImpactSeenSchema = /* @__PURE__ */ once(() =>
  z.object({
    customerId: getCustomerIdSchema(),
    noticeId: z.string().check(z.minLength(1), z.maxLength(200)),
    at: getTimestampSchema(),
  }),
);
/** The customer saw an impact notice: it is not shown again, and it counts as a contact. */
export const impactSeenSchema = /* @__PURE__ */ getImpactSeenSchema();
/** An impact notice seen. */
export type ImpactSeen = z.output<typeof impactSeenSchema>;

/** {@link contactChoiceSchema}, built on the first call. */
export const getContactChoiceSchema = /* @__PURE__ */ once(() =>
  z.discriminatedUnion('scope', [
    z.strictObject({
      /** Unique per choice (the idempotency key, within the customer's). */
      id: z.string().check(z.minLength(1), z.maxLength(100)),
      customerId: getCustomerIdSchema(),
      scope: z.literal('survey'),
      surveyId: getIdSchema(),
      optedOut: z.boolean(),
      at: getTimestampSchema(),
    }),
    z.strictObject({
      id: z.string().check(z.minLength(1), z.maxLength(100)),
      customerId: getCustomerIdSchema(),
      scope: z.literal('all'),
      optedOut: z.boolean(),
      at: getTimestampSchema(),
    }),
  ]),
);
/**
 * The customer changed whether they may be asked: `optedOut: false` turns an opt-out back on (the
 * undo right after "Don't ask me again", or later from "Your feedback"), `true` opts out. `scope`
 * `survey` covers the one survey named by `surveyId`; `all` covers every survey. The latest choice
 * for a scope wins, whichever way it was made.
 */
export const contactChoiceSchema = /* @__PURE__ */ getContactChoiceSchema();
/** The customer changed whether they may be asked. */
export type ContactChoice = z.output<typeof contactChoiceSchema>;

/** {@link deliveryKindSchema}, built on the first call. */
export const getDeliveryKindSchema = /* @__PURE__ */ once(() =>
  z.enum([
    'response',
    'followUp',
    'display',
    'dismissal',
    'reply',
    'read',
    'impactSeen',
    'contactChoice',
    'vote',
    'idea',
  ]),
);
/** What an outbox delivers: every write the engine makes, each kind through its own backend method. */
export const deliveryKindSchema = /* @__PURE__ */ getDeliveryKindSchema();
/** A client-made id of a board write (a vote write's, an idea's): its idempotency key. */
const writeIdSchema = () => z.string().check(z.minLength(8), z.maxLength(100));

/** {@link voteWriteSchema}, built on the first call. */
export const getVoteWriteSchema = /* @__PURE__ */ once(() =>
  z.object({
    id: writeIdSchema(),
    customerId: getCustomerIdSchema(),
    ideaId: writeIdSchema(),
    voted: z.boolean(),
    source: z.enum(['board', 'survey', 'launcher']),
    segment: z.optional(getAttributesSchema()),
    at: getTimestampSchema(),
  }),
);
/**
 * A vote on a board idea or its withdrawal, as the outbox delivers it: idempotent by `id` (the same
 * write twice changes nothing), and one vote per customer and idea whatever arrives.
 */
export const voteWriteSchema = /* @__PURE__ */ getVoteWriteSchema();
/** A vote or its withdrawal. */
export type VoteWrite = z.output<typeof voteWriteSchema>;

/** {@link ideaWriteSchema}, built on the first call. */
export const getIdeaWriteSchema = /* @__PURE__ */ once(() =>
  z.object({
    id: writeIdSchema(),
    customerId: getCustomerIdSchema(),
    kind: z.enum(['idea', 'bug']),
    // The bounds only: the board checks the rest (a title's least length) as it stores it.
    title: z.string().check(z.maxLength(150)),
    body: z.string().check(z.maxLength(5000)),
    categoryId: z.optional(getIdSchema()),
    segment: z.optional(getAttributesSchema()),
    itemId: z.optional(writeIdSchema()),
    source: z.optional(z.enum(['board', 'launcher'])),
    authorName: z.optional(z.string().check(z.maxLength(100))),
    at: getTimestampSchema(),
  }),
);
/**
 * An idea or a bug report posted on the board through the outbox (the launcher's "make it public"),
 * as the board's `suggestIdea` takes it: idempotent by `id` (the same write twice is one idea),
 * linked to the author's feedback item `itemId`. `authorName` is the host's name for the author,
 * never typed by them: over HTTP the server sets it from the signed caller, whatever was sent.
 */
export const ideaWriteSchema = /* @__PURE__ */ getIdeaWriteSchema();
/** An idea posted through the outbox. */
export type IdeaWrite = z.output<typeof ideaWriteSchema>;

/** What an outbox delivers. */
export type DeliveryKind = z.output<typeof deliveryKindSchema>;

/** {@link deliveryItemSchema}, built on the first call. */
export const getDeliveryItemSchema = /* @__PURE__ */ once(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('response'), payload: getFeedbackResponseSchema() }),
    z.object({ kind: z.literal('followUp'), payload: getFollowUpAnswerSchema() }),
    z.object({ kind: z.literal('display'), payload: getDisplaySchema() }),
    z.object({ kind: z.literal('dismissal'), payload: getDismissalSchema() }),
    z.object({ kind: z.literal('reply'), payload: getCustomerReplySchema() }),
    z.object({ kind: z.literal('read'), payload: getReadReceiptSchema() }),
    z.object({ kind: z.literal('impactSeen'), payload: getImpactSeenSchema() }),
    z.object({ kind: z.literal('contactChoice'), payload: getContactChoiceSchema() }),
    z.object({ kind: z.literal('vote'), payload: getVoteWriteSchema() }),
    z.object({ kind: z.literal('idea'), payload: getIdeaWriteSchema() }),
  ]),
);
/** One write to deliver: its kind and its payload. Its idempotency key is {@link deliveryKey}. */
export const deliveryItemSchema = /* @__PURE__ */ getDeliveryItemSchema();
/** One write to deliver. */
export type DeliveryItem = z.output<typeof deliveryItemSchema>;
/** The payload of each kind of write. */
export type DeliveryPayload<K extends DeliveryKind> = Extract<DeliveryItem, { kind: K }>['payload'];

export { deliveryKey, responseKey } from './records.keys';

/** {@link deliveryResultSchema}, built on the first call. */
export const getDeliveryResultSchema = /* @__PURE__ */ once(() =>
  z.object({
    key: z.string().check(z.minLength(1), z.maxLength(300)),
    outcome: z.enum(['stored', 'duplicate', 'rejected']),
    /** A response's (stored or duplicate): when the backend first received it, as in its receipt. */
    receivedAt: z.optional(getTimestampSchema()),
    error: z.optional(
      z.object({
        code: z.string().check(z.maxLength(100)),
        message: z.string().check(z.maxLength(2000)),
      }),
    ),
  }),
);
/**
 * What a backend says about one write of a batch: `stored`, `duplicate` (its key was stored before;
 * nothing changed) or `rejected` for good (invalid, refused), with the reason. A write missing from
 * the results was not handled and is tried again. A response stored now or before may carry its
 * receipt's time (`receivedAt`), so one write answers `POST /v1/responses` without a second read.
 */
export const deliveryResultSchema = /* @__PURE__ */ getDeliveryResultSchema();
/** What a backend says about one write of a batch. */
export type DeliveryResult = z.output<typeof deliveryResultSchema>;

/** A stored response with any follow-up answers joined to it. */
export type StoredResponse = FeedbackResponse & { followUps: FollowUpAnswer[] };
