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
  publicChangelogEntrySchema,
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
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ board: z.omit(boardSchema, { trusted: true }) }),
  }),
  listIdeas: route({
    method: 'POST',
    path: '/v1/board/ideas/query',
    operationId: 'listIdeas',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema, query: ideaQuerySchema }),
    response: envelope(ideaPageSchema.shape),
  }),
  getIdea: route({
    method: 'POST',
    path: '/v1/board/ideas/get',
    operationId: 'getIdea',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema, ideaId: ideaIdSchema() }),
    response: envelope({ detail: ideaDetailSchema }),
  }),
  suggestIdea: route({
    method: 'POST',
    path: '/v1/board/ideas',
    operationId: 'suggestIdea',
    audience: 'customer',
    idempotent: true,
    request: envelope({ idea: ideaInputSchema }),
    response: envelope({ idea: publicIdeaSchema }),
  }),
  similarIdeas: route({
    method: 'POST',
    path: '/v1/board/ideas/similar',
    operationId: 'similarIdeas',
    audience: 'customer',
    idempotent: false,
    request: envelope({ query: similarQuerySchema }),
    response: envelope({ ideas: z.array(similarIdeaSchema) }),
  }),
  vote: route({
    method: 'POST',
    path: '/v1/board/votes',
    operationId: 'vote',
    audience: 'customer',
    idempotent: true,
    request: envelope({ vote: voteWriteSchema }),
    response: envelope({ idea: publicIdeaSchema }),
  }),
  comment: route({
    method: 'POST',
    path: '/v1/board/comments',
    operationId: 'comment',
    audience: 'customer',
    idempotent: true,
    request: envelope({ comment: commentInputSchema }),
    response: envelope({ comment: publicCommentSchema }),
  }),
  roadmap: route({
    method: 'POST',
    path: '/v1/board/roadmap',
    operationId: 'roadmap',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ roadmap: roadmapSchema }),
  }),
  changelog: route({
    method: 'POST',
    path: '/v1/board/changelog',
    operationId: 'changelog',
    audience: 'customer',
    idempotent: false,
    request: envelope({ customerId: customerIdSchema }),
    response: envelope({ entries: z.array(publicChangelogEntrySchema) }),
  }),
  teamListIdeas: route({
    method: 'POST',
    path: '/v1/team/board/ideas/query',
    operationId: 'teamListIdeas',
    audience: 'team',
    idempotent: false,
    request: envelope({ query: teamIdeaQuerySchema }),
    response: envelope(teamIdeaPageSchema.shape),
  }),
  teamGetIdea: route({
    method: 'POST',
    path: '/v1/team/board/ideas/get',
    operationId: 'teamGetIdea',
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
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), action: moderationActionSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  setIdeaStatus: route({
    method: 'POST',
    path: '/v1/team/board/status',
    operationId: 'setIdeaStatus',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), move: statusMoveSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  teamComment: route({
    method: 'POST',
    path: '/v1/team/board/comments',
    operationId: 'teamComment',
    audience: 'team',
    idempotent: true,
    request: envelope({ comment: teamCommentSchema }),
    response: envelope({ comment: commentSchema }),
  }),
  mergeIdea: route({
    method: 'POST',
    path: '/v1/team/board/merge',
    operationId: 'mergeIdea',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema(), intoId: ideaIdSchema() }),
    response: envelope({ idea: ideaSchema }),
  }),
  unmergeIdea: route({
    method: 'POST',
    path: '/v1/team/board/unmerge',
    operationId: 'unmergeIdea',
    audience: 'team',
    idempotent: false,
    request: envelope({ ideaId: ideaIdSchema() }),
    response: envelope({ idea: ideaSchema }),
  }),
  voteOnBehalf: route({
    method: 'POST',
    path: '/v1/team/board/votes',
    operationId: 'voteOnBehalf',
    audience: 'team',
    idempotent: false,
    request: envelope({ vote: onBehalfVoteSchema }),
    response: envelope({ idea: ideaSchema }),
  }),
  publishChangelog: route({
    method: 'POST',
    path: '/v1/team/board/changelog',
    operationId: 'publishChangelog',
    audience: 'team',
    idempotent: true,
    request: envelope({ entry: changelogInputSchema }),
    response: envelope({ entry: changelogEntrySchema }),
  }),
  ideaDemand: route({
    method: 'POST',
    path: '/v1/team/board/demand',
    operationId: 'ideaDemand',
    audience: 'team',
    idempotent: false,
    request: envelope({ query: demandQuerySchema }),
    response: envelope({ ideas: z.array(ideaDemandSchema) }),
  }),
  listChangelog: route({
    method: 'POST',
    path: '/v1/team/board/changelog/query',
    operationId: 'listChangelog',
    audience: 'team',
    idempotent: false,
    request: envelope({}),
    response: envelope({ entries: z.array(changelogEntrySchema) }),
  }),
}))();
