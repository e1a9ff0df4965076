import { type CsvCell, csvField } from '../shared/shared.csv';
import type { CxChange, CxFigure, CxInterval, CxReport } from './metrics.schema';

/** The columns of {@link cxReportCsv}, in order. */
export const CX_CSV_COLUMNS = [
  'kind',
  'metric',
  'touchpoint',
  'period',
  'from',
  'to',
  'n',
  'value',
  'lower',
  'upper',
  'margin_of_error',
  'low_sample',
  'previous_value',
  'change',
  'change_lower',
  'change_upper',
  'significant',
  'state',
] as const;

const bounds = (interval: CxInterval | null) => [interval?.[0], interval?.[1]] as const;

/**
 * The CX report as CSV for a spreadsheet: a header row of {@link CX_CSV_COLUMNS}, then one row per
 * figure: each metric overall (`overall`) and per touchpoint (`touchpoint`) over the report's
 * period with the compared value and change, each trend point (`trend`, overall and per
 * touchpoint), the response, dismissal and opt-out rates (`rate`), and each target (`target`, its
 * next milestone's value as `value` and its state). Lines end with CRLF.
 */
export function cxReportCsv(report: CxReport): string {
  const rows: CsvCell[][] = [[...CX_CSV_COLUMNS]];
  const { period } = report.query;
  const figure = (
    kind: string,
    metric: string,
    touchpoint: string | undefined,
    key: string,
    from: string,
    to: string,
    current: CxFigure,
    previous?: CxFigure,
    change?: CxChange,
  ) =>
    rows.push([
      kind,
      metric,
      touchpoint,
      key,
      from,
      to,
      current.n,
      current.value,
      ...bounds(current.interval),
      current.marginOfError,
      current.lowSample,
      previous?.value,
      change?.difference,
      ...bounds(change?.interval ?? null),
      change?.significant,
      undefined,
    ]);
  const whole = `${period.from}/${period.to}`;
  for (const metric of report.metrics) {
    const series = [
      { touchpoint: undefined as string | undefined, ...metric.overall },
      ...metric.byTouchpoint.map((s) => ({ ...s, touchpoint: s.touchpointId })),
    ];
    for (const s of series)
      figure(
        s.touchpoint ? 'touchpoint' : 'overall',
        metric.key,
        s.touchpoint,
        whole,
        period.from,
        period.to,
        s.current,
        s.previous,
        s.change,
      );
    for (const s of series)
      for (const point of s.trend)
        figure('trend', metric.key, s.touchpoint, point.key, point.from, point.to, point.figure);
  }
  const rates = [
    { touchpoint: undefined as string | undefined, ...report.rates.overall },
    ...report.rates.byTouchpoint.map((r) => ({ ...r, touchpoint: r.touchpointId })),
  ];
  for (const r of rates)
    for (const [name, value, interval] of [
      ['responseRate', r.responseRate, r.responseRateInterval],
      ['dismissalRate', r.dismissalRate, r.dismissalRateInterval],
      ['optOutRate', r.optOutRate, r.optOutRateInterval],
    ] as const)
      rows.push([
        'rate',
        name,
        r.touchpoint,
        whole,
        period.from,
        period.to,
        r.shown,
        value,
        ...bounds(interval),
      ]);
  for (const t of report.targets) {
    const scope = t.target.scope;
    rows.push([
      'target',
      t.target.metric,
      scope.kind === 'touchpoint' ? scope.touchpointId : undefined,
      t.nextMilestone?.by ?? t.target.milestones[t.target.milestones.length - 1]?.by,
      period.from,
      period.to,
      t.current.n,
      t.nextMilestone?.value ?? t.target.milestones[t.target.milestones.length - 1]?.value,
      ...bounds(t.current.interval),
      t.current.marginOfError,
      t.current.lowSample,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      t.state,
    ]);
  }
  return `${rows
    .map((row) => CX_CSV_COLUMNS.map((_, index) => csvField(row[index])).join(','))
    .join('\r\n')}\r\n`;
}
