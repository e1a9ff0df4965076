import * as z from 'zod/mini';
import { actorSchema, cxLevelSchema, feedbackStatusSchema } from '../feedback/feedback.schema';
import { attributesSchema, customerIdSchema, timestampSchema } from '../records/records.schema';
import { idSchema } from '../survey/survey.schema';

// Schemas in pure wrappers: a page that only asks surveys ships none of the board's data model.

/** The longest idea title (a title is a line, not a story). */
export const MAX_IDEA_TITLE_LENGTH = 150;
/** The longest idea body. */
export const MAX_IDEA_BODY_LENGTH = 5000;
/** The longest comment. */
export const MAX_COMMENT_LENGTH = 3000;
/** How many ideas a page of the board holds when the query sets no `limit`. */
export const BOARD_PAGE_SIZE = 20;
/** The most ideas one page of the board may hold. */
export const MAX_BOARD_PAGE_SIZE = 100;

/** A client-made id, the idempotency key of an idea, a comment or a vote. */
const clientIdSchema = () => z.string().check(z.minLength(8), z.maxLength(100));
/** Text a person wrote: trimmed length within bounds (rendered as text, never as HTML). */
const textSchema = (min: number, max: number) =>
  z.string().check(
    z.refine((value) => value.trim().length >= min, `must have at least ${min} characters`),
    z.maxLength(max, `must be ${max} characters at most`),
  );

/** What is posted: an idea (a feature request) or a bug report. */
export const ideaKindSchema = /* @__PURE__ */ (() => z.enum(['idea', 'bug']))();
/** What is posted. */
export type IdeaKind = z.output<typeof ideaKindSchema>;

/**
 * Where an idea stands with moderation: `approved` (public), `pending` (waits for the team; only its
 * author sees it), `hidden` (taken down by the team) or `spam`. Only `approved` ideas are public.
 */
export const ideaApprovalSchema = /* @__PURE__ */ (() =>
  z.enum(['approved', 'pending', 'hidden', 'spam']))();
/** Where an idea stands with moderation. */
export type IdeaApproval = z.output<typeof ideaApprovalSchema>;

/**
 * A status of the board, configurable per board and mapped onto the feedback lifecycle
 * (`lifecycle`), so loop metrics stay one: a board's "Under review" is `triaged`, "Shipped" is
 * `shipped`. `public` statuses show on the board, `roadmap` ones are its columns, `closed` ones lock
 * votes; `next` lists the statuses it may move to (all, when absent), within what the lifecycle
 * allows.
 */
export const statusDefinitionSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    name: z.string().check(z.minLength(1), z.maxLength(80)),
    lifecycle: feedbackStatusSchema,
    public: z.boolean(),
    roadmap: z.boolean(),
    closed: z.boolean(),
    next: z.optional(z.array(idSchema)),
  }))();
/** A status of the board. */
export type StatusDefinition = z.output<typeof statusDefinitionSchema>;

/** A category of the board ("Invoices", "Reports"). */
export const categorySchema = /* @__PURE__ */ (() =>
  z.object({ id: idSchema, name: z.string().check(z.minLength(1), z.maxLength(80)) }))();
/** A category of the board. */
export type Category = z.output<typeof categorySchema>;

/**
 * How trending is ranked, documented and configurable: every vote adds `voteWeight`, every comment
 * `commentWeight` and the idea's creation `1`, each decaying by half every `halfLifeHours`. The
 * score kept is `log2(Σ weight · 2^((t − epoch) / halfLife))`, which orders ideas exactly as the
 * decayed sum at any instant does (the decay factor is common to all), grows by one update per
 * event and never overflows. Top is by votes, newest by creation; ties by id.
 */
export const rankingSchema = /* @__PURE__ */ (() =>
  z.object({
    halfLifeHours: z.number().check(z.positive(), z.maximum(24 * 365 * 10)),
    voteWeight: z.number().check(z.nonnegative(), z.maximum(100)),
    commentWeight: z.number().check(z.nonnegative(), z.maximum(100)),
  }))();
/** How trending is ranked. */
export type Ranking = z.output<typeof rankingSchema>;

/**
 * A board: its language (full-text search stems in it, with `simple` as the fallback), whether
 * ideas wait for approval (`moderation: 'approve'`; `trusted` customers skip the queue), its
 * statuses (the first is where new ideas start), categories and ranking.
 */
