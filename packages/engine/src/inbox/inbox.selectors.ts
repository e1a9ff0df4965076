import type { SnapshotFrom } from 'xstate';
import type { Change, FeedbackItem } from '../feedback/feedback.schema';
import { impactNoticeFor } from '../feedback/feedback.utils';
import type { ImpactNotice } from '../records/records.schema';
import type { inboxMachine } from './inbox.machine';
import { isFiltered, toInboxQuery } from './inbox.utils';

/** A snapshot of the inbox machine. */
export type InboxSnapshot = SnapshotFrom<typeof inboxMachine>;

/** Where the list stands: `loading` (nothing loaded yet), `ready`, `empty` or `error`. */
export type InboxListState = 'loading' | 'ready' | 'empty' | 'error';
/** Where "Show more" stands. */
export type InboxMoreState = 'idle' | 'loading' | 'error';

/** The list's state as shown: a reload keeps the list shown, so only a first load is `loading`. */
export const selectInboxListState = (snapshot: InboxSnapshot): InboxListState => {
  if (!snapshot.context.loaded) return snapshot.matches({ list: 'failed' }) ? 'error' : 'loading';
  return snapshot.context.items.length === 0 ? 'empty' : 'ready';
};
/** The items loaded so far. */
export const selectInboxItems = (snapshot: InboxSnapshot): FeedbackItem[] => snapshot.context.items;
/** More items match than are loaded. */
export const selectInboxHasMore = (snapshot: InboxSnapshot): boolean =>
  snapshot.context.loaded && snapshot.context.next !== undefined;
/** Where "Show more" stands. */
export const selectInboxMoreState = (snapshot: InboxSnapshot): InboxMoreState =>
  snapshot.matches({ list: 'paging' })
    ? 'loading'
    : snapshot.matches({ list: 'pagingFailed' })
      ? 'error'
      : 'idle';
/** The filters as the form holds them. */
export const selectInboxFilters = (snapshot: InboxSnapshot) => snapshot.context.filters;
/** The backend query of the filters. */
export const selectInboxQuery = (snapshot: InboxSnapshot) => toInboxQuery(snapshot.context.filters);
/** Whether a filter is set. */
export const selectInboxFiltered = (snapshot: InboxSnapshot): boolean =>
  isFiltered(snapshot.context.filters);
/** The selected item's id. */
export const selectSelectedId = (snapshot: InboxSnapshot): string | undefined =>
  snapshot.context.selectedId;
/** The selected item as last read. */
export const selectSelectedItem = (snapshot: InboxSnapshot): FeedbackItem | undefined =>
  snapshot.context.selected;
/** A team action or a shipped change is under way: actions wait. */
export const selectInboxBusy = (snapshot: InboxSnapshot): boolean => snapshot.hasTag('busy');
/** The items chosen for a shipped change. */
export const selectChecked = (snapshot: InboxSnapshot): string[] => snapshot.context.checked;
/** The text drafts. */
export const selectInboxDrafts = (snapshot: InboxSnapshot) => snapshot.context.drafts;
/** Why the last intents did not go through, by field. */
export const selectInboxErrors = (snapshot: InboxSnapshot) => snapshot.context.errors;
/** The loop metrics, once loaded. */
export const selectInboxMetrics = (snapshot: InboxSnapshot) => snapshot.context.metrics;
/** Where the metrics stand. */
export const selectInboxMetricsState = (snapshot: InboxSnapshot): 'loading' | 'ready' | 'error' =>
  snapshot.matches({ metrics: 'failed' })
    ? 'error'
    : snapshot.context.metrics
      ? 'ready'
      : 'loading';
/** The backend's facets, when it counts them. */
export const selectInboxFacets = (snapshot: InboxSnapshot) => snapshot.context.facets;
/** The shipped changes. */
export const selectInboxChanges = (snapshot: InboxSnapshot): Change[] => snapshot.context.changes;

/**
 * The impact notice the selected item's customer sees, built by the engine's one rule
 * (`impactNoticeFor`), so the team's preview is what the customer reads.
 */
export const selectSelectedNotice = (snapshot: InboxSnapshot): ImpactNotice | undefined => {
  const item = snapshot.context.selected;
  if (!item?.changeId) return undefined;
  const change = snapshot.context.changes.find((candidate) => candidate.id === item.changeId);
  return change ? impactNoticeFor(item, change) : undefined;
};
/** What is confirmed in view (a change shipped, a bulk action done), until the next intent. */
export const selectInboxConfirmation = (snapshot: InboxSnapshot) => snapshot.context.confirmation;
/** The CSV export is under way. */
export const selectInboxExporting = (snapshot: InboxSnapshot): boolean =>
  snapshot.hasTag('exporting');
