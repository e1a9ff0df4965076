import { getNextSnapshot } from 'xstate';
import type { StoredResponse } from '../backend/backend.memory';
import type { FeedbackEvent } from './feedback.machine';
import { feedbackMachine } from './feedback.machine';
import type { Actor, FeedbackItem, FeedbackStatus } from './feedback.schema';

/** A lifecycle move that is not allowed from where the feedback stands, with the reason. */
export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
  constructor(
    readonly status: FeedbackStatus,
    readonly event: FeedbackEvent['type'],
    message: string,
  ) {
    super(message);
  }
}

const WHY: Partial<Record<FeedbackEvent['type'], string>> = {
  'feedback.decline': 'a decline needs a reason the customer can read',
  'feedback.ship': 'shipping needs the change it shipped in',
  'feedback.answer': 'it can be closed as answered only after the team has replied',
  'reply.team': 'the customer did not consent to be contacted about it',
  'reply.customer': 'the customer can answer only in their own thread, once the team has written',
};

/**
 * Applies one lifecycle event to a piece of feedback and returns the updated item, or throws a
 * {@link LifecycleError} saying why it is not allowed (from this status, or by a guard). Pure: the
 * item given is not changed. Backends run every team and customer action through it.
 */
export function applyFeedbackEvent(item: FeedbackItem, event: FeedbackEvent): FeedbackItem {
  const snapshot = feedbackMachine.resolveState({ value: item.status, context: item });
  if (!snapshot.can(event)) {
    const allowedHere = Object.keys(
      (feedbackMachine.states[item.status] as { on?: Record<string, unknown> } | undefined)?.on ??
        {},
    ).includes(event.type);
    throw new LifecycleError(
      item.status,
      event.type,
      allowedHere
        ? `Cannot ${describe(event.type)}: ${WHY[event.type] ?? 'not allowed'}.`
        : `Cannot ${describe(event.type)} feedback that is ${item.status}.`,
    );
  }
  return getNextSnapshot(feedbackMachine, snapshot, event).context;
}

function describe(type: FeedbackEvent['type']): string {
  return type.replace('feedback.', '').replace('reply.', 'reply as ').replace('.', ' ');
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
 * Makes the feedback item for a stored response, or `undefined` when there is nothing to handle: an
 * item needs the customer's own words (a text answer, an "other" text, a text follow-up) or their
 * consent to be contacted.
 */
export function feedbackItemFromResponse(
  response: StoredResponse,
  options: { system?: Actor; segment?: FeedbackItem['segment'] } = {},
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
  if (texts.length === 0 && !consentToContact) return undefined;
  const system = options.system ?? { kind: 'system', id: 'palaute' };
  return {
    id: response.id,
    customerId: response.customerId,
    surveyId: response.surveyId,
    touchpointId: response.touchpointId,
    answers,
    ...(texts.length > 0 ? { text: texts.join('\n\n') } : {}),
    ...(response.sentiment ? { sentiment: response.sentiment } : {}),
    consentToContact,
    ...(options.segment ? { segment: options.segment } : {}),
    status: 'new',
    history: [{ from: null, to: 'new', at: response.submittedAt, by: system }],
    replies: [],
    createdAt: response.submittedAt,
  };
}
