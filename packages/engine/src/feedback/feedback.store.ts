import type { StoredResponse } from '../backend/backend.memory';
import type { TeamPort } from '../backend/backend.port';
import type {
  CustomerReply,
  ImpactNotice,
  ImpactSeen,
  ReadReceipt,
} from '../backend/backend.schema';
import { ValidationError } from '../survey/survey.errors';
import { computeLoopMetrics } from './feedback.metrics';
import type { Change, CustomerFeedback, FeedbackItem, InboxQuery } from './feedback.schema';
import {
  applyFeedbackEvent,
  feedbackItemFromResponse,
  isClosed,
  LifecycleError,
} from './feedback.utils';

const HOUR_MS = 3_600_000;

/** The team's side and the customer's second half of the dialogue, kept in memory. */
export interface FeedbackStore {
  /** Makes or updates the item of a stored response (after it, or its follow-up, arrives); silent. */
  ingest(response: StoredResponse): void;
  /** The team's operations. */
  team: TeamPort;
  /** What one customer sees of their feedback. */
  customerFeedback(customerId: string): CustomerFeedback[];
  /** The customer writes back (idempotent by reply id). */
  customerReply(reply: CustomerReply): void;
  /** The customer read the team's messages. */
  customerRead(receipt: ReadReceipt): void;
  /** Adds a notice for a customer by hand (not from a linked item). */
  addNotice(customerId: string, notice: ImpactNotice): void;
  /** Impact notices this customer has not seen yet. */
  impactFor(customerId: string): ImpactNotice[];
  /** The customer saw a notice. */
  markImpactSeen(seen: ImpactSeen): void;
  /** Contacts with this customer from the team: replies and impact notices seen, and what awaits a reply. */
  contactsOf(customerId: string): {
    replies: { at: string; id: string }[];
    impacts: { at: string; id: string }[];
    awaitingReply: number;
    unreadReplies: number;
  };
  /** Every item (for tests and demos). */
  items(): FeedbackItem[];
}

