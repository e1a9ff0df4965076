import type { Actor, FeedbackItem } from '../feedback/feedback.schema';
import { LifecycleError, teamMovesFrom } from '../feedback/feedback.utils';
import { NotFoundError, ValidationError } from '../shared/shared.errors';
import type { BoardFilters } from './board.machine';
import type {
  Board,
  BoardSort,
  Comment,
  Idea,
  IdeaApproval,
  IdeaInput,
  PublicComment,
  PublicIdea,
  Ranking,
  StatusDefinition,
} from './board.schema';
import { BOARD_SORTS, NO_SEGMENT_VALUE } from './board.schema';
import { knownBoardFilters } from './board.selectors';
import type { BoardTeamFilters } from './board.team.machine';

/** The instant trending scores count from (any fixed instant would do: it cancels out in the order). */
export const RANKING_EPOCH = '2026-01-01T00:00:00.000Z';
const EPOCH_MS = Date.parse(RANKING_EPOCH);

/** The default ranking: a week's half-life, a vote weighs 1, a comment ½, the idea's creation 1. */
export const DEFAULT_RANKING: Ranking = { halfLifeHours: 168, voteWeight: 1, commentWeight: 0.5 };

/**
 * The default statuses, mapped onto the feedback lifecycle: Open (`new`), Under review
 * (`triaged`), Planned, In progress, Shipped (closed) and Declined (closed). Planned, In progress
 * and Shipped are the roadmap's columns.
 */
export const DEFAULT_STATUSES: StatusDefinition[] = [
  { id: 'open', name: 'Open', lifecycle: 'new', public: true, roadmap: false, closed: false },
  {
    id: 'review',
    name: 'Under review',
    lifecycle: 'triaged',
    public: true,
    roadmap: false,
    closed: false,
  },
  {
    id: 'planned',
    name: 'Planned',
    lifecycle: 'planned',
    public: true,
    roadmap: true,
    closed: false,
  },
  {
    id: 'inProgress',
    name: 'In progress',
    lifecycle: 'inProgress',
    public: true,
    roadmap: true,
    closed: false,
  },
  {
    id: 'shipped',
    name: 'Shipped',
    lifecycle: 'shipped',
    public: true,
    roadmap: true,
    closed: true,
  },
  {
    id: 'declined',
    name: 'Declined',
    lifecycle: 'declined',
    public: true,
    roadmap: false,
    closed: true,
  },
];

/** A board with the defaults filled in: publish at once, the default statuses and ranking. */
export function defineBoard(board: Partial<Board> & Pick<Board, 'id'>): Board {
  return {
    name: 'Ideas',
    language: 'english',
    moderation: 'publish',
    statuses: DEFAULT_STATUSES,
    categories: [],
    ranking: DEFAULT_RANKING,
    ...board,
  };
}

/**
 * One event's term of the trending score: `log2(weight) + (t − epoch) / halfLife`. The score is
 * the base-2 log-sum-exp of every term ({@link trendScore}).
 */
export function trendTerm(at: string, weight: number, ranking: Ranking): number {
  return Math.log2(weight) + (Date.parse(at) - EPOCH_MS) / (ranking.halfLifeHours * 3_600_000);
}

/**
 * The trending score of an idea from its events' terms: `log2(Σ 2^term)`, computed stably (the
 * largest term factored out). The same number SQL computes, so both backends rank alike.
 */
export function trendScore(terms: readonly number[]): number {
  const finite = terms.filter((term) => Number.isFinite(term));
  if (finite.length === 0) return 0;
  const max = Math.max(...finite);
  return max + Math.log2(finite.reduce((sum, term) => sum + 2 ** (term - max), 0));
}

/**
 * The trending score of an idea: its creation (weight 1), each counted vote (`voteWeight`, at the
 * time of the vote) and each comment (`commentWeight`), decayed by the board's half-life.
 */
