import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { PublicChangelogEntry, PublicIdea, Roadmap } from './board.schema';

/**
 * Where one page's views of the board tell each other of an idea that changed: the board's list
 * publishes an idea whose vote the customer pressed (then the server's count, or the rollback of a
 * vote that failed), and the roadmap shows the same count. Made once per page (React's board
 * components share one per board port) and given to `provideBoard` and `provideRoadmap` as
 * `changes`.
 */
export interface BoardChanges {
  /** Tells every subscriber the idea as it is now. */
  publish(idea: PublicIdea): void;
  /** Called with each idea published from now on; returns the unsubscribe. */
  subscribe(listener: (idea: PublicIdea) => void): () => void;
}

/**
 * Makes a {@link BoardChanges}: a subscriber's error is caught, so one view cannot stop the
 * others hearing of a change.
 *
 * @example
 * ```ts
 * const changes = createBoardChanges();
 * const board = createBoard({ port: backend.board, customerId, changes });
 * const roadmap = createRoadmap({ port: backend.board, customerId, changes });
 * ```
 */
export function createBoardChanges(): BoardChanges {
  const listeners = new Set<(idea: PublicIdea) => void>();
  return {
    publish(idea) {
      for (const listener of [...listeners])
        try {
          listener(idea);
        } catch {
          // One view's failure is its own.
        }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * The roadmap with `idea` as it is now: in place when its status is the same, moved to the end of
 * its new status's column (or off the roadmap) when the status changed. An idea the roadmap does
 * not show stays off it (its next read places it): the same roadmap object is given back.
 */
export function withIdeaOnRoadmap<R extends { columns: { status: string; ideas: PublicIdea[] }[] }>(
  roadmap: R,
  idea: PublicIdea,
): R {
  const from = roadmap.columns.find((column) => column.ideas.some((each) => each.id === idea.id));
  if (!from) return roadmap;
  const columns = roadmap.columns.map((column) => {
    if (column === from && column.status === idea.status)
      return { ...column, ideas: column.ideas.map((each) => (each.id === idea.id ? idea : each)) };
    if (column === from)
      return { ...column, ideas: column.ideas.filter((each) => each.id !== idea.id) };
    if (column.status === idea.status) return { ...column, ideas: [...column.ideas, idea] };
    return column;
  });
  return { ...roadmap, columns };
}

/** What a board page (the roadmap, the changelog) holds: what was read, or why it failed. */
export interface BoardPageContext<T> {
  /** The last read (kept while it is read again). */
  value: T | undefined;
  /** Why the last read failed. */
  error: string | undefined;
  /** The one category shown (the roadmap's filter); `undefined` for all. */
  categoryId: string | undefined;
}

/**
 * What a board page is asked: read again after a failure, or to refresh; show one category (the
 * roadmap); or told of an idea that changed elsewhere on the page (the roadmap shows it as it is now).
 */
export type BoardPageEvent =
  | { type: 'page.retry' }
  | { type: 'page.refresh' }
  | { type: 'page.category'; categoryId: string | undefined }
  | { type: 'idea.changed'; idea: PublicIdea };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A board page's read: `loading`, then `ready` or `failed`; `page.retry` and `page.refresh` read
 * again. `withIdea` puts an idea changed elsewhere into what was read (`watchChanges` hears of it).
 */
function boardPageMachine<T>(
  id: string,
  create: string,
  withIdea: (value: T, idea: PublicIdea) => T = (value) => value,
) {
  return setup({
    types: { context: {} as BoardPageContext<T>, events: {} as BoardPageEvent },
    actors: {
      read: fromPromise<T>(() =>
        Promise.reject(new Error(`The board page's read was not provided: use ${create}().`)),
      ),
      /** Sends `idea.changed` for each idea the page's other views change (none by default). */
      watchChanges: fromCallback<BoardPageEvent>(() => undefined),
    },
  }).createMachine({
    id,
    context: { value: undefined, error: undefined, categoryId: undefined },
    invoke: { src: 'watchChanges' },
    on: {
      'idea.changed': {
        actions: assign(({ context, event }) =>
          context.value === undefined ? {} : { value: withIdea(context.value, event.idea) },
        ),
      },
      'page.category': { actions: assign({ categoryId: ({ event }) => event.categoryId }) },
    },
    initial: 'loading',
    states: {
      loading: {
        invoke: {
          src: 'read',
          onDone: {
            target: 'ready',
            actions: assign(({ event }) => ({ value: event.output, error: undefined })),
          },
          onError: {
            target: 'failed',
            actions: assign(({ event }) => ({ error: errorText(event.error) })),
          },
        },
      },
      ready: { on: { 'page.refresh': 'loading' } },
      failed: { on: { 'page.retry': 'loading', 'page.refresh': 'loading' } },
    },
  });
}

/** The public roadmap's read: its columns by roadmap status. */
export const roadmapMachine = /* @__PURE__ */ boardPageMachine<Roadmap>(
  'palauteRoadmap',
  'createRoadmap',
  withIdeaOnRoadmap,
);

/** The public changelog's read: its entries, newest first. */
export const changelogMachine = /* @__PURE__ */ boardPageMachine<PublicChangelogEntry[]>(
  'palauteChangelog',
  'createChangelog',
);
