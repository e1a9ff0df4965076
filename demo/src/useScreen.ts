import { useCallback, useEffect, useState } from 'react';

/** The customer's screens, addressed by the location's hash (`#invoices`). */
export type Screen = 'dashboard' | 'invoices' | 'support' | 'ideas' | 'feedback';

const all: readonly Screen[] = ['dashboard', 'invoices', 'support', 'ideas', 'feedback'];

/**
 * One of `views`, addressed by the location's hash (`#ideas`; the first when it names none), and a
 * way to go to another: the back button works, and a link opens the same view.
 */
export function useHashView<V extends string>(views: readonly V[]): [V, (view: V) => void] {
  const fromHash = useCallback((): V => {
    const hash = window.location.hash.slice(1);
    return views.find((view) => view === hash) ?? (views[0] as V);
  }, [views]);
  const [view, setView] = useState(fromHash);
  useEffect(() => {
    const onHash = () => setView(fromHash());
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, [fromHash]);
  const go = useCallback((next: V) => {
    window.history.pushState(null, '', `#${next}`);
    setView(next);
  }, []);
  return [view, go];
}

/** The current screen and a way to go to another; the back button works. */
export function useScreen(): [Screen, (screen: Screen) => void] {
  return useHashView(all);
}

/** The screen's `<h1>` props: it takes focus when the customer navigates to the screen. */
export function useScreenHeading() {
  const [ref, setRef] = useState<HTMLHeadingElement | null>(null);
  useEffect(() => {
    // Only after a navigation from the menu: on first load an offered dialog may hold focus.
    if (ref && document.activeElement?.closest('.demo-nav')) ref.focus();
  }, [ref]);
  return { ref: setRef, tabIndex: -1 } as const;
}
