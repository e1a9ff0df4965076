import type { ReactNode, RefCallback } from 'react';
import { useMetricsTools } from '../i18n/metrics';
import type { ChartApi } from './useChart';

/** Light, dark, or the system's choice (`data-theme` for the optional stylesheet). */
export type MetricsTheme = 'light' | 'dark' | 'auto';

/** Props of the figure every metrics chart is drawn in. */
export interface ChartFigureProps {
  chart: ChartApi;
  /** The figure's class (`palaute-TrendChart`, or the host's). */
  className: string;
  theme: MetricsTheme | undefined;
  /** What the chart shows. */
  caption: string;
  /** The generated one-sentence summary. */
  summary: string;
  /** How many points the keys move between (for the key hint). */
  count: number;
  /** The SVG's `viewBox` width and height. */
  width: number;
  height: number;
  /** The drawing, in SVG elements. */
  children: ReactNode;
  /** The data table's caption, header row and rows. */
  table: { caption: string; head: readonly string[]; rows: readonly (readonly string[])[] };
  /** The rows' `data-*` marks (`data-low-sample`), by row. */
  rowMarks?: readonly (Record<string, string | undefined> | undefined)[];
  /** Extra `data-*` on the figure. */
  data?: Record<string, string | undefined>;
  /** Measures the plot (see `useMeasuredWidth`), so the drawing can be laid out at its real width. */
  plotRef?: RefCallback<HTMLElement> | undefined;
  /** What follows the table toggle inside the figure (the breakdown's "show the answers" buttons). */
  after?: ReactNode;
}

/**
 * The figure every metrics chart shares (W3C WAI's two-part text alternative for complex images):
 * a caption that names the chart and a generated sentence that says what it shows, the SVG drawing
 * in a focusable plot with a keyboard data cursor read out politely, and the same data as a table
 * one button away. Everything is in the server-rendered markup; no inline styles.
 */
export function ChartFigure({
  chart,
  className,
  theme,
  caption,
  summary,
  count,
  width,
  height,
  children,
  table,
  rowMarks,
  data,
  plotRef,
  after,
}: ChartFigureProps) {
  const { t } = useMetricsTools();
  return (
    <figure className={className} data-theme={theme} aria-labelledby={chart.ids.caption} {...data}>
      <figcaption data-part="caption">
        <span id={chart.ids.caption} data-part="title">
          {caption}
        </span>{' '}
        <span id={chart.ids.summary} data-part="summary">
          {summary}
        </span>
      </figcaption>
      <div {...chart.getPlotProps()} ref={plotRef} data-cursor={chart.cursor}>
        <svg
          role="img"
          aria-labelledby={chart.ids.summary}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="xMidYMid meet"
          direction="ltr"
          data-part="svg"
          focusable="false"
        >
          <title>{summary}</title>
          {children}
        </svg>
      </div>
      {count > 0 ? (
        <p id={chart.ids.keys} data-part="keys">
          {t('chartKeys', { count })}
        </p>
      ) : (
        <p id={chart.ids.keys} data-part="keys" hidden />
      )}
      <p {...chart.getReadoutProps()}>{chart.announcement}</p>
      <button {...chart.getToggleProps()}>
        {chart.tableShown ? t('hideTable') : t('showTable')}
      </button>
      {after}
      <div {...chart.getTableProps()}>
        <table>
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.head.map((cell) => (
                <th key={cell} scope="col">
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: one row per data point, in order
                key={index}
                data-current={chart.cursor === index ? '' : undefined}
                {...rowMarks?.[index]}
              >
                {row.map((cell, column) =>
                  column === 0 ? (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <th key={column} scope="row">
                      {cell}
                    </th>
                  ) : (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <td key={column}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
