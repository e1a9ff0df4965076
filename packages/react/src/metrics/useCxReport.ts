import type { CxReport, CxReportQuery } from '@palaute/engine';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Where a report comes from: the team port (`backend.team`), or anything with its `cxReport`. */
export interface CxReportSource {
  cxReport?(query: CxReportQuery): Promise<CxReport>;
}

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

/** The state of a report load: `empty` is a report with no responses in its period. */
export type CxReportState = 'loading' | 'ready' | 'empty' | 'error';

/** What {@link useCxReport} returns. */
export interface CxReportApi {
  state: CxReportState;
  /** The last report loaded (kept while a new one loads, so figures do not blink). */
  report: CxReport | undefined;
  /** Why the last load failed. */
  error: unknown;
  /** Loads the report again. */
  reload(): void;
}

/** Whether a report has no scored response in its period. */
export function isEmptyReport(report: CxReport): boolean {
  return report.metrics.every((metric) => metric.overall.current.n === 0);
}

/**
 * Loads a CX report from `team.cxReport(query)`, in an effect (so a server render shows `loading`):
 * `loading`, then `ready`, `empty` (no responses in the period) or `error`; `reload()` asks again.
 * When the query changes while a load is on its way, the older answer is dropped when it arrives,
 * so the figures on screen always belong to the query on screen.
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
  const key = JSON.stringify(query);
  const [result, setResult] = useState<{
    state: CxReportState;
    report: CxReport | undefined;
    error: unknown;
  }>({ state: 'loading', report: undefined, error: undefined });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const teamRef = useRef(team);
  teamRef.current = team;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is read by value (`key`); `attempt` asks again
  useEffect(() => {
    const request = ++latest.current;
    setResult((previous) => ({ ...previous, state: 'loading' }));
    const port = teamRef.current;
    const load = port?.cxReport?.bind(port);
    if (!load) {
      setResult({
        state: 'error',
        report: undefined,
        error: new Error('team.cxReport is missing'),
      });
      return;
    }
    load(queryRef.current).then(
      (report) => {
        if (request !== latest.current) return;
        setResult({ state: isEmptyReport(report) ? 'empty' : 'ready', report, error: undefined });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setResult((previous) => ({ state: 'error', report: previous.report, error }));
      },
    );
  }, [key, attempt]);

  return {
    ...result,
    reload: useCallback(() => setAttempt((count) => count + 1), []),
  };
}
