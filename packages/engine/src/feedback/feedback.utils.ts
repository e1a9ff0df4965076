import { getNextSnapshot } from 'xstate';
import type {
  CustomerReply,
  ImpactNotice,
  ReadReceipt,
  StoredResponse,
} from '../records/records.schema';
import { NotFoundError, ValidationError } from '../shared/shared.errors';
import type { FeedbackEvent } from './feedback.machine';
import { feedbackMachine } from './feedback.machine';
import type {
  Actor,
  BulkVerdict,
  Change,
  ChangeInput,
  CustomerFeedback,
  FeedbackItem,
  FeedbackStatus,
  StoredNotice,
  TeamAction,
} from './feedback.schema';
import { MAX_ITEM_TAGS, MAX_ITEM_TEXT_LENGTH } from './feedback.schema';

/**
 * Why a lifecycle event was refused, for code to act on (the message is for people):
 * - `notFromStatus`: the move does not exist from the item's status (e.g. reopening shipped feedback);
 * - `reasonRequired`: a decline without the reason the customer reads;
 * - `changeRequired`: shipping without the change it shipped in;
 * - `teamReplyRequired`: closing as answered before the team has replied;
 * - `noConsent`: a reply to a customer who did not consent to be contacted;
 * - `threadClosed`: a customer reply outside their own thread, or before the team has written;
 * - `teamOnly`: a team action by someone who is not on the team;
 * - `tooManyTags`: tags added past the most an item carries (`MAX_ITEM_TAGS`).
 */
export type LifecycleErrorCode =
  | 'notFromStatus'
  | 'reasonRequired'
  | 'changeRequired'
  | 'teamReplyRequired'
  | 'noConsent'
  | 'threadClosed'
  | 'teamOnly'
  | 'tooManyTags';

