import type { SnapshotFrom } from 'xstate';
import type { CustomerFeedback } from '../feedback/feedback.schema';
import { isThreadOpen, type yourFeedbackMachine } from './your-feedback.machine';

/** A snapshot of the your-feedback machine. */
export type YourFeedbackSnapshot = SnapshotFrom<typeof yourFeedbackMachine>;
/** Where the panel stands: loading, showing items, nothing sent yet, or the list could not load. */
export type YourFeedbackListState = 'loading' | 'ready' | 'empty' | 'error';

/** The panel's state: a reload keeps the list shown, so only a first load is `loading`. */
export const selectYourFeedbackState = (snapshot: YourFeedbackSnapshot): YourFeedbackListState => {
  if (!snapshot.context.loaded) return snapshot.matches({ list: 'failed' }) ? 'error' : 'loading';
  return snapshot.context.items.length === 0 ? 'empty' : 'ready';
};
/** The customer's feedback as last listed. */
export const selectYourFeedbackItems = (snapshot: YourFeedbackSnapshot): CustomerFeedback[] =>
  snapshot.context.items;
/** Whether an item's thread is shown. */
export const selectThreadOpen = (snapshot: YourFeedbackSnapshot, itemId: string): boolean =>
  isThreadOpen(snapshot.context, itemId);

/** The team's replies of an item the customer has not read yet (not even on this page). */
export const unreadTeamReplies = (
  item: CustomerFeedback,
  readHere: readonly string[] = [],
): CustomerFeedback['replies'] =>
  item.replies.filter(
    (reply) => reply.author.kind === 'team' && !reply.readAt && !readHere.includes(reply.id),
  );

/** How many team replies the customer has not seen, over all their feedback: the badge's count. */
export const selectUnseenReplies = (snapshot: YourFeedbackSnapshot): number =>
  snapshot.context.items.reduce(
    (count, item) => count + unreadTeamReplies(item, snapshot.context.readHere).length,
    0,
  );