export const boardSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    name: z.string().check(z.minLength(1), z.maxLength(120)),
    /** A PostgreSQL text search configuration name (`english`, `finnish`, `simple`, …). */
    language: z.string().check(z.regex(/^[a-z_]{2,40}$/)),
    moderation: z.enum(['publish', 'approve']),
    trusted: z.optional(z.array(customerIdSchema)),
    statuses: z.array(statusDefinitionSchema).check(z.minLength(1), z.maxLength(30)),
    categories: z.array(categorySchema).check(z.maxLength(100)),
    ranking: rankingSchema,
  }))();
/** A board. */
export type Board = z.output<typeof boardSchema>;

/** One step of an idea's life: board statuses, with the lifecycle status each maps to. */
export const ideaStatusChangeSchema = /* @__PURE__ */ (() =>
  z.object({
    from: z.nullable(idSchema),
    to: idSchema,
    lifecycle: feedbackStatusSchema,
    at: timestampSchema,
    by: actorSchema,
    reason: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
  }))();
/** One step of an idea's life. */
export type IdeaStatusChange = z.output<typeof ideaStatusChangeSchema>;

/** An idea or bug report, as the team sees it. */
export const ideaSchema = /* @__PURE__ */ (() =>
  z.object({
    id: clientIdSchema(),
    boardId: idSchema,
    kind: ideaKindSchema,
    title: z.string().check(z.minLength(1), z.maxLength(MAX_IDEA_TITLE_LENGTH)),
    body: z.string().check(z.maxLength(MAX_IDEA_BODY_LENGTH)),
    /** Who posted it: a customer (or the team, on a customer's behalf). */
    authorId: customerIdSchema,
    /** The name the host gave for the author, never typed by the customer. */
    authorName: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    status: idSchema,
    lifecycle: feedbackStatusSchema,
    categoryId: z.optional(idSchema),
    /** Customers voting for it, each once, its merged duplicates' voters included. */
    votes: z.int().check(z.minimum(0)),
    comments: z.int().check(z.minimum(0)),
    /** The trending score (see {@link rankingSchema}). */
    trend: z.number(),
    approval: ideaApprovalSchema,
    /** The idea this one was merged into (a duplicate: its votes count there). */
    mergedInto: z.optional(clientIdSchema()),
    /** Feedback items (survey answers) linked to it. */
    itemIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))),
    /** Changelog entries that shipped it. */
    changelogIds: z.array(idSchema),
    level: z.optional(cxLevelSchema),
    history: z.array(ideaStatusChangeSchema),
    language: z.string().check(z.maxLength(40)),
    createdAt: timestampSchema,
    updatedAt: timestampSchema,
  }))();
/** An idea or bug report. */
export type Idea = z.output<typeof ideaSchema>;

/**
 * An idea as a customer sees it: no moderation internals, no other customer's ids, and whether this
 * customer voted for it (`voted`) or wrote it (`mine`).
 */
export const publicIdeaSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    kind: ideaKindSchema,
    title: z.string(),
    body: z.string(),
    authorName: z.optional(z.string()),
    status: idSchema,
    statusName: z.string(),
    lifecycle: feedbackStatusSchema,
    /** Why the team declined it, as they wrote it for the customers (while it is declined). */
    declineReason: z.optional(z.string()),
    categoryId: z.optional(idSchema),
    votes: z.int(),
    comments: z.int(),
    /** Votes are locked (a closed status, or merged). */
    locked: z.boolean(),
    voted: z.boolean(),
    mine: z.boolean(),
    /** Waiting for approval (only its author sees it). */
    pending: z.boolean(),
    mergedInto: z.optional(z.string()),
    changelogIds: z.array(idSchema),
    /** Its author's data was deleted: the text stays public, nobody is named for it. */
    anonymised: z.optional(z.literal(true)),
    createdAt: timestampSchema,
  }))();
/** An idea as a customer sees it. */
export type PublicIdea = z.output<typeof publicIdeaSchema>;

/** Where a vote came from: the board, a survey's "others asked for this too", the launcher, or the team on a customer's behalf. */
export const voteSourceSchema = /* @__PURE__ */ (() =>
  z.enum(['board', 'survey', 'launcher', 'onBehalf']))();
/** Where a vote came from. */
export type VoteSource = z.output<typeof voteSourceSchema>;

