import { type Granularity, type MetricKind, useMetricsTools } from '../i18n/metrics';
import { type ChartApi, useChart } from './useChart';

/** One period of a trend, as the report gives it. */
export interface TrendPoint {
  /** The first day of the period (`YYYY-MM-DD` or ISO). */
  start: string;
  /** The figure, or `null` when the period has no responses. */
  value: number | null;
  /** Its 95 % interval. */
  interval?: readonly [number, number] | null | undefined;
  /** How many responses it rests on. */
  n: number;
  /** Too few responses to read (n < 30 or a margin over ±20 points): greyed, never coloured. */
  lowSample?: boolean | undefined;
  /** The target in force in this period (the stepped target line), if one is set. */
  target?: number | null | undefined;
  /** The change from the period before, as the report tested it. */
  change?: { delta: number; significant: boolean } | null | undefined;
}

/** Options of {@link useTrendChart}. */
export interface UseTrendChartOptions {
  kind: MetricKind;
  granularity: Granularity;
  points: readonly TrendPoint[];
  /** The value axis; by default −100…+100 cut to the data for NPS, 0–100 % for shares, the scale for means. */
  domain?: readonly [number, number] | undefined;
  /**
   * The plot's width in CSS pixels, as measured (`useMeasuredWidth`): the drawing is laid out at
   * that width so its text is never scaled down, and the period labels are shortened and thinned
   * to fit. By default 640, the width the server renders.
   */
  width?: number | undefined;
}

/** Where a point is drawn, and what it says. */
export interface TrendMark {
  index: number;
  x: number;
  y: number | undefined;
  lo: number | undefined;
  hi: number | undefined;
  label: string;
  axisLabel: string;
  point: TrendPoint;
}

/** The geometry and text of a trend chart. */
export interface TrendChartApi {
  chart: ChartApi;
  width: number;
  height: number;
  plot: { top: number; right: number; bottom: number; left: number };
  marks: TrendMark[];
  /** The line through the periods with a value. */
  linePath: string;
  /** The interval band over the readable periods (broken where a period is missing or low). */
  bandPath: string;
  /** The stepped target line. */
  targetPath: string;
  /** Where the target line ends, for its label. */
  targetEnd: { x: number; y: number } | undefined;
  yTicks: { y: number; label: string }[];
  /** The zero line (NPS), when it is in view. */
  zeroY: number | undefined;
  /** Which axis labels to print (every one when few, thinned when many). */
  showAxisLabel(index: number): boolean;
  caption: string;
  summary: string;
  table: { caption: string; head: string[]; rows: string[][] };
  rowMarks: (Record<string, string | undefined> | undefined)[];
}

const WIDTH = 640;
/** Narrower than this, the drawing is scaled down after all (a plot needs some room). */
const MIN_WIDTH = 240;
const HEIGHT = 260;
/** A generous average glyph width of the axis labels' 12 px text (digits, capitals). */
const GLYPH = 7;
/** The least room between two axis labels. */
const LABEL_GAP = 12;

/**
 * The trend chart's behaviour: scales, the line, its interval band and the stepped target line as
 * SVG paths, the generated summary ("NPS +40 in Q2 2026, up 10 from Q1 2026; not a significant
 * change, n = 120."), the data table and the keyboard data cursor. A change is called significant
 * only when the report tested it so; a low-sample period never is.
 */
