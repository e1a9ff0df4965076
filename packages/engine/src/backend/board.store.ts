import type { BoardPort, BoardRights, BoardTeamPort } from '../board/board.port';
import {
  BOARD_PAGE_SIZE,
  type Board,
  type BoardSort,
  boardSchema,
  type ChangelogEntry,
  type Comment,
  changelogInputSchema,
  commentInputSchema,
  demandQuerySchema,
  type Idea,
  type IdeaInput,
  ideaInputSchema,
  ideaQuerySchema,
  moderationActionSchema,
  onBehalfVoteSchema,
  type PublicIdea,
  similarQuerySchema,
  statusMoveSchema,
  teamCommentSchema,
  teamIdeaQuerySchema,
  type Vote,
  voteWriteSchema,
} from '../board/board.schema';
import {
  ANONYMOUS_AUTHOR,
  ANSWER_SIMILARITY_THRESHOLD,
  authorNameOf,
  checkCategory,
  compareIdeas,
  decodeBoardCursor,
  encodeBoardCursor,
  foreignItem,
  ideaNotFound,
  inCategory,
  isAfter,
  isLocked,
  isVisibleTo,
  matchesSearch,
  moveIdea,
  newIdea,
  publicCommentOf,
  publicIdeaOf,
  SIMILARITY_THRESHOLD,
  segmentValueOf,
  shippedStatus,
  sortValue,
  titleInText,
  trendOf,
  trigramSimilarity,
  votesClosed,
  wordSimilarity,
} from '../board/board.utils';
import type { Actor } from '../feedback/feedback.schema';
import { boardNoticeId, LifecycleError } from '../feedback/feedback.utils';
import { type ImpactNotice, ideaWriteSchema } from '../records/records.schema';
import { ValidationError } from '../shared/shared.errors';
import { checkPayload as check } from '../shared/shared.problems';
import { ownKey } from './backend.utils';

/** Options of {@link createBoardStore}. */
export interface BoardStoreOptions {
  board: Board;
  now: () => Date;
  onChange: () => void;
  /** Gives a customer an impact notice (the feedback store's, so the contact policy sees it). */
  notify: (customerId: string, notice: ImpactNotice) => void;
  /** Whose feedback item an id names, if any (an idea links only its author's own item). */
  itemOwner?: (itemId: string) => string | undefined;
}

/** The board kept in memory: both sides and data rights, every rule the SQL storage keeps. */
export interface BoardStore {
  customer: BoardPort;
  team: BoardTeamPort;
  /** Data rights, synchronously (the memory backend's export and delete are one step). */
  rights: { [K in keyof BoardRights]: (customerId: string) => Awaited<ReturnType<BoardRights[K]>> };
  /** Applies a vote write; `duplicate` when its id was applied before (nothing changes). */
  applyVote(write: unknown): 'stored' | 'duplicate';
  /** Applies an idea write (the outbox's); `duplicate` when its idea was posted before. */
  applyIdea(write: unknown): 'stored' | 'duplicate';
  /** Every idea (tests and demos). */
  ideas(): Idea[];
}

export { ANONYMOUS_AUTHOR } from '../board/board.utils';

/**
 * An in-memory board: ideas, one vote per customer and idea (a merged duplicate's voters counted
 * once at its target), comments, statuses on the feedback lifecycle, the changelog and its impact
 * notices to followers, exactly once.
 */
