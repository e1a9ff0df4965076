import { createYourFeedbackLogic, selectUnseenReplies } from '@palaute/engine';
import { useEffect, useState } from 'react';
import { usePalaute } from '../provider/PalauteProvider';
import { useActorRef, useSelector } from '../shared/useActor';

/** Options of {@link useUnseenReplies}. */
export interface UseUnseenRepliesOptions {
  /** Looks for news this often, in ms; `0` never (it also looks when the window regains focus). @default 60000 */
  refreshMs?: number | undefined;
}

/**
 * How many of the team's replies the signed-in customer has not read, over all their feedback:
 * the count for a badge on {@link FeedbackLauncher} or a "Your feedback" link, when the panel
 * itself is not on the page. It runs the engine's your-feedback machine on the provider's backend
 * and only lists: nothing is marked read or seen. `0` without a customer or `listMyFeedback`.
 *
 * @example
 * ```tsx
 * const unseen = useUnseenReplies();
 * <FeedbackLauncher survey={general} unseenReplies={unseen} />
 * ```
 */
export function useUnseenReplies(options: UseUnseenRepliesOptions = {}): number {
  const { backend, customer, onError } = usePalaute();
  const [logic] = useState(() =>
    createYourFeedbackLogic({
      backend: customer?.id && backend?.listMyFeedback ? backend : {},
      onError: (error, operation) => onError?.(error, operation),
    }),
  );
  const actor = useActorRef(logic, {
    input: { customerId: customer?.id ?? '-', refreshMs: options.refreshMs ?? 60_000 },
  });
  useEffect(() => {
    const onFocus = () => actor.send({ type: 'list.refresh' });
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [actor]);
  return useSelector(actor, selectUnseenReplies);
}
