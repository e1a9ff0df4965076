import type { FeedbackItem, StoredNotice } from '../feedback/feedback.schema';
import { LifecycleError, teamContactsOf } from '../feedback/feedback.utils';
import { optOutStateOf } from '../journey/journey.choices';
import {
  type Contact,
  type ContactHistory,
  MAX_UNANSWERED_DISPLAYS,
} from '../journey/journey.schema';
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
 * At most this many contacts in a contact history a backend answers (the schema allows 10,000; the
 * rest is room for the contacts a device adds before the backend has them, so its cache still holds).
 */
export const HISTORY_CONTACTS = 9_000;

/**
 * A long history cut to `limit` contacts so that every rule decides as it would over the whole:
 * first what the rules read of each survey (its newest ask, newest outcome, newest answer, newest
 * negative answer and newest postponement, by when each happened, and its newest displays without
 * an outcome, as many as a policy may count), then the newest of the rest (the fatigue budget
 * counts only recent ones). Newest first; a history within the limit is returned as it is.
 */
export function boundContacts(contacts: Contact[], limit = HISTORY_CONTACTS): Contact[] {
  if (contacts.length <= limit) return contacts;
  const time = (at: string | undefined) => (at === undefined ? 0 : Date.parse(at));
  const newest = [...contacts].sort((a, b) => time(b.at) - time(a.at));
  const kept = new Set<Contact>();
  const best = new Map<string, Contact>();
  const shown = new Map<string, number>();
  /** Keeps `contact` as the newest under `key` by `at` (its outcome's time when it has one). */
  const newestOf = (key: string, contact: Extract<Contact, { kind: 'ask' }>, byOutcome = false) => {
    const at = (c: Contact) => time(byOutcome && c.kind === 'ask' ? (c.outcomeAt ?? c.at) : c.at);
    const known = best.get(key);
    if (!known || at(contact) > at(known)) best.set(key, contact);
  };
  for (const contact of newest) {
    if (contact.kind !== 'ask') continue;
    const survey = JSON.stringify(contact.surveyId);
    newestOf(`ask ${survey}`, contact);
    if (contact.outcome === 'shown') {
      const count = shown.get(survey) ?? 0;
      if (count < MAX_UNANSWERED_DISPLAYS) kept.add(contact);
      shown.set(survey, count + 1);
      continue;
    }
    newestOf(`outcome ${survey}`, contact);
    if (contact.outcome === 'answered') {
      newestOf(`answered ${survey}`, contact);
      if (contact.sentiment === 'negative') newestOf('negative', contact, true);
    }
    if (contact.outcome === 'postponed') newestOf(`postponed ${survey}`, contact, true);
  }
  for (const contact of best.values()) kept.add(contact);
  for (const contact of newest) {
    if (kept.size >= limit) break;
    kept.add(contact);
  }
  return newest.filter((contact) => kept.has(contact)).slice(0, limit);
}

/**
 * One customer's contact history: every flow as one contact (shown, then answered, dismissed,
 * postponed or opted out), the team's replies and the impact notices seen, what awaits a reply and
 * what is unread, its contacts cut to {@link HISTORY_CONTACTS} by {@link boundContacts}. Pure: the
 * memory backend and the SQL storage both build it here.
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
    contacts: boundContacts([
      ...contacts.values(),
      ...team.replies.map(({ at, id }): Contact => ({ kind: 'reply', at, id })),
      ...team.impacts.map(({ at, id }): Contact => ({ kind: 'impact', at, id })),
    ]),
    awaitingReply: team.awaitingReply,
    ...(team.unreadReplies > 0 ? { unreadReplies: team.unreadReplies } : {}),
    responseCounts: records.responseCounts,
    ...optOuts,
  };
}
