import { assign, emit, fromCallback, fromPromise, setup, spawnChild, stopChild } from 'xstate';
import type { PublicIdea } from '../board/board.schema';
import type { CustomerFeedback } from '../feedback/feedback.schema';
import type { CustomerReply } from '../records/records.schema';
import type {
  OutboxNews,
  PendingReply,
  ReplyRefusal,
  YourFeedbackContext,
  YourFeedbackEmitted,
  YourFeedbackEvent,
  YourFeedbackInput,
} from './your-feedback.schema';

const notProvided = (name: string) => () =>
  Promise.reject(
    new Error(
      `The "${name}" actor was not provided: use machine.provide() or createYourFeedback().`,
    ),
  );

/** The team's replies in `items` whose ids are not in `known`. */
const newTeamReplies = (items: readonly CustomerFeedback[], known: readonly string[] | null) =>
  known === null
    ? []
    : items.flatMap((item) =>
        item.replies.filter((reply) => reply.author.kind === 'team' && !known.includes(reply.id)),
      );

/** Team replies in an item the customer has not read, not even on this page. */
const unreadOf = (context: YourFeedbackContext, item: CustomerFeedback) =>
  item.replies.filter(
    (reply) =>
      reply.author.kind === 'team' && !reply.readAt && !context.readHere.includes(reply.id),
  );

/** The pending list with one answer's direct send marked. */
const markPending = (
  pending: readonly PendingReply[],
  replyId: string,
  state: PendingReply['state'],
) => pending.map((reply) => (reply.payload.replyId === replyId ? { ...reply, state } : reply));

/** Sends one answer straight to the backend; tells `reply.delivered` or `reply.failed`. */
export type SubmitReplyInput = { payload: CustomerReply };
/** Stores one answer in the outbox; tells `reply.stored` or `reply.notStored`. */
export type StoreReplyInput = { payload: CustomerReply };

/**
 * A customer's own feedback, its threads and their news, as one machine: the list (loading,
 * ready, failed), which threads are open (a thread with unread team replies opens by itself, and
 * what an open thread shows is read, with a receipt), the answers being written and sent, what
 * was read and seen here. Every request is an actor: loading is invoked by `list.loading`, so a
 * reload answered after a newer one started (or after the actor stopped) is dropped; each answer
 * is stored in the outbox (`storeReply`) or sent (`submitReply`) by its own child, stopped with
 * the machine; the outbox's news arrives through `watchOutbox`. The team's new replies are
 * emitted (`reply.arrived`), and so is an answer refused (`reply.refused`).
 */
