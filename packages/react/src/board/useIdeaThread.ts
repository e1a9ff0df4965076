import {
  type BoardPort,
  connectIdeaThread,
  type IdeaThreadApi,
  keptCommentDraft,
  provideIdeaThread,
} from '@palaute/engine';
import { useMemo, useRef } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useActorRef, useSelector } from '../shared/useActor';
import { useTextDrafts } from '../shared/useTextDrafts';

/** What {@link useIdeaThread} returns: the engine's view-model, and whether the backend has a board. */
export type UseIdeaThreadResult = IdeaThreadApi & { available: boolean };

/**
 * A customer's thread on one idea, as a thin hook over the engine's idea thread machine: the
 * comments shown on request, the comment being written (kept in the provider's draft store when
 * the thread goes away), one post at a time, a failed post kept with its reason.
 *
 * @example
 * ```tsx
 * const thread = useIdeaThread(idea.id);
 * <button aria-expanded={thread.open} onClick={thread.toggle}>Comments</button>;
 * ```
 */
export function useIdeaThread(ideaId: string): UseIdeaThreadResult {
  const { backend, customer } = usePalaute();
  const textDrafts = useTextDrafts();
  const customerId = customer?.id ?? '';
  const port = backend?.board;
  const latest = useRef(port);
  latest.current = port;
  const logic = useMemo(() => {
    const board = (): BoardPort => {
      if (!latest.current) throw new Error('The backend has no board.');
      return latest.current;
    };
    return provideIdeaThread({
      port: {
        getIdea: (...args) => board().getIdea(...args),
        comment: (...args) => board().comment(...args),
      } as BoardPort,
      customerId,
      drafts: textDrafts,
    });
  }, [customerId, textDrafts]);
  const actor = useActorRef(logic, {
    input: { ideaId, draft: keptCommentDraft(textDrafts, customerId, ideaId) },
  });
  const api = useSelector(actor, (snapshot) => snapshot);
  return { ...connectIdeaThread(api, actor.send), available: port !== undefined };
}
