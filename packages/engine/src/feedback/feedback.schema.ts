import * as z from 'zod/mini';
import {
  attributesSchema,
  customerIdSchema,
  feedbackKindSchema,
  getImpactNoticeSchema,
  getTimestampSchema,
  impactNoticeSchema,
  safeUrlSchema,
  timestampSchema,
} from '../records/records.schema';
import { once } from '../shared/shared.once';
import {
  answersSchema,
  getAnswersSchema,
  getIdSchema,
  idSchema,
  localizedTextSchema,
} from '../survey/survey.schema';
import { decodeInboxCursor } from './feedback.cursor';

// Schemas in pure wrappers: a page that only asks surveys ships none of the team's data model.

/**
 * Where a piece of feedback stands. Open: `new` (nobody looked yet), `triaged` (read and sorted),
 * `planned` (on the plan: never reads as done), `inProgress` (being built), `shipped` (done; the
 * only status an impact notice may come from). Closing: `declined` (with a reason the customer sees)
 * and `answered` (the team's reply settled it).
 */
export const FEEDBACK_STATUSES = [
  'new',
  'triaged',
  'planned',
  'inProgress',
  'shipped',
  'declined',
  'answered',
] as const;
/** {@link feedbackStatusSchema}, built on the first call. */
export const getFeedbackStatusSchema = /* @__PURE__ */ once(() => z.enum(FEEDBACK_STATUSES));
/** Where a piece of feedback stands. */
export const feedbackStatusSchema = /* @__PURE__ */ getFeedbackStatusSchema();
/** Where a piece of feedback stands. */
export type FeedbackStatus = z.output<typeof feedbackStatusSchema>;

/** Statuses that close the loop: the customer has heard back with an outcome. */
export const CLOSING_STATUSES: readonly FeedbackStatus[] = ['shipped', 'declined', 'answered'];

/**
 * The CX level of a piece of work (the three levels): `necessity` (hygiene: bugs, outages, "cannot do
 * my job"; Kano's must-be), `differentiation` (effort, speed and quality of what exists; Kano's
 * performance) and `vision` (new capability; Kano's delighters). A team that only fixes necessities
 * never differentiates: the report shows the mix.
 */
export const CX_LEVELS = ['necessity', 'differentiation', 'vision'] as const;
/** The CX level of a piece of work. */
export const cxLevelSchema = /* @__PURE__ */ (() => z.enum(CX_LEVELS))();
/** The CX level of a piece of work. */
export type CxLevel = z.output<typeof cxLevelSchema>;

