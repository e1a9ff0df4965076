import type { ReplyNotice } from '@palaute/engine';
import { useCallback, useSyncExternalStore } from 'react';
import { usePalaute } from '../provider/PalauteProvider';

const none: ReplyNotice[] = [];
const noSubscription = () => () => {};

/** What {@link useReplyOffer} returns. */
export interface ReplyOffer {
  /** The team's unread replies the Palaute client offers now (empty when none). */
  replies: ReplyNotice[];
  /**
   * The customer was shown these replies: a read receipt for each of their threads (through the
   * outbox when there is one), recorded by the client so none is offered again.
   */
  markSeen(replies: readonly ReplyNotice[]): void;
  /** Not presented: they come back at a later occasion. */
  dismiss(): void;
}

/**
 * The team replies the Palaute client offers at this touchpoint, and how to mark them seen. For
 * hosts that present them in their own UI; `OfferedFeedback` uses it.
 */
export function useReplyOffer(): ReplyOffer {
  const { client, backend, outbox, onError } = usePalaute();
  const replies = useSyncExternalStore(
    client ? client.subscribe : noSubscription,
    () => client?.replies() ?? none,
    () => none,
  );
  const markSeen = useCallback(
    (shown: readonly ReplyNotice[]) => {
      if (!client) return;
      const at = new Date().toISOString();
      for (const itemId of new Set(shown.map((reply) => reply.itemId))) {
        const payload = { itemId, customerId: client.customer.id, at };
        client.recordWrite({ kind: 'read', payload });
        const write = outbox ? outbox.enqueue('read', payload) : backend?.markRead?.(payload);
        Promise.resolve(write).catch((error: unknown) => onError?.(error, 'markRead'));
      }
    },
    [client, backend, outbox, onError],
  );
  const dismiss = useCallback(() => client?.dismissReplies(), [client]);
  return { replies, markSeen, dismiss };
}
