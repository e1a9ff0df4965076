import type {
  Change,
  FeedbackItem,
  InboxFacets,
  InboxQuery,
  LoopMetrics,
} from '../feedback/feedback.schema';
import type { ImpactNotice } from '../records/records.schema';
import type {
  InboxDraftField,
  InboxError,
  InboxErrorField,
  InboxEvent,
  InboxFilters,
  InboxMoveType,
} from './inbox.schema';
import {
  type InboxListState,
  type InboxMoreState,
  type InboxSnapshot,
  selectInboxBusy,
  selectInboxListState,
  selectInboxMetricsState,
  selectInboxMoreState,
  selectSelectedNotice,
} from './inbox.selectors';
import {
  canDecline,
  canTeamReply,
  type InboxMove,
  inboxMovesOf,
  isAwaitingTeam,
  isFiltered,
  toInboxQuery,
} from './inbox.utils';

/** The selected item with what the team may do with it. */
export interface InboxItemState {
  item: FeedbackItem;
  /** The one-button status moves the lifecycle allows from here. */
  moves: InboxMove[];
  /** Declining is possible from here (with a reason). */
  canDecline: boolean;
  /** The team may write: the customer consented to be contacted. */
  canReply: boolean;
  /** The customer wrote last: the item waits for the team. */
  awaitingTeam: boolean;
  /** The shipped change it is linked to, as the customer's impact notice shows it. */
  notice: ImpactNotice | undefined;
}

/**
 * The framework-free view of the team's inbox: values to show and intent methods to call, so
 * nobody builds event objects by hand. Words are the host's (see `@palaute/react`'s
 * `useFeedbackInbox`); this holds the facts and the rules.
 */
export interface InboxApi {
  listState: InboxListState;
  items: FeedbackItem[];
  hasMore: boolean;
  moreState: InboxMoreState;
  filters: InboxFilters;
  /** The backend query the filters make. */
  query: InboxQuery;
  filtered: boolean;
  metrics: LoopMetrics | undefined;
  metricsState: 'loading' | 'ready' | 'error';
  facets: InboxFacets | undefined;
  changes: Change[];
  selectedId: string | undefined;
  /** The selected item, or `undefined`. */
  selected: InboxItemState | undefined;
  checked: string[];
  busy: boolean;
  drafts: Record<InboxDraftField, string>;
  errors: Partial<Record<InboxErrorField, InboxError>>;
  /** How many loaded items wait for the team (the customer wrote last). */
  awaitingTeam: number;
  setFilter(name: keyof InboxFilters, value: string): void;
  setFilters(filters: Partial<InboxFilters>): void;
  refresh(): void;
  loadMore(): void;
  select(id: string): void;
  close(): void;
  toggleChecked(id: string): void;
  setDraft(field: InboxDraftField, value: string): void;
  move(type: InboxMoveType): void;
  reply(): void;
  decline(): void;
  shipChange(): void;
}

/** The selected item's state: moves, reply and decline rules, and its impact notice. */
export function inboxItemStateOf(
  item: FeedbackItem,
  notice: ImpactNotice | undefined,
): InboxItemState {
  return {
    item,
    moves: inboxMovesOf(item),
    canDecline: canDecline(item),
    canReply: canTeamReply(item),
    awaitingTeam: isAwaitingTeam(item),
    notice,
  };
}

/**
 * Builds the {@link InboxApi} for a snapshot.
 *
 * @example
 * ```ts
 * inbox.subscribe((snapshot) => {
 *   const api = connectInbox(snapshot, inbox.send);
 *   api.items.forEach((item) => console.log(item.status, item.text));
 * });
 * ```
 */
export function connectInbox(snapshot: InboxSnapshot, send: (event: InboxEvent) => void): InboxApi {
  const { context } = snapshot;
  const selected =
    context.selected && context.selected.id === context.selectedId ? context.selected : undefined;
  return {
    listState: selectInboxListState(snapshot),
    items: context.items,
    hasMore: context.loaded && context.next !== undefined,
    moreState: selectInboxMoreState(snapshot),
    filters: context.filters,
    query: toInboxQuery(context.filters),
    filtered: isFiltered(context.filters),
    metrics: context.metrics,
    metricsState: selectInboxMetricsState(snapshot),
    facets: context.facets,
    changes: context.changes,
    selectedId: context.selectedId,
    selected: selected ? inboxItemStateOf(selected, selectSelectedNotice(snapshot)) : undefined,
    checked: context.checked,
    busy: selectInboxBusy(snapshot),
    drafts: context.drafts,
    errors: context.errors,
    awaitingTeam: context.items.filter(isAwaitingTeam).length,
    setFilter: (name, value) => send({ type: 'filter.change', name, value }),
    setFilters: (filters) => send({ type: 'filters.set', filters }),
    refresh: () => send({ type: 'inbox.refresh' }),
    loadMore: () => send({ type: 'list.more' }),
    select: (id) => send({ type: 'item.select', id }),
    close: () => send({ type: 'item.close' }),
    toggleChecked: (id) => send({ type: 'item.check', id }),
    setDraft: (field, value) => send({ type: 'draft.change', field, value }),
    move: (type) => send({ type: 'item.move', move: type }),
    reply: () => send({ type: 'reply.send' }),
    decline: () => send({ type: 'item.decline' }),
    shipChange: () => send({ type: 'change.ship' }),
  };
}
