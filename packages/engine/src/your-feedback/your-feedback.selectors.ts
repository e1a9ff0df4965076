import type { SnapshotFrom } from 'xstate';
import type { PublicIdea } from '../board/board.schema';
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

/**
 * Where the customer's ideas stand: `none` (the backend has no board: nothing is shown), loading,
 * ready, `empty` (they follow no idea yet) or `error` (the first load failed; a reload keeps them).
 */
export type YourIdeasState = 'none' | 'loading' | 'ready' | 'empty' | 'error';

/** Where the customer's ideas stand. */
export const selectYourIdeasState = (snapshot: YourFeedbackSnapshot): YourIdeasState => {
  if (snapshot.matches({ ideas: 'none' })) return 'none';
  if (!snapshot.context.ideasLoaded)
    return snapshot.matches({ ideas: 'failed' }) ? 'error' : 'loading';
  return snapshot.context.ideas.length === 0 ? 'empty' : 'ready';
};

/** One idea the customer follows, as "Your feedback" shows it. */
export interface YourIdeaState {
  idea: PublicIdea;
  /** The title of the idea it was merged into, when it was merged (and that one is listed). */
  mergedIntoTitle: string | undefined;
}

/** The ideas the customer follows, each with the title of the idea it was merged into, if any. */
export const selectYourIdeas = (snapshot: YourFeedbackSnapshot): YourIdeaState[] => {
  const { ideas } = snapshot.context;
  return ideas.map((idea) => ({
    idea,
    mergedIntoTitle: idea.mergedInto
      ? ideas.find((candidate) => candidate.id === idea.mergedInto)?.title
      : undefined,
  }));
};
