import * as z from 'zod/mini';
import {
  boardSchema,
  changelogEntrySchema,
  changelogInputSchema,
  commentInputSchema,
  commentSchema,
  demandQuerySchema,
  ideaDemandSchema,
  ideaDetailSchema,
  ideaInputSchema,
  ideaPageSchema,
  ideaQuerySchema,
  ideaSchema,
  moderationActionSchema,
  onBehalfVoteSchema,
  publicCommentSchema,
  publicIdeaSchema,
  roadmapSchema,
  similarIdeaSchema,
  similarQuerySchema,
  statusMoveSchema,
  teamCommentSchema,
  teamIdeaPageSchema,
  teamIdeaQuerySchema,
  voteSchema,
} from '../board/board.schema';
import { customerIdSchema, voteWriteSchema } from '../records/records.schema';

// The board's routes, in a file of their own: a client that never shows the board ships none of them.

const protocol = () => z.literal(1);
const envelope = <Shape extends Record<string, z.core.SomeType>>(shape: Shape) =>
  z.object({ protocol: protocol(), ...shape });
const ideaIdSchema = () => z.string().check(z.minLength(8), z.maxLength(100));

/** A board route (see `ProtocolRoute`). */
const route = <
  R extends {
    method: 'POST';
    path: `/v1/${string}`;
    operationId: string;
    summary: string;
    audience: 'customer' | 'team';
    idempotent: boolean;
    request: z.ZodMiniType;
    response: z.ZodMiniType;
  },
>(
  definition: R,
) => definition;

