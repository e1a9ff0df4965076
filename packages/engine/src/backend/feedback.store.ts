import { computeInboxFacets } from '../feedback/feedback.facets';
import { readBulkAction, selectInbox } from '../feedback/feedback.inbox';
import type {
  Change,
  CustomerFeedback,
  FeedbackItem,
  StoredNotice,
} from '../feedback/feedback.schema';
import {
  applyCustomerReply,
  applyReadReceipt,
  applyTeamAction,
  boardNoticeId,
  bulkVerdictOf,
  changeOfBoardNotice,
  customerFeedbackOf,
  feedbackNotFound,
  ingestFeedbackItem,
  ownFeedbackItem,
  shipChangeTo,
  teamContactsOf,
} from '../feedback/feedback.utils';
import { computeLoopMetrics, readLoopMetricsQuery } from '../metrics/metrics.loop';
import type {
  CustomerReply,
  ImpactNotice,
  ImpactSeen,
  ReadReceipt,
  StoredResponse,
} from '../records/records.schema';
import type { TeamPort } from './backend.port';
import { freshItemId, ownKey } from './backend.utils';

/** The team's side and the customer's second half of the dialogue, kept in memory. */
export interface FeedbackStore {
  /** Makes or updates the item of a stored response (after it, or its follow-up, arrives); silent. */
  ingest(response: StoredResponse): void;
  /** The team's operations, every optional one included but the CX report's (the backend's). */
  team: Omit<
    Required<TeamPort>,
    'cxReport' | 'cxTargets' | 'setCxTargets' | 'cxResponses' | 'board'
  >;
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
  /** This customer's impact notices, seen or not (for a data export). */
  noticesOf(customerId: string): StoredNotice[];
  /** Deletes this customer's items and notices (data rights); silent, like `ingest`; says how many. */
  forget(customerId: string): { items: number; notices: number };
  /** Every item (for tests and demos). */
  items(): FeedbackItem[];
}

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
  /** Each response's item id, by its customer and response id (an item's id may not be its response's). */
  const itemIds = new Map<string, string>();
  const changes = new Map<string, Change>();
  /** Notices by customer: one per (change, item), with when it was seen. */
  const notices = new Map<string, StoredNotice[]>();
  const at = () => options.now().toISOString();

  const get = (id: string): FeedbackItem => {
    const item = items.get(id);
    if (!item) throw feedbackNotFound(id);
    return item;
  };
  const save = (item: FeedbackItem) => {
    items.set(item.id, item);
    options.onChange();
    return item;
  };

  const team: FeedbackStore['team'] = {
    async listFeedback(query = {}) {
      return selectInbox([...items.values()], query, at());
    },
    async inboxFacets(query = {}) {
      return computeInboxFacets([...items.values()], query);
    },
    async getFeedback(id) {
      return get(id);
    },
    async act(id, action, by) {
      return save(applyTeamAction(get(id), action, by, at()));
    },
    async actMany(bulk, by) {
      const { ids, action } = readBulkAction(bulk);
      const when = at();
      const verdicts = ids.map((id) =>
        bulkVerdictOf(id, () => {
          const item = applyTeamAction(get(id), action, by, when);
          items.set(item.id, item);
          return item;
        }),
      );
      if (verdicts.some((verdict) => verdict.outcome === 'done')) options.onChange();
      return verdicts;
    },
    async shipChange(input, by) {
      const shipped = shipChangeTo(
        input.itemIds.map((id) => get(id)),
        input,
        by,
        at(),
      );
      changes.set(shipped.change.id, shipped.change);
      for (const item of shipped.items) items.set(item.id, item);
      // A follower of the change's ideas told already: their item's notice takes the board's
      // place (seen if it was seen), so they hear of the change once.
      const boardId = boardNoticeId(shipped.change.id);
      const seenOnBoard = new Map<string, string | undefined>();
      for (const { customerId } of shipped.notices) {
        const list = notices.get(customerId) ?? [];
        const told = list.find((known) => known.notice.id === boardId && !known.itemId);
        if (told) {
          seenOnBoard.set(customerId, told.seenAt);
          notices.set(
            customerId,
            list.filter((known) => known !== told),
          );
        }
      }
      for (const { customerId, ...entry } of shipped.notices) {
        const list = notices.get(customerId) ?? [];
        const seenAt = seenOnBoard.get(customerId);
        if (!list.some((known) => known.itemId === entry.itemId))
          list.push(seenAt ? { ...entry, seenAt } : entry);
        notices.set(customerId, list);
      }
      options.onChange();
      return shipped.change;
    },
    async listChanges() {
      return [...changes.values()];
    },
    async loopMetrics(query = {}) {
      const { responseTargetHours } = readLoopMetricsQuery(query);
      return computeLoopMetrics([...items.values()], { now: at(), responseTargetHours });
    },
  };

  return {
    ingest(response) {
      // A follow-up joins later: keep the item's life, refresh what the customer said. (The caller
      // stored the response and tells its listeners; this is part of that one change.)
      const key = ownKey(response.customerId, response.id);
      const knownId = itemIds.get(key);
      // Another customer's item may have this response's id: this one gets an id of its own.
      const id = knownId ?? (items.has(response.id) ? freshItemId() : response.id);
      const item = ingestFeedbackItem(
        knownId === undefined ? undefined : items.get(knownId),
        response,
        id,
      );
      if (!item) return;
      items.set(item.id, item);
      itemIds.set(key, item.id);
    },
    team,
    customerFeedback(customerId) {
      return customerFeedbackOf(customerId, [...items.values()], notices.get(customerId) ?? []);
    },
    customerReply(reply) {
      save(applyCustomerReply(ownFeedbackItem(items.get(reply.itemId), reply.customerId), reply));
    },
    customerRead(receipt) {
      save(
        applyReadReceipt(
          ownFeedbackItem(items.get(receipt.itemId), receipt.customerId, 'read receipt'),
          receipt,
        ),
      );
    },
    addNotice(customerId, notice) {
      const list = notices.get(customerId) ?? [];
      // A board notice of a change that already shipped one of this customer's items: told once.
      const changeId = changeOfBoardNotice(notice.id);
      const toldByItem =
        changeId !== undefined &&
        list.some((entry) => entry.itemId && items.get(entry.itemId)?.changeId === changeId);
      if (!toldByItem && !list.some((entry) => entry.notice.id === notice.id))
        list.push({ notice });
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
      return teamContactsOf(customerId, [...items.values()], notices.get(customerId) ?? []);
    },
    noticesOf(customerId) {
      return (notices.get(customerId) ?? []).map((entry) => ({ ...entry }));
    },
    forget(customerId) {
      const mine = [...items.values()].filter((item) => item.customerId === customerId);
      for (const item of mine) {
        items.delete(item.id);
        itemIds.delete(ownKey(customerId, item.responseId ?? item.id));
      }
      const forgotten = { items: mine.length, notices: notices.get(customerId)?.length ?? 0 };
      notices.delete(customerId);
      return forgotten;
    },
    items: () => [...items.values()],
  };
}
