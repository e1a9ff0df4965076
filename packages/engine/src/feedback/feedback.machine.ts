import { assign, setup } from 'xstate';
import {
  type Actor,
  type CxLevel,
  type FeedbackItem,
  type FeedbackStatus,
  MAX_ITEM_TAGS,
  type Reply,
  type Tag,
} from './feedback.schema';

/** Every event carries who did it and when: the history is the audit trail. */
interface Stamp {
  by: Actor;
  at: string;
}

/**
 * What can happen to a piece of feedback. Status moves are `feedback.*`; the thread is `reply.*`.
 * A decline carries the reason the customer sees; shipping carries the change it shipped in.
 */
export type FeedbackEvent =
  | ({ type: 'feedback.triage'; reason?: string } & Stamp)
  | ({ type: 'feedback.plan'; reason?: string } & Stamp)
  | ({ type: 'feedback.start'; reason?: string } & Stamp)
  | ({ type: 'feedback.ship'; changeId: string } & Stamp)
  | ({ type: 'feedback.decline'; reason: string } & Stamp)
  | ({ type: 'feedback.answer' } & Stamp)
  | ({ type: 'feedback.reopen'; reason?: string } & Stamp)
  | ({ type: 'reply.team'; reply: Pick<Reply, 'id' | 'body'> } & Stamp)
  | ({ type: 'reply.customer'; reply: Pick<Reply, 'id' | 'body'> } & Stamp)
  | ({ type: 'reply.read' } & Stamp)
  | ({ type: 'level.set'; level: CxLevel | null } & Stamp)
  | ({ type: 'tags.add'; tags: readonly Tag[] } & Stamp)
  | ({ type: 'tags.remove'; tags: readonly Tag[] } & Stamp)
  | ({ type: 'assignee.set'; assignee: string | null } & Stamp);

type StatusEvent = Extract<FeedbackEvent, { type: `feedback.${string}` }>;

/** A status move, guarded as the lifecycle requires, recorded with who, when and why. */
const to = <S extends FeedbackStatus, G extends 'hasReason' | 'hasChange' | 'hasTeamReply'>(
  status: S,
  guard?: G,
) =>
  ({
    target: status,
    actions: { type: 'recordMove', params: { to: status } },
    ...(guard ? { guard } : {}),
  }) as const;

/**
 * The thread is open in every status: a question can be answered after a decline too. The CX level,
 * the tags and the assignee can be set in every status as well (they are how the team files the
 * work, not a step of it).
 */
const thread = {
  'reply.team': { guard: 'mayContactCustomer', actions: 'addReply' },
  'reply.customer': { guard: 'isThreadOpen', actions: 'addReply' },
  'reply.read': { actions: 'markRead' },
  'level.set': { guard: 'isTeam', actions: 'setLevel' },
  'tags.add': { guard: 'hasRoomForTags', actions: 'addTags' },
  'tags.remove': { guard: 'isTeamFiling', actions: 'removeTags' },
  'assignee.set': { guard: 'isTeamFiling', actions: 'setAssignee' },
} as const;

/**
 * The lifecycle of one piece of feedback: `new → triaged → planned → inProgress → shipped`, with
 * `declined` and `answered` closing it. Guards keep it honest:
 * - a decline needs a reason (the customer sees it);
 * - shipping needs the change it shipped in (so the impact notice can say what was done), and an
 *   impact notice can come only from `shipped`;
 * - `answered` needs a team reply in the thread;
 * - the team may write to the customer only where the customer consented to be contacted, and the
 *   customer answers back only once the team has written;
 * - replying is handling: a team reply on a `new` item triages it (in the history like any move);
 *   from any other status the thread leaves the status as it is.
 * Declined and answered feedback may be reopened; shipped is final.
 */
