import type { SnapshotFrom } from 'xstate';
import type { changelogMachine, roadmapMachine } from './board.pages.machine';

/** A snapshot of the roadmap's read. */
export type RoadmapSnapshot = SnapshotFrom<typeof roadmapMachine>;
/** A snapshot of the changelog's read. */
export type ChangelogSnapshot = SnapshotFrom<typeof changelogMachine>;

/** A board page's state: `loading`, `ready` or `failed`. Use it as `data-state`. */
export type BoardPageState = 'loading' | 'ready' | 'failed';

/** A board page's state. */
export const selectBoardPageState = (
  snapshot: RoadmapSnapshot | ChangelogSnapshot,
): BoardPageState => snapshot.value as BoardPageState;