export function createBoardStore(options: BoardStoreOptions): BoardStore {
  const board = check(boardSchema, options.board, 'board');
  const ideas = new Map<string, Idea>();
  /** Votes by idea, then customer: the unique (customer, idea) pair. */
  const votes = new Map<string, Map<string, Vote>>();
  const comments = new Map<string, Comment[]>();
  /** Vote writes applied, by customer and write id: a replay changes nothing. */
  const applied = new Set<string>();
  const changelog: ChangelogEntry[] = [];
  const at = () => options.now().toISOString();
  const ranking = board.ranking;

  const find = (id: string) => {
    const idea = ideas.get(id);
    if (!idea) throw ideaNotFound();
    return idea;
  };
  const visible = (id: string, customerId: string) => {
    const idea = ideas.get(id);
    if (!idea || !isVisibleTo(board, idea, customerId)) throw ideaNotFound();
    return idea;
  };
  /** An idea and the duplicates merged into it. */
  const group = (id: string) => [
    id,
    ...[...ideas.values()].filter((idea) => idea.mergedInto === id).map((idea) => idea.id),
  ];
  /** The group's voters, each once (their first vote). */
  const votersOf = (id: string) => {
    const first = new Map<string, Vote>();
    for (const member of group(id))
      for (const vote of votes.get(member)?.values() ?? []) {
        const known = first.get(vote.customerId);
        if (!known || vote.at < known.at) first.set(vote.customerId, vote);
      }
    return first;
  };
  /** Counts and trend kept with every change, as SQL keeps them in the same transaction. */
  const recount = (id: string) => {
    const idea = ideas.get(id);
    if (!idea) return;
    const voters = votersOf(id);
    const said = comments.get(id) ?? [];
    ideas.set(id, {
      ...idea,
      votes: idea.mergedInto ? (votes.get(id)?.size ?? 0) : voters.size,
      comments: said.length,
      trend: trendOf(
        idea,
        [...voters.values()].map((vote) => vote.at),
        said.map((comment) => comment.at),
        ranking,
      ),
    });
  };
  const hasVoted = (ideaId: string, customerId: string) =>
    group(ideaId).some((member) => votes.get(member)?.has(customerId));
  /** The customer wrote, voted for or commented on it (a duplicate's followers follow its target). */
  const followsOne = (id: string, customerId: string) =>
    ideas.get(id)?.authorId === customerId ||
    (votes.get(id)?.has(customerId) ?? false) ||
    (comments.get(id) ?? []).some(
      (comment) => comment.author.kind === 'customer' && comment.author.id === customerId,
    );
  /** Followed: a merged duplicate only by its own followers, an idea by its whole group's. */
  const follows = (idea: Idea, customerId: string) =>
    customerId !== ANONYMOUS_AUTHOR &&
    (idea.mergedInto
      ? followsOne(idea.id, customerId)
      : group(idea.id).some((member) => followsOne(member, customerId)));
  const view = (idea: Idea, customerId: string): PublicIdea =>
    publicIdeaOf(board, idea, customerId, hasVoted(idea.id, customerId));
  const addVote = (ideaId: string, vote: Vote) => {
    const list = votes.get(ideaId) ?? new Map<string, Vote>();
    if (!list.has(vote.customerId)) list.set(vote.customerId, vote);
    votes.set(ideaId, list);
  };
  const changed = () => options.onChange();

  const page = <T>(
    list: Idea[],
    query: {
      sort?: BoardSort | undefined;
      limit?: number | undefined;
      cursor?: string | undefined;
    },
    map: (idea: Idea) => T,
  ) => {
    const sort = query.sort ?? 'trending';
    const limit = query.limit ?? BOARD_PAGE_SIZE;
    const place = query.cursor === undefined ? undefined : decodeBoardCursor(query.cursor, sort);
    const sorted = list
      .filter((idea) => !place || isAfter(idea, place, sort))
      .sort((a, b) => compareIdeas(a, b, sort));
    const shown = sorted.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      ideas: shown.map(map),
      ...(sorted.length > limit && last
        ? { next: encodeBoardCursor(sort, sortValue(last, sort), last.id) }
        : {}),
    };
  };

  /** Posts an idea, or finds it posted before by its author (idempotent by id). */
  const storeIdea = (
    input: IdeaInput,
    name: string | undefined,
  ): { idea: Idea; outcome: 'stored' | 'duplicate' } => {
    const known = ideas.get(input.id);
    if (known) {
      // Idempotent for its author; another customer's id is not theirs to learn about.
      if (known.authorId !== input.customerId) throw ideaNotFound('id');
      return { idea: known, outcome: 'duplicate' };
    }
    checkCategory(board, input.categoryId, 'idea');
    const owner = input.itemId ? options.itemOwner?.(input.itemId) : undefined;
    if (owner !== undefined && owner !== input.customerId) throw foreignItem();
    const idea = newIdea(board, input, at(), name);
    ideas.set(idea.id, idea);
    // The author backs their own idea, and follows it by that vote.
    addVote(idea.id, {
      ideaId: idea.id,
      customerId: input.customerId,
      source: input.source ?? 'board',
      ...(input.segment ? { segment: input.segment } : {}),
      at: idea.createdAt,
    });
    recount(idea.id);
    changed();
    return { idea: find(idea.id), outcome: 'stored' };
  };

  /** Applies an `idea` write of the outbox; `duplicate` when its idea was posted before. */
  const applyIdea = (raw: unknown): 'stored' | 'duplicate' => {
    const { authorName, ...input } = check(ideaWriteSchema, raw, 'idea');
    return storeIdea(check(ideaInputSchema, input, 'idea'), authorName || undefined).outcome;
  };

  const applyVote = (raw: unknown): 'stored' | 'duplicate' => {
    const write = check(voteWriteSchema, raw, 'vote');
    const key = ownKey(write.customerId, write.id);
    const idea = visible(write.ideaId, write.customerId);
    if (applied.has(key)) return 'duplicate';
    // A vote on a merged duplicate counts at the idea it was merged into.
    const target = idea.mergedInto ? find(idea.mergedInto) : idea;
    if (isLocked(board, target)) throw votesClosed(target);
    applied.add(key);
    if (write.voted)
      addVote(target.id, {
        ideaId: target.id,
        customerId: write.customerId,
        source: write.source,
        ...(write.segment ? { segment: write.segment } : {}),
        at: write.at,
      });
    else for (const member of group(target.id)) votes.get(member)?.delete(write.customerId);
    for (const member of group(target.id)) recount(member);
    changed();
    return 'stored';
  };

  const customer: BoardPort = {
    async board(_customerId) {
      const { trusted: _, ...open } = board;
      return open;
    },
    async listIdeas(customerId, raw = {}) {
      const query = check(ideaQuerySchema, raw, 'board query');
      const list = [...ideas.values()].filter(
        (idea) =>
          (query.followedOnly ? follows(idea, customerId) : !idea.mergedInto) &&
          isVisibleTo(board, idea, customerId) &&
          (!query.status || query.status.includes(idea.status)) &&
          (!query.categoryId || idea.categoryId === query.categoryId) &&
          (!query.kind || idea.kind === query.kind) &&
          (!query.search || matchesSearch(idea, query.search)) &&
          (!query.votedOnly || hasVoted(idea.id, customerId)),
      );
      return page(list, query, (idea) => view(idea, customerId));
    },
    async getIdea(customerId, ideaId) {
      const idea = visible(ideaId, customerId);
      const said = comments.get(ideaId) ?? [];
      const official = said.filter((comment) => comment.official).at(-1);
      return {
        idea: view(idea, customerId),
        ...(official ? { official: publicCommentOf(official, customerId) } : {}),
        comments: said
          .filter((comment) => comment !== official)
          .map((comment) => publicCommentOf(comment, customerId)),
      };
    },
    async suggestIdea(raw, by) {
      const input = check(ideaInputSchema, raw, 'idea');
      const { idea } = storeIdea(input, by?.name);
      return view(idea, input.customerId);
    },
    async similarIdeas(raw) {
      const query = check(similarQuerySchema, raw, 'similar query');
      const text = query.text.trim();
      if (text.length < 3) return [];
      return [...ideas.values()]
        .filter((idea) => !idea.mergedInto && isVisibleTo(board, idea, query.customerId))
        .map((idea) => ({
          idea,
          score:
            query.match === 'answer'
              ? titleInText(idea.title, text)
              : Math.max(
                  trigramSimilarity(text, idea.title),
                  wordSimilarity(text, idea.title),
                  matchesSearch(idea, text) ? 0.5 : 0,
                ),
        }))
        .filter(
          (match) =>
            match.score >=
            (query.match === 'answer' ? ANSWER_SIMILARITY_THRESHOLD : SIMILARITY_THRESHOLD),
        )
        .sort((a, b) => b.score - a.score || compareIdeas(a.idea, b.idea, 'top'))
        .slice(0, query.limit ?? 5)
        .map((match) => ({
          idea: view(match.idea, query.customerId),
          score: Math.round(match.score * 1000) / 1000,
        }));
    },
    async vote(raw) {
      const write = check(voteWriteSchema, raw, 'vote');
      applyVote(write);
      return view(find(write.ideaId), write.customerId);
    },
    async comment(raw, by) {
      const input = check(commentInputSchema, raw, 'comment');
      const idea = visible(input.ideaId, input.customerId);
      const list = comments.get(idea.id) ?? [];
      // Idempotent for its author on its idea; anyone else's id is taken, never theirs to rewrite.
      const known = [...comments.values()].flat().find((comment) => comment.id === input.id);
      if (known) {
        if (known.author.id !== input.customerId || known.ideaId !== idea.id)
          throw new ValidationError([{ path: 'id', message: 'is taken: make another' }], 'comment');
        return publicCommentOf(known, input.customerId);
      }
      const name = authorNameOf(by?.name);
      if (input.parentId) {
        const parent = list.find((comment) => comment.id === input.parentId);
        if (!parent || parent.parentId)
          throw new ValidationError(
            [{ path: 'parentId', message: 'is not a top-level comment of this idea' }],
            'comment',
          );
      }
      const comment: Comment = {
        id: input.id,
        ideaId: idea.id,
        ...(input.parentId ? { parentId: input.parentId } : {}),
        author: { kind: 'customer', id: input.customerId, ...(name ? { name } : {}) },
        body: input.body.trim(),
        at: at(),
      };
      comments.set(idea.id, [...list, comment]);
      recount(idea.id);
      changed();
      return publicCommentOf(comment, input.customerId);
    },
    async roadmap(customerId) {
      return {
        columns: board.statuses
          .filter((status) => status.roadmap && status.public)
          .map((status) => ({
            status: status.id,
            name: status.name,
            lifecycle: status.lifecycle,
            ideas: [...ideas.values()]
              .filter(
                (idea) =>
                  idea.status === status.id &&
                  !idea.mergedInto &&
                  idea.approval === 'approved' &&
                  isVisibleTo(board, idea, customerId),
              )
              .sort((a, b) => compareIdeas(a, b, 'top'))
              .map((idea) => view(idea, customerId)),
          })),
        categories: board.categories,
      };
    },
    async changelog(customerId) {
      return [...changelog]
        .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt) || (a.id < b.id ? -1 : 1))
        .map((entry) => {
          const shown = entry.ideaIds.flatMap((id) => {
            const idea = ideas.get(id);
            return idea && isVisibleTo(board, idea, customerId) ? [{ id, title: idea.title }] : [];
          });
          return { ...entry, ideaIds: shown.map(({ id }) => id), itemIds: [], ideas: shown };
        });
    },
  };

  const teamOnly = (by: Actor) => {
    if (by.kind !== 'team')
      throw new LifecycleError('new', 'feedback.triage', 'teamOnly', 'Only the team does this.');
  };
  const stamp = (idea: Idea) => {
    ideas.set(idea.id, idea);
    changed();
    return idea;
  };
  /** Who follows an idea: its author, voters and commenting customers, its duplicates' too. */
  const followersOf = (id: string) => {
    const followers = new Set<string>();
    for (const member of group(id)) {
      const idea = ideas.get(member);
      if (idea && idea.authorId !== ANONYMOUS_AUTHOR) followers.add(idea.authorId);
      for (const customerId of votes.get(member)?.keys() ?? []) followers.add(customerId);
      for (const comment of comments.get(member) ?? [])
        if (comment.author.kind === 'customer' && comment.author.id !== ANONYMOUS_AUTHOR)
          followers.add(comment.author.id);
    }
    return followers;
  };

  const team: BoardTeamPort = {
    async listIdeas(raw = {}) {
      const query = check(teamIdeaQuerySchema, raw, 'board query');
      const list = [...ideas.values()].filter(
        (idea) =>
          (!query.approval || query.approval.includes(idea.approval)) &&
          (!query.status || query.status.includes(idea.status)) &&
          (!query.categoryId || idea.categoryId === query.categoryId) &&
          (!query.kind || idea.kind === query.kind) &&
          (!query.search || matchesSearch(idea, query.search)),
      );
      return page(list, query, (idea) => idea);
    },
    async getIdea(ideaId) {
      const idea = find(ideaId);
      return {
        idea,
        comments: comments.get(ideaId) ?? [],
        votes: group(ideaId).flatMap((member) => [...(votes.get(member)?.values() ?? [])]),
      };
    },
    async moderate(ideaId, raw, by) {
      teamOnly(by);
      const action = check(moderationActionSchema, raw, 'moderation');
      const idea = find(ideaId);
      const when = at();
      if (action.type === 'editTitle')
        return stamp({ ...idea, title: action.title.trim(), updatedAt: when });
      if (action.type === 'setCategory') return stamp(inCategory(board, idea, action, when));
      const approval =
        action.type === 'approve' ? 'approved' : action.type === 'hide' ? 'hidden' : 'spam';
      return stamp({ ...idea, approval, updatedAt: when });
    },
    async setStatus(ideaId, raw, by) {
      const move = check(statusMoveSchema, raw, 'status move');
      const idea = find(ideaId);
      const official = (comments.get(ideaId) ?? []).some((comment) => comment.official);
      const moved = moveIdea(board, idea, move, by, at(), official);
      return moved === idea ? idea : stamp(moved);
    },
    async comment(raw, by) {
      teamOnly(by);
      const input = check(teamCommentSchema, raw, 'comment');
      const idea = find(input.ideaId);
      const list = comments.get(idea.id) ?? [];
      const known = list.find((comment) => comment.id === input.id);
      if (known) return known;
      const comment: Comment = {
        id: input.id,
        ideaId: idea.id,
        ...(input.parentId ? { parentId: input.parentId } : {}),
        author: by,
        body: input.body.trim(),
        ...(input.official ? { official: true as const } : {}),
        at: at(),
      };
      comments.set(idea.id, [...list, comment]);
      recount(idea.id);
      changed();
      return comment;
    },
    async merge(ideaId, intoId, by) {
      teamOnly(by);
      const duplicate = find(ideaId);
      const target = find(intoId);
      if (duplicate.id === target.id || target.mergedInto)
        throw new ValidationError(
          [{ path: 'intoId', message: 'must be another idea that is not merged itself' }],
          'merge',
        );
      if (duplicate.mergedInto)
        throw new ValidationError([{ path: 'ideaId', message: 'is merged already' }], 'merge');
      const when = at();
      // Its own duplicates follow it to the target: one level, so unmerging restores each.
      for (const idea of ideas.values())
        if (idea.mergedInto === duplicate.id)
          ideas.set(idea.id, { ...idea, mergedInto: target.id });
      ideas.set(duplicate.id, { ...duplicate, mergedInto: target.id, updatedAt: when });
      for (const member of group(target.id)) recount(member);
      changed();
      return find(target.id);
    },
    async unmerge(ideaId, by) {
      teamOnly(by);
      const duplicate = find(ideaId);
      const target = duplicate.mergedInto;
      if (!target)
        throw new ValidationError([{ path: 'ideaId', message: 'is not merged' }], 'unmerge');
      const { mergedInto: _, ...rest } = duplicate;
      ideas.set(duplicate.id, { ...rest, updatedAt: at() });
      recount(duplicate.id);
      for (const member of group(target)) recount(member);
      changed();
      return find(duplicate.id);
    },
    async voteOnBehalf(raw, by) {
      teamOnly(by);
      const input = check(onBehalfVoteSchema, raw, 'vote');
      const idea = find(input.ideaId);
      const target = idea.mergedInto ? find(idea.mergedInto) : idea;
      if (isLocked(board, target)) throw votesClosed(target);
      addVote(target.id, {
        ideaId: target.id,
        customerId: input.customerId,
        source: 'onBehalf',
        by,
        ...(input.segment ? { segment: input.segment } : {}),
        at: at(),
      });
      for (const member of group(target.id)) recount(member);
      changed();
      return find(target.id);
    },
    async publishChangelog(raw, by) {
      teamOnly(by);
      const input = check(changelogInputSchema, raw, 'changelog entry');
      const known = changelog.find((entry) => entry.id === input.id);
      if (known) return known;
      const shipped = shippedStatus(board);
      if (input.ideaIds.length > 0 && !shipped)
        throw new ValidationError(
          [{ path: 'ideaIds', message: 'this board has no status that ships' }],
          'changelog entry',
        );
      const linked = input.ideaIds.map((id, index) => {
        const idea = ideas.get(id);
        if (!idea) throw ideaNotFound(`ideaIds[${index}]`);
        return idea;
      });
      const when = at();
      // Every idea checked before any moves: all of the entry ships, or none of it.
      const moved = linked.map((idea) =>
        moveIdea(
          board,
          idea,
          { status: (shipped as { id: string }).id, changelogId: input.id },
          by,
          when,
        ),
      );
      const entry: ChangelogEntry = {
        id: input.id,
        title: input.title.trim(),
        body: input.body.trim(),
        ideaIds: input.ideaIds,
        itemIds: input.itemIds ?? [],
        publishedAt: when,
      };
      changelog.push(entry);
      const told = new Map<string, string>();
      for (const idea of moved) {
        ideas.set(idea.id, { ...idea, changelogIds: [...idea.changelogIds, entry.id] });
        for (const customerId of followersOf(idea.id))
          if (!told.has(customerId)) told.set(customerId, idea.title);
      }
      for (const [customerId, title] of told) options.notify(customerId, boardNotice(entry, title));
      changed();
      return entry;
    },
    async listChangelog() {
      return [...changelog].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    },
    async demand(raw) {
      const query = check(demandQuerySchema, raw, 'demand query');
      const rows = [...ideas.values()]
        .filter(
          (idea) =>
            idea.approval === 'approved' &&
            !idea.mergedInto &&
            (!query.kind || idea.kind === query.kind),
        )
        .map((idea) => {
          const bySegment: Record<string, number> = {};
          for (const vote of votersOf(idea.id).values()) {
            const value = segmentValueOf(vote.segment, query.key);
            bySegment[value] = (bySegment[value] ?? 0) + 1;
          }
          const votes = Object.values(bySegment).reduce((sum, n) => sum + n, 0);
          const wanted = query.value === undefined ? votes : (bySegment[query.value] ?? 0);
          return { idea, wanted, votes, bySegment };
        })
        .filter((row) => row.wanted > 0)
        .sort(
          (a, b) => b.wanted - a.wanted || b.votes - a.votes || (a.idea.id < b.idea.id ? -1 : 1),
        );
      return rows.slice(0, query.limit ?? BOARD_PAGE_SIZE);
    },
  };

  const rights: BoardStore['rights'] = {
    exportOf(customerId) {
      return {
        ideas: [...ideas.values()].filter((idea) => idea.authorId === customerId),
        votes: [...votes.values()].flatMap((list) => {
          const vote = list.get(customerId);
          return vote ? [vote] : [];
        }),
        comments: [...comments.values()]
          .flat()
          .filter(
            (comment) => comment.author.kind === 'customer' && comment.author.id === customerId,
          ),
      };
    },
    forget(customerId) {
      let voteCount = 0;
      const touched = new Set<string>();
      for (const [ideaId, list] of votes)
        if (list.delete(customerId)) {
          voteCount++;
          touched.add(ideaId);
        }
      let ideaCount = 0;
      for (const idea of ideas.values())
        if (idea.authorId === customerId) {
          ideaCount++;
          const { authorName: _, ...rest } = idea;
          ideas.set(idea.id, { ...rest, authorId: ANONYMOUS_AUTHOR });
        }
      let commentCount = 0;
      for (const [ideaId, list] of comments)
        comments.set(
          ideaId,
          list.map((comment) => {
            if (comment.author.kind !== 'customer' || comment.author.id !== customerId)
              return comment;
            commentCount++;
            return {
              ...comment,
              author: { kind: 'customer', id: ANONYMOUS_AUTHOR },
              anonymised: true,
            };
          }),
        );
      for (const id of touched) {
        const idea = ideas.get(id);
        for (const member of group(idea?.mergedInto ?? id)) recount(member);
      }
      if (voteCount + ideaCount + commentCount > 0) changed();
      return { votes: voteCount, ideas: ideaCount, comments: commentCount };
    },
  };

  return { customer, team, rights, applyVote, applyIdea, ideas: () => [...ideas.values()] };
}

/** The "you said, we did" notice a changelog entry gives a follower of one of its ideas, once per entry. */
export function boardNotice(entry: ChangelogEntry, youSaid: string): ImpactNotice {
  return {
    id: boardNoticeId(entry.id),
    youSaid,
    weDid: entry.title,
    ...(entry.body ? { details: entry.body } : {}),
    shippedAt: entry.publishedAt,
  };
}
