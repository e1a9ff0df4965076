import { type Actor, createActor, fromCallback, fromPromise } from 'xstate';
import type { BackendPort } from '../backend/backend.port';
import { MAX_BOARD_PAGE_SIZE } from '../board/board.schema';
import type { DraftStore } from '../drafts/drafts.store';
import type { Palaute } from '../journey/journey.client';
import type { Outbox } from '../outbox/outbox';
import { deliveryKey } from '../records/records.schema';
import {
  type StoreReplyInput,
  type SubmitReplyInput,
  yourFeedbackMachine,
} from './your-feedback.machine';
import type { StoredReply, YourFeedbackEvent, YourFeedbackInput } from './your-feedback.schema';

/** A running (or ready to start) your-feedback thread. */
export type YourFeedbackActor = Actor<typeof yourFeedbackMachine>;

/** Where a your-feedback thread reads and writes. */
export interface YourFeedbackOptions {
  /** Lists the customer's feedback; without an outbox, also takes answers and receipts. */
  backend: Pick<BackendPort, 'listMyFeedback'> &
    Partial<Pick<BackendPort, 'submitReply' | 'markRead' | 'markImpactSeen' | 'board'>>;
  /** When given, answers, receipts and "seen" go through it (stored on the device first). */
  outbox?: Outbox | undefined;
  /** Told of every write, so the journey knows what the customer read and saw. */
  client?: Pick<Palaute, 'recordWrite'> | undefined;
  /**
   * Keeps each answer being written (scope `reply`, under the customer's id) when this thread
   * goes away unsent, for the next view of the thread to restore: the dialog that offered the
   * team's reply, then "Your feedback". Without it, an unsent answer lives as long as the machine.
   */
  drafts?: DraftStore | undefined;
  /** The clock for receipts. @default () => new Date() */
  now?: (() => Date) | undefined;
  onError?: ((error: unknown, operation: string) => void) | undefined;
}

/** The draft store's scope of the customer's answers to the team. */
export const REPLY_DRAFTS = 'reply';

/**
 * The draft store's scope of answers sent straight to the backend that failed, by item: the next
 * view of the thread makes them the item's draft, before any draft written since.
 */
const UNSENT_REPLIES = 'replyUnsent';

/** Moves the answers a closed view could not send into the drafts, for the customer to send again. */
function adoptUnsent(drafts: DraftStore, customerId: string): void {
  const kept = drafts.read(REPLY_DRAFTS, customerId);
  for (const [itemId, unsent] of Object.entries(drafts.read(UNSENT_REPLIES, customerId))) {
    const later = kept[itemId]?.text;
    const text = later ? `${unsent.text}\n\n${later}` : unsent.text;
    drafts.write(
      REPLY_DRAFTS,
      customerId,
      itemId,
      text,
      kept[itemId]?.draftedAt ?? unsent.draftedAt,
    );
    drafts.clear(UNSENT_REPLIES, customerId, itemId);
  }
}

/** This customer's answers the outbox holds, with where each stands. */
const storedOf = (outbox: Outbox): StoredReply[] =>
  outbox.list('reply').map((record) => ({
    payload: record.payload,
    status: outbox.recordStatus(deliveryKey({ kind: 'reply', payload: record.payload })),
  }));

/**
 * The your-feedback machine on a backend (and an outbox, when there is one): lists through
 * `listMyFeedback` (and the ideas the customer follows, when the backend has a board); answers are stored in the outbox, else sent with `submitReply`; receipts and
 * "seen" go the same way and are told to the Palaute client. Failures are told to `onError`.
 */
