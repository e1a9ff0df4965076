import { createDraftStore, type DraftStore, type KeyValueStorage } from '@palaute/engine';
import { usePalaute } from '../provider/PalauteProvider';

/**
 * The provider's store of text written and not sent (answers to the team, ideas, comments), made on
 * first use so that a page with only a survey does not ship it. With the provider's
 * `persistDrafts`, the drafts are in that storage too (`true`: `sessionStorage`).
 */
export function useTextDrafts(): DraftStore {
  const { textDrafts, onError } = usePalaute();
  // Made once per provider; later renders find it.
  textDrafts.store ??= createDraftStore({
    storage: draftStorage(textDrafts.persist),
    onError: (error, operation) => onError?.(error, operation),
  });
  return textDrafts.store;
}

/** The storage `persistDrafts` names; `undefined` where storage is blocked or absent (SSR). */
function draftStorage(persist: boolean | KeyValueStorage | undefined): KeyValueStorage | undefined {
  if (!persist) return undefined;
  if (persist !== true) return persist;
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    // Access to sessionStorage throws when storage is blocked (privacy settings, sandboxed iframes).
    return undefined;
  }
}