export function trendOf(
  idea: Pick<Idea, 'createdAt'>,
  voteTimes: readonly string[],
  commentTimes: readonly string[],
  ranking: Ranking,
): number {
  return trendScore([
    trendTerm(idea.createdAt, 1, ranking),
    ...(ranking.voteWeight > 0
      ? voteTimes.map((at) => trendTerm(at, ranking.voteWeight, ranking))
      : []),
    ...(ranking.commentWeight > 0
      ? commentTimes.map((at) => trendTerm(at, ranking.commentWeight, ranking))
      : []),
  ]);
}

/** The value an idea is sorted by, descending (ties by id, ascending). */
export function sortValue(idea: Pick<Idea, 'trend' | 'votes' | 'createdAt'>, sort: BoardSort) {
  return sort === 'trending'
    ? idea.trend
    : sort === 'top'
      ? idea.votes
      : Date.parse(idea.createdAt);
}

/** Compares two ideas in a sort's order: the value descending, then id ascending. */
export function compareIdeas(
  a: Pick<Idea, 'id' | 'trend' | 'votes' | 'createdAt'>,
  b: Pick<Idea, 'id' | 'trend' | 'votes' | 'createdAt'>,
  sort: BoardSort,
): number {
  const diff = sortValue(b, sort) - sortValue(a, sort);
  if (diff !== 0) return diff;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A keyset cursor: the sort, and the value and id of the last idea of the page before. */
export function encodeBoardCursor(sort: BoardSort, value: number, id: string): string {
  return encodeURIComponent(JSON.stringify([sort, value, id]));
}

/** Reads a cursor made by {@link encodeBoardCursor}; a foreign or bad one is a `ValidationError` on `cursor`. */
export function decodeBoardCursor(cursor: string, sort: BoardSort): { value: number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeURIComponent(cursor));
  } catch {
    parsed = undefined;
  }
  const [made, value, id] = Array.isArray(parsed) ? parsed : [];
  if (made !== sort || typeof value !== 'number' || typeof id !== 'string')
    throw new ValidationError(
      [
        {
          path: 'cursor',
          message: `is not a cursor of the ${sort} order: pass back the \`next\` of the page before`,
        },
      ],
      'board query',
    );
  return { value, id };
}

/** Whether an idea comes after a cursor's place in the sort's order. */
export function isAfter(
  idea: Pick<Idea, 'id' | 'trend' | 'votes' | 'createdAt'>,
  place: { value: number; id: string },
  sort: BoardSort,
): boolean {
  const value = sortValue(idea, sort);
  return value < place.value || (value === place.value && idea.id > place.id);
}

/** The board's status with this id, or a `ValidationError` naming `path`. */
export function statusOf(board: Board, id: string, path = 'status'): StatusDefinition {
  const status = board.statuses.find((candidate) => candidate.id === id);
  if (!status)
    throw new ValidationError(
      [{ path, message: `is not a status of this board ("${id}")` }],
      'status',
    );
  return status;
}

/** The status new ideas start in: the board's first. */
export function initialStatus(board: Board): StatusDefinition {
  return board.statuses[0] as StatusDefinition;
}

/** The status a changelog entry ships ideas into: the board's first with lifecycle `shipped`. */
export function shippedStatus(board: Board): StatusDefinition | undefined {
  return board.statuses.find((status) => status.lifecycle === 'shipped');
}

/** The feedback item an idea is to the lifecycle's rules (its official response is a team reply). */
function asFeedbackItem(idea: Idea, hasOfficial: boolean): FeedbackItem {
  return {
    id: idea.id,
    customerId: idea.authorId,
    surveyId: 'board',
    touchpointId: 'board',
    answers: {},
    consentToContact: true,
    status: idea.lifecycle,
    history: [],
    replies: hasOfficial
      ? [
          {
            id: 'official-response',
            author: { kind: 'team', id: 'team' },
            body: '-',
            at: idea.createdAt,
          },
        ]
      : [],
    createdAt: idea.createdAt,
  };
}

/**
 * Refuses a category the board does not have (a `ValidationError` naming `categoryId`, for the
 * `what` written: an `idea`, a `moderation`); none (`undefined` or `null`) is always allowed.
 */