export const yourFeedbackMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as YourFeedbackContext,
      events: {} as YourFeedbackEvent,
      input: {} as YourFeedbackInput,
      emitted: {} as YourFeedbackEmitted,
    },
    actors: {
      listMyFeedback: fromPromise<CustomerFeedback[], { customerId: string }>(
        notProvided('listMyFeedback'),
      ),
      /** The ideas the customer follows on the board (provided when the backend has one). */
      listFollowedIdeas: fromPromise<PublicIdea[], { customerId: string }>(
        notProvided('listFollowedIdeas'),
      ),
      submitReply: fromCallback<YourFeedbackEvent, SubmitReplyInput>(({ input, sendBack }) => {
        sendBack({ type: 'reply.failed', replyId: input.payload.replyId });
      }),
      storeReply: fromCallback<YourFeedbackEvent, StoreReplyInput>(({ input, sendBack }) => {
        sendBack({ type: 'reply.notStored', payload: input.payload });
      }),
      /** Without an outbox there is no news from it. */
      watchOutbox: fromCallback<YourFeedbackEvent>(() => undefined),
      /** Without a draft store, drafts live as long as the machine. */
      watchDrafts: fromCallback<YourFeedbackEvent, { customerId: string }>(() => undefined),
    },
    delays: { refreshMs: ({ context }) => context.refreshMs },
    guards: {
      hasLoaded: ({ context }) => context.loaded,
      /** The backend has a board: the customer's ideas are listed too (`createYourFeedback` says). */
      hasBoard: () => false,
      hasLoadedIdeas: ({ context }) => context.ideasLoaded,
      isPolling: ({ context }) => context.refreshMs > 0,
      /** Answers go through an outbox (provided by `createYourFeedback` when there is one). */
      hasOutbox: () => false,
      /** Answers can be sent at all: an outbox, or a backend with `submitReply`. */
      canSendReplies: () => false,
      /** A notice the customer had not seen before, not recorded here yet. */
      isImpactNews: ({ context, event }) => {
        if (event.type !== 'impact.seen' || context.seenHere.includes(event.noticeId)) return false;
        const notice = context.items.find((item) => item.impact?.id === event.noticeId)?.impact;
        return notice !== undefined && !notice.seenAt;
      },
      /** The retried answer was sent straight to the backend and failed. */
      isFailedDirect: ({ context, event }) =>
        context.pending.some(
          (reply) =>
            reply.payload.replyId === replyIdOf(event) &&
            reply.via === 'direct' &&
            reply.state === 'failed',
        ),
      /** The retried answer waits in the outbox. */
      isViaOutbox: ({ context, event }) =>
        context.pending.some(
          (reply) => reply.payload.replyId === replyIdOf(event) && reply.via === 'outbox',
        ) || context.stored.some((reply) => reply.payload.replyId === replyIdOf(event)),
      isDraftEmpty: ({ context, event }) =>
        event.type === 'reply.send' && !(context.drafts[event.itemId] ?? '').trim(),
      /** The outbox delivered what the listed feedback shows: a response, a reply, a receipt. */
      isListNews: ({ context, event }) => {
        if (event.type !== 'outbox.changed' || !event.delivered) return false;
        const { kind, payload } = event.delivered;
        return (
          (kind === 'response' &&
            (payload as { customerId?: string }).customerId === context.customerId) ||
          kind === 'followUp' ||
          kind === 'reply' ||
          kind === 'read'
        );
      },
    },
    actions: {
      /**
       * Tells the backend the customer read the team's replies of the items in `receiptsDue`
       * (the host's to provide).
       */
      recordRead: () => undefined,
      /** Records the event's impact notice seen, so no touchpoint offers it again (the host's). */
      recordImpactSeen: () => undefined,
      flushOutbox: () => undefined,
      /** Keeps the item's draft where it outlives this machine (the draft store's, when there is one). */
      keepDraft: () => undefined,
      /** The item's answer was taken: its kept draft goes (the draft store's). */
      dropDraft: () => undefined,
      /**
       * A direct send failed or got through: the item's answers not delivered are kept where they
       * outlive this machine (the draft store's), so closing the view does not lose them.
       */
      keepUnsent: () => undefined,
      announceNews: emit(({ context }, items: CustomerFeedback[]) => {
        const fresh = newTeamReplies(items, context.knownReplies);
        return {
          type: 'reply.arrived' as const,
          name: fresh.at(-1)?.author.name,
          count: fresh.length,
        };
      }),
      assignList: assign(({ context }, items: CustomerFeedback[]) => {
        const listed = new Set(items.flatMap((item) => item.replies.map((reply) => reply.id)));
        // Listed by the server: the copy kept on the page is done.
        const pending = context.pending.filter((reply) => !listed.has(reply.payload.replyId));
        const fresh = newTeamReplies(items, context.knownReplies).map((reply) => reply.id);
        return {
          items,
          loaded: true,
          knownReplies: [...listed],
          arrived: fresh.length > 0 ? [...context.arrived, ...fresh] : context.arrived,
          pending: pending.length === context.pending.length ? context.pending : pending,
        };
      }),
      assignIdeas: assign((_, ideas: PublicIdea[]) => ({ ideas, ideasLoaded: true })),
      /** What an open thread shows is read: receipts are due once, and the thread stays open. */
      readOpenThreads: assign(({ context }) => {
        const read: string[] = [];
        const due: string[] = [];
        const toggled = { ...context.toggled };
        for (const item of context.items) {
          if (!isThreadOpen(context, item.id)) continue;
          const unread = unreadOf(context, item);
          if (unread.length === 0) continue;
          read.push(...unread.map((reply) => reply.id));
          due.push(item.id);
          toggled[item.id] = 'open';
        }
        return read.length > 0
          ? { readHere: [...context.readHere, ...read], toggled, receiptsDue: due }
          : { receiptsDue: [] };
      }),
      toggle: assign(({ context, event }) => {
        if (event.type !== 'thread.toggle') return {};
        const open = isThreadOpen(context, event.itemId);
        return { toggled: { ...context.toggled, [event.itemId]: open ? 'closed' : 'open' } };
      }),
      markRead: assign(({ context, event }) => {
        if (event.type !== 'thread.read') return {};
        // A thread open because of its news stays open once read: the customer is reading it.
        const toggled = { ...context.toggled };
        for (const item of context.items)
          if (!toggled[item.id] && item.replies.some((reply) => event.replyIds.includes(reply.id)))
            toggled[item.id] = 'open';
        return { readHere: [...new Set([...context.readHere, ...event.replyIds])], toggled };
      }),
      markSeen: assign(({ context, event }) =>
        event.type === 'impact.seen' ? { seenHere: [...context.seenHere, event.noticeId] } : {},
      ),
      assignDraft: assign(({ context, event }) =>
        event.type === 'draft.change'
          ? { drafts: { ...context.drafts, [event.itemId]: event.text } }
          : {},
      ),
      /** Kept drafts fill the fields left empty here (what is being written here stays). */
      restoreDrafts: assign(({ context, event }) => {
        if (event.type !== 'drafts.restored') return {};
        const drafts = { ...context.drafts };
        const restored = { ...context.restoredDrafts };
        let changed = false;
        for (const [itemId, kept] of Object.entries(event.drafts)) {
          const here = drafts[itemId] ?? '';
          if (here === kept.text || here.trim()) continue;
          drafts[itemId] = kept.text;
          restored[itemId] = kept.draftedAt;
          changed = true;
        }
        return changed ? { drafts, restoredDrafts: restored } : {};
      }),
      assignRefusal: assign(({ context, event }) => {
        const refusal = refusalOf(context, event);
        return refusal ? { errors: { ...context.errors, [refusal.itemId]: refusal.reason } } : {};
      }),
      emitRefusal: emit(({ context, event }) => {
        const refusal = refusalOf(context, event) ?? { itemId: '', reason: 'notSaved' as const };
        return { type: 'reply.refused' as const, ...refusal };
      }),
      /** Hands the draft to the outbox; the draft stays until it is stored. */
      storeDraft: spawnChild('storeReply', {
        id: ({ event }) => `store-${replyIdOf(event)}`,
        input: ({ context, event }) => ({ payload: payloadOf(context, event) }),
      }),
      /** Shows the answer at once. */
      takeDraft: assign(({ context, event }) =>
        event.type === 'reply.send' ? taken(context, payloadOf(context, event), 'direct') : {},
      ),
      /** Sends the answer (the event's, or the retried one) straight to the backend. */
      submitDraft: spawnChild('submitReply', {
        id: ({ event }) => `submit-${replyIdOf(event)}`,
        input: ({ context, event }) => ({ payload: payloadOf(context, event) }),
      }),
      stopStore: stopChild(({ event }) => `store-${replyIdOf(event)}`),
      stopSubmit: stopChild(({ event }) => `submit-${replyIdOf(event)}`),
      takeStored: assign(({ context, event }) => {
        if (event.type !== 'reply.stored') return {};
        const { stored } = context;
        const known = stored.some((reply) => reply.payload.replyId === event.payload.replyId);
        return {
          ...taken(context, event.payload, 'outbox'),
          stored: known ? stored : [...stored, { payload: event.payload, status: event.status }],
        };
      }),
      markSent: assign(({ context, event }) =>
        event.type === 'reply.delivered'
          ? { pending: markPending(context.pending, event.replyId, 'sent') }
          : {},
      ),
      markFailed: assign(({ context, event }) =>
        event.type === 'reply.failed'
          ? { pending: markPending(context.pending, event.replyId, 'failed') }
          : {},
      ),
      markRetrying: assign(({ context, event }) =>
        event.type === 'reply.retry'
          ? { pending: markPending(context.pending, event.replyId, 'sending') }
          : {},
      ),
      takeOutboxNews: assign(({ context, event }) => {
        if (event.type !== 'outbox.changed') return {};
        const next: Partial<YourFeedbackContext> = { stored: ownStored(context, event) };
        const record = event.delivered;
        // An answer an earlier page stored leaves the outbox now: it stays shown, sent, until listed.
        if (
          record?.kind === 'reply' &&
          record.payload.customerId === context.customerId &&
          !context.pending.some((reply) => reply.payload.replyId === record.payload.replyId)
        )
          next.pending = [
            ...context.pending,
            { payload: record.payload, via: 'outbox', state: 'sending' },
          ];
        return next;
      }),
    },
  }).createMachine({
    id: 'yourFeedback',
    type: 'parallel',
    context: ({ input }) => ({
      customerId: input.customerId,
      refreshMs: input.refreshMs ?? 60_000,
      items: [],
      loaded: false,
      knownReplies: null,
      toggled: {},
      readHere: [],
      seenHere: [],
      drafts: {},
      restoredDrafts: {},
      errors: {},
      pending: [],
      stored: [],
      receiptsDue: [],
      arrived: [],
      ideas: [],
      ideasLoaded: false,
    }),
    invoke: [
      { src: 'watchOutbox' },
      { src: 'watchDrafts', input: ({ context }) => ({ customerId: context.customerId }) },
    ],
    on: {
      'thread.toggle': { actions: ['toggle', 'readOpenThreads', 'recordRead'] },
      'thread.read': { actions: 'markRead' },
      'impact.seen': { guard: 'isImpactNews', actions: ['markSeen', 'recordImpactSeen'] },
      'draft.change': { actions: ['assignDraft', 'keepDraft'] },
      'drafts.restored': { actions: 'restoreDrafts' },
      'reply.send': [
        { guard: 'isDraftEmpty', actions: ['assignRefusal', 'emitRefusal'] },
        { guard: 'hasOutbox', actions: 'storeDraft' },
        // The child takes the draft before it is cleared.
        { guard: 'canSendReplies', actions: ['submitDraft', 'takeDraft', 'dropDraft'] },
        { actions: ['assignRefusal', 'emitRefusal'] },
      ],
      'reply.stored': { actions: ['stopStore', 'takeStored', 'dropDraft'] },
      'reply.notStored': { actions: ['stopStore', 'assignRefusal', 'emitRefusal'] },
      'reply.delivered': {
        actions: ['stopSubmit', 'markSent', 'keepUnsent'],
        target: '.list.loading',
      },
      'reply.failed': { actions: ['stopSubmit', 'markFailed', 'keepUnsent'] },
      'reply.retry': [
        { guard: 'isFailedDirect', actions: ['markRetrying', 'stopSubmit', 'submitDraft'] },
        { guard: 'isViaOutbox', actions: 'flushOutbox' },
      ],
      'outbox.changed': [
        { guard: 'isListNews', actions: 'takeOutboxNews', target: '.list.loading' },
        { actions: 'takeOutboxNews' },
      ],
    },
    states: {
      list: {
        initial: 'loading',
        states: {
          loading: {
            invoke: {
              src: 'listMyFeedback',
              input: ({ context }) => ({ customerId: context.customerId }),
              onDone: [
                {
                  guard: ({ context, event }) =>
                    newTeamReplies(event.output, context.knownReplies).length > 0,
                  target: 'ready',
                  actions: [
                    { type: 'announceNews', params: ({ event }) => event.output },
                    { type: 'assignList', params: ({ event }) => event.output },
                  ],
                },
                {
                  target: 'ready',
                  actions: [{ type: 'assignList', params: ({ event }) => event.output }],
                },
              ],
              // A failed reload keeps what the customer already sees; only a first load fails.
              onError: [{ guard: 'hasLoaded', target: 'ready' }, { target: 'failed' }],
            },
          },
          ready: {
            on: { 'list.refresh': 'loading' },
            after: { refreshMs: { guard: 'isPolling', target: 'loading' } },
          },
          failed: {
            on: { 'list.refresh': 'loading' },
          },
        },
      },
      /**
       * The ideas the customer follows on the board: `none` without a board, else loaded and
       * reloaded with the list (a failed reload keeps what is shown).
       */
      ideas: {
        initial: 'none',
        states: {
          none: { always: { guard: 'hasBoard', target: 'loading' } },
          loading: {
            invoke: {
              src: 'listFollowedIdeas',
              input: ({ context }) => ({ customerId: context.customerId }),
              onDone: {
                target: 'ready',
                actions: [{ type: 'assignIdeas', params: ({ event }) => event.output }],
              },
              onError: [{ guard: 'hasLoadedIdeas', target: 'ready' }, { target: 'failed' }],
            },
          },
          ready: {
            on: { 'list.refresh': 'loading' },
            after: { refreshMs: { guard: 'isPolling', target: 'loading' } },
          },
          failed: {
            on: { 'list.refresh': 'loading' },
          },
        },
      },
    },
  }))();