/** {@link actorSchema}, built on the first call. */
export const getActorSchema = /* @__PURE__ */ once(() =>
  z.object({
    kind: z.enum(['team', 'customer', 'system']),
    id: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Shown with replies ("Anna from Laskutin"). */
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
);
/** Who did something: a team member, the customer, or the system. */
export const actorSchema = /* @__PURE__ */ getActorSchema();
/** Who did something. */
export type Actor = z.output<typeof actorSchema>;

/** One step of a piece of feedback's life, timestamped, with who took it. */
export const statusChangeSchema = /* @__PURE__ */ (() =>
  z.object({
    from: z.nullable(feedbackStatusSchema),
    to: feedbackStatusSchema,
    at: timestampSchema,
    by: actorSchema,
    /** Why (a decline's reason is shown to the customer). */
    reason: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  }))();
/** One step of a piece of feedback's life. */
export type StatusChange = z.output<typeof statusChangeSchema>;

/** {@link replySchema}, built on the first call. */
export const getReplySchema = /* @__PURE__ */ once(() =>
  z.object({
    /** Made by the writer; the idempotency key of the reply. */
    id: z.string().check(z.minLength(8), z.maxLength(100)),
    author: getActorSchema(),
    /** Plain text, rendered as text. */
    body: z.string().check(z.minLength(1), z.maxLength(5000)),
    at: getTimestampSchema(),
    /** When the other side read it. */
    readAt: z.optional(getTimestampSchema()),
  }),
);
/** A message in a piece of feedback's thread, from the team or the customer, with its read receipt. */
export const replySchema = /* @__PURE__ */ getReplySchema();
/** A message in a thread. */
export type Reply = z.output<typeof replySchema>;

/** The most tags one item may carry. */
export const MAX_ITEM_TAGS = 20;

/**
 * A tag the team puts on items (`billing`, `bug`, `q3-roadmap`): 1 to 50 characters, no line
 * breaks or other control characters, no space at either end. Compared exactly, case included.
 */
export const tagSchema = /* @__PURE__ */ (() =>
  z
    .string()
    .check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(50),
      z.regex(
        /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u,
        'must have no control characters and no space at either end',
      ),
    ))();
/** A tag on items. */
export type Tag = z.output<typeof tagSchema>;

/** A team member's id, as the team credential names them (the `id` of an {@link Actor}). */
export const teamMemberIdSchema = /* @__PURE__ */ (() =>
  z.string().check(z.minLength(1), z.maxLength(200)))();

/**
 * The longest text of a feedback item: the customer's words, joined from their answers, are cut to
 * it (ending in "…"; the answers keep every word), so what a customer may send always fits.
 */
export const MAX_ITEM_TEXT_LENGTH = 20_000;

/**
 * Who a customer is, as the host knows them: a display name and a company, for the team's eyes
 * only. Palaute never stores it: a server's `customerProfile` option resolves it as the team reads.
 */
export const customerProfileSchema = /* @__PURE__ */ (() =>
  z.object({
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    company: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }))();
/** Who a customer is, as the host knows them. */
export type CustomerProfile = z.output<typeof customerProfileSchema>;

/**
 * One piece of feedback with everything the team handles: what the customer said, where, the
 * status and its history, the thread, and the change it led to.
 */
export const feedbackItemSchema = /* @__PURE__ */ (() =>
  z.object({
    /**
     * The item's id: the id of the response it came from (one item per response), unless another
     * customer's item had that id first (response ids are each customer's own), then one of its own.
     */
    id: z.string().check(z.minLength(8), z.maxLength(100)),
    /** The response it came from, when that is not `id`. */
    responseId: z.optional(z.string().check(z.minLength(8), z.maxLength(100))),
    customerId: customerIdSchema,
    surveyId: idSchema,
    touchpointId: idSchema,
    /** The customer's answers, follow-up answers included. */
    answers: answersSchema,
    /** The customer's own words ("You told us …"): their text answers, joined. */
    text: z.optional(z.string().check(z.maxLength(MAX_ITEM_TEXT_LENGTH))),
    /** From a partial response: the customer closed the survey before its end. */
    partial: z.optional(z.literal(true)),
    sentiment: z.optional(z.enum(['negative', 'neutral', 'positive'])),
    /** What the customer said it is about (idea, problem, praise, other), when they picked it. */
    kind: z.optional(feedbackKindSchema),
    /** Whether the customer agreed to be contacted about it (a consent question answered yes). */
    consentToContact: z.boolean(),
    /** Customer attributes at the time, for segment filters (`plan`, `country`, …). */
    segment: z.optional(attributesSchema),
    status: feedbackStatusSchema,
    history: z.array(statusChangeSchema),
    replies: z.array(replySchema),
    /**
     * The CX level the team set (`level.set`); absent when none was set (the report then
     * uses the configured default for its question or touchpoint).
     */
    level: z.optional(cxLevelSchema),
    /** The shipped change it is linked to. */
    changeId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    /** The team's tags, in the order they were added, each once (absent: none). */
    tags: z.optional(z.array(tagSchema).check(z.maxLength(MAX_ITEM_TAGS))),
    /** The team member it is assigned to (absent: unassigned). */
    assignee: z.optional(teamMemberIdSchema),
    /**
     * Who the customer is (name, company), resolved by the server's host as the team reads the
     * item; never stored, never on a customer's route. Absent when the host does not say.
     */
    profile: z.optional(customerProfileSchema),
    createdAt: timestampSchema,
  }))();
/** One piece of feedback. */
export type FeedbackItem = z.output<typeof feedbackItemSchema>;

/** A shipped change, linked to the feedback that asked for it: "You told us X. We shipped Y." */
export const changeSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    /** What shipped. */
    weDid: localizedTextSchema,
    details: z.optional(localizedTextSchema),
    link: z.optional(z.object({ href: safeUrlSchema, label: localizedTextSchema })),
    shippedAt: timestampSchema,
    /** The feedback items it answers. */
    itemIds: z.array(z.string().check(z.minLength(8), z.maxLength(100))).check(z.minLength(1)),
  }))();