export function checkCategory(
  board: Pick<Board, 'categories'>,
  categoryId: string | null | undefined,
  what: string,
): void {
  if (categoryId && !board.categories.some((category) => category.id === categoryId))
    throw new ValidationError(
      [{ path: 'categoryId', message: 'is not a category of this board' }],
      what,
    );
}

/**
 * The idea in one of the board's categories, or in none (`categoryId: null`), as the team's
 * `setCategory` moderation puts it; a category the board does not have is refused naming
 * `categoryId`. Pure.
 */
export function inCategory(
  board: Pick<Board, 'categories'>,
  idea: Idea,
  action: { categoryId: string | null },
  at: string,
): Idea {
  const { categoryId } = action;
  checkCategory(board, categoryId, 'moderation');
  const { categoryId: _, ...rest } = idea;
  return { ...rest, ...(categoryId === null ? {} : { categoryId }), updatedAt: at };
}

/**
 * Moves an idea to another board status, as the feedback lifecycle allows it: the board's own
 * workflow first (`next`), then the lifecycle's move between the two statuses' lifecycle
 * statuses (a decline needs a reason; shipping comes only from a changelog entry; `answered` needs
 * the official response). Two statuses on one lifecycle status move freely. Throws a
 * {@link LifecycleError} or `ValidationError` saying why; pure.
 */
export function moveIdea(
  board: Board,
  idea: Idea,
  move: { status: string; reason?: string | undefined; changelogId?: string },
  by: Actor,
  at: string,
  hasOfficial = false,
): Idea {
  if (by.kind !== 'team')
    throw new LifecycleError(
      idea.lifecycle,
      'feedback.triage',
      'teamOnly',
      'Only the team moves ideas.',
    );
  const from = statusOf(board, idea.status);
  const to = statusOf(board, move.status);
  if (from.id === to.id) return idea;
  if (from.next && !from.next.includes(to.id))
    throw new ValidationError(
      [{ path: 'status', message: `cannot follow "${from.name}" on this board` }],
      'status',
    );
  const reason = move.reason?.trim() || undefined;
  if (to.lifecycle !== from.lifecycle) {
    const found = teamMovesFrom(asFeedbackItem(idea, hasOfficial)).find(
      (candidate) => candidate.to === to.lifecycle,
    );
    if (!found)
      throw new LifecycleError(
        idea.lifecycle,
        'feedback.triage',
        'notFromStatus',
        `Cannot move an idea that is ${from.name} to ${to.name}.`,
      );
    if (found.needs === 'reason' && !reason)
      throw new LifecycleError(
        idea.lifecycle,
        found.type,
        'reasonRequired',
        'A decline needs a reason the customers can read.',
      );
    if (found.needs === 'changeId' && !move.changelogId)
      throw new LifecycleError(
        idea.lifecycle,
        found.type,
        'changeRequired',
        'An idea ships with a changelog entry: publish one linked to it.',
      );
    if (found.blockedBy)
      throw new LifecycleError(
        idea.lifecycle,
        found.type,
        found.blockedBy,
        'It can be closed as answered only after the team has posted its official response.',
      );
  }
  return {
    ...idea,
    status: to.id,
    lifecycle: to.lifecycle,
    history: [
      ...idea.history,
      { from: from.id, to: to.id, lifecycle: to.lifecycle, at, by, ...(reason ? { reason } : {}) },
    ],
    updatedAt: at,
  };
}

/** Whether votes are locked on an idea: a closed status, or merged into another. */
export function isLocked(board: Board, idea: Idea): boolean {
  if (idea.mergedInto) return true;
  return board.statuses.find((status) => status.id === idea.status)?.closed ?? false;
}

/** A vote on an idea whose votes are locked ({@link isLocked}): refused for good. */
export function votesClosed(idea: Idea): LifecycleError {
  return new LifecycleError(
    idea.lifecycle,
    'feedback.triage',
    'notFromStatus',
    'Votes are closed on this idea.',
  );
}

/** The longest display name a host may give a customer. */
export const MAX_AUTHOR_NAME_LENGTH = 200;

