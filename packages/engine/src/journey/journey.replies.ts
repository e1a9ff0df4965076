import * as z from 'zod/mini';
import { type Actor, replySchema } from '../feedback/feedback.schema';
import { checkBudget, type RuleCheck } from './journey.decide';
import type { ContactHistory, ContactPolicy } from './journey.schema';

/**
 * A team reply the customer has not read, offered at their next touchpoint like an impact notice:
 * the reply's text, who wrote it, and the feedback item it answers (whose thread "Your feedback"
 * opens).
 */
export interface ReplyNotice {
  /** The reply's id. */
  id: string;
  /** The feedback item the reply answers (its thread). */
  itemId: string;
  /** The reply, plain text: render it as text. */
  body: string;
  /** Who answered (`name` is shown, e.g. "Sanna from Laskutin"). */
  author: Actor;
  /** When the team wrote it. */
  at: string;
  /** Where the customer gave the feedback. */
  touchpointId: string;
  /** What the customer wrote, when they wrote text: the reply's context. */
  youSaid?: string;
}

/** Only what a reply notice needs of a listed item: one bad item cannot break the rest. */
const listedItemSchema = /* @__PURE__ */ (() =>
  z.object({
    id: z.string().check(z.minLength(1), z.maxLength(100)),
    touchpointId: z.string().check(z.minLength(1), z.maxLength(200)),
    text: z.optional(z.string()),
    replies: z.array(replySchema),
  }))();

/**
 * The team replies among a customer's feedback (as `listMyFeedback` gives it) that are neither
 * read (`readAt`) nor already seen on this device (`seen`, by reply id), oldest first. Items that
 * do not parse are left out. Pure.
 */
export function replyNoticesOf(feedback: readonly unknown[], seen: ReadonlySet<string>) {
  const notices: ReplyNotice[] = [];
  for (const raw of feedback) {
    const parsed = z.safeParse(listedItemSchema, raw);
    if (!parsed.success) continue;
    const item = parsed.data;
    for (const reply of item.replies) {
      if (reply.author.kind !== 'team' || reply.readAt || seen.has(reply.id)) continue;
      notices.push({
        id: reply.id,
        itemId: item.id,
        body: reply.body,
        author: reply.author,
        at: reply.at,
        touchpointId: item.touchpointId,
        ...(item.text ? { youSaid: item.text } : {}),
      });
    }
  }
  return notices.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Whether unread team replies may be offered now, under the contact policy, with every rule's
 * verdict:
 * - `optOut`: a customer who asked not to be asked again about anything is not approached with a
 *   reply either (the launcher's badge and "Your feedback" still show it);
 * - `budget`: the fatigue budget, where the replies' own contacts (counted when the team wrote
 *   them) do not count against offering those very replies: showing them is that contact.
 *
 * The quiet periods after a negative answer and while feedback awaits a reply hold back new asks so
 * the customer hears back first: a reply is that hearing back, so they do not hold it back. Never
 * offering the same reply twice and never while a survey is shown are the client's to keep (it
 * knows what is shown). Pure.
 */
export function checkReplyOffer(
  replies: readonly ReplyNotice[],
  policy: ContactPolicy,
  history: ContactHistory,
  now: number,
): { offerable: boolean; checks: RuleCheck[] } {
  const checks: RuleCheck[] = [];
  if (history.optedOutAt)
    checks.push({
      rule: 'optOut',
      passed: false,
      reason: `The customer asked not to be asked again (${history.optedOutAt}): replies wait in "Your feedback".`,
    });
  else checks.push({ rule: 'optOut', passed: true, reason: 'The customer has not opted out.' });
  const ids = new Set(replies.map((reply) => reply.id));
  const own = history.contacts.flatMap((contact) =>
    contact.kind === 'reply' && contact.id !== undefined && ids.has(contact.id)
      ? [Date.parse(contact.at)]
      : [],
  );
  checks.push(checkBudget(policy, history, now, own));
  return { offerable: replies.length > 0 && checks.every((check) => check.passed), checks };
}
