import { type KeyboardEvent, type RefCallback, useCallback, useId, useRef, useState } from 'react';
import { useResizeRef } from '../shared/useResizeRef';

/** Options of {@link useChart}. */
export interface UseChartOptions {
  /** How many data points the chart has (the table's rows, the cursor's stops). */
  count: number;
  /** What the data cursor says about a point, read out politely when it lands there. */
  describe(index: number): string;
}

/** The behaviour of a chart: its ids, the keyboard data cursor and the "show as table" toggle. */
export interface ChartApi {
  /** The point the data cursor is on, or `undefined` before the first arrow key. */
  cursor: number | undefined;
  /** Whether the data table is shown. */
  tableShown: boolean;
  /** What the live region says: the point under the cursor. */
  announcement: string;
  /** Ids that tie the parts together. */
  ids: { caption: string; summary: string; keys: string; table: string };
  /** Moves the cursor to a point (clamped to the chart's points). */
  moveTo(index: number): void;
  /** Shows or hides the data table. */
  toggleTable(): void;
  /** The focusable plot: a group named by the caption and described by the key hint. */
  getPlotProps(): {
    role: 'group';
    tabIndex: 0;
    'aria-labelledby': string;
    'aria-describedby': string;
    'data-part': 'plot';
    onKeyDown(event: KeyboardEvent<HTMLElement>): void;
  };
  /** The polite live region that reads the point under the cursor (shown too, as a readout). */
  getReadoutProps(): { 'aria-live': 'polite'; 'aria-atomic': true; 'data-part': 'readout' };
  /** The "show as table" button. */
  getToggleProps(): {
    type: 'button';
    'aria-expanded': boolean;
    'aria-controls': string;
    'data-part': 'toggle';
    onClick(): void;
  };
  /** The table's wrapper, in the markup from the first render (`hidden` until asked for). */
  getTableProps(): { id: string; hidden: boolean; 'data-part': 'table' };
}

/**
 * The keyboard pattern every metrics chart shares: the plot takes focus, the left and right arrow
 * keys move a data cursor from point to point (as they look: time runs left to right in every
 * writing direction, so the keys follow the picture), Home and End go to the first and the last
 * point, and each stop is read out through a polite live region. The same data is one button away
 * as a table, which is in the server-rendered markup from the start, only hidden.
 */
export function useChart({ count, describe }: UseChartOptions): ChartApi {
  const id = useId();
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [tableShown, setTableShown] = useState(false);
  const current = cursor === undefined || count === 0 ? undefined : Math.min(cursor, count - 1);
  const ids = {
    caption: `${id}-caption`,
    summary: `${id}-summary`,
    keys: `${id}-keys`,
    table: `${id}-table`,
  };
  const moveTo = (index: number) => {
    if (count > 0) setCursor(Math.max(0, Math.min(count - 1, index)));
  };
  return {
    cursor: current,
    tableShown,
    announcement: current === undefined ? '' : describe(current),
    ids,
    moveTo,
    toggleTable: () => setTableShown((shown) => !shown),
    getPlotProps: () => ({
      role: 'group',
      tabIndex: 0,
      'aria-labelledby': ids.caption,
      'aria-describedby': ids.keys,
      'data-part': 'plot',
      onKeyDown: (event) => {
        if (event.altKey || event.ctrlKey || event.metaKey || count === 0) return;
        const last = count - 1;
        const next = {
          ArrowRight: current === undefined ? 0 : current + 1,
          ArrowLeft: current === undefined ? last : current - 1,
          Home: 0,
          End: last,
        }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        moveTo(next);
      },
    }),
    getReadoutProps: () => ({ 'aria-live': 'polite', 'aria-atomic': true, 'data-part': 'readout' }),
    getToggleProps: () => ({
      type: 'button',
      'aria-expanded': tableShown,
      'aria-controls': ids.table,
      'data-part': 'toggle',
      onClick: () => setTableShown((shown) => !shown),
    }),
    getTableProps: () => ({ id: ids.table, hidden: !tableShown, 'data-part': 'table' }),
  };
}

/** An id usable in an SVG `url(#…)` reference (React's ids carry `:` or `«»`). */
export function svgId(id: string, part: string): string {
  return `palaute-${id.replace(/[^\w-]/g, '')}-${part}`;
}

/**
 * The width of the element the callback ref lands on, in CSS pixels, kept up to date by a
 * `ResizeObserver`: a chart lays itself out in real pixels, so its text keeps its size on a phone
 * and at 400 % zoom instead of shrinking with a scaled drawing. `undefined` on the server and before
 * the first measure (the chart then draws at its default width, as the server did).
 */
export function useMeasuredWidth(): [RefCallback<HTMLElement>, number | undefined] {
  const [width, setWidth] = useState<number | undefined>(undefined);
  const ref = useResizeRef((element, entry) => {
    const next = entry ? entry.contentRect.width : element.getBoundingClientRect().width;
    // A hidden element measures 0: keep the last layout rather than collapse it.
    if (next > 0) setWidth(Math.round(next));
  });
  return [ref, width];
}