export function useTrendChart({
  kind,
  granularity,
  points,
  domain,
  width: measured,
}: UseTrendChartOptions): TrendChartApi {
  const tools = useMetricsTools();
  const { t } = tools;
  const width = Math.max(MIN_WIDTH, measured ?? WIDTH);
  const plot = { top: 20, right: width - 64, bottom: HEIGHT - 36, left: 52 };
  const [min, max] = domain ?? defaultDomain(kind, points);
  const x = (index: number) =>
    points.length <= 1
      ? (plot.left + plot.right) / 2
      : plot.left + (index * (plot.right - plot.left)) / (points.length - 1);
  const y = (value: number) => {
    const clamped = Math.max(min, Math.min(max, value));
    return round(plot.bottom - ((clamped - min) * (plot.bottom - plot.top)) / (max - min || 1));
  };
  const marks: TrendMark[] = points.map((point, index) => ({
    index,
    x: round(x(index)),
    y: point.value === null ? undefined : y(point.value),
    lo: point.interval && point.value !== null ? y(point.interval[0]) : undefined,
    hi: point.interval && point.value !== null ? y(point.interval[1]) : undefined,
    label: tools.period(point.start, granularity),
    axisLabel: '',
    point,
  }));
  const axis = axisLabels(
    marks.length > 1 ? (plot.right - plot.left) / (marks.length - 1) : Number.POSITIVE_INFINITY,
    [
      points.map((point) =>
        granularity === 'week' || granularity === 'day'
          ? tools.date(point.start.slice(0, 10))
          : tools.period(point.start, granularity),
      ),
      points.map((point) => tools.shortPeriod(point.start, granularity)),
    ],
  );
  for (const mark of marks) mark.axisLabel = axis.labels[mark.index] ?? '';

  const linePath = marks
    .filter((mark) => mark.y !== undefined)
    .map((mark, index) => `${index === 0 ? 'M' : 'L'}${mark.x} ${mark.y}`)
    .join(' ');
  const bandPath = runs(marks, (mark) => mark.lo !== undefined && !mark.point.lowSample)
    .map((run) => {
      const upper = run.map((mark, index) => `${index === 0 ? 'M' : 'L'}${mark.x} ${mark.hi}`);
      const lower = [...run].reverse().map((mark) => `L${mark.x} ${mark.lo}`);
      return `${upper.join(' ')} ${lower.join(' ')} Z`;
    })
    .join(' ');
  const half = marks.length > 1 ? (marks[1]?.x ?? 0) / 2 - (marks[0]?.x ?? 0) / 2 : 12;
  let targetEnd: { x: number; y: number } | undefined;
  const targetPath = runs(marks, (mark) => typeof mark.point.target === 'number')
    .map((run) =>
      run
        .map((mark, index) => {
          const ty = y(mark.point.target as number);
          const start = round(Math.max(plot.left, mark.x - half));
          const end = round(Math.min(plot.right, mark.x + half));
          targetEnd = { x: end, y: ty };
          return index === 0 ? `M${start} ${ty} H${end}` : `V${ty} H${end}`;
        })
        .join(' '),
    )
    .join(' ');

  const yTicks = ticks(kind, min, max).map((value) => ({
    y: y(value),
    label: tools.value(kind, value),
  }));

  const describe = (index: number) => {
    const mark = marks[index];
    if (!mark) return '';
    const { point } = mark;
    if (point.value === null) return t('pointEmpty', { period: mark.label });
    const value = tools.value(kind, point.value);
    const base = point.lowSample
      ? t('pointLowSample', { period: mark.label, value, n: tools.count(point.n) })
      : t('pointValue', {
          period: mark.label,
          value,
          lo: point.interval ? tools.value(kind, point.interval[0]) : value,
          hi: point.interval ? tools.value(kind, point.interval[1]) : value,
          n: tools.count(point.n),
        });
    return typeof point.target === 'number'
      ? `${base} ${t('pointTarget', { target: tools.value(kind, point.target) })}`
      : base;
  };
  const chart = useChart({ count: points.length, describe });

  const hasTarget = points.some((point) => typeof point.target === 'number');
  const head = [t('trendPeriod'), t('trendValue'), t('intervalLabel'), t('breakdownCount')];
  if (hasTarget) head.push(t('trendTarget'));
  const rows = marks.map(({ point, label }) => {
    const row = [
      label,
      point.value === null
        ? t('noResponses')
        : point.lowSample
          ? `${tools.value(kind, point.value)} (${t('lowSample')})`
          : tools.value(kind, point.value),
      point.interval && point.value !== null
        ? t('interval', {
            lo: tools.value(kind, point.interval[0]),
            hi: tools.value(kind, point.interval[1]),
          })
        : '–',
      tools.count(point.n),
    ];
    if (hasTarget)
      row.push(typeof point.target === 'number' ? tools.value(kind, point.target) : '–');
    return row;
  });
  const caption = t('trendCaption', { metric: tools.name(kind) });
  return {
    chart,
    width: width,
    height: HEIGHT,
    plot,
    marks,
    linePath,
    bandPath,
    targetPath,
    targetEnd,
    yTicks,
    zeroY: min < 0 && max > 0 ? y(0) : undefined,
    // Counted back from the latest period, which is always labelled; never two labels that touch.
    showAxisLabel: (index) => (points.length - 1 - index) % axis.every === 0,
    caption,
    summary: trendSummary(tools, kind, marks),
    table: { caption, head, rows },
    rowMarks: points.map((point) => (point.lowSample ? { 'data-low-sample': '' } : undefined)),
  };
}

/**
 * "NPS +40 in Q2 2026, up 10 from Q1 2026; not a significant change, n = 120." When the latest period
 * has too few responses to read (a month just begun), the sentence is about the latest period that
 * can be read, and then says so of the latest: "… n = 120. July 2026: too few responses yet, n = 3."
 */