/** A shipped change. */
export type Change = z.output<typeof changeSchema>;

/** {@link customerFeedbackSchema}, built on the first call. */
export const getCustomerFeedbackSchema = /* @__PURE__ */ once(() =>
  z.object({
    id: z.string(),
    surveyId: getIdSchema(),
    touchpointId: getIdSchema(),
    text: z.optional(z.string()),
    answers: getAnswersSchema(),
    status: getFeedbackStatusSchema(),
    /** When each status was reached (reasons only for declines). */
    history: z.array(
      z.object({
        to: getFeedbackStatusSchema(),
        at: getTimestampSchema(),
        reason: z.optional(z.string()),
      }),
    ),
    replies: z.array(getReplySchema()),
    consentToContact: z.boolean(),
    /**
     * The impact notice, once shipped and linked, with when the customer saw it (`seenAt`, from
     * `markImpactSeen`: in a flow, on any device, or in their feedback panel); absent while it is news.
     */
    impact: z.optional(
      z.object({ ...getImpactNoticeSchema().shape, seenAt: z.optional(getTimestampSchema()) }),
    ),
    createdAt: getTimestampSchema(),
  }),
);
/** What the customer sees of one piece of their feedback: no internal data, no other customer. */
export const customerFeedbackSchema = /* @__PURE__ */ getCustomerFeedbackSchema();
/** What the customer sees of one piece of their feedback. */
export type CustomerFeedback = z.output<typeof customerFeedbackSchema>;

/** How the team moves an item's status (a decline says why: the customer reads it). */
const statusMoves = () =>
  [
    z.object({
      type: z.enum(['feedback.triage', 'feedback.plan', 'feedback.start', 'feedback.reopen']),
      reason: z.optional(z.string().check(z.maxLength(2000))),
    }),
    z.object({
      type: z.literal('feedback.decline'),
      /** Shown to the customer. */
      reason: z
        .string()
        .check(z.minLength(1, 'must say why: the customer reads it'), z.maxLength(2000)),
    }),
    z.object({ type: z.literal('feedback.answer') }),
  ] as const;

/** How the team files an item: tags added or removed, an assignee set or cleared. */
const teamFilingActions = () =>
  [
    z.object({
      type: z.enum(['tags.add', 'tags.remove']),
      /** The tags to add (those it has already stay once) or to remove (those it lacks: nothing). */
      tags: z.array(tagSchema).check(z.minLength(1), z.maxLength(MAX_ITEM_TAGS)),
    }),
    z.object({
      type: z.literal('assignee.set'),
      /** The team member's id, or `null` to leave it unassigned. */
      assignee: z.nullable(teamMemberIdSchema),
    }),
  ] as const;

/** What the team can do to an item: a status move or a reply (`by` and `at` are the server's). */
export const teamActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    ...statusMoves(),
    z.object({
      type: z.literal('reply.team'),
      reply: z.object({
        id: z.string().check(z.minLength(8), z.maxLength(100)),
        body: z.string().check(z.minLength(1), z.maxLength(5000)),
      }),
    }),
    z.object({ type: z.literal('reply.read') }),
    z.object({
      type: z.literal('level.set'),
      /** The CX level, or `null` to clear it (back to the configured default). */
      level: z.nullable(cxLevelSchema),
    }),
    ...teamFilingActions(),
  ]))();
/** What the team can do to an item. */
export type TeamAction = z.output<typeof teamActionSchema>;

/** The most items one bulk action may name. */
export const MAX_BULK_ITEMS = 500;

/**
 * What the team may do to many items at once: a status move, tags, the assignee or the CX level
 * (never a reply: each customer is written to on their own).
 */
export const bulkTeamActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    ...statusMoves(),
    z.object({ type: z.literal('level.set'), level: z.nullable(cxLevelSchema) }),
    ...teamFilingActions(),
  ]))();
/** What the team may do to many items at once. */
export type BulkTeamAction = z.output<typeof bulkTeamActionSchema>;

