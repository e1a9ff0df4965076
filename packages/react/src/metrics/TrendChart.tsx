import { useMetricsTools } from '../i18n/metrics';
import { ChartFigure, type MetricsTheme } from './ChartFigure';
import { useMeasuredWidth } from './useChart';
import { type UseTrendChartOptions, useTrendChart } from './useTrendChart';

/** Props of {@link TrendChart}. */
export interface TrendChartProps extends UseTrendChartOptions {
  /** Replaces the generated caption ("NPS over time"). */
  caption?: string | undefined;
  /** Replaces the default `palaute-TrendChart` class. */
  className?: string | undefined;
  /** Light, dark or the system's (with the optional stylesheet). */
  theme?: MetricsTheme | undefined;
}

/**
 * A metric over time, hand-drawn in SVG: the line through each period's figure, its 95 % interval
 * as a band, and the stepped target line (dashed, labelled "Target") where targets are set. A period
 * with too few responses is drawn as a hollow square, greyed, outside the band. The figure carries
 * a caption, a one-sentence summary that calls a change significant only when the report tested it
 * so, a data table behind "Show as table", and a data cursor: focus the plot and move with the left
 * and right arrow keys (Home, End); each stop is read out politely. Renders fully on the server; no
 * inline styles, so it works under a strict CSP and, drawn in `currentColor` with dashes and marker
 * shapes, in forced-colors mode. The drawing is laid out at the plot's measured width, so its text
 * keeps its size from a wide screen to a phone and 400 % zoom; the period labels shorten ("Nov
 * 2026") and thin out, counted back from the latest, so that two never touch.
 *
 * @example
 * ```tsx
 * <TrendChart kind="nps" granularity="quarter" points={[
 *   { start: '2026-01-01', value: 30, interval: [14, 44], n: 100 },
 *   { start: '2026-04-01', value: 40, interval: [26, 53], n: 120, change: { delta: 10, significant: false } },
 * ]} />
 * ```
 *
 * @selector .palaute-TrendChart [data-empty] no period has a value
 * @selector [data-part="plot"][data-cursor] the focusable plot and the point under the cursor; [data-part="band"] [data-part="line"] [data-part="target"] [data-part="zero"] [data-part="grid"]
 * @selector [data-part="point"][data-low-sample][data-current] a period's marker; [data-part="cursor"] the cursor's rule
 * @selector [data-part="readout"] the polite live region; [data-part="toggle"] "Show as table"; [data-part="table"] its table, rows [data-low-sample] [data-current]
 */
export function TrendChart({ caption, className, theme, ...options }: TrendChartProps) {
  const [plotRef, width] = useMeasuredWidth();
  const trend = useTrendChart({ ...options, width: options.width ?? width });
  const tools = useMetricsTools();
  const { t } = tools;
  const { plot, chart, marks } = trend;
  const current = chart.cursor === undefined ? undefined : marks[chart.cursor];
  const latest = marks.filter((mark) => mark.y !== undefined).at(-1);
  const empty = !latest;
  return (
    <ChartFigure
      chart={chart}
      className={className ?? 'palaute-TrendChart'}
      theme={theme}
      caption={caption ?? trend.caption}
      summary={trend.summary}
      count={marks.length}
      width={trend.width}
      height={trend.height}
      table={{ ...trend.table, caption: caption ?? trend.table.caption }}
      rowMarks={trend.rowMarks}
      data={{ 'data-empty': empty ? '' : undefined }}
      plotRef={plotRef}
    >
      <g data-part="grid" stroke="currentColor" strokeOpacity={0.25} strokeWidth={1}>
        {trend.yTicks.map((tick) => (
          <line key={tick.y} x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} />
        ))}
      </g>
      <g data-part="axis" fill="currentColor" fontSize={12}>
        {trend.yTicks.map((tick) => (
          <text key={tick.y} x={plot.left - 8} y={tick.y + 4} textAnchor="end">
            {tick.label}
          </text>
        ))}
        {marks.map((mark) =>
          trend.showAxisLabel(mark.index) ? (
            <text key={mark.index} x={mark.x} y={plot.bottom + 22} textAnchor="middle">
              {mark.axisLabel}
            </text>
          ) : null,
        )}
      </g>
      {trend.zeroY === undefined ? null : (
        <line
          data-part="zero"
          x1={plot.left}
          x2={plot.right}
          y1={trend.zeroY}
          y2={trend.zeroY}
          stroke="currentColor"
          strokeWidth={1.5}
        />
      )}
      {trend.bandPath ? (
        <path data-part="band" d={trend.bandPath} fill="currentColor" fillOpacity={0.15} />
      ) : null}
      {trend.targetPath ? (
        <g data-part="target">
          <path
            d={trend.targetPath}
            fill="none"
            stroke="currentColor"
            strokeWidth={2}
            strokeDasharray="6 4"
          />
          {trend.targetEnd ? (
            <text
              x={trend.targetEnd.x + 6}
              y={trend.targetEnd.y + 4}
              fill="currentColor"
              fontSize={12}
            >
              {t('trendTarget')}
            </text>
          ) : null}
        </g>
      ) : null}
      {trend.linePath ? (
        <path
          data-part="line"
          d={trend.linePath}
          fill="none"
          stroke="currentColor"
          strokeWidth={2.5}
          strokeLinejoin="round"
        />
      ) : null}
      {current ? (
        <line
          data-part="cursor"
          x1={current.x}
          x2={current.x}
          y1={plot.top}
          y2={plot.bottom}
          stroke="currentColor"
          strokeWidth={1}
          strokeDasharray="2 2"
        />
      ) : null}
      {marks.map((mark) =>
        mark.y === undefined ? null : (
          <g
            key={mark.index}
            data-part="point"
            data-low-sample={mark.point.lowSample ? '' : undefined}
            data-current={chart.cursor === mark.index ? '' : undefined}
          >
            {mark.point.lowSample ? (
              <rect
                x={mark.x - 5}
                y={mark.y - 5}
                width={10}
                height={10}
                fill="none"
                stroke="currentColor"
                strokeWidth={2}
                opacity={0.6}
              />
            ) : (
              <circle cx={mark.x} cy={mark.y} r={4.5} fill="currentColor" />
            )}
            {chart.cursor === mark.index ? (
              <circle
                data-part="ring"
                cx={mark.x}
                cy={mark.y}
                r={9}
                fill="none"
                stroke="currentColor"
                strokeWidth={2}
              />
            ) : null}
          </g>
        ),
      )}
      {latest && latest.y !== undefined && latest.point.value !== null ? (
        <text
          data-part="value-label"
          data-low-sample={latest.point.lowSample ? '' : undefined}
          x={latest.x + 10}
          y={latest.y - 10}
          fill="currentColor"
          fontSize={13}
          fontWeight={600}
        >
          {tools.value(options.kind, latest.point.value)}
        </text>
      ) : null}
    </ChartFigure>
  );
}
