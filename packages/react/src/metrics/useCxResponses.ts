import {
  type CxResponsesApi,
  type CxResponsesQuery,
  type CxResponsesSource,
  connectCxResponses,
  provideCxResponses,
} from '@palaute/engine';
import { useQueryMachine } from './useQueryMachine';

export type { CxResponsesApi, CxResponsesSource, CxResponsesState } from '@palaute/engine';

/** Options of {@link useCxResponses}. */
export interface UseCxResponsesOptions {
  /** The team port; without `cxResponses` the hook is in `error`. */
  team: CxResponsesSource | undefined;
  /** The answers to list (without `cursor`); a query equal in value to the last one does not reload. */
  query: Omit<CxResponsesQuery, 'cursor'>;
}

/**
 * Loads the answers behind a figure from `team.cxResponses(query)`, a page at a time, through the
 * engine's answers machine, started in an effect (a server render shows `loading`): `loading`,
 * then `ready`, `empty` or `error`; `loadMore()` appends the next page. When the query changes
 * while a page is on its way, that page is cancelled, so the answers on screen always belong to
 * the query on screen.
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
  return useQueryMachine(provideCxResponses, team, query, connectCxResponses);
}