function trendSummary(
  tools: ReturnType<typeof useMetricsTools>,
  kind: MetricKind,
  marks: readonly TrendMark[],
): string {
  const valued = marks.filter((mark) => mark.point.value !== null);
  const latest = valued.at(-1);
  if (!latest) return tools.t('summaryNone');
  let readable = valued.length - 1;
  while (readable >= 0 && valued[readable]?.point.lowSample) readable--;
  if (!latest.point.lowSample || readable < 0)
    return periodSummary(tools, kind, valued, valued.length - 1);
  return `${periodSummary(tools, kind, valued, readable)} ${tools.t('summaryLater', {
    period: latest.label,
    n: tools.count(latest.point.n),
  })}`;
}

/** The summary sentence of `valued[at]`, compared with the period before it. */
function periodSummary(
  tools: ReturnType<typeof useMetricsTools>,
  kind: MetricKind,
  valued: readonly TrendMark[],
  at: number,
): string {
  const { t } = tools;
  const latest = valued[at] as TrendMark;
  const value = latest.point.value as number;
  const previous = valued[at - 1];
  const head = t('summaryLatest', {
    metric: tools.name(kind),
    value: tools.value(kind, value),
    period: latest.label,
  });
  const n = tools.count(latest.point.n);
  if (latest.point.lowSample) return t('summaryLow', { latest: head, n });
  if (!previous || previous.point.value === null) return t('summaryOne', { latest: head, n });
  const delta = value - previous.point.value;
  const change =
    tools.delta(kind, delta) === tools.delta(kind, 0)
      ? t('summarySame', { period: previous.label })
      : t(delta > 0 ? 'summaryUp' : 'summaryDown', {
          delta: tools.delta(kind, delta),
          period: previous.label,
        });
  if (previous.point.lowSample)
    return t('summaryChange', { latest: head, change, significance: t('summaryLowSample'), n });
  const tested = latest.point.change;
  if (!tested) return t('summaryUntested', { latest: head, change, n });
  return t('summaryChange', {
    latest: head,
    change,
    significance: t(tested.significant ? 'summarySignificant' : 'summaryNotSignificant'),
    n,
  });
}

/**
 * The period labels that fit under the axis: the first of the formats (longest first) that needs
 * no more thinning than the shortest, and how many periods apart its labels are printed so that
 * two never overlap (the widest label with a gap, against the room between two periods).
 */
function axisLabels(
  spacing: number,
  formats: readonly (readonly string[])[],
): { labels: readonly string[]; every: number } {
  const everyFor = (labels: readonly string[]) => {
    const widest = Math.max(0, ...labels.map((label) => label.length)) * GLYPH;
    return Math.max(1, Math.ceil((widest + LABEL_GAP) / spacing));
  };
  const options = formats.map((labels) => ({ labels, every: everyFor(labels) }));
  const least = Math.min(...options.map((option) => option.every));
  return options.find((option) => option.every === least) ?? { labels: [], every: 1 };
}

/** Consecutive marks that pass a test, as runs. */
function runs<T>(items: readonly T[], keep: (item: T) => boolean): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    if (keep(item)) current.push(item);
    else if (current.length > 0) {
      out.push(current);
      current = [];
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

function defaultDomain(kind: MetricKind, points: readonly TrendPoint[]): [number, number] {
  const values = points.flatMap((point) =>
    point.value === null
      ? []
      : [
          point.value,
          ...(point.interval && !point.lowSample ? point.interval : []),
          ...(typeof point.target === 'number' ? [point.target] : []),
        ],
  );
  if (kind === 'nps') {
    // Zero stays in view (GOV.UK: a zero baseline where it matters), cut to the data in 20s.
    const lo = Math.min(0, ...values);
    const hi = Math.max(0, ...values);
    return [Math.max(-100, Math.floor(lo / 20) * 20), Math.min(100, Math.ceil(hi / 20) * 20 || 20)];
  }
  if (kind === 'ces' || kind === 'rating') {
    const hi = Math.max(5, ...values);
    return [1, hi > 5 ? Math.max(7, Math.ceil(hi)) : 5];
  }
  return [0, 100];
}

function ticks(kind: MetricKind, min: number, max: number): number[] {
  const step =
    kind === 'nps' ? (max - min > 100 ? 50 : 20) : kind === 'ces' || kind === 'rating' ? 1 : 25;
  const out: number[] = [];
  for (let value = min; value <= max + 1e-9; value += step) out.push(Math.round(value * 100) / 100);
  return out;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