export const feedbackMachine = /* @__PURE__ */ (() =>
  setup({
    types: {
      context: {} as FeedbackItem,
      input: {} as FeedbackItem,
      events: {} as FeedbackEvent,
    },
    guards: {
      hasReason: ({ event }) => 'reason' in event && (event.reason ?? '').trim().length > 0,
      // Untyped callers may leave the change out: refused like an empty one, never a TypeError.
      hasChange: ({ event }) =>
        event.type === 'feedback.ship' && (event.changeId ?? '').trim().length > 0,
      hasTeamReply: ({ context }) => context.replies.some((reply) => reply.author.kind === 'team'),
      isTeam: ({ event }) => event.by.kind === 'team',
      isTeamFiling: ({ event }) => event.by.kind === 'team',
      // Untyped callers may leave the tags out: refused like too many, never a TypeError.
      hasRoomForTags: ({ context, event }) =>
        event.type === 'tags.add' &&
        event.by.kind === 'team' &&
        Array.isArray(event.tags) &&
        new Set([...(context.tags ?? []), ...event.tags]).size <= MAX_ITEM_TAGS,
      mayContactCustomer: ({ context, event }) =>
        context.consentToContact && event.by.kind === 'team',
      isThreadOpen: ({ context, event }) =>
        event.by.kind === 'customer' &&
        event.by.id === context.customerId &&
        context.replies.some((reply) => reply.author.kind === 'team'),
    },
    actions: {
      recordMove: assign(({ context, event }, { to }: { to: FeedbackStatus }) => {
        const step = event as StatusEvent;
        const reason = 'reason' in step && step.reason ? step.reason.trim() : undefined;
        return {
          status: to,
          history: [
            ...context.history,
            { from: context.status, to, at: step.at, by: step.by, ...(reason ? { reason } : {}) },
          ],
          ...(step.type === 'feedback.ship' ? { changeId: step.changeId } : {}),
        };
      }),
      addReply: assign(({ context, event }) => {
        if (event.type !== 'reply.team' && event.type !== 'reply.customer') return {};
        // Idempotent by reply id: the same reply delivered twice is one message.
        if (context.replies.some((reply) => reply.id === event.reply.id)) return {};
        const body = event.reply.body.trim();
        return {
          replies: [
            ...context.replies,
            { id: event.reply.id, author: event.by, body, at: event.at },
          ],
        };
      }),
      setLevel: assign(({ event }) => {
        if (event.type !== 'level.set') return {};
        // Cleared, the key is left undefined: it is absent once stored as JSON.
        return event.level === null
          ? ({ level: undefined } as unknown as Partial<FeedbackItem>)
          : { level: event.level };
      }),
      addTags: assign(({ context, event }) => {
        if (event.type !== 'tags.add') return {};
        // Each tag once, in the order first added.
        const tags = [...new Set([...(context.tags ?? []), ...event.tags])];
        return { tags };
      }),
      removeTags: assign(({ context, event }) => {
        if (event.type !== 'tags.remove') return {};
        const tags = (context.tags ?? []).filter((tag) => !(event.tags ?? []).includes(tag));
        // None left, the key is left undefined: it is absent once stored as JSON.
        return tags.length > 0
          ? { tags }
          : ({ tags: undefined } as unknown as Partial<FeedbackItem>);
      }),
      setAssignee: assign(({ event }) => {
        if (event.type !== 'assignee.set') return {};
        const { assignee } = event;
        return typeof assignee === 'string'
          ? { assignee }
          : ({ assignee: undefined } as unknown as Partial<FeedbackItem>);
      }),
      markRead: assign(({ context, event }) => ({
        // Reading marks the other side's messages read (a receipt for the writer).
        replies: context.replies.map((reply) =>
          reply.author.kind !== event.by.kind && !reply.readAt
            ? { ...reply, readAt: event.at }
            : reply,
        ),
      })),
    },
  }).createMachine({
    id: 'palauteFeedback',
    context: ({ input }) => input,
    initial: 'new',
    states: {
      new: {
        on: {
          'feedback.triage': to('triaged'),
          'feedback.plan': to('planned'),
          'feedback.start': to('inProgress'),
          // A quick fix ships straight away: still only with the change it shipped in.
          'feedback.ship': to('shipped', 'hasChange'),
          'feedback.decline': to('declined', 'hasReason'),
          'feedback.answer': to('answered', 'hasTeamReply'),
          ...thread,
          // Replying is handling: the team's reply takes the item out of "new", recorded in the
          // history as the team's move like any other.
          'reply.team': {
            guard: 'mayContactCustomer',
            target: 'triaged',
            actions: ['addReply', { type: 'recordMove', params: { to: 'triaged' } }],
          },
        },
      },
      triaged: {
        on: {
          'feedback.plan': to('planned'),
          'feedback.start': to('inProgress'),
          'feedback.ship': to('shipped', 'hasChange'),
          'feedback.decline': to('declined', 'hasReason'),
          'feedback.answer': to('answered', 'hasTeamReply'),
          ...thread,
        },
      },
      planned: {
        on: {
          'feedback.start': to('inProgress'),
          'feedback.ship': to('shipped', 'hasChange'),
          'feedback.decline': to('declined', 'hasReason'),
          'feedback.triage': to('triaged'),
          ...thread,
        },
      },
      inProgress: {
        on: {
          'feedback.ship': to('shipped', 'hasChange'),
          'feedback.plan': to('planned'),
          'feedback.decline': to('declined', 'hasReason'),
          ...thread,
        },
      },
      shipped: { on: { ...thread } },
      declined: { on: { 'feedback.reopen': to('triaged'), ...thread } },
      answered: { on: { 'feedback.reopen': to('triaged'), ...thread } },
    },
  }))();
