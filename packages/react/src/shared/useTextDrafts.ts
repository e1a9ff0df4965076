import { createDraftStore, type DraftStore } from '@palaute/engine';
import { usePalaute } from '../provider/PalauteProvider';
import { sessionOr } from './storage';

/**
 * The provider's store of text written and not sent (answers to the team, ideas, comments), made on
 * first use so that a page with only a survey does not ship it. With the provider's
 * `persistDrafts`, the drafts are in that storage too (`true`: `sessionStorage`).
 */
export function useTextDrafts(): DraftStore {
  const { textDrafts, onError } = usePalaute();
  // Made once per provider; later renders find it.
  textDrafts.store ??= createDraftStore({
    storage: sessionOr(textDrafts.persist),
    onError: (error, operation) => onError?.(error, operation),
  });
  return textDrafts.store;
}
