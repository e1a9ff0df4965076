import type { CxResponse, CxResponsesPage, CxResponsesQuery } from '@palaute/engine';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Where the answers come from: the team port (`backend.team`), or anything with its `cxResponses`. */
export interface CxResponsesSource {
  cxResponses?(query: CxResponsesQuery): Promise<CxResponsesPage>;
}

/** Options of {@link useCxResponses}. */
export interface UseCxResponsesOptions {
  /** The team port; without `cxResponses` the hook is in `error`. */
  team: CxResponsesSource | undefined;
  /** The answers to list (without `cursor`); a query equal in value to the last one does not reload. */
  query: Omit<CxResponsesQuery, 'cursor'>;
}

/** The state of the list: `loadingMore` keeps the answers already shown. */
export type CxResponsesState = 'loading' | 'ready' | 'empty' | 'error' | 'loadingMore';

/** What {@link useCxResponses} returns. */
export interface CxResponsesApi {
  state: CxResponsesState;
  /** The answers loaded so far, newest first. */
  items: readonly CxResponse[];
  /** How many answers match in all. */
  total: number;
  /** Whether another page is there to load. */
  hasMore: boolean;
  /** Why the last load failed. */
  error: unknown;
  /** Loads the next page and appends it. */
  loadMore(): void;
  /** Loads the first page again. */
  reload(): void;
}

/**
 * Loads the answers behind a figure from `team.cxResponses(query)`, a page at a time, in an effect
 * (a server render shows `loading`): `loading`, then `ready`, `empty` or `error`; `loadMore()`
 * appends the next page. When the query changes while a page is on its way, the older page is
 * dropped when it arrives, so the answers on screen always belong to the query on screen.
 *
 * @example
 * ```tsx
 * const { items, total, loadMore } = useCxResponses({
 *   team: backend.team,
 *   query: { metric: 'nps', period: { from: '2026-01-01', to: '2026-12-31' }, score: { max: 6 } },
 * });
 * ```
 */
export function useCxResponses({ team, query }: UseCxResponsesOptions): CxResponsesApi {
  const key = JSON.stringify(query);
  const [result, setResult] = useState<{
    state: CxResponsesState;
    items: readonly CxResponse[];
    total: number;
    next: string | undefined;
    error: unknown;
  }>({ state: 'loading', items: [], total: 0, next: undefined, error: undefined });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const teamRef = useRef(team);
  teamRef.current = team;

  const load = useCallback((cursor: string | undefined) => {
    const request = ++latest.current;
    const port = teamRef.current;
    const list = port?.cxResponses?.bind(port);
    if (!list) {
      setResult((previous) => ({
        ...previous,
        state: 'error',
        error: new Error('team.cxResponses is missing'),
      }));
      return;
    }
    setResult((previous) =>
      cursor === undefined
        ? { state: 'loading', items: [], total: 0, next: undefined, error: undefined }
        : { ...previous, state: 'loadingMore' },
    );
    list(cursor === undefined ? queryRef.current : { ...queryRef.current, cursor }).then(
      (page) => {
        if (request !== latest.current) return;
        setResult((previous) => {
          const items = cursor === undefined ? page.items : [...previous.items, ...page.items];
          return {
            state: items.length === 0 ? 'empty' : 'ready',
            items,
            total: page.total,
            next: page.next,
            error: undefined,
          };
        });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setResult((previous) => ({ ...previous, state: 'error', error }));
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the query is read by value (`key`); `attempt` asks again
  useEffect(() => {
    load(undefined);
  }, [key, attempt, load]);

  return {
    state: result.state,
    items: result.items,
    total: result.total,
    hasMore: result.next !== undefined,
    error: result.error,
    loadMore: () => {
      if (result.next !== undefined && result.state === 'ready') load(result.next);
    },
    reload: useCallback(() => setAttempt((count) => count + 1), []),
  };
}
