import type { DeliveryItem } from './records.schema';

// Apart from the schemas: a page that only shows a survey needs the keys, not zod.

/**
 * The idempotency key of a write, derived from its payload so the client and every backend agree on
 * it: the same key twice is one record. One response per response id, one follow-up answer per
 * response and follow-up, one display and one dismissal per flow (a flow's response id), one reply
 * per reply id, one read receipt per item and time, one "seen" per impact notice, one contact choice
 * per choice id, one vote write and one idea per their ids.
 */
export function deliveryKey(item: DeliveryItem): string {
  switch (item.kind) {
    case 'response':
      return responseKey(item.payload.id);
    case 'followUp':
      return `followUp:${item.payload.responseId}:${item.payload.followUpId}`;
    case 'display':
      return `display:${item.payload.responseId}`;
    case 'dismissal':
      return `dismissal:${item.payload.responseId}`;
    case 'reply':
      return `reply:${item.payload.replyId}`;
    case 'read':
      return `read:${item.payload.itemId}:${item.payload.at}`;
    case 'impactSeen':
      return `impactSeen:${item.payload.customerId}:${item.payload.noticeId}`;
    case 'contactChoice':
      return `contactChoice:${item.payload.id}`;
    case 'vote':
      return `vote:${item.payload.id}`;
    case 'idea':
      return `idea:${item.payload.id}`;
  }
}

/** The idempotency key of the response with this id (what {@link deliveryKey} gives a response). */
export function responseKey(responseId: string): string {
  return `response:${responseId}`;
}
