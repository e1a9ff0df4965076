import type {
  CustomerFeedback,
  FeedbackStatus,
  PublicIdea,
  ReplyDelivery,
  Survey,
  YourIdeasState,
} from '@palaute/engine';
import type { ChangeEvent, FormEvent, MouseEvent } from 'react';

export type { ReplyDelivery } from '@palaute/engine';

/** Where the panel stands: loading, showing items, nothing sent yet, or the list could not load. */
export type YourFeedbackState = 'loading' | 'ready' | 'empty' | 'error';

/** One message of a thread, as the customer reads it. */
export interface ThreadMessage {
  id: string;
  /** The customer's own message. */
  mine: boolean;
  /** "You", or the team member's name. */
  author: string;
  /** Plain text. */
  body: string;
  at: string;
  /** Where the customer's own message stands; `undefined` on the team's. */
  delivery: ReplyDelivery | undefined;
  /** A message from the team the customer has not read yet. */
  unread: boolean;
}

/** One step of the item's life, as the customer reads it. */
export interface YourFeedbackStep {
  status: FeedbackStatus;
  /** In plain words: "Received", "Planned", "Not planned"… */
  label: string;
  at: string;
}

/** One board idea the customer follows (wrote, voted for or commented on), ready to render. */
export interface YourIdeaItem {
  id: string;
  /** What the board says of it. */
  idea: PublicIdea;
  /** Its lifecycle status, in plain words ("Planned" is not "Done"). */
  statusLabel: string;
  /** What the status means, where it needs saying ("planned" is not done). */
  statusNote: string | undefined;
  /** Its votes, in words, by the language's plural rule ("1 vote", "3 votes"). */
  votesLabel: string;
  /** Why the team declined it, as they wrote it for the customers. */
  declineReason: string | undefined;
  /** "Merged into …", when it was merged into another idea. */
  mergedNote: string | undefined;
}

/** One piece of the customer's feedback, ready to render. */
export interface YourFeedbackItem {
  id: string;
  /** What the backend says of it. */
  feedback: CustomerFeedback;
  status: FeedbackStatus;
  /** The status in plain words ("We are looking into it"). */
  statusLabel: string;
  /** What the status means, where it needs saying ("planned" is not done). */
  statusNote: string | undefined;
  /** Why the team declined it, as they wrote it to the customer. */
  declineReason: string | undefined;
  /**
   * The score the customer gave, in words ("Your score: 2 of 5"; without the survey, "Your score:
   * 2"), so an answer without words is theirs to see too; `undefined` without one.
   */
  score: string | undefined;
  /**
   * What the empty thread says: `waiting` (they may be contacted, nobody wrote yet), `declined`
   * (they were asked to be contacted and said no) or `notAsked` (nobody asked; nothing is said).
   */
  contact: 'waiting' | 'declined' | 'notAsked';
  steps: YourFeedbackStep[];
  messages: ThreadMessage[];
  /** Messages from the team not read yet. */
  unread: number;
  /** The customer may answer back: the team has written. */
  canReply: boolean;
  /** The thread is shown. */
  expanded: boolean;
  /** The answer being written. */
  draft: string;
  /**
   * Said when the answer being written was restored from a draft kept when its field went away
   * (the offered reply's dialog closed, a page left): "We kept what you wrote…", in the customer's
   * language. `undefined` otherwise, and once the answer is sent.
   */
  draftNote: string | undefined;
  /** Why the last answer could not be sent or stored, in the customer's language. */
  error: string | undefined;
  /**
   * The impact notice is `new` to the customer (not seen before this visit; it stays `new` while
   * the panel is open, also once recorded as seen here) or `seen`; `undefined` without one.
   */
  impactState: 'new' | 'seen' | undefined;
}

/** Options of {@link useYourFeedback}. */
export interface UseYourFeedbackOptions {
  /**
   * Looks for news (a reply, a status change) this often, in ms; `0` never. The list is also
   * reloaded when the window regains focus and after the outbox delivers the customer's writes.
   * @default 60000
   */
  refreshMs?: number | undefined;
  /**
   * The surveys the feedback came from, to say a score with its scale ("2 of 5").
   * @default the Palaute client's surveys, when the provider has a client
   */
  surveys?: readonly Survey[] | undefined;
  /** The clock for replies and read receipts (tests and stories). @default () => new Date() */
  now?: (() => Date) | undefined;
  /** Makes reply ids (tests and stories). @default crypto.randomUUID */
  createId?: (() => string) | undefined;
}

