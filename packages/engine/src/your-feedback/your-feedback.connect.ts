import type { CustomerFeedback, FeedbackStatus } from '../feedback/feedback.schema';
import { randomId } from '../shared/shared.ids';
import { isThreadOpen } from './your-feedback.machine';
import type {
  PendingReply,
  ReplyRefusal,
  YourFeedbackContext,
  YourFeedbackEvent,
} from './your-feedback.schema';
import {
  selectUnseenReplies,
  selectYourFeedbackState,
  selectYourIdeas,
  selectYourIdeasState,
  unreadTeamReplies,
  type YourFeedbackListState,
  type YourFeedbackSnapshot,
  type YourIdeaState,
  type YourIdeasState,
} from './your-feedback.selectors';

/**
 * Where one of the customer's own messages stands:
 * - `sending`: stored on this device (or on its way, without an outbox), the first try under way;
 * - `offline`: stored on this device, and the browser is offline;
 * - `queued`: stored on this device, a try failed, another will follow;
 * - `rejected`: stored on this device, but the server refused it for good;
 * - `failed`: sent without an outbox and it failed; kept on the page to try again;
 * - `sent`: the server has it; `read`: and the team has read it.
 */
export type ReplyDelivery =
  | 'sending'
  | 'offline'
  | 'queued'
  | 'rejected'
  | 'failed'
  | 'sent'
  | 'read';

/** One message of a thread, as the customer reads it (words are the host's). */
export interface YourFeedbackMessage {
  id: string;
  /** The customer's own message. */
  mine: boolean;
  /** The team member's name, when the team gave one; `undefined` on the customer's own. */
  authorName: string | undefined;
  /** Plain text. */
  body: string;
  at: string;
  /** Where the customer's own message stands; `undefined` on the team's. */
  delivery: ReplyDelivery | undefined;
  /** A message from the team the customer has not read yet. */
  unread: boolean;
  /** Found waiting in the outbox from an earlier page (where it stands is not news). */
  restored: boolean;
}

/** One piece of the customer's feedback with the rules that apply to it. */
export interface YourFeedbackItemState {
  feedback: CustomerFeedback;
  status: FeedbackStatus;
  /** Why the team declined it, as they wrote it to the customer. */
  declineReason: string | undefined;
  /**
   * What the empty thread says: `waiting` (they may be contacted, nobody wrote yet), `declined`
   * (they were asked to be contacted and said no) or `notAsked`.
   */
  contact: 'waiting' | 'declined' | 'notAsked';
  /** Team replies not read yet. */
  unread: number;
  /** The customer may answer back: the team has written. */
  canReply: boolean;
  /** The thread is shown (open by itself while it has news). */
  expanded: boolean;
  /** The impact notice is news (`new`, also while this page shows it after recording it) or `seen`. */
  impactState: 'new' | 'seen' | undefined;
  /** The thread: listed replies, then the customer's answers the server has not listed yet. */
  messages: YourFeedbackMessage[];
  /** The answer being written. */
  draft: string;
  /**
   * When the answer being written was last changed, if it was restored from a kept draft (written
   * in a view since closed): the customer is told their words were kept. `undefined` otherwise.
   */
  draftedAt: string | undefined;
  /** Why the last answer was not taken. */
  error: ReplyRefusal | undefined;
}

/** The framework-free view of a customer's own feedback: values and intents. */
export interface YourFeedbackConnectApi {
  state: YourFeedbackListState;
  items: YourFeedbackItemState[];
  /** Team replies not seen yet, over all items: the launcher's and the title's badge. */
  unseenReplies: number;
  /** Where the customer's ideas on the board stand (`none` without a board). */
  ideasState: YourIdeasState;
  /** The ideas the customer wrote, voted for or commented on, newest first. */
  ideas: YourIdeaState[];
  refresh(): void;
  toggle(itemId: string): void;
  /** The customer read these team replies (their receipt is the host's to send). */
  read(replyIds: string[]): void;
  /** The customer saw this impact notice: recorded once, so no touchpoint offers it again. */
  seen(noticeId: string): void;
  /** The customer saw the item's impact notice (does nothing without one, or when seen). */
  markImpactSeen(itemId: string): void;
  setDraft(itemId: string, text: string): void;
  /** Sends the item's draft as a new answer (`replyId` and `at` default to a new id and now). */
  send(itemId: string, stamp?: { replyId: string; at: string }): void;
  /** Tries a failed answer again (or flushes the outbox now). */
  retry(replyId: string): void;
}

/** Options of {@link connectYourFeedback}. */
export interface ConnectYourFeedbackOptions {
  /** The browser is online (an answer in the outbox is then `sending`, else `offline`). @default true */
  online?: boolean | undefined;
}

/** Where an answer not listed yet stands. */
function deliveryOf(
  context: YourFeedbackContext,
  reply: Pick<PendingReply, 'payload' | 'via' | 'state'>,
  online: boolean,
): ReplyDelivery {
  if (reply.via === 'direct') return reply.state;
  const stored = context.stored.find(
    (candidate) => candidate.payload.replyId === reply.payload.replyId,
  );
  if (!stored?.status) return 'sent';
  if (stored.status === 'rejected') return 'rejected';
  if (!online) return 'offline';
  return stored.status === 'retrying' ? 'queued' : 'sending';
}

