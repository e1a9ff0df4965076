import type { ImpactNotice } from '@palaute/engine';
import { useCallback, useSyncExternalStore } from 'react';
import { usePalaute } from '../provider/PalauteProvider';

const none: ImpactNotice[] = [];
const noSubscription = () => () => {};

/** What {@link useImpactOffer} returns. */
export interface ImpactOffer {
  /** "You said, we did" notices due now (empty when none). */
  notices: ImpactNotice[];
  /**
   * The customer saw them: recorded (through the outbox when there is one), counted as a contact,
   * and not shown again.
   */
  markSeen(): void;
  /** Not now: they come back at a later occasion. */
  dismiss(): void;
}

/**
 * The impact notices the Palaute client has due for this customer, and how to mark them seen. For
 * hosts that present them in their own UI; `OfferedFeedback` uses it.
 */
export function useImpactOffer(): ImpactOffer {
  const { client, backend, outbox, onError } = usePalaute();
  const notices = useSyncExternalStore(
    client ? client.subscribe : noSubscription,
    () => client?.impact() ?? none,
    () => none,
  );
  const markSeen = useCallback(() => {
    if (!client) return;
    const at = new Date().toISOString();
    for (const notice of client.impact()) {
      const payload = { customerId: client.customer.id, noticeId: notice.id, at };
      client.recordWrite({ kind: 'impactSeen', payload });
      const write = outbox
        ? outbox.enqueue('impactSeen', payload)
        : backend?.markImpactSeen?.(payload);
      Promise.resolve(write).catch((error: unknown) => onError?.(error, 'markImpactSeen'));
    }
  }, [client, backend, outbox, onError]);
  const dismiss = useCallback(() => client?.dismissImpact(), [client]);
  return { notices, markSeen, dismiss };
}