/** The wire payload an event sends: the item's draft, or the answer tried again. */
function payloadOf(context: YourFeedbackContext, event: YourFeedbackEvent): CustomerReply {
  if (event.type === 'reply.send')
    return {
      itemId: event.itemId,
      customerId: context.customerId,
      replyId: event.replyId,
      body: (context.drafts[event.itemId] ?? '').trim(),
      at: event.at,
    };
  const pending = context.pending.find((reply) => reply.payload.replyId === replyIdOf(event));
  // Only sent for a known answer: the transitions' guards make sure of it.
  if (!pending) throw new Error(`No answer to send for "${event.type}".`);
  return pending.payload;
}

/** The answer an event is about. */
function replyIdOf(event: YourFeedbackEvent): string {
  switch (event.type) {
    case 'reply.send':
    case 'reply.retry':
    case 'reply.delivered':
    case 'reply.failed':
      return event.replyId;
    case 'reply.stored':
    case 'reply.notStored':
      return event.payload.replyId;
    default:
      return '';
  }
}

/** The item and reason of an answer refused by this event, if it refuses one. */
function refusalOf(
  context: YourFeedbackContext,
  event: YourFeedbackEvent,
): { itemId: string; reason: ReplyRefusal } | undefined {
  if (event.type === 'reply.notStored') return { itemId: event.payload.itemId, reason: 'notSaved' };
  if (event.type !== 'reply.send') return undefined;
  const empty = !(context.drafts[event.itemId] ?? '').trim();
  return { itemId: event.itemId, reason: empty ? 'empty' : 'notSaved' };
}