/**
 * A display name from the host as it is shown: trimmed, control characters taken out, at most
 * {@link MAX_AUTHOR_NAME_LENGTH} characters; none when nothing is left.
 */
export function authorNameOf(name: string | undefined): string | undefined {
  if (typeof name !== 'string') return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const clean = name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean ? [...clean].slice(0, MAX_AUTHOR_NAME_LENGTH).join('').trim() : undefined;
}

/**
 * A new idea from a customer's suggestion at `at`: in the board's first status, waiting for
 * approval where the board moderates first and the author is not trusted, with no votes yet (the
 * author's own vote follows) and its first history entry.
 */
export function newIdea(board: Board, input: IdeaInput, at: string, authorName?: string): Idea {
  const start = initialStatus(board);
  const name = authorNameOf(authorName);
  const trusted = board.trusted?.includes(input.customerId) ?? false;
  return {
    id: input.id,
    boardId: board.id,
    kind: input.kind,
    title: input.title.trim(),
    body: input.body.trim(),
    authorId: input.customerId,
    ...(name ? { authorName: name } : {}),
    status: start.id,
    lifecycle: start.lifecycle,
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    votes: 0,
    comments: 0,
    trend: 0,
    approval: board.moderation === 'approve' && !trusted ? 'pending' : 'approved',
    itemIds: input.itemId ? [input.itemId] : [],
    changelogIds: [],
    history: [
      {
        from: null,
        to: start.id,
        lifecycle: start.lifecycle,
        at,
        by: { kind: 'customer', id: input.customerId },
      },
    ],
    language: board.language,
    createdAt: at,
    updatedAt: at,
  };
}

/** A vote's segment value for a key, as text (`(none)` when it froze none). */
export function segmentValueOf(segment: Record<string, unknown> | undefined, key: string): string {
  const value = segment && Object.hasOwn(segment, key) ? segment[key] : undefined;
  return value === undefined || value === null ? NO_SEGMENT_VALUE : String(value);
}

/**
 * The id a customer's deleted data leaves behind as author, and the reader a visitor of a board
 * readable by anyone is: nobody owns what it names, so it sees only what everyone sees.
 */
export const ANONYMOUS_AUTHOR = 'anonymous';

/**
 * Whether a customer may see an idea: approved ideas in public statuses, and their own while they
 * wait for approval. Hidden and spam ideas, and others' pending ones, are seen by nobody but the team.
 */
export function isVisibleTo(board: Board, idea: Idea, customerId: string): boolean {
  if (
    idea.authorId === customerId &&
    customerId !== ANONYMOUS_AUTHOR &&
    (idea.approval === 'approved' || idea.approval === 'pending')
  )
    return true;
  if (idea.approval !== 'approved') return false;
  return board.statuses.find((status) => status.id === idea.status)?.public ?? false;
}

/**
 * The error for an idea that names another customer's feedback item (`itemId`): a customer links
 * only their own feedback to what they post. The protocol answers it 400 naming `idea.itemId`.
 */
export function foreignItem(): ValidationError {
  return new ValidationError(
    [{ path: 'itemId', message: 'is not one of your feedback items' }],
    'idea',
  );
}

/** An unknown idea, and one the customer may not see, alike: a 404, nothing leaks. */
export function ideaNotFound(path = 'ideaId'): NotFoundError {
  return new NotFoundError([{ path, message: 'is not an idea on this board' }], 'idea');
}

