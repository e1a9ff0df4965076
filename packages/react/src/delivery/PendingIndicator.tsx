import { useLocaleTools } from '../provider/locale';
import { useOutboxStatus } from './useDelivery';

/** Props of {@link PendingIndicator}. */
export interface PendingIndicatorProps {
  /** Replaces the default `palaute-PendingIndicator` class. */
  className?: string | undefined;
}

/**
 * Shows how many of the customer's answers wait on this device to be sent ("1 answer waiting to be
 * sent"), and says when they wait for the network; empty when everything is sent. Place it near
 * the host's feedback button. A polite live region, always rendered so changes are announced.
 *
 * @selector [data-state="idle"|"sending"|"waiting"] the outbox's state
 * @selector [data-offline] present while the browser is offline
 */
export function PendingIndicator({ className }: PendingIndicatorProps) {
  const { t } = useLocaleTools();
  const { answers, state, online } = useOutboxStatus();
  const key =
    answers === 0
      ? null
      : online
        ? answers === 1
          ? 'pendingOne'
          : 'pendingMany'
        : answers === 1
          ? 'pendingOfflineOne'
          : 'pendingOfflineMany';
  return (
    <span
      className={className ?? 'palaute-PendingIndicator'}
      data-part="pending"
      data-state={answers === 0 ? 'idle' : state}
      data-offline={online ? undefined : ''}
      role="status"
    >
      {key ? t(key, { count: answers }) : null}
    </span>
  );
}