/** Every route of the public board: `/v1/board/*` for customers, `/v1/team/board/*` for the team. */
export const boardRoutes = /* @__PURE__ */ (() => ({
  getBoard: route({
    method: 'POST',
    path: '/v1/board/get',
    operationId: 'getBoard',
    summary:
      'The board: its name, statuses (with their lifecycle mapping), categories and ranking.',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ board: z.omit(boardSchema, { trusted: true }) }),
  }),
  listIdeas: route({
    method: 'POST',
    path: '/v1/board/ideas/query',
    operationId: 'listIdeas',
    summary:
      'A page of ideas as this customer may see them (approved ideas in public statuses, and their own pending ones): sorted by trending, top or newest, filtered by status, category and kind, searched (full text in the board language, `simple` as the fallback), keyset paged (`next` back as `cursor`).',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema, query: ideaQuerySchema }),
    response: envelope(ideaPageSchema.shape),
  }),
  getIdea: route({
    method: 'POST',
    path: '/v1/board/ideas/get',
    operationId: 'getIdea',
    summary:
      'One idea with its thread, the official response pinned first (404 for one the customer may not see).',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema, ideaId: ideaIdSchema() }),
    response: envelope({ detail: ideaDetailSchema }),
  }),
  suggestIdea: route({
    method: 'POST',
    path: '/v1/board/ideas',
    operationId: 'suggestIdea',
    summary:
      'Suggest an idea or report a bug (idempotent by id); the author votes for it. Waits for approval when the board moderates first.',
    audience: 'customer',
    idempotent: true,
    request: envelope({ idea: ideaInputSchema }),
    response: envelope({ idea: publicIdeaSchema }),
  }),
  similarIdeas: route({
    method: 'POST',
    path: '/v1/board/ideas/similar',
    operationId: 'similarIdeas',
    summary:
      'Public ideas like a text being typed (full text plus trigram similarity for typos), most alike first: "Is it one of these? Add your vote instead".',
    audience: 'customer',
    idempotent: false,
    request: envelope({ query: similarQuerySchema }),
    response: envelope({ ideas: z.array(similarIdeaSchema) }),
  }),
  vote: route({
    method: 'POST',
    path: '/v1/board/votes',
    operationId: 'vote',
    summary:
      'Vote or withdraw a vote (idempotent by id; one vote per customer and idea). Also a `vote` write of `/v1/deliveries`.',
    audience: 'customer',
    idempotent: true,
    request: envelope({ vote: voteWriteSchema }),
    response: envelope({ idea: publicIdeaSchema }),
  }),
  comment: route({
    method: 'POST',
    path: '/v1/board/comments',
    operationId: 'comment',
    summary: 'Comment on an idea, or reply to a top-level comment (idempotent by id).',
    audience: 'customer',
    idempotent: true,
    request: envelope({ comment: commentInputSchema }),
    response: envelope({ comment: publicCommentSchema }),
  }),
  roadmap: route({
    method: 'POST',
    path: '/v1/board/roadmap',
    operationId: 'roadmap',
    summary:
      'The roadmap: a column per roadmap status (planned, in progress, shipped), most voted first.',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ roadmap: roadmapSchema }),
  }),
  changelog: route({
    method: 'POST',
    path: '/v1/board/changelog',
    operationId: 'changelog',
    summary: 'The changelog, newest first, each entry with the ideas it shipped.',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ entries: z.array(changelogEntrySchema) }),
  }),
  teamListIdeas: route({
    method: 'POST',
    path: '/v1/team/board/ideas/query',
    operationId: 'teamListIdeas',
    summary:
      'Every idea, pending, hidden and spam ones too, filtered by moderation state; keyset paged.',
    audience: 'team',
    idempotent: false,
    request: envelope({ query: teamIdeaQuerySchema }),
    response: envelope(teamIdeaPageSchema.shape),
  }),
  teamGetIdea: route({
    method: 'POST',
    path: '/v1/team/board/ideas/get',
    operationId: 'teamGetIdea',
    summary: 'One idea with its comments and votes (source and segment frozen at vote time).',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema() }),
    response: envelope({
      idea: ideaSchema,
      comments: z.array(commentSchema),
      votes: z.array(voteSchema),
    }),
  }),
  moderateIdea: route({
    method: 'POST',
    path: '/v1/team/board/moderate',
    operationId: 'moderateIdea',
    summary: 'Approve, hide or mark as spam, or edit the title.',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), action: moderationActionSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  setIdeaStatus: route({
    method: 'POST',
    path: '/v1/team/board/status',
    operationId: 'setIdeaStatus',
    summary:
      "Move an idea to another status, as the board's workflow and the feedback lifecycle allow (a decline needs a reason; shipping comes from a changelog entry).",
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), move: statusMoveSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  teamComment: route({
    method: 'POST',
    path: '/v1/team/board/comments',
    operationId: 'teamComment',
    summary: 'A team comment (marked as the team), or the official response (pinned).',
    audience: 'team',
    idempotent: true,
    request: envelope({ comment: teamCommentSchema }),
    response: envelope({ comment: commentSchema }),
  }),
  mergeIdea: route({
    method: 'POST',
    path: '/v1/team/board/merge',
    operationId: 'mergeIdea',
    summary:
      'Merge a duplicate into another idea: votes counted there once per customer; reversible with unmerge.',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), intoId: ideaIdSchema() }),
    response: envelope({ idea: ideaSchema }),
  }),
  unmergeIdea: route({
    method: 'POST',
    path: '/v1/team/board/unmerge',
    operationId: 'unmergeIdea',
    summary: 'Undo a merge: both ideas count their own voters again.',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema() }),
    response: envelope({ idea: ideaSchema }),
  }),
  voteOnBehalf: route({
    method: 'POST',
    path: '/v1/team/board/votes',
    operationId: 'voteOnBehalf',
    summary:
      "Vote on a customer's behalf (from a support chat), recorded as such with the team member.",
    audience: 'team',
    idempotent: false,
    request: envelope({ vote: onBehalfVoteSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  publishChangelog: route({
    method: 'POST',
    path: '/v1/team/board/changelog',
    operationId: 'publishChangelog',
    summary:
      'Publish a changelog entry (idempotent by id): ships its ideas and gives each follower (author, voters, commenters) one "you said, we did" notice, exactly once.',
    audience: 'team',
    idempotent: true,
    request: envelope({ entry: changelogInputSchema }),
    response: envelope({ entry: changelogEntrySchema }),
  }),
  ideaDemand: route({
    method: 'POST',
    path: '/v1/team/board/demand',
    operationId: 'ideaDemand',
    summary:
      'Ideas a segment wants most ("ideas most wanted by detractors": `key: npsClass, value: detractor`), from the segments frozen on their votes, each with its voters by the key\'s values.',
    audience: 'team',
    idempotent: false,
    request: envelope({ query: demandQuerySchema }),
    response: envelope({ ideas: z.array(ideaDemandSchema) }),
  }),
  listChangelog: route({
    method: 'POST',
    path: '/v1/team/board/changelog/query',
    operationId: 'listChangelog',
    summary: 'Every changelog entry, newest first, with its ideas and feedback items.',
    audience: 'team',
    idempotent: false,
    request: envelope({}),
    response: envelope({ entries: z.array(changelogEntrySchema) }),
  }),
}))();
