import { type RefCallback, useState } from 'react';
import { useResizeRef } from './useResizeRef';

/** What {@link useScrollRegion} puts on the scrolling box while its content is wider than it. */
export interface ScrollRegionProps {
  role?: 'region';
  tabIndex?: 0;
  'aria-label'?: string;
}

/**
 * A box that scrolls sideways when its content (a wide table) is wider than it, instead of the
 * page: the callback ref goes on the box (styled `overflow-x: auto`), and while the content does
 * not fit, the props make the box a region named `label` (not its section's name: two regions of one
 * name are one landmark too many) that takes focus, so the arrow keys scroll it
 * (WCAG 1.4.10: on a phone or at 400 % zoom only the table scrolls, not the page). While it fits
 * the props are empty: no extra tab stop. Measured by a `ResizeObserver` on the box and its
 * content; on the server and before the first measure, it fits.
 */
export function useScrollRegion(label: string): [RefCallback<HTMLElement>, ScrollRegionProps] {
  const [scrolls, setScrolls] = useState(false);
  const ref = useResizeRef(
    (element) => {
      // A hidden box measures 0 wide: it keeps what it was.
      if (element.clientWidth > 0) setScrolls(element.scrollWidth > element.clientWidth + 1);
    },
    { children: true },
  );
  return [ref, scrolls ? { role: 'region', tabIndex: 0, 'aria-label': label } : {}];
}