/** An idea as one customer sees it. */
export function publicIdeaOf(
  board: Board,
  idea: Idea,
  customerId: string,
  voted: boolean,
): PublicIdea {
  const status = board.statuses.find((candidate) => candidate.id === idea.status);
  const reason =
    idea.lifecycle === 'declined'
      ? [...idea.history].reverse().find((change) => change.to === idea.status)?.reason
      : undefined;
  return {
    id: idea.id,
    kind: idea.kind,
    title: idea.title,
    body: idea.body,
    ...(idea.authorName ? { authorName: idea.authorName } : {}),
    status: idea.status,
    statusName: status?.name ?? idea.status,
    lifecycle: idea.lifecycle,
    ...(reason ? { declineReason: reason } : {}),
    ...(idea.categoryId ? { categoryId: idea.categoryId } : {}),
    votes: idea.votes,
    comments: idea.comments,
    locked: isLocked(board, idea),
    voted,
    mine: idea.authorId === customerId && customerId !== ANONYMOUS_AUTHOR,
    pending: idea.approval === 'pending',
    ...(idea.mergedInto ? { mergedInto: idea.mergedInto } : {}),
    changelogIds: idea.changelogIds,
    ...(idea.authorId === ANONYMOUS_AUTHOR ? { anonymised: true as const } : {}),
    createdAt: idea.createdAt,
  };
}

/** A comment as one customer sees it: team members by name only, never an id. */
export function publicCommentOf(comment: Comment, customerId: string): PublicComment {
  return {
    id: comment.id,
    ...(comment.parentId ? { parentId: comment.parentId } : {}),
    author: {
      kind: comment.author.kind,
      ...(comment.author.name ? { name: comment.author.name } : {}),
      mine:
        comment.author.kind === 'customer' &&
        comment.author.id === customerId &&
        customerId !== ANONYMOUS_AUTHOR,
    },
    body: comment.body,
    official: comment.official === true,
    ...(comment.anonymised ? { anonymised: true as const } : {}),
    at: comment.at,
  };
}

/** The trigrams of a text as `pg_trgm` makes them: lower case, each word padded with two spaces before and one after. */
export function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

/** `pg_trgm`'s `similarity`: shared trigrams over all trigrams of both texts (0–1). */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}

/**
 * `pg_trgm`'s `word_similarity(query, text)`: how well the query matches the most alike stretch of
 * the text's words (0–1), approximated over whole-word stretches.
 */
export function wordSimilarity(query: string, text: string): number {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const grams = trigrams(query);
  if (grams.size === 0 || words.length === 0) return 0;
  let best = 0;
  for (let start = 0; start < words.length; start++)
    for (let end = start + 1; end <= words.length; end++) {
      const stretch = trigrams(words.slice(start, end).join(' '));
      let shared = 0;
      for (const gram of grams) if (stretch.has(gram)) shared++;
      best = Math.max(best, shared / grams.size);
    }
  return best;
}

/**
 * How well an idea's title is spoken of in a longer text (a survey answer): `pg_trgm`'s
 * `word_similarity(title, text)` over stretches of the text's words no longer than the title plus
 * two, so a long answer costs linear time (0–1).
 */
export function titleInText(title: string, text: string): number {
  const grams = trigrams(title);
  const titleWords = title.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (grams.size === 0 || words.length === 0) return 0;
  let best = 0;
  for (let start = 0; start < words.length; start++)
    for (let end = start + 1; end <= Math.min(words.length, start + titleWords + 2); end++) {
      const stretch = trigrams(words.slice(start, end).join(' '));
      let shared = 0;
      for (const gram of grams) if (stretch.has(gram)) shared++;
      best = Math.max(best, shared / grams.size);
      if (best === 1) return 1;
    }
  return best;
}

/**
 * The least {@link titleInText} an idea needs to be offered after an answer (both backends): most
 * of its title's trigrams within a stretch of the answer.
 */
export const ANSWER_SIMILARITY_THRESHOLD = 0.6;

/** The least similarity an idea needs to be offered as similar (both backends). */
export const SIMILARITY_THRESHOLD = 0.3;

/** Whether an idea matches a search text: every word of the text starts a word of its title or body. */
export function matchesSearch(idea: Pick<Idea, 'title' | 'body'>, search: string): boolean {
  const words = search
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return true;
  const own = `${idea.title} ${idea.body}`.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.every((word) => own.some((candidate) => candidate.startsWith(word)));
}

/** A status the team may move an idea to now, and whether the move needs a reason customers read. */
export interface NextStatus {
  status: StatusDefinition;
  /** A decline needs a reason. */
  needs?: 'reason';
}