export function createYourFeedbackLogic({
  backend,
  outbox,
  client,
  drafts,
  now = () => new Date(),
  onError,
}: YourFeedbackOptions) {
  const report = (operation: string) => (error: unknown) => onError?.(error, operation);
  return yourFeedbackMachine.provide({
    actors: {
      listMyFeedback: fromPromise(async ({ input }) => {
        try {
          if (!backend.listMyFeedback) throw new Error('The backend has no listMyFeedback.');
          return await backend.listMyFeedback({ customerId: input.customerId });
        } catch (error) {
          onError?.(error, 'listMyFeedback');
          throw error;
        }
      }),
      listFollowedIdeas: fromPromise(async ({ input }) => {
        try {
          if (!backend.board) throw new Error('The backend has no board.');
          const page = await backend.board.listIdeas(input.customerId, {
            followedOnly: true,
            sort: 'newest',
            limit: MAX_BOARD_PAGE_SIZE,
          });
          return page.ideas;
        } catch (error) {
          onError?.(error, 'listFollowedIdeas');
          throw error;
        }
      }),
      submitReply: fromCallback<YourFeedbackEvent, SubmitReplyInput>(({ input, sendBack }) => {
        let live = true;
        const { payload } = input;
        Promise.resolve()
          .then(() => {
            if (!backend.submitReply) throw new Error('The backend has no submitReply.');
            return backend.submitReply(payload);
          })
          .then(
            () => {
              client?.recordWrite({ kind: 'reply', payload });
              if (live) sendBack({ type: 'reply.delivered', replyId: payload.replyId });
            },
            (error: unknown) => {
              onError?.(error, 'submitReply');
              if (live) sendBack({ type: 'reply.failed', replyId: payload.replyId });
            },
          );
        return () => {
          live = false;
        };
      }),
      storeReply: fromCallback<YourFeedbackEvent, StoreReplyInput>(({ input, sendBack }) => {
        let live = true;
        const { payload } = input;
        Promise.resolve()
          .then(async () => {
            if (!outbox) throw new Error('There is no outbox.');
            const result = await outbox.enqueue('reply', payload);
            if (!result.stored) throw new Error('The outbox is full.');
            return outbox.recordStatus(result.key);
          })
          .then(
            (status) => {
              client?.recordWrite({ kind: 'reply', payload });
              if (live) sendBack({ type: 'reply.stored', payload, status });
            },
            (error: unknown) => {
              // Not stored: the words stay in the field, nothing is lost.
              onError?.(error, 'submitReply');
              if (live) sendBack({ type: 'reply.notStored', payload });
            },
          );
        return () => {
          live = false;
        };
      }),
      watchOutbox: fromCallback<YourFeedbackEvent>(({ sendBack }) => {
        if (!outbox) return;
        sendBack({ type: 'outbox.changed', stored: storedOf(outbox) });
        return outbox.subscribe((_status, event) =>
          sendBack({
            type: 'outbox.changed',
            stored: storedOf(outbox),
            delivered: event?.type === 'delivered' ? event.record : undefined,
          }),
        );
      }),
      watchDrafts: fromCallback<YourFeedbackEvent, { customerId: string }>(
        ({ input, sendBack }) => {
          if (!drafts) return;
          const restore = () =>
            sendBack({
              type: 'drafts.restored',
              drafts: drafts.read(REPLY_DRAFTS, input.customerId),
            });
          adoptUnsent(drafts, input.customerId);
          restore();
          return drafts.subscribe((scope, ownerId) => {
            if (scope === REPLY_DRAFTS && ownerId === input.customerId) restore();
          });
        },
      ),
    },
    guards: {
      hasOutbox: () => outbox !== undefined,
      hasBoard: () => backend.board !== undefined,
      canSendReplies: () => outbox !== undefined || backend.submitReply !== undefined,
    },
    actions: {
      recordRead: ({ context, self }) => {
        for (const itemId of context.receiptsDue) {
          const payload = { itemId, customerId: context.customerId, at: now().toISOString() };
          client?.recordWrite({ kind: 'read', payload });
          const write = outbox
            ? outbox.enqueue('read', payload)
            : backend.markRead?.(payload).then(() => self.send({ type: 'list.refresh' }));
          Promise.resolve(write).catch(report('markRead'));
        }
      },
      recordImpactSeen: ({ context, event }) => {
        if (event.type !== 'impact.seen') return;
        const payload = {
          customerId: context.customerId,
          noticeId: event.noticeId,
          at: now().toISOString(),
        };
        client?.recordWrite({ kind: 'impactSeen', payload });
        const write = outbox
          ? outbox.enqueue('impactSeen', payload)
          : backend.markImpactSeen?.(payload);
        Promise.resolve(write).catch(report('markImpactSeen'));
      },
      flushOutbox: () => {
        void outbox?.flush({ retryNow: true });
      },
      keepDraft: ({ context, event }) => {
        if (event.type !== 'draft.change') return;
        drafts?.write(
          REPLY_DRAFTS,
          context.customerId,
          event.itemId,
          event.text,
          now().toISOString(),
        );
      },
      keepUnsent: ({ context, event }) => {
        if (event.type !== 'reply.failed' && event.type !== 'reply.delivered') return;
        const sent = context.pending.find((reply) => reply.payload.replyId === event.replyId);
        if (sent?.via !== 'direct') return;
        const { itemId } = sent.payload;
        const unsent = context.pending.filter(
          (reply) =>
            reply.via === 'direct' && reply.payload.itemId === itemId && reply.state !== 'sent',
        );
        drafts?.write(
          UNSENT_REPLIES,
          context.customerId,
          itemId,
          unsent.map((reply) => reply.payload.body).join('\n\n'),
          now().toISOString(),
        );
      },
      dropDraft: ({ context, event }) => {
        const itemId =
          event.type === 'reply.send'
            ? event.itemId
            : event.type === 'reply.stored'
              ? event.payload.itemId
              : undefined;
        if (itemId) drafts?.clear(REPLY_DRAFTS, context.customerId, itemId);
      },
    },
  });
}

/**
 * Creates a customer's your-feedback actor (not started).
 *
 * @example
 * ```ts
 * const mine = createYourFeedback({ backend, outbox, input: { customerId: 'c-1' } }).start();
 * mine.send({ type: 'list.refresh' });
 * ```
 */
export function createYourFeedback(
  options: YourFeedbackOptions & { input: YourFeedbackInput },
): YourFeedbackActor {
  return createActor(createYourFeedbackLogic(options), { input: options.input });
}
