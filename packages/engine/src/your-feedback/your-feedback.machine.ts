import { assign, emit, fromPromise, setup } from 'xstate';
import type { CustomerFeedback } from '../feedback/feedback.schema';
import type {
  YourFeedbackContext,
  YourFeedbackEmitted,
  YourFeedbackEvent,
  YourFeedbackInput,
} from './your-feedback.schema';

const notProvided = () =>
  Promise.reject(
    new Error(
      `The "listMyFeedback" actor was not provided: use machine.provide() or createYourFeedback().`,
    ),
  );

/** The team's replies in `items` whose ids are not in `known`. */
const newTeamReplies = (items: readonly CustomerFeedback[], known: readonly string[] | null) =>
  known === null
    ? []
    : items.flatMap((item) =>
        item.replies.filter((reply) => reply.author.kind === 'team' && !known.includes(reply.id)),
      );

/**
 * A customer's own feedback, its threads and their news, as one machine: the list (loading,
 * ready, reloading, failed), which threads are open, what was read and seen here. Loading is an
 * invoked actor (`listMyFeedback`), so a reload answered after the actor stopped is dropped. The
 * team's new replies are emitted (`reply.arrived`) and open their thread.
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
      listMyFeedback: fromPromise<CustomerFeedback[], { customerId: string }>(notProvided),
    },
    delays: { refreshMs: ({ context }) => context.refreshMs },
    guards: {
      hasLoaded: ({ context }) => context.loaded,
      isPolling: ({ context }) => context.refreshMs > 0,
    },
    actions: {
      announceNews: emit(({ context }, items: CustomerFeedback[]) => {
        const fresh = newTeamReplies(items, context.knownReplies);
        return {
          type: 'reply.arrived' as const,
          name: fresh.at(-1)?.author.name,
          count: fresh.length,
        };
      }),
      assignList: assign((_, items: CustomerFeedback[]) => ({
        items,
        loaded: true,
        knownReplies: items.flatMap((item) => item.replies.map((reply) => reply.id)),
      })),
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
        event.type === 'impact.seen' && !context.seenHere.includes(event.noticeId)
          ? { seenHere: [...context.seenHere, event.noticeId] }
          : {},
      ),
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
    }),
    on: {
      'thread.toggle': { actions: 'toggle' },
      'thread.read': { actions: 'markRead' },
      'impact.seen': { actions: 'markSeen' },
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
                  actions: { type: 'assignList', params: ({ event }) => event.output },
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
    },
  }))();

/**
 * Whether an item's thread is shown: as the customer left it, else open while it holds team
 * replies they have not read (the news is shown, not folded away).
 */
export function isThreadOpen(context: YourFeedbackContext, itemId: string): boolean {
  const chosen = context.toggled[itemId];
  if (chosen) return chosen === 'open';
  const item = context.items.find((candidate) => candidate.id === itemId);
  return (
    item?.replies.some(
      (reply) =>
        reply.author.kind === 'team' && !reply.readAt && !context.readHere.includes(reply.id),
    ) ?? false
  );
}