/** What {@link useYourFeedback} returns: values to render, intents and prop getters. */
export interface YourFeedbackApi {
  state: YourFeedbackState;
  items: YourFeedbackItem[];
  /** The team's replies not read yet, over every item: the badge on "Your feedback". */
  unseenReplies: number;
  /** Where the customer's board ideas stand: `none` when the backend has no board (nothing shown). */
  ideasState: YourIdeasState;
  /** The board's ideas the customer wrote, voted for or commented on, newest first. */
  ideas: YourIdeaItem[];
  /** The latest polite announcement (a reply arrived, an answer was sent). */
  announcement: string;
  /** Reloads the list. */
  refresh(): Promise<void>;
  /** Shows or hides an item's thread; showing it marks the team's messages read. */
  toggle(itemId: string): void;
  setDraft(itemId: string, text: string): void;
  /** Sends the draft: stored on this device first when there is an outbox, shown at once. */
  send(itemId: string): Promise<void>;
  /** Tries a failed answer again (or flushes the outbox now). */
  retry(replyId: string): void;
  /**
   * The customer has seen the item's impact notice: recorded once (through the outbox, else the
   * backend's `markImpactSeen`, and told to the Palaute client), so no touchpoint offers it again;
   * it stays `new` while the panel is open. {@link YourFeedbackApi.getImpactProps}' ref calls it
   * when the notice is in view; call it yourself when you show the notice without that ref.
   * Does nothing for a notice already seen, or an item without one.
   */
  markImpactSeen(itemId: string): void;
  getRootProps(): {
    'aria-labelledby': string;
    'aria-busy': true | undefined;
    'data-state': YourFeedbackState;
  };
  getTitleProps(): { id: string; 'data-part': 'title' };
  /** The live region for new replies and delivery news; render it always. */
  getAnnouncerProps(): {
    role: 'status';
    'aria-live': 'polite';
    'aria-atomic': true;
    'data-part': 'announcer';
  };
  /** One item's `article`, named by its heading. */
  getItemProps(item: { id: string }): {
    'aria-labelledby': string;
    'data-part': 'feedback';
    'data-state': FeedbackStatus;
    'data-unread': '' | undefined;
  };
  getItemTitleProps(item: { id: string }): { id: string; 'data-part': 'item-title' };
  /**
   * What holds the item's impact notice, with whether it is news to the customer. While the notice
   * is unseen, `ref` watches the element and calls {@link YourFeedbackApi.markImpactSeen} once half
   * of it (or half the viewport, for a very tall one) has been in view while the page is visible;
   * without `IntersectionObserver` (old browsers, jsdom), once it is rendered. Put it on the
   * element that shows the notice, not on one always in view.
   */
  getImpactProps(item: { id: string }): {
    ref: ((element: Element | null) => void) | undefined;
    'data-part': 'impact';
    'data-state': 'new' | 'seen' | undefined;
  };
  /** The disclosure button of the item's thread. */
  getToggleProps(item: { id: string; onClick?: (event: MouseEvent<HTMLButtonElement>) => void }): {
    type: 'button';
    id: string;
    'aria-expanded': boolean;
    'aria-controls': string;
    'data-part': 'thread-toggle';
    'data-state': 'open' | 'closed';
    onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  };
  /** The thread the disclosure shows and hides. */
  getThreadProps(item: { id: string }): {
    id: string;
    hidden: boolean;
    'data-part': 'thread';
    'data-state': 'open' | 'closed';
  };
  getFormProps(item: { id: string }): {
    noValidate: true;
    'data-part': 'reply';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getLabelProps(item: { id: string }): { htmlFor: string; 'data-part': 'label' };
  getFieldProps(item: { id: string }): {
    id: string;
    ref: (element: HTMLTextAreaElement | null) => void;
    value: string;
    maxLength: number;
    rows: number;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
    'data-part': 'field';
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) => void;
  };
  /** The item's error; render it only when `item.error` is set. */
  getErrorProps(item: { id: string }): { id: string; role: 'alert'; 'data-part': 'error' };
  /** The note that the answer was restored (the field is described by it); render it only when `item.draftNote` is set. */
  getDraftNoteProps(item: { id: string }): { id: string; 'data-part': 'resumed' };
}
