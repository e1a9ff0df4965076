import type { SnapshotFrom } from 'xstate';
import type { PublicBoard } from './board.port';
import type { Idea } from './board.schema';
import type {
  BoardTeamAction,
  BoardTeamDraftField,
  BoardTeamFilters,
  BoardTeamResult,
  boardTeamMachine,
  ChangelogComposerDraft,
  TeamIdeaDetail,
} from './board.team.machine';
import { type NextStatus, nextStatuses } from './board.utils';

/** A snapshot of the team's running board. */
export type BoardTeamSnapshot = SnapshotFrom<typeof boardTeamMachine>;

/** The team list's state: `loading`, `debouncing`, `ready`, `loadingMore` or `failed`. Use it as `data-state`. */
export type BoardTeamListState = 'loading' | 'debouncing' | 'ready' | 'loadingMore' | 'failed';
/** The detail panel's state: `closed`, `loading`, `open` or `failed`. */
export type BoardTeamDetailState = 'closed' | 'loading' | 'open' | 'failed';
/** Whether a team action is on its way: `idle` or `working`. */
export type BoardTeamActionState = 'idle' | 'working';

const value = (snapshot: BoardTeamSnapshot) =>
  snapshot.value as {
    list: BoardTeamListState;
    detail: BoardTeamDetailState;
    action: BoardTeamActionState;
  };

/** The team list's state. */
export const selectTeamListState = (snapshot: BoardTeamSnapshot): BoardTeamListState =>
  value(snapshot).list;
/** The detail panel's state. */
export const selectTeamDetailState = (snapshot: BoardTeamSnapshot): BoardTeamDetailState =>
  value(snapshot).detail;
/** Whether a team action is on its way. */
export const selectTeamActionState = (snapshot: BoardTeamSnapshot): BoardTeamActionState =>
  value(snapshot).action;
/** The ideas listed for the team, every moderation state included. */
export const selectTeamIdeas = (snapshot: BoardTeamSnapshot): Idea[] => snapshot.context.ideas;
/** The team list's filters. */
export const selectTeamFilters = (snapshot: BoardTeamSnapshot): BoardTeamFilters =>
  snapshot.context.filters;
/** Whether another page of the team list can be loaded. */
export const selectTeamHasMore = (snapshot: BoardTeamSnapshot): boolean =>
  snapshot.context.next !== undefined;
/** Why the team list failed to load. */
export const selectTeamListError = (snapshot: BoardTeamSnapshot): string | undefined =>
  snapshot.context.listError;
/** The idea open in the detail panel, with its comments and votes. */
export const selectTeamDetail = (snapshot: BoardTeamSnapshot): TeamIdeaDetail | undefined =>
  snapshot.context.detail;
/** Why the open idea failed to load. */
export const selectTeamDetailError = (snapshot: BoardTeamSnapshot): string | undefined =>
  snapshot.context.detailError;
/** The last team action that succeeded, with what it gave back. */
export const selectTeamDone = (
  snapshot: BoardTeamSnapshot,
): { action: BoardTeamAction; result: BoardTeamResult } | undefined => snapshot.context.done;
/** The last team action that failed, and why. */
export const selectTeamFailed = (
  snapshot: BoardTeamSnapshot,
): { action: BoardTeamAction; message: string } | undefined => snapshot.context.failed;

/**
 * The statuses the open idea may move to now (the board's workflow and the lifecycle allow it;
 * shipping only through a changelog entry), so the team is never offered a move the server refuses.
 */
export function selectNextStatuses(snapshot: BoardTeamSnapshot, board: PublicBoard): NextStatus[] {
  const detail = snapshot.context.detail;
  if (!detail) return [];
  return nextStatuses(
    board,
    detail.idea,
    detail.comments.some((comment) => comment.official),
  );
}

/**
 * The open idea's panel fields as they show: what was typed, else the default (the idea's title,
 * the first status it may move to, the rest empty). A chosen status the idea can no longer move to
 * shows the first again.
 */
export function selectTeamDrafts(
  snapshot: BoardTeamSnapshot,
  board?: PublicBoard,
): Record<BoardTeamDraftField, string> {
  const { drafts, detail } = snapshot.context;
  const next = board ? selectNextStatuses(snapshot, board) : [];
  const status =
    drafts.status !== undefined && next.some((move) => move.status.id === drafts.status)
      ? drafts.status
      : (next[0]?.status.id ?? '');
  return {
    title: drafts.title ?? detail?.idea.title ?? '',
    category: drafts.category ?? detail?.idea.categoryId ?? '',
    status,
    reason: drafts.reason ?? '',
    into: drafts.into ?? '',
    customer: drafts.customer ?? '',
    official: drafts.official ?? '',
    comment: drafts.comment ?? '',
  };
}

/** The open idea's fields that came back from before (the UI can say so). */
export const selectTeamRestoredDrafts = (snapshot: BoardTeamSnapshot): BoardTeamDraftField[] =>
  snapshot.context.restoredDrafts;

/** The ideas, other than the open one, with unsent values kept. */
export const selectTeamDraftIdeaIds = (snapshot: BoardTeamSnapshot): string[] =>
  Object.keys(snapshot.context.keptDrafts);

/** The changelog entry being written (with its id once a publication was tried). */
export const selectTeamChangelog = (snapshot: BoardTeamSnapshot): ChangelogComposerDraft =>
  snapshot.context.changelog;
