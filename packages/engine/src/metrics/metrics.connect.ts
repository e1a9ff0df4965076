import { createActor, fromPromise, type Actor as XActor } from 'xstate';
import {
  type CxReportEvent,
  type CxReportInput,
  type CxResponsesEvent,
  type CxResponsesInput,
  cxReportMachine,
  cxResponsesMachine,
} from './metrics.machine';
import type {
  CxReport,
  CxReportQuery,
  CxResponse,
  CxResponsesPage,
  CxResponsesQuery,
} from './metrics.schema';
import {
  type CxReportSnapshot,
  type CxReportState,
  type CxResponsesSnapshot,
  type CxResponsesState,
  selectCxReport,
  selectCxReportError,
  selectCxReportState,
  selectCxResponses,
  selectCxResponsesHasMore,
  selectCxResponsesState,
} from './metrics.selectors';

/** Where a report comes from: the team port (`backend.team`), or anything with its `cxReport`. */
export interface CxReportSource {
  cxReport?(query: CxReportQuery): Promise<CxReport>;
}

/** Options of {@link provideCxReport} and {@link createCxReport}. */
export interface CxReportOptions {
  /**
   * The team port, read at each load (a getter may hand over a new one); without `cxReport` the
   * load fails with "team.cxReport is missing".
   */
  team: CxReportSource | undefined;
}

/** A running CX report. */
export type CxReportActor = XActor<typeof cxReportMachine>;

/** The CX report machine with its load provided from the team port. */
export function provideCxReport(options: CxReportOptions): typeof cxReportMachine {
  return cxReportMachine.provide({
    actors: {
      loadReport: fromPromise(async ({ input }) => {
        const team = options.team;
        if (!team?.cxReport) throw new Error('team.cxReport is missing');
        return team.cxReport(input);
      }),
    },
  });
}

/**
 * Starts loading a CX report for a dashboard a host renders itself (not started).
 *
 * @example
 * ```ts
 * const report = createCxReport({ team: backend.team }, { query }).start();
 * report.subscribe((snapshot) => render(connectCxReport(snapshot, report.send)));
 * ```
 */
export function createCxReport(options: CxReportOptions, input: CxReportInput): CxReportActor {
  return createActor(provideCxReport(options), { input });
}

/** The framework-free view of a CX report: values to show and intents to call. */
export interface CxReportApi {
  state: CxReportState;
  /** The last report loaded (kept while a new one loads, so figures do not blink). */
  report: CxReport | undefined;
  /** Why the last load failed. */
  error: unknown;
  /** Loads the report again. */
  reload(): void;
  /** Loads another report (a period, a granularity, a segment). */
  setQuery(query: CxReportQuery): void;
}

/** The CX report's view-model for hosts that render their own dashboard. */
export function connectCxReport(
  snapshot: CxReportSnapshot,
  send: (event: CxReportEvent) => void,
): CxReportApi {
  return {
    state: selectCxReportState(snapshot),
    report: selectCxReport(snapshot),
    error: selectCxReportError(snapshot),
    reload: () => send({ type: 'reload' }),
    setQuery: (query) => send({ type: 'query.change', query }),
  };
}

/** Where the answers come from: the team port (`backend.team`), or anything with its `cxResponses`. */
export interface CxResponsesSource {
  cxResponses?(query: CxResponsesQuery): Promise<CxResponsesPage>;
}

/** Options of {@link provideCxResponses} and {@link createCxResponses}. */
export interface CxResponsesOptions {
  /** The team port, read at each load; without `cxResponses` a load fails, said. */
  team: CxResponsesSource | undefined;
}

/** A running list of answers. */
export type CxResponsesActor = XActor<typeof cxResponsesMachine>;

/** The answers machine with its pages provided from the team port. */
export function provideCxResponses(options: CxResponsesOptions): typeof cxResponsesMachine {
  return cxResponsesMachine.provide({
    actors: {
      loadPage: fromPromise(async ({ input }) => {
        const team = options.team;
        if (!team?.cxResponses) throw new Error('team.cxResponses is missing');
        return team.cxResponses(input);
      }),
    },
  });
}

/**
 * Starts listing the answers behind a figure, for a host that renders them itself (not started).
 *
 * @example
 * ```ts
 * const answers = createCxResponses({ team: backend.team }, { query }).start();
 * answers.subscribe((snapshot) => render(connectCxResponses(snapshot, answers.send)));
 * ```
 */
export function createCxResponses(
  options: CxResponsesOptions,
  input: CxResponsesInput,
): CxResponsesActor {
  return createActor(provideCxResponses(options), { input });
}

/** The framework-free view of a list of answers: values to show and intents to call. */
export interface CxResponsesApi {
  state: CxResponsesState;
  /** The answers loaded so far, newest first. */
  items: readonly CxResponse[];
  /** How many answers match in all. */
  total: number;
  /** Whether another page is there to load. */
  hasMore: boolean;
  /** Why the last load failed. */
  error: unknown;
  /** Loads the next page and appends it. */
  loadMore(): void;
  /** Loads the first page again. */
  reload(): void;
  /** Lists other answers (from their first page). */
  setQuery(query: Omit<CxResponsesQuery, 'cursor'>): void;
}

/** The answers' view-model for hosts that render their own list. */
export function connectCxResponses(
  snapshot: CxResponsesSnapshot,
  send: (event: CxResponsesEvent) => void,
): CxResponsesApi {
  return {
    state: selectCxResponsesState(snapshot),
    items: selectCxResponses(snapshot),
    total: snapshot.context.total,
    hasMore: selectCxResponsesHasMore(snapshot),
    error: snapshot.context.error,
    loadMore: () => send({ type: 'list.more' }),
    reload: () => send({ type: 'reload' }),
    setQuery: (query) => send({ type: 'query.change', query }),
  };
}
