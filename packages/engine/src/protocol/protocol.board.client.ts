import type { BoardPort, BoardTeamPort } from '../board/board.port';
import { deliveryKey } from '../records/records.schema';
import { boardRoutes as r } from './protocol.board';
import type { HttpBackendOptions } from './protocol.client';
import { createCaller } from './protocol.team.client';

const v = 1 as const;

/**
 * The board's customer side over the protocol's `/v1/board` routes. Give it the same options as
 * `createHttpBackend` (the customer's credential in `headers`). Votes carry their `Idempotency-Key`;
 * for votes that survive going offline, enqueue them in the outbox instead (a `vote` write).
 *
 * @example
 * ```ts
 * const board = createHttpBoard({ baseUrl: '/api/palaute', headers: { authorization: `Bearer ${token}` } });
 * const { ideas } = await board.listIdeas('anna', { sort: 'top' });
 * ```
 */
export function createHttpBoard(options: HttpBackendOptions): BoardPort {
  const call = createCaller(options);
  return {
    async board(customerId) {
      return (await call(r.getBoard, { protocol: v, customerId })).board;
    },
    async listIdeas(customerId, query = {}) {
      const { ideas, next } = await call(r.listIdeas, { protocol: v, customerId, query });
      return next === undefined ? { ideas } : { ideas, next };
    },
    async getIdea(customerId, ideaId) {
      return (await call(r.getIdea, { protocol: v, customerId, ideaId })).detail;
    },
    async suggestIdea(idea) {
      return (await call(r.suggestIdea, { protocol: v, idea }, `idea:${idea.id}`)).idea;
    },
    async similarIdeas(query) {
      return (await call(r.similarIdeas, { protocol: v, query })).ideas;
    },
    async vote(vote) {
      return (
        await call(r.vote, { protocol: v, vote }, deliveryKey({ kind: 'vote', payload: vote }))
      ).idea;
    },
    async comment(comment) {
      return (await call(r.comment, { protocol: v, comment }, `comment:${comment.id}`)).comment;
    },
    async roadmap(customerId) {
      return (await call(r.roadmap, { protocol: v, customerId })).roadmap;
    },
    async changelog(customerId) {
      return (await call(r.changelog, { protocol: v, customerId })).entries;
    },
  };
}

/**
 * The board's team side over the protocol's `/v1/team/board` routes (a team credential in
 * `headers`; the server takes the acting member from it, `by` is not sent).
 */
export function createHttpBoardTeam(options: HttpBackendOptions): BoardTeamPort {
  const call = createCaller(options);
  return {
    async listIdeas(query = {}) {
      const { ideas, next } = await call(r.teamListIdeas, { protocol: v, query });
      return next === undefined ? { ideas } : { ideas, next };
    },
    async getIdea(ideaId) {
      const { idea, comments, votes } = await call(r.teamGetIdea, { protocol: v, ideaId });
      return { idea, comments, votes };
    },
    async moderate(ideaId, action) {
      return (await call(r.moderateIdea, { protocol: v, ideaId, action })).idea;
    },
    async setStatus(ideaId, move) {
      return (await call(r.setIdeaStatus, { protocol: v, ideaId, move })).idea;
    },
    async comment(comment) {
      return (await call(r.teamComment, { protocol: v, comment }, `comment:${comment.id}`)).comment;
    },
    async merge(ideaId, intoId) {
      return (await call(r.mergeIdea, { protocol: v, ideaId, intoId })).idea;
    },
    async unmerge(ideaId) {
      return (await call(r.unmergeIdea, { protocol: v, ideaId })).idea;
    },
    async voteOnBehalf(vote) {
      return (await call(r.voteOnBehalf, { protocol: v, vote })).idea;
    },
    async publishChangelog(entry) {
      return (await call(r.publishChangelog, { protocol: v, entry }, `changelog:${entry.id}`))
        .entry;
    },
    async listChangelog() {
      return (await call(r.listChangelog, { protocol: v })).entries;
    },
    async demand(query) {
      return (await call(r.ideaDemand, { protocol: v, query })).ideas;
    },
  };
}
