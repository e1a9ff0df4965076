import type { SnapshotFrom } from 'xstate';
import type { BoardFilters, boardMachine, IdeaDraft } from './board.machine';
import type { Board, Category, PublicIdea, SimilarIdea, StatusDefinition } from './board.schema';

/** A snapshot of a running board. */
export type BoardSnapshot = SnapshotFrom<typeof boardMachine>;

/** The list's state: `loading`, `debouncing` (a search waits for typing to pause), `ready`, `loadingMore` or `failed`. Use it as `data-state`. */
export type BoardListState = 'loading' | 'debouncing' | 'ready' | 'loadingMore' | 'failed';
/** The suggest form's state: `editing`, `typing`, `findingSimilar`, `submitting` or `submitted`. */
export type BoardSuggestState =
  | 'editing'
  | 'typing'
  | 'findingSimilar'
  | 'submitting'
  | 'submitted';

/** The list's state. */
export const selectListState = (snapshot: BoardSnapshot): BoardListState =>
  (snapshot.value as { list: BoardListState }).list;
/** The suggest form's state. */
export const selectSuggestState = (snapshot: BoardSnapshot): BoardSuggestState =>
  (snapshot.value as { suggest: BoardSuggestState }).suggest;
/** The ideas listed, in the order asked for. */
export const selectIdeas = (snapshot: BoardSnapshot): PublicIdea[] => snapshot.context.ideas;
/** The filters and order. */
export const selectFilters = (snapshot: BoardSnapshot): BoardFilters => snapshot.context.filters;
/** Whether another page can be loaded. */
export const selectHasMore = (snapshot: BoardSnapshot): boolean =>
  snapshot.context.next !== undefined;
/** Why the list failed to load (or a further page did). */
export const selectListError = (snapshot: BoardSnapshot): string | undefined =>
  snapshot.context.listError;
/** The suggest form's draft. */
export const selectDraft = (snapshot: BoardSnapshot): IdeaDraft => snapshot.context.draft;
/** Ideas like the draft: "Is it one of these? Add your vote instead". */
export const selectSimilar = (snapshot: BoardSnapshot): SimilarIdea[] => snapshot.context.similar;
/** The idea just suggested. */
export const selectSuggested = (snapshot: BoardSnapshot): PublicIdea | undefined =>
  snapshot.context.suggested;
/** Why suggesting failed. */
export const selectSuggestError = (snapshot: BoardSnapshot): string | undefined =>
  snapshot.context.suggestError;
/** Whether the draft can be submitted (a title of at least 3 characters, not submitting). */
export const selectCanSubmit = (snapshot: BoardSnapshot): boolean =>
  snapshot.context.draft.title.trim().length >= 3 && selectSuggestState(snapshot) !== 'submitting';
/** Whether a vote on this idea is on its way. */
export const selectIsVotePending = (snapshot: BoardSnapshot, ideaId: string): boolean =>
  snapshot.context.pendingVotes.includes(ideaId);
/** The last vote that failed and was rolled back. */
export const selectVoteError = (snapshot: BoardSnapshot) => snapshot.context.voteError;

const NONE: never[] = [];
/** The board's statuses, in its order, once its definition was read (empty before). */
export const selectBoardStatuses = (snapshot: BoardSnapshot): StatusDefinition[] =>
  snapshot.context.board?.statuses ?? NONE;
/** The board's categories, once its definition was read (empty before, and when it has none). */
export const selectBoardCategories = (snapshot: BoardSnapshot): Category[] =>
  snapshot.context.board?.categories ?? NONE;

/** The name of a category among `categories` (`undefined` for none or one not there). */
export const categoryNameIn = (
  categories: readonly Category[],
  categoryId: string | undefined,
): string | undefined =>
  categoryId ? categories.find((category) => category.id === categoryId)?.name : undefined;

/**
 * The filters without a status or category the board does not have (a stale or hand-edited link):
 * the same object when every one is known, or when the board is not known yet.
 */
export function knownBoardFilters<
  F extends { status?: string[] | undefined; categoryId?: string | undefined },
>(filters: F, board: Pick<Board, 'statuses' | 'categories'> | undefined): F {
  if (!board) return filters;
  const status = filters.status?.filter((id) => board.statuses.some((known) => known.id === id));
  const category = board.categories.some((known) => known.id === filters.categoryId);
  if (status?.length === filters.status?.length && (category || !filters.categoryId))
    return filters;
  const { status: _, categoryId, ...rest } = filters;
  return {
    ...rest,
    ...(status?.length ? { status } : {}),
    ...(category ? { categoryId } : {}),
  } as F;
}