/** One action on many items: each item's id once, 1 to {@link MAX_BULK_ITEMS} of them. */
export const bulkActionSchema = /* @__PURE__ */ (() =>
  z.object({
    ids: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(
      z.minLength(1),
      z.maxLength(MAX_BULK_ITEMS),
      z.refine((ids) => new Set(ids).size === ids.length, 'must name each item once'),
    ),
    action: bulkTeamActionSchema,
  }))();
/** One action on many items. */
export type BulkAction = z.output<typeof bulkActionSchema>;

/**
 * The verdict on one item of a bulk action, in the order the ids were given: `done` with the item
 * as it now stands, or `refused` with why (`not_found`, or the lifecycle's `lifecycle.<rule>`:
 * `lifecycle.notFromStatus` for a move the item's status does not have). A refusal leaves that
 * item as it was and the others go ahead.
 */
export const bulkVerdictSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('outcome', [
    z.object({ id: z.string(), outcome: z.literal('done'), item: feedbackItemSchema }),
    z.object({
      id: z.string(),
      outcome: z.literal('refused'),
      error: z.object({
        code: z.string().check(z.maxLength(100)),
        message: z.string().check(z.maxLength(2000)),
      }),
    }),
  ]))();
/** The verdict on one item of a bulk action. */
export type BulkVerdict = z.output<typeof bulkVerdictSchema>;

/** A change to record as shipped, with the items it answers. */
export const changeInputSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    weDid: localizedTextSchema,
    details: z.optional(localizedTextSchema),
    link: z.optional(z.object({ href: safeUrlSchema, label: localizedTextSchema })),
    itemIds: z
      .array(z.string().check(z.minLength(8), z.maxLength(100)))
      .check(z.minLength(1), z.maxLength(10_000)),
  }))();
/** A change to record as shipped. */
export type ChangeInput = z.output<typeof changeInputSchema>;

/** How many items a page of the inbox holds when the query sets no `limit`. */
export const INBOX_PAGE_SIZE = 50;
/** The most items one page of the inbox may hold (`limit`). */
export const MAX_INBOX_PAGE_SIZE = 500;

/** A cursor as the inbox hands it out in `next`: opaque, URL-safe. */
const inboxCursorSchema = () =>
  z.string().check(
    z.maxLength(2000),
    z.refine(
      (cursor) => decodeInboxCursor(cursor) !== undefined,
      'is not a cursor this inbox gave out: pass back the `next` of the page before',
    ),
  );

/**
 * What the inbox shows: filters, order, and which page. Pages are keyset pages: `cursor` is the
 * `next` of the page before, and the page holds the items after that place in the order.
 */
/**
 * The kinds of item the team's inbox holds: survey and launcher `feedback` (the feedback store's
 * items), and the board's `idea`s and `bug` reports (listed by the board's team port, acted on
 * through the board's own operations so its statuses and the loop metrics stay one).
 */
export const INBOX_KINDS = ['feedback', 'idea', 'bug'] as const;
/** A kind of item in the team's inbox. */
export type InboxKind = (typeof INBOX_KINDS)[number];

