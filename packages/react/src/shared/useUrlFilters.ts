import { useEffect, useRef } from 'react';

/** How a view's filters are written to and read from a URL (the engine's functions for them). */
export interface UrlFilters<F> {
  /** Every parameter name the filters may use (before the prefix), cleared before each write. */
  names: readonly string[];
  /** The filters as parameters (`prefix` before each name). */
  write(filters: F, options: { prefix?: string | undefined }): Record<string, string>;
  /** The valid filters a URL's parameters hold. */
  read(params: URLSearchParams, options: { prefix?: string | undefined }): Partial<F>;
}

/**
 * Keeps a view's filters in the page's URL (`syncUrl`) and tells the host of each change
 * (`onFiltersChange`): the URL is read once mounted (so the server render and the first client
 * render agree), then written with `history.replaceState` after each change, other parameters kept.
 */
export function useUrlFilters<F>(
  filters: F,
  setFilters: (filters: Partial<F>) => void,
  url: UrlFilters<F>,
  {
    syncUrl,
    onFiltersChange,
  }: {
    syncUrl?: boolean | { prefix?: string | undefined } | undefined;
    onFiltersChange?: ((filters: F) => void) | undefined;
  },
): void {
  const prefix = typeof syncUrl === 'object' ? syncUrl.prefix : undefined;
  const filtersKey = JSON.stringify(filters);
  const mounted = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once, on mount
  useEffect(() => {
    if (!syncUrl || typeof window === 'undefined') return;
    const saved = url.read(new URLSearchParams(window.location.search), { prefix });
    if (Object.keys(saved).length > 0) setFilters(saved);
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are compared by value
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    onFiltersChange?.(filters);
    if (!syncUrl || typeof window === 'undefined') return;
    const next = new URL(window.location.href);
    for (const name of url.names) next.searchParams.delete(`${prefix ?? ''}${name}`);
    for (const [name, value] of Object.entries(url.write(filters, { prefix })))
      next.searchParams.set(name, value);
    window.history.replaceState(window.history.state, '', next);
  }, [filtersKey]);
}
