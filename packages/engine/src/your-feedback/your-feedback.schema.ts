import * as z from 'zod/mini';
import type { CustomerFeedback } from '../feedback/feedback.schema';

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
}

/** The events of the your-feedback machine. */
export type YourFeedbackEvent =
  | { type: 'list.refresh' }
  | { type: 'thread.toggle'; itemId: string }
  | { type: 'thread.read'; replyIds: string[] }
  | { type: 'impact.seen'; noticeId: string };

/** What the thread tells its host: the team wrote since the last look. */
export type YourFeedbackEmitted = {
  type: 'reply.arrived';
  /** The latest new reply's author name, when the team gave one. */
  name: string | undefined;
  count: number;
};