export const inboxQuerySchema = /* @__PURE__ */ (() =>
  z
    .object({
      status: z.optional(z.array(feedbackStatusSchema)),
      touchpointId: z.optional(idSchema),
      /** Only items at least this old (at most a million hours, some 114 years). */
      olderThanHours: z.optional(z.number().check(z.nonnegative(), z.maximum(1_000_000))),
      /** Only items whose customer segment matches (e.g. `{ plan: 'pro' }`); `12` is not `'12'`. */
      segment: z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))),
      /**
       * Only items whose customer wrote these words (their text answers and their replies in the
       * thread), as a web search box reads them: every word (any case), `"a phrase"` word for word,
       * `or` between alternatives, `-word` for none of it. A SQL backend also matches other forms of
       * a word in the customer's language (`exports` finds `export`).
       */
      text: z.optional(
        z.string().check(
          z.maxLength(200),
          z.refine((text) => /[\p{L}\p{N}]/u.test(text), 'must hold a word to search for'),
        ),
      ),
      /** Only items carrying every one of these tags. */
      tags: z.optional(z.array(tagSchema).check(z.maxLength(MAX_ITEM_TAGS))),
      /** Only items assigned to this team member; `null`: only unassigned items. */
      assignee: z.optional(z.nullable(teamMemberIdSchema)),
      /**
       * `unprocessed` (default): new first (oldest first: they wait longest), then open, then
       * closed, newest first within those two; `newest`; `oldest`. Ties by item id.
       */
      sort: z.optional(z.enum(['unprocessed', 'newest', 'oldest'])),
      /**
       * Only items of this kind (see {@link INBOX_KINDS}); absent: every kind. The feedback list
       * holds `feedback` only, so `idea` or `bug` lists none of its items: the board's team port
       * lists those (`BoardTeamPort.listIdeas` with the same `kind`).
       */
      kind: z.optional(z.enum(INBOX_KINDS)),
      /**
       * Only feedback of this kind as the customer said it in the launcher (see `FEEDBACK_KINDS`:
       * `idea`, `problem`, `praise`, `other`); `null`: only feedback without one (survey answers).
       * A property of feedback items, so it lists no board idea; the board's kinds are `kind`'s.
       */
      feedbackKind: z.optional(z.nullable(feedbackKindSchema)),
      /** How many items, at most, on this page. @default 50 ({@link INBOX_PAGE_SIZE}) */
      limit: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_INBOX_PAGE_SIZE))),
      /** Where to go on from: the `next` of the page before, made for the same sort. */
      cursor: z.optional(inboxCursorSchema()),
    })
    .check(
      z.superRefine((query, ctx) => {
        const sort = query.sort ?? 'unprocessed';
        const position = query.cursor === undefined ? undefined : decodeInboxCursor(query.cursor);
        if (position && position.sort !== sort)
          ctx.issues.push({
            code: 'custom',
            message: `was made for the ${position.sort} order, not ${sort}: start again without a cursor`,
            path: ['cursor'],
            input: query.cursor,
          });
      }),
    ))();
/** What the inbox shows, and which page. */
export type InboxQuery = z.output<typeof inboxQuerySchema>;

/**
 * One page of the inbox: its items in the query's order and, when more items match, the cursor
 * that lists them (`next`; absent on the last page).
 */
export const inboxPageSchema = /* @__PURE__ */ (() =>
  z.object({
    items: z.array(feedbackItemSchema),
    /** Pass it back as the query's `cursor` (with the same filters and sort) for the next page. */
    next: z.optional(inboxCursorSchema()),
  }))();
/** One page of the inbox. */
export type InboxPage = z.output<typeof inboxPageSchema>;

/** How many values a facet of the inbox lists when the query sets no `limit`. */
export const INBOX_FACET_VALUES = 20;
/** How many segment keys the inbox's facets list when the query sets no `keys`. */
export const INBOX_FACET_KEYS = 20;
/** The most values per facet, and the most segment keys, a facets query may ask for. */
export const MAX_INBOX_FACETS = 100;

/** How many of the inbox's facets to list. */
export const inboxFacetsQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /** Values listed per facet (the touchpoints, each segment key's values), the most common first (1–100). @default 20 */
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_INBOX_FACETS))),
    /** Segment keys listed, those on the most items first (1–100). @default 20 */
    keys: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_INBOX_FACETS))),
  }))();
/** How many of the inbox's facets to list. */
export type InboxFacetsQuery = z.output<typeof inboxFacetsQuerySchema>;

const facetCount = () => z.int().check(z.minimum(1));
/** What a facet leaves out: how many more values, and how many items have one of them. */
const facetOmittedSchema = () =>
  z.object({
    values: z.int().check(z.minimum(0)),
    items: z.int().check(z.minimum(0)),
  });

/**
 * The inbox's facets, for its filters: the touchpoints, and the segment keys with their values, each
 * with how many items have it, the most common first (ties: values by kind, booleans, numbers, then
 * texts, each in its own order, texts by code point; keys and touchpoints by code point). Counted over
 * the whole inbox, whatever filters are set. Bounded: each facet lists at most `limit` values and says
 * what it leaves out (`omitted`); at most `keys` segment keys are listed (`omittedSegmentKeys` more).
 * Segment values are typed, as the segment filter matches them: the number `12` and the text `"12"`
 * are two values; `null` is none.
 */
