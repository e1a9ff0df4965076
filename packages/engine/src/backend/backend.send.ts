import type { DeliveryItem } from '../records/records.schema';
import type { BackendPort } from './backend.port';

/**
 * Sends one write to the backend method of its kind (a response to `submitResponse`, a reply to
 * `submitReply`, …). A write whose optional method the backend lacks rejects with `missing(method)`.
 * The outbox, the protocol handler and the server's policy guard all send through it.
 */
export function sendWrite(
  backend: BackendPort,
  item: DeliveryItem,
  missing: (
    method: 'submitReply' | 'markRead' | 'markImpactSeen' | 'setContactChoice' | 'board',
  ) => unknown,
): Promise<unknown> {
  switch (item.kind) {
    case 'response':
      return backend.submitResponse(item.payload);
    case 'followUp':
      return backend.submitFollowUp(item.payload);
    case 'display':
      return backend.recordDisplay(item.payload);
    case 'dismissal':
      return backend.recordDismissal(item.payload);
    case 'reply':
      return backend.submitReply
        ? backend.submitReply(item.payload)
        : Promise.reject(missing('submitReply'));
    case 'read':
      return backend.markRead
        ? backend.markRead(item.payload)
        : Promise.reject(missing('markRead'));
    case 'impactSeen':
      return backend.markImpactSeen
        ? backend.markImpactSeen(item.payload)
        : Promise.reject(missing('markImpactSeen'));
    case 'contactChoice':
      return backend.setContactChoice
        ? backend.setContactChoice(item.payload)
        : Promise.reject(missing('setContactChoice'));
    case 'vote':
      return backend.board ? backend.board.vote(item.payload) : Promise.reject(missing('board'));
    case 'idea': {
      if (!backend.board) return Promise.reject(missing('board'));
      const { authorName, ...input } = item.payload;
      return backend.board.suggestIdea(input, authorName ? { name: authorName } : undefined);
    }
  }
}
