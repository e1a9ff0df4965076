import {
  type CxReportApi,
  type CxReportQuery,
  type CxReportSource,
  connectCxReport,
  provideCxReport,
} from '@palaute/engine';
import { useQueryMachine } from './useQueryMachine';

export {
  type CxReportApi,
  type CxReportSource,
  type CxReportState,
  isEmptyReport,
} from '@palaute/engine';

/** Options of {@link useCxReport}. */
export interface UseCxReportOptions {
  /**
   * The team port; without `cxReport` the hook is in `error`. Read at each load, so an inline
   * object never reloads by itself: a new port is used from the next load (`reload()`).
   */
  team: CxReportSource | undefined;
  /** The report to load; a query equal in value to the last one does not reload. */
  query: CxReportQuery;
}

/**
 * Loads a CX report from `team.cxReport(query)` through the engine's CX report machine, started in
 * an effect (so a server render shows `loading`): `loading`, then `ready`, `empty` (no responses
 * in the period) or `error`; `reload()` asks again. When the query changes while a load is on its
 * way, that load is cancelled, so the figures on screen always belong to the query on screen.
 *
 * @example
 * ```tsx
 * const { state, report, reload } = useCxReport({
 *   team: backend.team,
 *   query: { period: { from: '2026-01-01', to: '2026-12-31' }, granularity: 'month' },
 * });
 * ```
 */
export function useCxReport({ team, query }: UseCxReportOptions): CxReportApi {
  return useQueryMachine(provideCxReport, team, query, connectCxReport);
}