/** One customer's vote on one idea, with the segment frozen at vote time. */
export const voteSchema = /* @__PURE__ */ (() =>
  z.object({
    ideaId: clientIdSchema(),
    customerId: customerIdSchema,
    source: voteSourceSchema,
    /** The team member who voted on the customer's behalf. */
    by: z.optional(actorSchema),
    segment: z.optional(attributesSchema),
    at: timestampSchema,
  }))();
/** One customer's vote. */
export type Vote = z.output<typeof voteSchema>;

export {
  type IdeaWrite,
  ideaWriteSchema,
  type VoteWrite,
  voteWriteSchema,
} from '../records/records.schema';

/** A comment: one level of threading (`parentId` names a top-level comment), team comments marked, one official response pinned. */
export const commentSchema = /* @__PURE__ */ (() =>
  z.object({
    id: clientIdSchema(),
    ideaId: clientIdSchema(),
    parentId: z.optional(clientIdSchema()),
    author: actorSchema,
    body: z.string().check(z.minLength(1), z.maxLength(MAX_COMMENT_LENGTH)),
    /** The team's official response, shown pinned above the thread. */
    official: z.optional(z.literal(true)),
    /** The author's data was deleted: the text is kept, the author is not. */
    anonymised: z.optional(z.literal(true)),
    at: timestampSchema,
  }))();
/** A comment. */
export type Comment = z.output<typeof commentSchema>;

/** A comment as a customer sees it: a team author by name only. */
export const publicCommentSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string(),
    parentId: z.optional(z.string()),
    author: z.object({
      kind: z.enum(['team', 'customer', 'system']),
      name: z.optional(z.string()),
      mine: z.boolean(),
    }),
    body: z.string(),
    official: z.boolean(),
    /** Its author's data was deleted: the text stays, nobody is named for it. */
    anonymised: z.optional(z.literal(true)),
    at: timestampSchema,
  }))();
/** A comment as a customer sees it. */
export type PublicComment = z.output<typeof publicCommentSchema>;

/** An idea with its thread: the official response first, then top-level comments oldest first, each with its replies. */
export const ideaDetailSchema = /* @__PURE__ */ (() =>
  z.object({
    idea: publicIdeaSchema,
    official: z.optional(publicCommentSchema),
    comments: z.array(publicCommentSchema),
  }))();
/** An idea with its thread. */
export type IdeaDetail = z.output<typeof ideaDetailSchema>;

/** A shipped change on the board's changelog, linked to the ideas and feedback items it answers. */
export const changelogEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    title: z.string().check(z.minLength(1), z.maxLength(200)),
    body: z.string().check(z.maxLength(MAX_IDEA_BODY_LENGTH)),
    ideaIds: z.array(clientIdSchema()).check(z.maxLength(1000)),
    itemIds: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(1000)),
    publishedAt: timestampSchema,
  }))();
/** A changelog entry. */
export type ChangelogEntry = z.output<typeof changelogEntrySchema>;

/**
 * A changelog entry as a customer reads it: with the ideas it answered that they may see, by id and
 * title, so a page names them without reading the ideas (absent from older servers).
 */
export const publicChangelogEntrySchema = /* @__PURE__ */ (() =>
  z.extend(changelogEntrySchema, {
    ideas: z.optional(
      z.array(z.object({ id: clientIdSchema(), title: z.string() })).check(z.maxLength(1000)),
    ),
  }))();
/** A changelog entry as a customer reads it. */
export type PublicChangelogEntry = z.output<typeof publicChangelogEntrySchema>;

/** The board's sort orders. */
export const BOARD_SORTS = ['trending', 'top', 'newest'] as const;
/** A sort order of the board. */
export type BoardSort = (typeof BOARD_SORTS)[number];

/** What the board lists: sort, filters, text search and which page (a keyset cursor). */
export const ideaQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    sort: z.optional(z.enum(BOARD_SORTS)),
    status: z.optional(z.array(idSchema).check(z.maxLength(30))),
    categoryId: z.optional(idSchema),
    kind: z.optional(ideaKindSchema),
    search: z.optional(z.string().check(z.maxLength(200))),
    /** Only ideas this customer voted for. */
    votedOnly: z.optional(z.boolean()),
    /**
     * Only ideas this customer follows: wrote, voted for or commented on (a duplicate's followers
     * follow the idea it was merged into), and the duplicates they followed themselves, with
     * `mergedInto` naming where they went.
     */
    followedOnly: z.optional(z.boolean()),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_BOARD_PAGE_SIZE))),
    cursor: z.optional(z.string().check(z.maxLength(500))),
  }))();
