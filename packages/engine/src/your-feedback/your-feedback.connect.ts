import type { CustomerFeedback, FeedbackStatus } from '../feedback/feedback.schema';
import { isThreadOpen } from './your-feedback.machine';
import type { YourFeedbackEvent } from './your-feedback.schema';
import {
  selectUnseenReplies,
  selectYourFeedbackState,
  unreadTeamReplies,
  type YourFeedbackListState,
  type YourFeedbackSnapshot,
} from './your-feedback.selectors';

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
}

/** The framework-free view of a customer's own feedback: values and intents. */
export interface YourFeedbackConnectApi {
  state: YourFeedbackListState;
  items: YourFeedbackItemState[];
  /** Team replies not seen yet, over all items: the launcher's and the title's badge. */
  unseenReplies: number;
  refresh(): void;
  toggle(itemId: string): void;
  /** The customer read these team replies (their receipt is the host's to send). */
  read(replyIds: string[]): void;
  /** The customer saw this impact notice (recording it is the host's to do). */
  seen(noticeId: string): void;
}

/** The rules of one item, for the customer. */
export function yourFeedbackItemStateOf(
  feedback: CustomerFeedback,
  options: { readHere?: readonly string[]; seenHere?: readonly string[]; expanded?: boolean } = {},
): YourFeedbackItemState {
  const declined =
    feedback.status === 'declined'
      ? [...feedback.history].reverse().find((step) => step.to === 'declined')?.reason
      : undefined;
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
  };
}

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
): YourFeedbackConnectApi {
  const { context } = snapshot;
  return {
    state: selectYourFeedbackState(snapshot),
    items: context.items.map((feedback) =>
      yourFeedbackItemStateOf(feedback, {
        readHere: context.readHere,
        seenHere: context.seenHere,
        expanded: isThreadOpen(context, feedback.id),
      }),
    ),
    unseenReplies: selectUnseenReplies(snapshot),
    refresh: () => send({ type: 'list.refresh' }),
    toggle: (itemId) => send({ type: 'thread.toggle', itemId }),
    read: (replyIds) => send({ type: 'thread.read', replyIds }),
    seen: (noticeId) => send({ type: 'impact.seen', noticeId }),
  };
}
