import type {
  Actor,
  Change,
  FeedbackItem,
  InboxFacets,
  InboxQuery,
  LoopMetrics,
} from '../feedback/feedback.schema';
import type { ImpactNotice } from '../records/records.schema';
import type {
  InboxConfirmation,
  InboxDraftField,
  InboxError,
  InboxErrorField,
  InboxEvent,
  InboxFilters,
  InboxMoveType,
  ItemDraftField,
} from './inbox.schema';
import {
  type InboxListState,
  type InboxMoreState,
  type InboxSnapshot,
  selectInboxBusy,
  selectInboxConfirmation,
  selectInboxExporting,
  selectInboxListState,
  selectInboxMetricsState,
  selectInboxMoreState,
  selectSelectedNotice,
} from './inbox.selectors';
import {
  canDecline,
  canTeamReply,
  type InboxMemberOption,
  type InboxMove,
  inboxMemberOptions,
  inboxMovesOf,
  inboxTagOptions,
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
  /** The team's tags on it, in the order added. */
  tags: string[];
  /** The team member it is assigned to, or `undefined`. */
  assignee: string | undefined;
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
  /**
   * The shown item's fields (`reply`, `decline`) given back from what was written for it earlier
   * and not sent (before another item was opened or this one closed): the team is told.
   */
  restoredDrafts: ItemDraftField[];
  /** Items with a reply or decline reason written and not sent, other than the one shown. */
  draftItemIds: string[];
  errors: Partial<Record<InboxErrorField, InboxError>>;
  /** How many loaded items wait for the team (the customer wrote last). */
  awaitingTeam: number;
  /** The tag filter's options: the tags seen on loaded items, sorted. */
  tagOptions: string[];
  /**
   * The assignee options ("Unassigned" first, then `me`, then each member seen), for the filter
   * and the item's assignee field.
   */
  memberOptions: InboxMemberOption[];
  /** Every item shown is ticked (and at least one is shown). */
  allChecked: boolean;
  /** What is confirmed in view until the next intent. */
  confirmation: InboxConfirmation | undefined;
  /** The CSV export is under way. */
  exporting: boolean;
  setFilter(name: keyof InboxFilters, value: string): void;
  setFilters(filters: Partial<InboxFilters>): void;
  refresh(): void;
  loadMore(): void;
  select(id: string): void;
  close(): void;
  toggleChecked(id: string): void;
  /** Ticks every item shown, or unticks them when they all are. */
  toggleAllChecked(): void;
  /** Submits the search box (its `search` draft) as the text filter. */
  search(): void;
  /** Adds the `tag` draft to the item shown. */
  addTag(): void;
  removeTag(tag: string): void;
  /** Assigns the item shown to a member, or to nobody with `null`. */
  assign(assignee: string | null): void;
  /** Applies the bulk form to the ticked items. */
  applyBulk(): void;
  /** Exports the filtered list as CSV (the actor emits `csv.ready`). */
  exportCsv(): void;
  setDraft(field: InboxDraftField, value: string): void;
  move(type: InboxMoveType): void;
  reply(): void;
  decline(): void;
  /** Ships a change for the ticked items (`checked`, the list's form) or the item shown (`item`). */
  shipChange(scope?: 'checked' | 'item'): void;
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
    tags: item.tags ?? [],
    assignee: item.assignee,
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
export function connectInbox(
  snapshot: InboxSnapshot,
  send: (event: InboxEvent) => void,
  me?: Actor | undefined,
): InboxApi {
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
    restoredDrafts: context.restoredDrafts,
    draftItemIds: Object.keys(context.keptDrafts),
    errors: context.errors,
    awaitingTeam: context.items.filter(isAwaitingTeam).length,
    tagOptions: inboxTagOptions(context.seenTags, context.filters.tag),
    memberOptions: inboxMemberOptions(context.seenMembers, me, context.filters.assignee),
    allChecked:
      context.items.length > 0 && context.items.every((item) => context.checked.includes(item.id)),
    confirmation: selectInboxConfirmation(snapshot),
    exporting: selectInboxExporting(snapshot),
    setFilter: (name, value) => send({ type: 'filter.change', name, value }),
    setFilters: (filters) => send({ type: 'filters.set', filters }),
    refresh: () => send({ type: 'inbox.refresh' }),
    loadMore: () => send({ type: 'list.more' }),
    select: (id) => send({ type: 'item.select', id }),
    close: () => send({ type: 'item.close' }),
    toggleChecked: (id) => send({ type: 'item.check', id }),
    toggleAllChecked: () => send({ type: 'items.checkAll' }),
    search: () => send({ type: 'search.submit' }),
    addTag: () => send({ type: 'tag.add' }),
    removeTag: (tag) => send({ type: 'tag.remove', tag }),
    assign: (assignee) => send({ type: 'assignee.set', assignee }),
    applyBulk: () => send({ type: 'bulk.apply' }),
    exportCsv: () => send({ type: 'csv.export' }),
    setDraft: (field, value) => send({ type: 'draft.change', field, value }),
    move: (type) => send({ type: 'item.move', move: type }),
    reply: () => send({ type: 'reply.send' }),
    decline: () => send({ type: 'item.decline' }),
    shipChange: (scope = 'checked') => send({ type: 'change.ship', scope }),
  };
}
