import {
  filtersFromSearchParams,
  filtersToSearchParams,
  INBOX_SEARCH_PARAM_NAMES,
  type InboxActor,
  type InboxApi,
} from '@palaute/engine';
import { useEffect, useRef } from 'react';
import type { UseFeedbackInboxOptions } from './inbox.types';

/** Waits until the actor's work and list are settled, so an intent's promise means it is done. */
export const settled = (actor: InboxActor) =>
  new Promise<void>((resolve) => {
    const done = () => {
      const snapshot = actor.getSnapshot();
      return (
        snapshot.status !== 'active' ||
        (snapshot.matches({ work: 'idle' }) && !snapshot.matches({ list: 'loading' }))
      );
    };
    if (done()) return resolve();
    const subscription = actor.subscribe(() => {
      if (!done()) return;
      subscription.unsubscribe();
      resolve();
    });
  });

/** Saves a CSV text as a file through a temporary link (in the browser only). */
export function download(csv: string, name: string, from: Document | undefined) {
  const doc = from ?? (typeof document === 'undefined' ? undefined : document);
  if (!doc || typeof URL.createObjectURL !== 'function') return;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Keeps the inbox's filters in the page's URL (`syncUrl`) and tells the host of each change
 * (`onFiltersChange`): the URL is read once mounted (so the server render and the first client
 * render agree), then written with `history.replaceState` after each change, other parameters kept.
 */
export function useInboxUrl(
  engine: InboxApi,
  { syncUrl, onFiltersChange }: Pick<UseFeedbackInboxOptions, 'syncUrl' | 'onFiltersChange'>,
) {
  const prefix = typeof syncUrl === 'object' ? syncUrl.prefix : undefined;
  const filtersKey = JSON.stringify(engine.filters);
  const mounted = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, on mount
  useEffect(() => {
    if (!syncUrl || typeof window === 'undefined') return;
    const saved = filtersFromSearchParams(new URLSearchParams(window.location.search), { prefix });
    if (Object.keys(saved).length > 0) engine.setFilters(saved);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are compared by value
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    onFiltersChange?.(engine.filters);
    if (!syncUrl || typeof window === 'undefined') return;
    const url = new URL(window.location.href);
    for (const name of INBOX_SEARCH_PARAM_NAMES) url.searchParams.delete(`${prefix ?? ''}${name}`);
    for (const [name, value] of Object.entries(filtersToSearchParams(engine.filters, { prefix })))
      url.searchParams.set(name, value);
    window.history.replaceState(window.history.state, '', url);
  }, [filtersKey]);
}