export const inboxFacetsSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Items in the inbox. */
    total: z.int().check(z.minimum(0)),
    /** The touchpoints feedback came from. */
    touchpoints: z.object({
      values: z.array(z.object({ value: z.string(), count: facetCount() })),
      omitted: facetOmittedSchema(),
    }),
    /** The segment keys, each with how many items have it and its values. */
    segments: z.array(
      z.object({
        key: z.string(),
        /** Items whose segment has this key (with a text, number or boolean). */
        count: facetCount(),
        values: z.array(
          z.object({ value: z.union([z.string(), z.number(), z.boolean()]), count: facetCount() }),
        ),
        omitted: facetOmittedSchema(),
      }),
    ),
    /** Segment keys not listed (on fewer items than those listed). */
    omittedSegmentKeys: z.int().check(z.minimum(0)),
  }))();
/** The inbox's facets, for its filters. */
export type InboxFacets = z.output<typeof inboxFacetsSchema>;
/** A value of a segment, as the inbox filters by it and its facets count it. */
export type SegmentValue = InboxFacets['segments'][number]['values'][number]['value'];

/** The most hours a response target may be (some 114 years, as the inbox's `olderThanHours`). */
const MAX_RESPONSE_TARGET_HOURS = 1_000_000;

/** How the loop metrics are asked for. */
export const loopMetricsQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    /**
     * Unprocessed feedback with no team action for longer than this many hours is overdue (above 0,
     * at most a million). @default 48
     */
    responseTargetHours: z.optional(
      z.number().check(z.positive(), z.maximum(MAX_RESPONSE_TARGET_HOURS)),
    ),
  }))();
/** How the loop metrics are asked for. */
export type LoopMetricsQuery = z.output<typeof loopMetricsQuerySchema>;

const durationSummarySchema = () =>
  z.object({
    count: z.int().check(z.minimum(0)),
    /** The median (`percentile_cont(0.5)`), rounded to the hundredth of an hour; `null` for none. */
    medianHours: z.nullable(z.number()),
    /** The 90th percentile (`percentile_cont(0.9)`), rounded likewise; `null` for none. */
    p90Hours: z.nullable(z.number()),
  });

const loopSummaryShape = () => ({
  /** Feedback items. */
  total: z.int().check(z.minimum(0)),
  /** Items still `new`: nobody has looked at them. */
  unprocessed: z.int().check(z.minimum(0)),
  /** `unprocessed / total` (0 when there is nothing). */
  unprocessedShare: z.number(),
  /** How unprocessed feedback has aged, by time since it arrived. */
  aging: z.object({
    under1Day: z.int(),
    from1To3Days: z.int(),
    from3To7Days: z.int(),
    from7To30Days: z.int(),
    over30Days: z.int(),
  }),
  /** Items with no team action yet, older than the response target. */
  overdue: z.int().check(z.minimum(0)),
  /** From arrival to the team's first action (a reply or a status change), in hours. */
  timeToFirstResponse: durationSummarySchema(),
  /** From arrival to an outcome the customer hears (shipped, declined, answered), in hours. */
  timeToClose: durationSummarySchema(),
});

/** Whether the loop gets closed, for all feedback or one touchpoint's. */
export const loopSummarySchema = /* @__PURE__ */ (() => z.object(loopSummaryShape()))();
/** Whether the loop gets closed, for all feedback or one touchpoint's. */
export type LoopSummary = z.output<typeof loopSummarySchema>;

/** Loop metrics, overall and per touchpoint. */
export const loopMetricsSchema = /* @__PURE__ */ (() =>
  z.object({
    ...loopSummaryShape(),
    byTouchpoint: z.record(z.string(), z.object(loopSummaryShape())),
  }))();
/** Loop metrics, overall and per touchpoint. */
export type LoopMetrics = z.output<typeof loopMetricsSchema>;
/** A duration summary in hours: how many, the median and the 90th percentile. */
export type DurationSummary = LoopSummary['timeToFirstResponse'];
/** How unprocessed feedback has aged. */
export type AgingBuckets = LoopSummary['aging'];

/**
 * An impact notice as a backend keeps it for one customer: made from a shipped item (`itemId`) or
 * added by hand, and when the customer saw it (seen notices are not listed again).
 */
export const storedNoticeSchema = /* @__PURE__ */ (() =>
  z.object({
    notice: impactNoticeSchema,
    itemId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
    seenAt: z.optional(timestampSchema),
  }))();
/** An impact notice as a backend keeps it. */
export type StoredNotice = z.output<typeof storedNoticeSchema>;