/**
 * The statuses the team may move an idea to now: the board's workflow (`next`) and the feedback
 * lifecycle both allow it, and it is not shipping (an idea ships only with a changelog entry). A
 * team UI offers exactly these, so it never shows a move {@link moveIdea} would refuse.
 */
export function nextStatuses(
  board: Pick<Board, 'statuses'>,
  idea: Idea,
  hasOfficial = false,
): NextStatus[] {
  const from = board.statuses.find((status) => status.id === idea.status);
  if (!from) return [];
  const moves = teamMovesFrom(asFeedbackItem(idea, hasOfficial));
  return board.statuses.flatMap((to): NextStatus[] => {
    if (to.id === from.id || (from.next && !from.next.includes(to.id))) return [];
    if (to.lifecycle === from.lifecycle) return [{ status: to }];
    const move = moves.find((candidate) => candidate.to === to.lifecycle);
    if (!move || move.blockedBy || move.needs === 'changeId') return [];
    return [move.needs === 'reason' ? { status: to, needs: 'reason' } : { status: to }];
  });
}

/** The board's filters by their names in a URL. */
const BOARD_PARAMS = {
  sort: 'sort',
  status: 'status',
  categoryId: 'category',
  kind: 'kind',
  search: 'q',
} as const satisfies Record<keyof BoardFilters, string>;
/**
 * Every search parameter the board's filters may use in a URL (before a prefix), so a host that
 * writes them can first clear the old ones and keep its own.
 */
export const BOARD_SEARCH_PARAM_NAMES: readonly string[] = /* @__PURE__ */ Object.freeze(
  Object.values(BOARD_PARAMS),
);
// The shape of `idSchema` (statuses' and categories' ids), checked without zod: the board's page
// reads its URL before it loads any schema (a test holds the two to the same answers).
const BOARD_ID = /^[A-Za-z][\w-]{0,63}$/;

/** Options of {@link boardFiltersToSearchParams} and {@link boardFiltersFromSearchParams}. */
export interface BoardSearchParamsOptions {
  /** Put before each parameter's name, for a host whose URL has its own `sort` or `q`. @default '' */
  prefix?: string | undefined;
}

/**
 * The board's filters as URL search parameters, for a link to a view of the board: only what
 * differs from the default view, one parameter each (`sort`, `status` (ids joined by commas),
 * `category`, `kind`, `q`). `new URLSearchParams(result)` makes the query string;
 * {@link boardFiltersFromSearchParams} reads it back.
 *
 * @example
 * ```ts
 * boardFiltersToSearchParams({ sort: 'top', status: ['planned'], search: 'csv' }); // { sort: 'top', status: 'planned', q: 'csv' }
 * ```
 */
export function boardFiltersToSearchParams(
  filters: BoardFilters,
  { prefix = '' }: BoardSearchParamsOptions = {},
): Record<string, string> {
  const params: Record<string, string> = {};
  const put = (name: keyof BoardFilters, value: string | undefined) => {
    if (value) params[`${prefix}${BOARD_PARAMS[name]}`] = value;
  };
  put('sort', filters.sort === 'trending' ? undefined : filters.sort);
  put('status', filters.status?.join(','));
  put('categoryId', filters.categoryId);
  put('kind', filters.kind);
  put('search', filters.search?.trim());
  return params;
}

/**
 * The board's filters a URL's search parameters hold (as {@link boardFiltersToSearchParams}
 * writes them): only the valid ones, so a hand-edited or stale link never breaks the board. An
 * unknown order or kind, a malformed status or category id and a search over 200 characters are
 * left out, and unknown parameters ignored; a status or category the board does not have is
 * dropped by the board once it has read its definition. Give the result to the board's `filters`.
 *
 * @example
 * ```ts
 * boardFiltersFromSearchParams(new URLSearchParams('?status=planned&q=csv')); // { status: ['planned'], search: 'csv' }
 * ```
 */
