import { createActor, fromCallback, fromPromise, type Actor as XActor } from 'xstate';
import {
  type BoardChanges,
  type BoardPageEvent,
  changelogMachine,
  roadmapMachine,
} from './board.pages.machine';
import {
  type BoardPageState,
  type ChangelogSnapshot,
  type RoadmapSnapshot,
  selectBoardPageState,
  selectRoadmapCategories,
  selectRoadmapCategory,
  selectRoadmapShown,
} from './board.pages.selectors';
import type { BoardPort } from './board.port';
import type { Category, PublicChangelogEntry, Roadmap } from './board.schema';
import { categoryNameIn } from './board.selectors';

/** Options of the board's read-only pages: the port and who reads (their own ideas marked). */
export interface BoardPageOptions {
  /** The board's customer side (`backend.board`), read at each load. */
  port: Pick<BoardPort, 'roadmap' | 'changelog'>;
  /** The customer reading (`''` for a visitor). */
  customerId: string;
  /**
   * Ideas changed by the page's other views (`createBoardChanges()`, the one given to
   * `provideBoard`): the roadmap shows a vote pressed on the board at once.
   */
  changes?: BoardChanges | undefined;
}

/** The roadmap machine with its read provided from the port (and the page's changes heard). */
export function provideRoadmap(options: BoardPageOptions): typeof roadmapMachine {
  return roadmapMachine.provide({
    actors: {
      read: fromPromise(() => options.port.roadmap(options.customerId)),
      watchChanges: fromCallback(
        ({ sendBack }) =>
          options.changes?.subscribe((idea) => sendBack({ type: 'idea.changed', idea })) ??
          undefined,
      ),
    },
  });
}

/** The changelog machine with its read provided from the port. */
export function provideChangelog(options: BoardPageOptions): typeof changelogMachine {
  return changelogMachine.provide({
    actors: { read: fromPromise(() => options.port.changelog(options.customerId)) },
  });
}

/**
 * Reads the public roadmap for a host that renders it itself (not started).
 *
 * @example
 * ```ts
 * const roadmap = createRoadmap({ port: backend.board, customerId: 'anna' }).start();
 * ```
 */
export function createRoadmap(options: BoardPageOptions): XActor<typeof roadmapMachine> {
  return createActor(provideRoadmap(options));
}

/** Reads the public changelog for a host that renders it itself (not started). */
export function createChangelog(options: BoardPageOptions): XActor<typeof changelogMachine> {
  return createActor(provideChangelog(options));
}

/** The framework-free view of a board page: what was read, its state, and "read again". */
export interface BoardPageApi<T> {
  state: BoardPageState;
  value: T | undefined;
  error: string | undefined;
  /** Reads again after a failure. */
  retry(): void;
  /** Reads again (what is shown stays until the new read lands). */
  refresh(): void;
}

/** The roadmap's view-model: the read, and the one category it shows. */
export interface RoadmapApi extends BoardPageApi<Roadmap> {
  /** The columns as shown: each one's ideas in the category chosen, or all of them. */
  shown: Roadmap | undefined;
  /** The board's categories (the filter's choices; empty when it has none). */
  categories: Category[];
  /** The category shown, when it is one of the board's; `undefined` for all. */
  categoryId: string | undefined;
  /** The name of a category by id (`undefined` for none or one the board no longer has). */
  categoryName(categoryId: string | undefined): string | undefined;
  /** Shows only the ideas of one category, or all of them (`undefined`). */
  setCategory(categoryId: string | undefined): void;
}

/** The roadmap's view-model. */
export function connectRoadmap(
  snapshot: RoadmapSnapshot,
  send: (event: BoardPageEvent) => void,
): RoadmapApi {
  const categories = selectRoadmapCategories(snapshot);
  return {
    ...connectPage<Roadmap>(snapshot, send),
    shown: selectRoadmapShown(snapshot),
    categories,
    categoryId: selectRoadmapCategory(snapshot),
    categoryName: (id) => categoryNameIn(categories, id),
    setCategory: (categoryId) => send({ type: 'page.category', categoryId }),
  };
}

/** The changelog's view-model. */
export function connectChangelog(
  snapshot: ChangelogSnapshot,
  send: (event: BoardPageEvent) => void,
): BoardPageApi<PublicChangelogEntry[]> {
  return connectPage(snapshot, send);
}

function connectPage<T>(
  snapshot: RoadmapSnapshot | ChangelogSnapshot,
  send: (event: BoardPageEvent) => void,
): BoardPageApi<T> {
  return {
    state: selectBoardPageState(snapshot),
    value: snapshot.context.value as T | undefined,
    error: snapshot.context.error,
    retry: () => send({ type: 'page.retry' }),
    refresh: () => send({ type: 'page.refresh' }),
  };
}