/** An item's thread: its listed replies, then this customer's answers not listed yet. */
export function yourFeedbackMessagesOf(
  context: YourFeedbackContext,
  feedback: CustomerFeedback,
  options: ConnectYourFeedbackOptions = {},
): YourFeedbackMessage[] {
  const online = options.online ?? true;
  const listed = new Set(feedback.replies.map((reply) => reply.id));
  const following = new Set(context.pending.map((reply) => reply.payload.replyId));
  const waiting = [
    ...context.pending.map((reply) => ({ ...reply, restored: false })),
    // Stored by an earlier page (written offline, then reloaded) and not followed here yet.
    ...context.stored
      .filter((reply) => !following.has(reply.payload.replyId))
      .map((reply) => ({
        payload: reply.payload,
        via: 'outbox' as const,
        state: 'sending' as const,
        restored: true,
      })),
  ];
  return [
    ...feedback.replies.map((reply): YourFeedbackMessage => {
      const mine = reply.author.kind === 'customer';
      return {
        id: reply.id,
        mine,
        authorName: mine ? undefined : reply.author.name,
        body: reply.body,
        at: reply.at,
        delivery: mine ? (reply.readAt ? 'read' : 'sent') : undefined,
        unread: !mine && !reply.readAt && !context.readHere.includes(reply.id),
        restored: false,
      };
    }),
    ...waiting
      .filter((reply) => reply.payload.itemId === feedback.id && !listed.has(reply.payload.replyId))
      .map(
        (reply): YourFeedbackMessage => ({
          id: reply.payload.replyId,
          mine: true,
          authorName: undefined,
          body: reply.payload.body,
          at: reply.payload.at,
          delivery: deliveryOf(context, reply, online),
          unread: false,
          restored: reply.restored,
        }),
      ),
  ];
}

/** The rules of one item, for the customer. */
export function yourFeedbackItemStateOf(
  feedback: CustomerFeedback,
  options: {
    readHere?: readonly string[];
    seenHere?: readonly string[];
    expanded?: boolean;
    context?: YourFeedbackContext;
    online?: boolean;
  } = {},
): YourFeedbackItemState {
  const declined =
    feedback.status === 'declined'
      ? [...feedback.history].reverse().find((step) => step.to === 'declined')?.reason
      : undefined;
  const { context } = options;
  return {
    feedback,
    status: feedback.status,
    declineReason: declined,
    contact: feedback.consentToContact
      ? 'waiting'
      : Object.values(feedback.answers).includes(false)
        ? 'declined'
        : 'notAsked',
    unread: unreadTeamReplies(feedback, options.readHere).length,
    canReply: feedback.replies.some((reply) => reply.author.kind === 'team'),
    expanded: options.expanded ?? false,
    impactState: feedback.impact
      ? !feedback.impact.seenAt || options.seenHere?.includes(feedback.impact.id)
        ? 'new'
        : 'seen'
      : undefined,
    messages: context ? yourFeedbackMessagesOf(context, feedback, options) : [],
    draft: context?.drafts[feedback.id] ?? '',
    draftedAt: context?.restoredDrafts[feedback.id],
    error: context?.errors[feedback.id],
  };
}

const newReplyId = () => `reply-${randomId()}`;

/**
 * Builds the {@link YourFeedbackConnectApi} for a snapshot.
 *
 * @example
 * ```ts
 * const api = connectYourFeedback(actor.getSnapshot(), actor.send);
 * badge.textContent = String(api.unseenReplies);
 * ```
 */
export function connectYourFeedback(
  snapshot: YourFeedbackSnapshot,
  send: (event: YourFeedbackEvent) => void,
  options: ConnectYourFeedbackOptions = {},
): YourFeedbackConnectApi {
  const { context } = snapshot;
  return {
    state: selectYourFeedbackState(snapshot),
    items: context.items.map((feedback) =>
      yourFeedbackItemStateOf(feedback, {
        readHere: context.readHere,
        seenHere: context.seenHere,
        expanded: isThreadOpen(context, feedback.id),
        context,
        online: options.online ?? true,
      }),
    ),
    unseenReplies: selectUnseenReplies(snapshot),
    ideasState: selectYourIdeasState(snapshot),
    ideas: selectYourIdeas(snapshot),
    refresh: () => send({ type: 'list.refresh' }),
    toggle: (itemId) => send({ type: 'thread.toggle', itemId }),
    read: (replyIds) => send({ type: 'thread.read', replyIds }),
    seen: (noticeId) => send({ type: 'impact.seen', noticeId }),
    markImpactSeen: (itemId) => {
      const notice = context.items.find((item) => item.id === itemId)?.impact;
      if (notice) send({ type: 'impact.seen', noticeId: notice.id });
    },
    setDraft: (itemId, text) => send({ type: 'draft.change', itemId, text }),
    send: (itemId, stamp) =>
      send({
        type: 'reply.send',
        itemId,
        replyId: stamp?.replyId ?? newReplyId(),
        at: stamp?.at ?? new Date().toISOString(),
      }),
    retry: (replyId) => send({ type: 'reply.retry', replyId }),
  };
}
