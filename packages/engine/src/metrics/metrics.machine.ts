import { assign, fromPromise, setup } from 'xstate';
import type {
  CxReport,
  CxReportQuery,
  CxResponse,
  CxResponsesPage,
  CxResponsesQuery,
} from './metrics.schema';

/** What the CX report machine holds: the query on screen, the last report loaded, the last error. */
export interface CxReportContext {
  query: CxReportQuery;
  /** The last report loaded (kept while a new one loads, so figures do not blink). */
  report: CxReport | undefined;
  /** Why the last load failed. */
  error: unknown;
}

/** Input of the CX report machine: the report to load first. */
export interface CxReportInput {
  query: CxReportQuery;
}

/** What a dashboard asks of its report: another query, or the same one again. */
export type CxReportEvent = { type: 'query.change'; query: CxReportQuery } | { type: 'reload' };

/** Whether a report has no scored response in its period. */
export function isEmptyReport(report: CxReport): boolean {
  return report.metrics.every((metric) => metric.overall.current.n === 0);
}

/** The load of a machine made without its port: `create` is the function that provides it. */
const notProvided = (create: string) => () =>
  Promise.reject(new Error(`The CX load was not provided: use ${create}().`));

/**
 * A CX dashboard's report: `loading`, then `ready`, `empty` (no scored response in the period) or
 * `error`. A new query or `reload` loads again from any state; the load on its way is cancelled,
 * so an older answer arriving late never replaces the figures of the query on screen.
 */
export const cxReportMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as CxReportContext,
      input: {} as CxReportInput,
      events: {} as CxReportEvent,
    },
    actors: {
      loadReport: fromPromise<CxReport, CxReportQuery>(notProvided('createCxReport')),
    },
    guards: {
      isEmpty: (_, report: CxReport) => isEmptyReport(report),
    },
  }).createMachine({
    id: 'palauteCxReport',
    context: ({ input }) => ({ query: input.query, report: undefined, error: undefined }),
    initial: 'loading',
    on: {
      'query.change': {
        target: '.loading',
        reenter: true,
        actions: assign(({ event }) => ({ query: event.query })),
      },
      reload: { target: '.loading', reenter: true },
    },
    states: {
      loading: {
        invoke: {
          src: 'loadReport',
          input: ({ context }) => context.query,
          onDone: [
            {
              guard: { type: 'isEmpty', params: ({ event }) => event.output },
              target: 'empty',
              actions: assign(({ event }) => ({ report: event.output, error: undefined })),
            },
            {
              target: 'ready',
              actions: assign(({ event }) => ({ report: event.output, error: undefined })),
            },
          ],
          onError: {
            target: 'error',
            actions: assign(({ event }) => ({ error: event.error })),
          },
        },
      },
      ready: {},
      empty: {},
      error: {},
    },
  }))();

/** What the answers-behind-a-figure machine holds: the query, the answers so far, paging. */
export interface CxResponsesContext {
  /** The answers to list (without `cursor`). */
  query: Omit<CxResponsesQuery, 'cursor'>;
  /** The answers loaded so far, newest first. */
  items: CxResponse[];
  /** How many answers match in all. */
  total: number;
  /** The next page's cursor, while there is one. */
  next: string | undefined;
  /** Why the last load failed. */
  error: unknown;
}

/** Input of the answers machine: the answers to list first. */
export interface CxResponsesInput {
  query: Omit<CxResponsesQuery, 'cursor'>;
}

/** What a list of answers is asked: other answers, the first page again, or the next page. */
export type CxResponsesEvent =
  | { type: 'query.change'; query: Omit<CxResponsesQuery, 'cursor'> }
  | { type: 'reload' }
  | { type: 'list.more' };

/**
 * The answers behind a figure, a page at a time: `loading` (the first page), then `ready`, `empty`
 * or `error`; `list.more` appends the next page (`loadingMore`, the answers shown stay). A new
 * query or `reload` starts again from the first page, cancelling the page on its way, so the
 * answers on screen always belong to the query on screen.
 */
export const cxResponsesMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as CxResponsesContext,
      input: {} as CxResponsesInput,
      events: {} as CxResponsesEvent,
    },
    actors: {
      loadPage: fromPromise<CxResponsesPage, CxResponsesQuery>(notProvided('createCxResponses')),
    },
    guards: {
      hasMore: ({ context }) => context.next !== undefined,
    },
  }).createMachine({
    id: 'palauteCxResponses',
    context: ({ input }) => ({
      query: input.query,
      items: [],
      total: 0,
      next: undefined,
      error: undefined,
    }),
    initial: 'loading',
    on: {
      'query.change': {
        target: '.loading',
        reenter: true,
        actions: assign(({ event }) => ({ query: event.query })),
      },
      reload: { target: '.loading', reenter: true },
    },
    states: {
      loading: {
        entry: assign({ items: [], total: 0, next: undefined, error: undefined }),
        invoke: {
          src: 'loadPage',
          input: ({ context }) => context.query,
          onDone: {
            target: 'ready',
            actions: assign(({ event }) => ({
              items: event.output.items,
              total: event.output.total,
              next: event.output.next,
            })),
          },
          onError: { target: 'error', actions: assign(({ event }) => ({ error: event.error })) },
        },
      },
      ready: {
        always: { guard: ({ context }) => context.items.length === 0, target: 'empty' },
        on: { 'list.more': { guard: 'hasMore', target: 'loadingMore' } },
      },
      loadingMore: {
        invoke: {
          src: 'loadPage',
          input: ({ context }) => ({ ...context.query, cursor: context.next }),
          onDone: {
            target: 'ready',
            actions: assign(({ context, event }) => ({
              items: [...context.items, ...event.output.items],
              total: event.output.total,
              next: event.output.next,
            })),
          },
          onError: { target: 'error', actions: assign(({ event }) => ({ error: event.error })) },
        },
      },
      empty: {},
      error: {},
    },
  }))();
