import { useRef } from 'react';
import { usePartsLocaleTools } from '../i18n/parts';
import { type DeliveryStatus, useDeliveryStatus } from './useDelivery';

/** Props of {@link DeliveryNote}. */
export interface DeliveryNoteProps {
  /** The submitted response's id (`flow.responseId`). */
  responseId: string;
  /** Replaces the default `palaute-DeliveryNote` class. */
  className?: string | undefined;
}

const MESSAGE = {
  offline: 'deliveryOffline',
  queued: 'deliveryQueued',
  rejected: 'deliveryRejected',
  sent: 'deliverySent',
} as const;

/**
 * Tells the customer honestly where their answers are: nothing while they are simply sent; "Saved
 * on this device. We'll send it when you're back online." while they wait in the outbox; "Sent."
 * once they went after waiting. A polite live region, present from the start so every change is
 * announced.
 *
 * @selector [data-state="sending"|"offline"|"queued"|"sent"|"rejected"] where the answers stand
 */
export function DeliveryNote({ responseId, className }: DeliveryNoteProps) {
  const { t } = usePartsLocaleTools();
  const status = useDeliveryStatus(responseId);
  // "Sent." is news only after the customer was told the answers were waiting.
  const waited = useRef(false);
  if (status === 'offline' || status === 'queued') waited.current = true;
  const message = messageFor(status, waited.current);
  return (
    <p
      className={className ?? 'palaute-DeliveryNote'}
      data-part="delivery"
      data-state={status}
      role="status"
    >
      {message ? t(message) : null}
    </p>
  );
}

function messageFor(status: DeliveryStatus, waited: boolean) {
  if (status === 'sending') return null;
  if (status === 'sent') return waited ? MESSAGE.sent : null;
  return MESSAGE[status];
}
