import { useEffect, useRef, useState } from 'react';

/** The share of an element (or, for one taller than two viewports, of the viewport) that is "seen". */
const SEEN = 0.5;

/** A ref callback: watches the element React gives it, stops when it gets `null`. */
export type SeenRef = (element: Element | null) => void;

/**
 * Ref callbacks, one per key and stable, that call `onSeen(key)` once the customer can see the
 * element: at least half of it in the viewport (for one taller than two viewports, half the
 * viewport filled by it), so not scrolled away, clipped by a scrolling ancestor or in a collapsed
 * region, while the page is visible (`document.visibilityState`, so not in a background tab).
 * Then the element is no longer watched. Without `IntersectionObserver` (old browsers, jsdom) a
 * rendered element counts as seen once the page is visible. Internal to `useYourFeedback`.
 */
export function useSeen(onSeen: (key: string) => void): (key: string) => SeenRef {
  const latest = useRef(onSeen);
  latest.current = onSeen;
  const [watcher] = useState(() => createWatcher((key) => latest.current(key)));
  useEffect(() => watcher.start(), [watcher]);
  // Without an observer, what this render attached is seen now.
  useEffect(() => watcher.flush());
  return watcher.ref;
}

function createWatcher(onSeen: (key: string) => void) {
  const refs = new Map<string, SeenRef>();
  /** What the refs hold, with their keys. */
  const watched = new Map<Element, string>();
  /** Watched elements in view enough: seen as soon as the page is visible. */
  const inView = new Set<Element>();
  let observer: IntersectionObserver | undefined;
  const observes = () => typeof IntersectionObserver === 'function';

  const forget = (element: Element) => {
    watched.delete(element);
    inView.delete(element);
    observer?.unobserve(element);
  };

  const flush = () => {
    if (document.visibilityState !== 'visible') return;
    for (const element of observes() ? [...inView] : [...watched.keys()]) {
      const key = watched.get(element);
      forget(element);
      if (key !== undefined) onSeen(key);
    }
  };

  const observe = (element: Element) => {
    observer ??= new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const viewport = entry.rootBounds?.height ?? Number.POSITIVE_INFINITY;
          const enough =
            entry.intersectionRatio >= SEEN || entry.intersectionRect.height >= viewport * SEEN;
          if (entry.isIntersecting && enough && watched.has(entry.target)) inView.add(entry.target);
          else inView.delete(entry.target);
        }
        flush();
      },
      // A quarter too: a notice up to four viewports tall reports when it fills half of one.
      { threshold: [SEEN / 2, SEEN] },
    );
    observer.observe(element);
  };

  const ref = (key: string): SeenRef => {
    let watch = refs.get(key);
    if (!watch) {
      let current: Element | null = null;
      watch = (element) => {
        if (current) forget(current);
        current = element;
        if (!element) return;
        watched.set(element, key);
        if (observes()) observe(element);
      };
      refs.set(key, watch);
    }
    return watch;
  };

  const start = () => {
    const onVisibility = () => flush();
    document.addEventListener('visibilitychange', onVisibility);
    // Refs attach before effects, and React 18's StrictMode remounts effects, not refs: watch
    // again what is rendered (observing an observed element does nothing).
    if (observes()) for (const element of watched.keys()) observe(element);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      observer?.disconnect();
      observer = undefined;
      inView.clear();
    };
  };

  return { ref, flush, start };
}
