import { useCallback, useEffect, useState } from 'react';

/** The customer's screens, addressed by the location's hash (`#invoices`). */
export type Screen = 'dashboard' | 'invoices' | 'support' | 'ideas' | 'feedback';

const all: readonly Screen[] = ['dashboard', 'invoices', 'support', 'ideas', 'feedback'];

function fromHash(): Screen {
  const hash = window.location.hash.slice(1);
  return all.find((screen) => screen === hash) ?? 'dashboard';
}

/** The current screen and a way to go to another; the back button works. */
export function useScreen(): [Screen, (screen: Screen) => void] {
  const [screen, setScreen] = useState(fromHash);
  useEffect(() => {
    const onHash = () => setScreen(fromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = useCallback((next: Screen) => {
    window.history.pushState(null, '', `#${next}`);
    setScreen(next);
  }, []);
  return [screen, go];
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