/** Truncates the customer's words for "You told us …". */
const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 277)}…` : text);

/**
 * An in-memory feedback store: the lifecycle, threads, shipped changes and impact notices. The memory
 * backend runs on it; every action goes through {@link applyFeedbackEvent}, so the guards hold here
 * exactly as they will on a server.
 */
export function createFeedbackStore(options: {
  now: () => Date;
  onChange: () => void;
}): FeedbackStore {
  const items = new Map<string, FeedbackItem>();
  const changes = new Map<string, Change>();
  /** Notices by customer: one per (change, item), with when it was seen. */
  const notices = new Map<
    string,
    { notice: ImpactNotice; itemId: string | undefined; seenAt?: string }[]
  >();
  const at = () => options.now().toISOString();

  const get = (id: string): FeedbackItem => {
    const item = items.get(id);
    if (!item)
      throw new ValidationError(
        [{ path: 'id', message: `is not a feedback item ("${id}")` }],
        'feedback',
      );
    return item;
  };
  const save = (item: FeedbackItem) => {
    items.set(item.id, item);
    options.onChange();
    return item;
  };
  const owned = (itemId: string, customerId: string) => {
    const item = items.get(itemId);
    // The same answer for "not yours" and "not there": nothing leaks about other customers.
    if (!item || item.customerId !== customerId)
      throw new ValidationError(
        [{ path: 'itemId', message: 'is not one of your feedback items' }],
        'reply',
      );
    return item;
  };

  const noticeFor = (item: FeedbackItem, change: Change): ImpactNotice => ({
    id: `${change.id}:${item.id}`,
    ...(item.text ? { youSaid: excerpt(item.text) } : {}),
    weDid: change.weDid,
    ...(change.details ? { details: change.details } : {}),
    shippedAt: change.shippedAt,
    ...(change.link ? { link: change.link } : {}),
  });

  const sortItems = (list: FeedbackItem[], sort: InboxQuery['sort']) => {
    const byCreated = (a: FeedbackItem, b: FeedbackItem) => a.createdAt.localeCompare(b.createdAt);
    if (sort === 'newest') return list.sort((a, b) => byCreated(b, a));
    if (sort === 'oldest') return list.sort(byCreated);
    // Unprocessed first (oldest first: they wait longest), then open, then closed; newest within those.
    const rank = (item: FeedbackItem) =>
      item.status === 'new' ? 0 : isClosed(item.status) ? 2 : 1;
    return list.sort(
      (a, b) => rank(a) - rank(b) || (rank(a) === 0 ? byCreated(a, b) : byCreated(b, a)),
    );
  };

  const team: TeamPort = {
    async listFeedback(query = {}) {
      const now = Date.parse(at());
      const list = [...items.values()].filter(
        (item) =>
          (!query.status || query.status.includes(item.status)) &&
          (!query.touchpointId || item.touchpointId === query.touchpointId) &&
          (query.olderThanHours === undefined ||
            now - Date.parse(item.createdAt) >= query.olderThanHours * HOUR_MS) &&
          (!query.segment ||
            Object.entries(query.segment).every(([key, value]) => item.segment?.[key] === value)),
      );
      return sortItems(list, query.sort);
    },
    async getFeedback(id) {
      return get(id);
    },
    async act(id, action, by) {
      if (by.kind !== 'team')
        throw new LifecycleError(get(id).status, action.type, 'Only the team acts on feedback.');
      return save(applyFeedbackEvent(get(id), { ...action, by, at: at() } as never));
    },
    async shipChange(input, by) {
      const shippedAt = at();
      // Check every item before changing any: all of the change ships, or none of it.
      const linked = input.itemIds.map((id) => get(id));
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
      changes.set(change.id, change);
      for (const item of linked) {
        const shipped =
          item.status === 'shipped'
            ? item
            : applyFeedbackEvent(item, {
                type: 'feedback.ship',
                changeId: change.id,
                by,
                at: shippedAt,
              });
        items.set(shipped.id, shipped);
        // Only now, from `shipped`: exactly the customers behind the linked items hear of it.
        const list = notices.get(shipped.customerId) ?? [];
        if (!list.some((entry) => entry.itemId === shipped.id))
          list.push({ notice: noticeFor(shipped, change), itemId: shipped.id });
        notices.set(shipped.customerId, list);
      }
      options.onChange();
      return change;
    },
    async listChanges() {
      return [...changes.values()];
    },
    async loopMetrics(metricsOptions = {}) {
      return computeLoopMetrics([...items.values()], { now: at(), ...metricsOptions });
    },
  };

  return {
    ingest(response) {
      const made = feedbackItemFromResponse(response);
      if (!made) return;
      const known = items.get(made.id);
      // A follow-up joins later: keep the item's life, refresh what the customer said. (The caller
      // stored the response and tells its listeners; this is part of that one change.)
      items.set(
        made.id,
        known
          ? {
              ...known,
              answers: made.answers,
              consentToContact: known.consentToContact || made.consentToContact,
              ...(made.text ? { text: made.text } : {}),
            }
          : made,
      );
    },
    team,
    customerFeedback(customerId) {
      const seen = notices.get(customerId) ?? [];
      return [...items.values()]
        .filter((item) => item.customerId === customerId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((item) => {
          const impact = seen.find((entry) => entry.itemId === item.id)?.notice;
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
            // The team member's name, never their internal id.
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
    },
    customerReply(reply) {
      const item = owned(reply.itemId, reply.customerId);
      save(
        applyFeedbackEvent(item, {
          type: 'reply.customer',
          by: { kind: 'customer', id: reply.customerId },
          at: reply.at,
          reply: { id: reply.replyId, body: reply.body },
        }),
      );
    },
    customerRead(receipt) {
      const item = owned(receipt.itemId, receipt.customerId);
      save(
        applyFeedbackEvent(item, {
          type: 'reply.read',
          by: { kind: 'customer', id: receipt.customerId },
          at: receipt.at,
        }),
      );
    },
    addNotice(customerId, notice) {
      const list = notices.get(customerId) ?? [];
      if (!list.some((entry) => entry.notice.id === notice.id))
        list.push({ notice, itemId: undefined });
      notices.set(customerId, list);
      options.onChange();
    },
    impactFor(customerId) {
      return (notices.get(customerId) ?? [])
        .filter((entry) => !entry.seenAt)
        .map((entry) => entry.notice);
    },
    markImpactSeen(seen) {
      const entry = (notices.get(seen.customerId) ?? []).find(
        (candidate) => candidate.notice.id === seen.noticeId,
      );
      if (!entry || entry.seenAt) return;
      entry.seenAt = seen.at;
      options.onChange();
    },
    contactsOf(customerId) {
      const mine = [...items.values()].filter((item) => item.customerId === customerId);
      return {
        replies: mine.flatMap((item) =>
          item.replies
            .filter((reply) => reply.author.kind === 'team')
            .map((reply) => ({ at: reply.at, id: reply.id })),
        ),
        impacts: (notices.get(customerId) ?? []).flatMap((entry) =>
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
    },
    items: () => [...items.values()],
  };
}
