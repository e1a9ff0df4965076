import {
  filtersFromSearchParams,
  filtersToSearchParams,
  INBOX_SEARCH_PARAM_NAMES,
  type InboxActor,
  type InboxApi,
  type InboxFilters,
} from '@palaute/engine';
import { type UrlFilters, useUrlFilters } from '../shared/useUrlFilters';
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

/** The inbox's filters in the page's URL (see `useUrlFilters`). */
const INBOX_URL: UrlFilters<InboxFilters> = {
  names: INBOX_SEARCH_PARAM_NAMES,
  write: filtersToSearchParams,
  read: filtersFromSearchParams,
};

/**
 * Keeps the inbox's filters in the page's URL (`syncUrl`) and tells the host of each change
 * (`onFiltersChange`), as `useUrlFilters` does.
 */
export function useInboxUrl(
  engine: InboxApi,
  options: Pick<UseFeedbackInboxOptions, 'syncUrl' | 'onFiltersChange'>,
) {
  useUrlFilters(engine.filters, engine.setFilters, INBOX_URL, options);
}