/** The context once an answer is taken: shown as pending, its draft and error cleared. */
function taken(
  context: YourFeedbackContext,
  payload: CustomerReply,
  via: PendingReply['via'],
): Partial<YourFeedbackContext> {
  const { [payload.itemId]: _error, ...errors } = context.errors;
  const { [payload.itemId]: _restored, ...restoredDrafts } = context.restoredDrafts;
  return {
    restoredDrafts,
    // Delivered already, the outbox's news may have put it here first.
    pending: [
      ...context.pending.filter((reply) => reply.payload.replyId !== payload.replyId),
      { payload, via, state: 'sending' },
    ],
    drafts: { ...context.drafts, [payload.itemId]: '' },
    errors,
  };
}

/** Only this customer's answers count: another person may have used this device before. */
const ownStored = (context: YourFeedbackContext, news: OutboxNews) =>
  news.stored.filter((reply) => reply.payload.customerId === context.customerId);

/**
 * Whether an item's thread is shown: as the customer left it, else open while it holds a team
 * reply that arrived while they were here and is not read yet (the news is shown, not folded
 * away). What waited since their last visit is counted and marked instead, for them to open.
 */
export function isThreadOpen(context: YourFeedbackContext, itemId: string): boolean {
  const chosen = context.toggled[itemId];
  if (chosen) return chosen === 'open';
  const item = context.items.find((candidate) => candidate.id === itemId);
  return item ? unreadOf(context, item).some((reply) => context.arrived.includes(reply.id)) : false;
}