/** A lifecycle move that is not allowed from where the feedback stands, with the reason. */
export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
  constructor(
    readonly status: FeedbackStatus,
    readonly event: FeedbackEvent['type'],
    /** Why, for code: which rule refused it. */
    readonly code: LifecycleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The rule behind each of the machine's guards, and what it says. */
const GUARDS = {
  hasReason: ['reasonRequired', 'a decline needs a reason the customer can read'],
  hasChange: ['changeRequired', 'shipping needs the change it shipped in'],
  hasTeamReply: [
    'teamReplyRequired',
    'it can be closed as answered only after the team has replied',
  ],
  mayContactCustomer: ['noConsent', 'the customer did not consent to be contacted about it'],
  isTeam: ['teamOnly', 'only the team sets the CX level'],
  isTeamFiling: ['teamOnly', 'only the team tags and assigns feedback'],
  hasRoomForTags: ['tooManyTags', `an item carries at most ${MAX_ITEM_TAGS} tags`],
  isThreadOpen: [
    'threadClosed',
    'the customer can answer only in their own thread, once the team has written',
  ],
} as const satisfies Record<string, readonly [LifecycleErrorCode, string]>;

/** The machine's transition for an event from a status, if the lifecycle has one. */
function transitionOf(status: FeedbackStatus, type: FeedbackEvent['type']) {
  const transition = feedbackMachine.states[status]?.transitions.get(type)?.[0];
  return transition
    ? {
        to: transition.target?.[0]?.key as FeedbackStatus | undefined,
        guard: transition.guard as keyof typeof GUARDS | undefined,
      }
    : undefined;
}

/**
 * Applies one lifecycle event to a piece of feedback and returns the updated item, or throws a
 * {@link LifecycleError} saying why it is not allowed (from this status, or by a guard). Pure: the
 * item given is not changed. Backends run every team and customer action through it.
 */
export function applyFeedbackEvent(item: FeedbackItem, event: FeedbackEvent): FeedbackItem {
  const snapshot = feedbackMachine.resolveState({ value: item.status, context: item });
  if (!snapshot.can(event)) {
    const transition = transitionOf(item.status, event.type);
    const action = event.type
      .replace('feedback.', '')
      .replace('reply.', 'reply as ')
      .replace('.', ' ');
    if (!transition?.guard)
      throw new LifecycleError(
        item.status,
        event.type,
        'notFromStatus',
        `Cannot ${action} feedback that is ${item.status}.`,
      );
    const [code, why] = GUARDS[transition.guard];
    throw new LifecycleError(item.status, event.type, code, `Cannot ${action}: ${why}.`);
  }
  return getNextSnapshot(feedbackMachine, snapshot, event).context;
}

/** A status move the team can make from where a piece of feedback stands. */
export interface TeamMove {
  /** The event that makes it. */
  type: Extract<FeedbackEvent['type'], `feedback.${string}`>;
  /** The status it leads to. */
  to: FeedbackStatus;
  /** What the move must carry: `reason` (a decline; the customer reads it) or `changeId` (shipping). */
  needs: 'reason' | 'changeId' | undefined;
  /** Why it cannot be made yet (e.g. `teamReplyRequired` for "answered"); `undefined` when it can. */
  blockedBy: LifecycleErrorCode | undefined;
}

/**
 * The status moves the lifecycle has from where `item` stands, read from the machine itself: each
 * with what it must carry and, if the item does not allow it yet, the rule that blocks it. A team UI
 * offers exactly these, so it never shows a move the backend would refuse.
 */
export function teamMovesFrom(item: FeedbackItem): TeamMove[] {
  const snapshot = feedbackMachine.resolveState({ value: item.status, context: item });
  const stamp = { by: { kind: 'team', id: 'team' } as Actor, at: item.createdAt };
  const moves: TeamMove[] = [];
  for (const type of feedbackMachine.states[item.status]?.transitions.keys() ?? []) {
    if (!type.startsWith('feedback.')) continue;
    const transition = transitionOf(item.status, type as FeedbackEvent['type']);
    if (!transition?.to) continue;
    const needs =
      transition.guard === 'hasReason'
        ? 'reason'
        : transition.guard === 'hasChange'
          ? 'changeId'
          : undefined;
    // With what it must carry given, whatever still blocks it is about the item itself.
    const event = { type, ...stamp, reason: 'given', changeId: 'given' } as FeedbackEvent;
    moves.push({
      type: type as TeamMove['type'],
      to: transition.to,
      needs,
      blockedBy: snapshot.can(event) || !transition.guard ? undefined : GUARDS[transition.guard][0],
    });
  }
  return moves;
}

/** Whether a status means done for the customer: only `shipped`. `planned` never reads as done. */
export function isDone(status: FeedbackStatus): boolean {
  return status === 'shipped';
}

/** Whether a status closes the loop (the customer heard back with an outcome). */
export function isClosed(status: FeedbackStatus): boolean {
  return status === 'shipped' || status === 'declined' || status === 'answered';
}

/**
 * Makes the feedback item for a stored response: every response is one, so a score without words
 * (a CSAT of 2/5 and nothing more) is seen, counted and handled like any other. Its `text` holds the
 * customer's own words (text answers, "other" texts, a text follow-up), when there are some.
 * `undefined` only for a response without a single answer.
 */
export function feedbackItemFromResponse(
  response: StoredResponse,
  options: { system?: Actor } = {},
): FeedbackItem | undefined {
  const answers = { ...response.answers };
  for (const followUp of response.followUps)
    if (followUp.answer !== undefined) answers[followUp.questionId] = followUp.answer;
  const texts: string[] = [];
  let consentToContact = false;
  for (const value of Object.values(answers)) {
    if (typeof value === 'string' && value.trim()) texts.push(value.trim());
    else if (typeof value === 'object' && value.other?.trim()) texts.push(value.other.trim());
    else if (value === true) consentToContact = true;
  }
  if (Object.keys(answers).length === 0) return undefined;
  const system = options.system ?? { kind: 'system', id: 'palaute' };
  return {
    id: response.id,
    customerId: response.customerId,
    surveyId: response.surveyId,
    touchpointId: response.touchpointId,
    answers,
    ...(texts.length > 0 ? { text: itemText(texts) } : {}),
    ...(response.partial ? { partial: true as const } : {}),
    ...(response.sentiment ? { sentiment: response.sentiment } : {}),
    ...(response.kind ? { kind: response.kind } : {}),
    consentToContact,
    ...(response.segment ? { segment: response.segment } : {}),
    status: 'new',
    history: [{ from: null, to: 'new', at: response.submittedAt, by: system }],
    replies: [],
    createdAt: response.submittedAt,
  };
}

/** The customer's words joined, cut to {@link MAX_ITEM_TEXT_LENGTH} (the answers keep them whole). */
function itemText(texts: readonly string[]): string {
  const text = texts.join('\n\n');
  if (text.length <= MAX_ITEM_TEXT_LENGTH) return text;
  // Never half of a surrogate pair at the cut.
  const cut = text.slice(0, MAX_ITEM_TEXT_LENGTH - 1);
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/**
 * The item of a stored response after it (or one of its follow-ups) arrives: a new item, or the
 * known one with what the customer said refreshed and its life kept. `undefined` when there is
 * nothing to handle. A new item takes `id` (the response's id unless another customer's item has
 * it). Pure; every backend ingests through it.
 */
export function ingestFeedbackItem(
  known: FeedbackItem | undefined,
  response: StoredResponse,
  id: string = response.id,
): FeedbackItem | undefined {
  const made = feedbackItemFromResponse(response);
  if (!made) return known;
  if (!known) return id === response.id ? made : { ...made, id, responseId: response.id };
  return {
    ...known,
    answers: made.answers,
    consentToContact: known.consentToContact || made.consentToContact,
    ...(made.text ? { text: made.text } : {}),
  };
}

/**
 * The error for an item id that names no feedback item: a {@link NotFoundError} naming the id, which
 * the protocol answers 404 `not_found` (an unknown item, as the OpenAPI document says).
 */
export function feedbackNotFound(id: string): NotFoundError {
  return new NotFoundError(
    [{ path: 'id', message: `is not a feedback item ("${id}")` }],
    'feedback',
  );
}

/**
 * The customer's own item, or the error a stranger gets (a {@link NotFoundError}, 404 over HTTP):
 * the same answer for "not yours" and "not there", so nothing leaks about other customers.
 */
export function ownFeedbackItem(
  item: FeedbackItem | undefined,
  customerId: string,
  subject = 'reply',
): FeedbackItem {
  // An unknown item and another customer's are refused alike: nothing tells them apart.
  if (!item || item.customerId !== customerId)
    throw new NotFoundError(
      [{ path: 'itemId', message: 'is not one of your feedback items' }],
      subject,
    );
  return item;
}

/** A team member's status change or reply, stamped; only the team acts on feedback. */
export function applyTeamAction(
  item: FeedbackItem,
  action: TeamAction,
  by: Actor,
  at: string,
): FeedbackItem {
  if (by.kind !== 'team')
    throw new LifecycleError(
      item.status,
      action.type,
      'teamOnly',
      'Only the team acts on feedback.',
    );
  return applyFeedbackEvent(item, { ...action, by, at } as FeedbackEvent);
}

/**
 * The verdict on one item of a bulk action: the item the action made (`done`), or why it was
 * refused (`not_found`, `lifecycle.<rule>`). Anything else (the database is away) is thrown, so the
 * request fails as a whole and can be tried again.
 */
export function bulkVerdictOf(id: string, run: () => FeedbackItem): BulkVerdict {
  try {
    return { id, outcome: 'done', item: run() };
  } catch (error) {
    if (error instanceof NotFoundError)
      return { id, outcome: 'refused', error: { code: 'not_found', message: error.message } };
    if (error instanceof LifecycleError)
      return {
        id,
        outcome: 'refused',
        error: { code: `lifecycle.${error.code}`, message: error.message },
      };
    throw error;
  }
}

/** The customer writes back in the thread of their own item (check ownership first). */
export function applyCustomerReply(item: FeedbackItem, reply: CustomerReply): FeedbackItem {
  return applyFeedbackEvent(item, {
    type: 'reply.customer',
    by: { kind: 'customer', id: reply.customerId },
    at: reply.at,
    reply: { id: reply.replyId, body: reply.body },
  });
}

/** The customer read the team's messages on their own item (check ownership first). */
export function applyReadReceipt(item: FeedbackItem, receipt: ReadReceipt): FeedbackItem {
  return applyFeedbackEvent(item, {
    type: 'reply.read',
    by: { kind: 'customer', id: receipt.customerId },
    at: receipt.at,
  });
}

/** Truncates the customer's words for "You told us …". */
const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 277)}…` : text);

const BOARD_NOTICE_PREFIX = 'board:';

/**
 * The id of the notice a changelog entry gives the followers of its ideas (`board:<entry id>`; an
 * entry's id is the id of the change that ships its feedback items). One customer gets one notice
 * per shipped change: when their own feedback item ships in it too, the item's notice (their own
 * words) stands instead of this one, whichever is made first.
 */
export function boardNoticeId(changeId: string): string {
  return `${BOARD_NOTICE_PREFIX}${changeId}`;
}

/** The change a board notice tells of (see {@link boardNoticeId}); `undefined` for an item's notice. */
export function changeOfBoardNotice(noticeId: string): string | undefined {
  return noticeId.startsWith(BOARD_NOTICE_PREFIX)
    ? noticeId.slice(BOARD_NOTICE_PREFIX.length)
    : undefined;
}

/** The "you said, we did" notice a shipped item gives its customer. */
export function impactNoticeFor(item: FeedbackItem, change: Change): ImpactNotice {
  return {
    id: `${change.id}:${item.id}`,
    ...(item.text ? { youSaid: excerpt(item.text) } : {}),
    weDid: change.weDid,
    ...(change.details ? { details: change.details } : {}),
    shippedAt: change.shippedAt,
    ...(change.link ? { link: change.link } : {}),
  };
}

/**
 * A change shipped: the change, its linked items moved to `shipped`, and one notice for each
 * item's customer (exactly them, and only from `shipped`). Every item is checked before any is
 * moved, so all of the change ships or none of it: a declined, answered or otherwise shipped item
 * throws a {@link ValidationError} naming it. Pure; `linked` is in `input.itemIds` order.
 */
export function shipChangeTo(
  linked: readonly FeedbackItem[],
  input: ChangeInput,
  by: Actor,
  shippedAt: string,
): {
  change: Change;
  items: FeedbackItem[];
  notices: (StoredNotice & { customerId: string; itemId: string })[];
} {
  const problems = linked.flatMap((item, index) =>
    item.status === 'declined' || item.status === 'answered'
      ? [
          {
            path: `itemIds[${index}]`,
            message: `is ${item.status}: reopen it before linking it to a change`,
          },
        ]
      : item.status === 'shipped' && item.changeId !== input.id
        ? [{ path: `itemIds[${index}]`, message: `already shipped in "${item.changeId}"` }]
        : [],
  );
  if (problems.length > 0) throw new ValidationError(problems, 'change');
  const change: Change = { ...input, shippedAt };
  const items = linked.map((item) =>
    item.status === 'shipped'
      ? item
      : applyFeedbackEvent(item, { type: 'feedback.ship', changeId: change.id, by, at: shippedAt }),
  );
  return {
    change,
    items,
    notices: items.map((item) => ({
      customerId: item.customerId,
      itemId: item.id,
      notice: impactNoticeFor(item, change),
    })),
  };
}

/**
 * What one customer sees of their feedback, newest first: statuses with reasons only for declines,
 * the thread with the team member's name (never their internal id), and the impact notice of a
 * shipped item with when they saw it. Pure; only `customerId`'s items and notices are read.
 */
export function customerFeedbackOf(
  customerId: string,
  items: readonly FeedbackItem[],
  notices: readonly StoredNotice[],
): CustomerFeedback[] {
  return items
    .filter((item) => item.customerId === customerId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((item) => {
      const stored = notices.find((entry) => entry.itemId === item.id);
      const impact = stored?.seenAt ? { ...stored.notice, seenAt: stored.seenAt } : stored?.notice;
      return {
        id: item.id,
        surveyId: item.surveyId,
        touchpointId: item.touchpointId,
        ...(item.text ? { text: item.text } : {}),
        answers: item.answers,
        status: item.status,
        history: item.history.map((step) => ({
          to: step.to,
          at: step.at,
          ...(step.to === 'declined' && step.reason ? { reason: step.reason } : {}),
        })),
        replies: item.replies.map((reply) =>
          reply.author.kind === 'team'
            ? {
                ...reply,
                author: {
                  kind: 'team' as const,
                  id: 'team',
                  ...(reply.author.name ? { name: reply.author.name } : {}),
                },
              }
            : reply,
        ),
        consentToContact: item.consentToContact,
        ...(impact ? { impact } : {}),
        createdAt: item.createdAt,
      };
    });
}

/**
 * The team's contacts with one customer: replies written and impact notices seen, how many of their
 * items await a first reply they consented to, and how many team replies are unread. Pure.
 */
export function teamContactsOf(
  customerId: string,
  items: readonly FeedbackItem[],
  notices: readonly StoredNotice[],
): {
  replies: { at: string; id: string }[];
  impacts: { at: string; id: string }[];
  awaitingReply: number;
  unreadReplies: number;
} {
  const mine = items.filter((item) => item.customerId === customerId);
  return {
    replies: mine.flatMap((item) =>
      item.replies
        .filter((reply) => reply.author.kind === 'team')
        .map((reply) => ({ at: reply.at, id: reply.id })),
    ),
    impacts: notices.flatMap((entry) =>
      entry.seenAt ? [{ at: entry.seenAt, id: entry.notice.id }] : [],
    ),
    unreadReplies: mine.reduce(
      (count, item) =>
        count +
        item.replies.filter((reply) => reply.author.kind === 'team' && !reply.readAt).length,
      0,
    ),
    // They asked to be contacted and nobody has written yet.
    awaitingReply: mine.filter(
      (item) =>
        item.consentToContact &&
        !isClosed(item.status) &&
        !item.replies.some((reply) => reply.author.kind === 'team'),
    ).length,
  };
}

/**
 * The customer wrote last and the team has not answered: the item waits for the team, whatever
 * its status (a customer may write back after a decline too). A reply from the team ends the
 * wait. The inbox's `unprocessed` order puts such an item with the new ones, and the SQL storage's
 * `inbox_rank` column reads the same rule.
 */
export function isAwaitingTeam(item: Pick<FeedbackItem, 'replies'>): boolean {
  return item.replies.at(-1)?.author.kind === 'customer';
}
