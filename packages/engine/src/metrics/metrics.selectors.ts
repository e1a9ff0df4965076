import type { SnapshotFrom } from 'xstate';
import type { cxReportMachine, cxResponsesMachine } from './metrics.machine';
import type { CxReport, CxResponse } from './metrics.schema';

/** A snapshot of a CX report. */
export type CxReportSnapshot = SnapshotFrom<typeof cxReportMachine>;

/** The state of a report load: `empty` is a report with no responses in its period. */
export type CxReportState = 'loading' | 'ready' | 'empty' | 'error';

/** The report's state. Use it as `data-state`. */
export const selectCxReportState = (snapshot: CxReportSnapshot): CxReportState =>
  snapshot.value as CxReportState;
/** The last report loaded (kept while a new one loads). */
export const selectCxReport = (snapshot: CxReportSnapshot): CxReport | undefined =>
  snapshot.context.report;
/** Why the last load failed. */
export const selectCxReportError = (snapshot: CxReportSnapshot): unknown => snapshot.context.error;

/** A snapshot of a list of answers. */
export type CxResponsesSnapshot = SnapshotFrom<typeof cxResponsesMachine>;

/** The state of the list: `loadingMore` keeps the answers already shown. */
export type CxResponsesState = 'loading' | 'ready' | 'empty' | 'error' | 'loadingMore';

/** The list's state. Use it as `data-state`. */
export const selectCxResponsesState = (snapshot: CxResponsesSnapshot): CxResponsesState =>
  snapshot.value as CxResponsesState;
/** The answers loaded so far, newest first. */
export const selectCxResponses = (snapshot: CxResponsesSnapshot): readonly CxResponse[] =>
  snapshot.context.items;
/** Whether another page is there to load. */
export const selectCxResponsesHasMore = (snapshot: CxResponsesSnapshot): boolean =>
  snapshot.context.next !== undefined;
