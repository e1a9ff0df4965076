import { type RefCallback, useCallback, useRef } from 'react';

/**
 * A callback ref that calls `onResize` with the element it lands on at once and whenever a
 * `ResizeObserver` sees it (or, with `children`, any of its children at the time) change size; the
 * entry is given when the observer calls. Nothing happens on the server or without
 * `ResizeObserver`. The charts measure their plot with it (`useMeasuredWidth`), and a wide table's
 * box whether it must scroll (`useScrollRegion`).
 */
export function useResizeRef(
  onResize: (element: HTMLElement, entry?: ResizeObserverEntry) => void,
  { children = false }: { children?: boolean } = {},
): RefCallback<HTMLElement> {
  const latest = useRef(onResize);
  latest.current = onResize;
  const observer = useRef<ResizeObserver | undefined>(undefined);
  return useCallback(
    (element: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = undefined;
      if (!element || typeof ResizeObserver === 'undefined') return;
      latest.current(element);
      observer.current = new ResizeObserver((entries) =>
        latest.current(element, entries[entries.length - 1]),
      );
      observer.current.observe(element);
      if (children) for (const child of element.children) observer.current.observe(child);
    },
    [children],
  );
}
