import type { FeedbackItem, StoredNotice } from '../feedback/feedback.schema';
import { LifecycleError, teamContactsOf } from '../feedback/feedback.utils';
import { optOutStateOf } from '../journey/journey.choices';
import type { Contact, ContactHistory } from '../journey/journey.schema';
import {
  type ContactChoice,
  type DeliveryItem,
  type Dismissal,
  type Display,
  type FeedbackResponse,
  responseKey,
} from '../records/records.schema';
import { NotFoundError, ValidationError } from '../shared/shared.errors';

/**
 * The key of a client-chosen id (a response id, a flow's id, a reply id) in a backend: the id within
 * its customer's. Two customers may use one id, and neither's record ever hides or changes the
 * other's.
 */
export function ownKey(customerId: string, id: string): string {
  return JSON.stringify([customerId, id]);
}

/**
 * A fresh feedback item id, for a response whose id another customer's item already has: random, so
 * no one can claim it first.
 */
export function freshItemId(): string {
  const crypto = (globalThis as { crypto?: { getRandomValues(array: Uint8Array): Uint8Array } })
    .crypto;
  const bytes = new Uint8Array(16);
  if (crypto) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return `item-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The verdict on a write refused for good, or `undefined` when trying again may help (the write is
 * left out of a batch's results): `not_found` for a record the writer does not have (a
 * {@link NotFoundError}), `invalid_request` for an invalid one, `lifecycle.<code>` for what the
 * feedback lifecycle does not allow (a customer's reply before the team's).
 */
export function refusalOf(error: unknown): { code: string; message: string } | undefined {
  if (error instanceof NotFoundError) return { code: 'not_found', message: error.message };
  if (error instanceof ValidationError) return { code: 'invalid_request', message: error.message };
  if (error instanceof LifecycleError)
    return { code: `lifecycle.${error.code}`, message: error.message };
  return undefined;
}

/**
 * Whether a write of a batch waits for one the batch left out (not handled: tried again): a
 * follow-up answer whose response is among `leftOut` (their delivery keys).
 */
export function waitsFor(item: DeliveryItem, leftOut: ReadonlySet<string>): boolean {
  return (
    item.kind === 'followUp' &&
    typeof item.payload?.responseId === 'string' &&
    leftOut.has(responseKey(item.payload.responseId))
  );
}

/** What a backend knows of one customer, to build their {@link ContactHistory} from. */
export interface ContactRecords {
  customerId: string;
  /** Surveys shown (other customers' are ignored). */
  displays: Iterable<Display>;
  /** Dismissals, "not now"s and opt-outs (other customers' are ignored). */
  dismissals: Iterable<Dismissal>;
  /** Opt-outs changed later, and undone (other customers' are ignored). @default [] */
  choices?: Iterable<ContactChoice>;
  /** Responses (other customers' are ignored). */
  responses: Iterable<FeedbackResponse>;
  /** Responses per survey id, of every customer (for a survey's response cap). */
  responseCounts: Record<string, number>;
  /** Feedback items (other customers' are ignored). */
  items: readonly FeedbackItem[];
  /** This customer's impact notices. */
  notices: readonly StoredNotice[];
}

/**
 * One customer's contact history: every flow as one contact (shown, then answered, dismissed,
 * postponed or opted out), the team's replies and the impact notices seen, what awaits a reply and
 * what is unread. Pure: the memory backend and the SQL storage both build it here.
 */
export function contactHistoryOf(records: ContactRecords): ContactHistory {
  const { customerId } = records;
  const contacts = new Map<string, Extract<Contact, { kind: 'ask' }>>();
  for (const display of records.displays)
    if (display.customerId === customerId)
      contacts.set(display.responseId, {
        kind: 'ask',
        surveyId: display.surveyId,
        touchpointId: display.touchpointId,
        responseId: display.responseId,
        at: display.at,
        outcome: 'shown',
        ...(display.initiative ? { initiative: display.initiative } : {}),
      });
  const dismissals = [...records.dismissals].filter((item) => item.customerId === customerId);
  const optOuts = optOutStateOf(
    dismissals,
    [...(records.choices ?? [])].filter((choice) => choice.customerId === customerId),
  );
  for (const dismissal of dismissals) {
    const shown = contacts.get(dismissal.responseId);
    contacts.set(dismissal.responseId, {
      ...(shown?.initiative ? { initiative: shown.initiative } : {}),
      kind: 'ask',
      surveyId: dismissal.surveyId,
      touchpointId: dismissal.touchpointId,
      responseId: dismissal.responseId,
      at: shown?.at ?? dismissal.at,
      outcome:
        dismissal.reason === 'optOut'
          ? 'optedOut'
          : dismissal.reason === 'notNow'
            ? 'postponed'
            : 'dismissed',
      outcomeAt: dismissal.at,
    });
  }
  for (const response of records.responses) {
    if (response.customerId !== customerId) continue;
    const shown = contacts.get(response.id);
    contacts.set(response.id, {
      ...(shown?.initiative ? { initiative: shown.initiative } : {}),
      kind: 'ask',
      surveyId: response.surveyId,
      touchpointId: response.touchpointId,
      responseId: response.id,
      at: shown?.at ?? response.startedAt,
      outcome: 'answered',
      outcomeAt: response.submittedAt,
      ...(response.sentiment ? { sentiment: response.sentiment } : {}),
    });
  }
  const team = teamContactsOf(customerId, records.items, records.notices);
  return {
    customerId,
    contacts: [
      ...contacts.values(),
      ...team.replies.map(({ at, id }): Contact => ({ kind: 'reply', at, id })),
      ...team.impacts.map(({ at, id }): Contact => ({ kind: 'impact', at, id })),
    ],
    awaitingReply: team.awaitingReply,
    ...(team.unreadReplies > 0 ? { unreadReplies: team.unreadReplies } : {}),
    responseCounts: records.responseCounts,
    ...optOuts,
  };
}
