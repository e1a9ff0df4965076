import type { SnapshotFrom } from 'xstate';
import type { changelogMachine, roadmapMachine } from './board.pages.machine';
import type { Category, Roadmap } from './board.schema';

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

const NO_CATEGORIES: Category[] = [];

/** The board's categories the roadmap came with (empty until read, and from older servers). */
export const selectRoadmapCategories = (snapshot: RoadmapSnapshot): Category[] =>
  snapshot.context.value?.categories ?? NO_CATEGORIES;

/** The category the roadmap shows, when it is one of the board's (`undefined` for all). */
export const selectRoadmapCategory = (snapshot: RoadmapSnapshot): string | undefined => {
  const { categoryId } = snapshot.context;
  return selectRoadmapCategories(snapshot).some((category) => category.id === categoryId)
    ? categoryId
    : undefined;
};

/** The roadmap as shown: each column's ideas in the category chosen, or all of them. */
export const selectRoadmapShown = (snapshot: RoadmapSnapshot): Roadmap | undefined => {
  const roadmap = snapshot.context.value;
  const categoryId = selectRoadmapCategory(snapshot);
  if (!roadmap || !categoryId) return roadmap;
  return {
    ...roadmap,
    columns: roadmap.columns.map((column) => ({
      ...column,
      ideas: column.ideas.filter((idea) => idea.categoryId === categoryId),
    })),
  };
};