export function boardFiltersFromSearchParams(
  params: { get(name: string): string | null },
  { prefix = '' }: BoardSearchParamsOptions = {},
): Partial<BoardFilters> {
  const read = (name: keyof BoardFilters) => params.get(`${prefix}${BOARD_PARAMS[name]}`) ?? '';
  const filters: Partial<BoardFilters> = {};
  const sort = read('sort');
  if ((BOARD_SORTS as readonly string[]).includes(sort)) filters.sort = sort as BoardSort;
  const status = read('status').split(',').filter(Boolean);
  if (status.length && status.length <= 30 && status.every((id) => BOARD_ID.test(id)))
    filters.status = [...new Set(status)];
  const category = read('categoryId');
  if (BOARD_ID.test(category)) filters.categoryId = category;
  const kind = read('kind');
  if (kind === 'idea' || kind === 'bug') filters.kind = kind;
  const search = read('search').trim();
  if (search && search.length <= 200) filters.search = search;
  return filters;
}

/**
 * The team's moderation views, by the approval states each lists: the approval queue, published,
 * removed (hidden and spam) and all ideas (no approval filter).
 */
export const BOARD_TEAM_VIEWS: readonly {
  key: 'pending' | 'published' | 'removed' | 'all';
  approval: IdeaApproval[] | undefined;
}[] = [
  { key: 'pending', approval: ['pending'] },
  { key: 'published', approval: ['approved'] },
  { key: 'removed', approval: ['hidden', 'spam'] },
  { key: 'all', approval: undefined },
];

/** The moderation view an approval filter is (`all` for none, or a set no view lists). */
export const boardTeamViewOf = (approval: readonly IdeaApproval[] | undefined) =>
  BOARD_TEAM_VIEWS.find((view) => (view.approval ?? []).join() === (approval ?? []).join())?.key ??
  'all';

/**
 * Every search parameter the team's board filters may use in a URL (before a prefix): the
 * customer's board's and `view`.
 */
export const BOARD_TEAM_SEARCH_PARAM_NAMES: readonly string[] = /* @__PURE__ */ Object.freeze([
  ...BOARD_SEARCH_PARAM_NAMES,
  'view',
]);

/**
 * The team's board filters as URL search parameters, for a link to a moderation view: `view`
 * always (`pending`, `published`, `removed`, `all`: the first view depends on the board, so a link
 * says which), the order unless newest first (the team's first), then the statuses, category, kind
 * and search as the customer's board writes them. {@link boardTeamFiltersFromSearchParams} reads them back.
 *
 * @example
 * ```ts
 * boardTeamFiltersToSearchParams({ sort: 'newest', approval: ['pending'], categoryId: 'invoices' }); // { view: 'pending', category: 'invoices' }
 * ```
 */
export function boardTeamFiltersToSearchParams(
  filters: BoardTeamFilters,
  options: BoardSearchParamsOptions = {},
): Record<string, string> {
  const prefix = options.prefix ?? '';
  return {
    [`${prefix}view`]: boardTeamViewOf(filters.approval),
    // The team's list starts newest first, so that order is the one left out.
    ...(filters.sort === 'newest' ? {} : { [`${prefix}sort`]: filters.sort }),
    ...boardFiltersToSearchParams({ ...filters, sort: 'trending' }, options),
  };
}

/**
 * The team's board filters a URL's search parameters hold (as
 * {@link boardTeamFiltersToSearchParams} writes them): only the valid ones, and with `board`, no
 * status or category it does not have. Give the result to the team board's `filters`.
 */
export function boardTeamFiltersFromSearchParams(
  params: { get(name: string): string | null },
  options: BoardSearchParamsOptions & {
    board?: Pick<Board, 'statuses' | 'categories'> | undefined;
  } = {},
): Partial<BoardTeamFilters> {
  const { board, ...named } = options;
  const filters: Partial<BoardTeamFilters> = boardFiltersFromSearchParams(params, named);
  const view = BOARD_TEAM_VIEWS.find(
    (each) => each.key === params.get(`${named.prefix ?? ''}view`),
  );
  if (view) filters.approval = view.approval;
  return knownBoardFilters(filters, board);
}
