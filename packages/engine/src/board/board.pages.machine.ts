import { assign, fromPromise, setup } from 'xstate';
import type { ChangelogEntry, Roadmap } from './board.schema';

/** What a board page (the roadmap, the changelog) holds: what was read, or why it failed. */
export interface BoardPageContext<T> {
  /** The last read (kept while it is read again). */
  value: T | undefined;
  /** Why the last read failed. */
  error: string | undefined;
}

/** What a board page is asked: read again after a failure, or to refresh. */
export type BoardPageEvent = { type: 'page.retry' } | { type: 'page.refresh' };

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A board page's read: `loading`, then `ready` or `failed`; `page.retry` and `page.refresh` read again. */
function boardPageMachine<T>(id: string, create: string) {
  return setup({
    types: { context: {} as BoardPageContext<T>, events: {} as BoardPageEvent },
    actors: {
      read: fromPromise<T>(() =>
        Promise.reject(new Error(`The board page's read was not provided: use ${create}().`)),
      ),
    },
  }).createMachine({
    id,
    context: { value: undefined, error: undefined },
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
);

/** The public changelog's read: its entries, newest first. */
export const changelogMachine = /* @__PURE__ */ boardPageMachine<ChangelogEntry[]>(
  'palauteChangelog',
  'createChangelog',
);
