import { type OutboxStatus, type RecordStatus, responseKey } from '@palaute/engine';
import { useRef, useSyncExternalStore } from 'react';
import { usePalaute } from '../provider/PalauteProvider';

const idle: OutboxStatus = { state: 'idle', pending: 0, answers: 0, rejected: 0, lastError: null };

/** What {@link useOutboxStatus} returns: the outbox's status and whether the browser is online. */
export interface DeliveryState extends OutboxStatus {
  /** `navigator.onLine` (always `true` on the server and without an outbox). */
  online: boolean;
}

const subscribeOnline = (onChange: () => void) => {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
};

/** Whether the browser says it is online; `true` on the server. */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

/**
 * The provider's outbox, live: how many answers wait to be sent, whether it is sending, the last
 * error, and whether the browser is online. For a pending indicator in the host's UI.
 */
export function useOutboxStatus(): DeliveryState {
  const { outbox } = usePalaute();
  const online = useOnline();
  // The outbox makes a new status object on each call: keep the last one while nothing changed.
  const cache = useRef(idle);
  const status = useSyncExternalStore(
    (onChange) => outbox?.subscribe(onChange) ?? (() => {}),
    () => {
      const next = outbox?.status() ?? idle;
      const last = cache.current;
      if (
        next.state !== last.state ||
        next.pending !== last.pending ||
        next.answers !== last.answers ||
        next.rejected !== last.rejected ||
        next.lastError !== last.lastError
      )
        cache.current = next;
      return cache.current;
    },
    () => idle,
  );
  return { ...status, online };
}

/**
 * Where a flow's answers stand on their way to the backend:
 * - `sent`: delivered (or sent directly, without an outbox);
 * - `sending`: stored on this device, the first try under way;
 * - `offline`: stored on this device, and the browser is offline;
 * - `queued`: stored on this device, a try failed, another will follow;
 * - `rejected`: stored on this device, but the backend refused it for good.
 */
export type DeliveryStatus = 'sent' | 'sending' | 'offline' | 'queued' | 'rejected';

/** Where the response with this id stands; see {@link DeliveryStatus}. Call it once it was submitted. */
export function useDeliveryStatus(responseId: string): DeliveryStatus {
  const { outbox } = usePalaute();
  const online = useOnline();
  const record = useSyncExternalStore<RecordStatus | undefined>(
    (onChange) => outbox?.subscribe(onChange) ?? (() => {}),
    () => outbox?.recordStatus(responseKey(responseId)),
    () => undefined,
  );
  if (record === undefined) return 'sent';
  if (record === 'rejected') return 'rejected';
  if (!online) return 'offline';
  return record === 'retrying' ? 'queued' : 'sending';
}
