import * as z from 'zod/mini';
import type { PublicIdea } from '../board/board.schema';
import type { TextDrafts } from '../drafts/drafts.store';
import type { CustomerFeedback } from '../feedback/feedback.schema';
import type { RecordStatus } from '../outbox/outbox';
import type { OutboxRecord } from '../outbox/outbox.schema';
import type { CustomerReply } from '../records/records.schema';

/** What a customer's "your feedback" thread starts with. */
export const yourFeedbackInputSchema = /* @__PURE__ */ (() =>
  z.object({
    /** The customer whose feedback is listed. */
    customerId: z.string().check(z.minLength(1), z.maxLength(200)),
    /** Looks for news this often, in ms; `0` never. */
    refreshMs: z.optional(z.number().check(z.minimum(0))),
  }))();
/** What a customer's "your feedback" thread starts with. */
export type YourFeedbackInput = z.input<typeof yourFeedbackInputSchema>;

/** The longest answer a customer may write back, in characters (the wire schema's limit). */
export const REPLY_MAX_LENGTH = 5000;

/**
 * An answer the customer wrote on this page, until the server lists it: through the outbox
 * (`via: 'outbox'`, where it stands is the outbox's) or sent straight to the backend (`direct`,
 * `sending`, `failed` (kept to try again) or `sent`).
 */
export interface PendingReply {
  payload: CustomerReply;
  via: 'outbox' | 'direct';
  state: 'sending' | 'failed' | 'sent';
}

/** One of this customer's answers the outbox holds, with where it stands there. */
export interface StoredReply {
  payload: CustomerReply;
  status: RecordStatus | undefined;
}

/** Why an answer was not taken: nothing written, or it could be neither stored nor sent. */
export type ReplyRefusal = 'empty' | 'notSaved';

/** The your-feedback machine's context. */
export interface YourFeedbackContext {
  customerId: string;
  refreshMs: number;
  /** The customer's feedback as last listed. */
  items: CustomerFeedback[];
  /** A list was loaded at least once (a failed reload keeps it). */
  loaded: boolean;
  /** Ids of every reply listed so far; `null` before the first load (nothing is news then). */
  knownReplies: string[] | null;
  /** Threads the customer opened or closed by hand (else a thread with news is open). */
  toggled: Record<string, 'open' | 'closed'>;
  /** Team replies read on this page (their receipt is on its way). */
  readHere: string[];
  /** Impact notices recorded as seen on this page (still shown as new while it is open). */
  seenHere: string[];
  /** The answer being written, per item. */
  drafts: Record<string, string>;
  /**
   * Items whose answer was restored from a draft kept when its field went away (a dialog closed,
   * a page left), with when it was last written: said to the customer, until the answer is sent.
   */
  restoredDrafts: Record<string, string>;
  /** Why the last answer of an item was not taken, per item. */
  errors: Record<string, ReplyRefusal>;
  /** Answers written on this page the server has not listed yet. */
  pending: PendingReply[];
  /** This customer's answers the outbox holds (also those an earlier page left), as it last said. */
  stored: StoredReply[];
  /** Items whose team replies were just read here: their receipts are to be sent. */
  receiptsDue: string[];
  /** Team replies that arrived while the customer was here (listed after the first load). */
  arrived: string[];
  /** The board's ideas the customer follows (wrote, voted for, commented on), as last listed. */
  ideas: PublicIdea[];
  /** The ideas were listed at least once. */
  ideasLoaded: boolean;
}

/** What the outbox told the thread: what it holds for this customer, and what it just delivered. */
export interface OutboxNews {
  stored: StoredReply[];
  delivered?: OutboxRecord | undefined;
}

/** The events of the your-feedback machine. */
export type YourFeedbackEvent =
  | { type: 'list.refresh' }
  | { type: 'thread.toggle'; itemId: string }
  | { type: 'thread.read'; replyIds: string[] }
  | { type: 'impact.seen'; noticeId: string }
  | { type: 'draft.change'; itemId: string; text: string }
  /** The kept drafts as the draft store holds them (on start, and when another view wrote). */
  | { type: 'drafts.restored'; drafts: TextDrafts }
  /** Sends the item's draft as the answer `replyId`, written at `at`. */
  | { type: 'reply.send'; itemId: string; replyId: string; at: string }
  | { type: 'reply.retry'; replyId: string }
  /** The outbox stored the answer (`status` is where it stands right after). */
  | { type: 'reply.stored'; payload: CustomerReply; status: RecordStatus | undefined }
  | { type: 'reply.notStored'; payload: CustomerReply }
  /** A direct send ended. */
  | { type: 'reply.delivered'; replyId: string }
  | { type: 'reply.failed'; replyId: string }
  | ({ type: 'outbox.changed' } & OutboxNews);

/** What the thread tells its host. */
export type YourFeedbackEmitted =
  /** The team wrote since the last look. */
  | {
      type: 'reply.arrived';
      /** The latest new reply's author name, when the team gave one. */
      name: string | undefined;
      count: number;
    }
  /** An answer was not taken (the host moves focus back to its field). */
  | { type: 'reply.refused'; itemId: string; reason: ReplyRefusal };