/** What the board lists. */
export type IdeaQuery = z.output<typeof ideaQuerySchema>;

/** One page of the board; `next` when more match. */
export const ideaPageSchema = /* @__PURE__ */ (() =>
  z.object({ ideas: z.array(publicIdeaSchema), next: z.optional(z.string()) }))();
/** One page of the board. */
export type IdeaPage = z.output<typeof ideaPageSchema>;

/** The team's query: the customer's, plus moderation states. */
export const teamIdeaQuerySchema = /* @__PURE__ */ (() =>
  z.extend(ideaQuerySchema, {
    approval: z.optional(z.array(ideaApprovalSchema)),
  }))();
/** The team's query. */
export type TeamIdeaQuery = z.output<typeof teamIdeaQuerySchema>;

/** One page of the team's board. */
export const teamIdeaPageSchema = /* @__PURE__ */ (() =>
  z.object({ ideas: z.array(ideaSchema), next: z.optional(z.string()) }))();
/** One page of the team's board. */
export type TeamIdeaPage = z.output<typeof teamIdeaPageSchema>;

/** A customer suggests an idea or reports a bug (idempotent by `id`). */
export const ideaInputSchema = /* @__PURE__ */ (() =>
  z.object({
    id: clientIdSchema(),
    customerId: customerIdSchema,
    kind: ideaKindSchema,
    title: textSchema(3, MAX_IDEA_TITLE_LENGTH),
    body: textSchema(0, MAX_IDEA_BODY_LENGTH),
    categoryId: z.optional(idSchema),
    segment: z.optional(attributesSchema),
    /**
     * The author's own feedback item it came from (the launcher's response id), linked to the idea
     * so the team sees both and shipping the idea reaches that item. Another customer's item is
     * refused; one not arrived yet is linked as given.
     */
    itemId: z.optional(z.string().check(z.minLength(8), z.maxLength(100))),
    /** Where it was posted: the author's own vote is recorded as coming from there. @default 'board' */
    source: z.optional(z.enum(['board', 'launcher'])),
    at: timestampSchema,
  }))();
/** A customer suggests an idea. */
export type IdeaInput = z.output<typeof ideaInputSchema>;

/** A customer comments (idempotent by `id`). */
export const commentInputSchema = /* @__PURE__ */ (() =>
  z.object({
    id: clientIdSchema(),
    customerId: customerIdSchema,
    ideaId: clientIdSchema(),
    parentId: z.optional(clientIdSchema()),
    body: textSchema(1, MAX_COMMENT_LENGTH),
    at: timestampSchema,
  }))();
/** A customer comments. */
export type CommentInput = z.output<typeof commentInputSchema>;

/** Ideas like a text being typed, for "Is it one of these? Add your vote instead". */
export const similarQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    customerId: customerIdSchema,
    text: z.string().check(z.maxLength(MAX_IDEA_TITLE_LENGTH + MAX_IDEA_BODY_LENGTH)),
    /**
     * What the text is: a `title` being typed (ideas like it, typos forgiven), or a longer survey or
     * launcher `answer` (ideas whose title it speaks of: the title's words within the text).
     * @default 'title'
     */
    match: z.optional(z.enum(['title', 'answer'])),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(10))),
  }))();
/** Ideas like a text being typed. */
export type SimilarQuery = z.output<typeof similarQuerySchema>;

/** A similar idea with how alike it is (0–1). */
export const similarIdeaSchema = /* @__PURE__ */ (() =>
  z.object({ idea: publicIdeaSchema, score: z.number() }))();
/** A similar idea. */
export type SimilarIdea = z.output<typeof similarIdeaSchema>;

/** The roadmap: one column per roadmap status, in the board's order. */
export const roadmapSchema = /* @__PURE__ */ (() =>
  z.object({
    columns: z.array(
      z.object({
        status: idSchema,
        name: z.string(),
        lifecycle: feedbackStatusSchema,
        ideas: z.array(publicIdeaSchema),
      }),
    ),
    /** The board's categories, to name each idea's and filter by them (absent from older servers). */
    categories: z.optional(z.array(categorySchema)),
  }))();
/** The roadmap. */
export type Roadmap = z.output<typeof roadmapSchema>;

/**
 * What the team does to an idea's moderation: approve, hide or mark it as spam, give it a new title,
 * or put it in one of the board's categories (`categoryId: null` takes it out of any).
 */
export const moderationActionSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.enum(['approve', 'hide', 'spam']) }),
    z.object({ type: z.literal('editTitle'), title: textSchema(3, MAX_IDEA_TITLE_LENGTH) }),
    z.object({ type: z.literal('setCategory'), categoryId: z.nullable(idSchema) }),
  ]))();
/** What the team does to an idea's moderation. */
export type ModerationAction = z.output<typeof moderationActionSchema>;

/** A status change by the team (a lifecycle `declined` needs a reason the customers read). */
export const statusMoveSchema = /* @__PURE__ */ (() =>
  z.object({ status: idSchema, reason: z.optional(z.string().check(z.maxLength(2000))) }))();
/** A status change by the team. */
export type StatusMove = z.output<typeof statusMoveSchema>;

/** A team comment, optionally the official response. */
export const teamCommentSchema = /* @__PURE__ */ (() =>
  z.object({
    id: clientIdSchema(),
    ideaId: clientIdSchema(),
    parentId: z.optional(clientIdSchema()),
    body: textSchema(1, MAX_COMMENT_LENGTH),
    official: z.optional(z.boolean()),
  }))();
/** A team comment. */
export type TeamComment = z.output<typeof teamCommentSchema>;

/** A vote the team records on a customer's behalf (from a support chat). */
export const onBehalfVoteSchema = /* @__PURE__ */ (() =>
  z.object({
    customerId: customerIdSchema,
    ideaId: clientIdSchema(),
    segment: z.optional(attributesSchema),
  }))();
/** A vote on a customer's behalf. */
export type OnBehalfVote = z.output<typeof onBehalfVoteSchema>;

/** A changelog entry to publish (`publishedAt` is the server's). */
export const changelogInputSchema = /* @__PURE__ */ (() =>
  z.object({
    id: idSchema,
    title: textSchema(1, 200),
    body: textSchema(0, MAX_IDEA_BODY_LENGTH),
    ideaIds: z.array(clientIdSchema()).check(z.maxLength(1000)),
    itemIds: z.optional(
      z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(1000)),
    ),
  }))();
/** A changelog entry to publish. */
export type ChangelogInput = z.output<typeof changelogInputSchema>;

/**
 * Which ideas a segment wants most: the team's "ideas most wanted by detractors" (`key: 'npsClass',
 * value: 'detractor'`) or by a plan (`key: 'plan', value: 'enterprise'`), read from the segment each
 * vote froze at vote time. Without `value`, ideas by all their votes, each broken down by `key`.
 */
export const demandQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    key: z.string().check(z.minLength(1), z.maxLength(100)),
    value: z.optional(z.string().check(z.maxLength(200))),
    kind: z.optional(ideaKindSchema),
    limit: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_BOARD_PAGE_SIZE))),
  }))();
/** Which ideas a segment wants most. */
export type DemandQuery = z.output<typeof demandQuerySchema>;

/**
 * One idea's demand: its voters in the asked segment (`wanted`), all its voters, and its voters by
 * the key's values (`(none)` for votes whose segment did not say), each customer once.
 */
export const ideaDemandSchema = /* @__PURE__ */ (() =>
  z.object({
    idea: ideaSchema,
    wanted: z.int().check(z.minimum(0)),
    votes: z.int().check(z.minimum(0)),
    bySegment: z.record(z.string(), z.int().check(z.minimum(0))),
  }))();
/** One idea's demand. */
export type IdeaDemand = z.output<typeof ideaDemandSchema>;

/** The segment value of a vote that did not freeze one for the key. */
export const NO_SEGMENT_VALUE = '(none)';

/** What a customer's data on the board is: for export. */
export const boardExportSchema = /* @__PURE__ */ (() =>
  z.object({
    ideas: z.array(ideaSchema),
    votes: z.array(voteSchema),
    comments: z.array(commentSchema),
  }))();
/** A customer's data on the board. */
export type BoardExport = z.output<typeof boardExportSchema>;
