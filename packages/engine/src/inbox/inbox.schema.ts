import * as z from 'zod/mini';
import type {
  BulkAction,
  BulkTeamAction,
  BulkVerdict,
  Change,
  FeedbackItem,
  InboxFacets,
  InboxPage,
  InboxQuery,
  LoopMetrics,
  SegmentValue,
  TeamAction,
} from '../feedback/feedback.schema';
import { FEEDBACK_STATUSES, INBOX_KINDS } from '../feedback/feedback.schema';
import { FEEDBACK_KINDS } from '../records/records.schema';

/**
 * The inbox's filters as a form holds them: plain strings, so any field binds to them as it is.
 * `toInboxQuery` turns them into the backend's {@link InboxQuery}; a new filter (a search text,
 * tags, an assignee) is one more field here and one more line there.
 */
export const inboxFiltersSchema = /* @__PURE__ */ (() =>
  z.object({
    /** `all` (unprocessed first), `open` (not yet closed) or one status. */
    status: z.enum(['all', 'open', ...FEEDBACK_STATUSES]),
    /** One touchpoint, or `''` for all. */
    touchpointId: z.string(),
    /** Only items older than this many `olderThanUnit`; `''` for any age. */
    olderThan: z.string(),
    olderThanUnit: z.enum(['hours', 'days']),
    /** A segment key, or `''` for any. */
    segmentKey: z.string(),
    /** The value for `segmentKey`, JSON-encoded (so `1`, `"1"` and `true` stay apart); `''` for any. */
    segmentValue: z.string(),
    /** Words the customer wrote, as a search box reads them (see `InboxQuery.text`); `''` for any. */
    text: z.string(),
    /** One tag the items carry, or `''` for any. */
    tag: z.string(),
    /** A team member's id, {@link INBOX_UNASSIGNED} for items with nobody assigned, or `''` for any. */
    assignee: z.string(),
    /**
     * `all` (survey feedback, ideas and bug reports), or one kind of {@link INBOX_KINDS}: survey
     * `feedback`, the board's `idea`s or its `bug` reports.
     */
    kind: z.enum(['all', ...INBOX_KINDS]),
    /**
     * `all`, one of the launcher's {@link FEEDBACK_KINDS} (what the customer said their feedback is
     * about: `idea`, `problem`, `praise`, `other`), or `none` for feedback without one (survey
     * answers). Survey feedback only: set, it leaves the board's ideas out.
     */
    feedbackKind: z.enum(['all', ...FEEDBACK_KINDS, 'none']),
  }))();
/** The inbox's filters, as the form holds them. */
export type InboxFilters = z.output<typeof inboxFiltersSchema>;

/** The filters of a fresh inbox: everything, unprocessed first. */
export const DEFAULT_INBOX_FILTERS: Readonly<InboxFilters> = Object.freeze({
  status: 'all',
  touchpointId: '',
  olderThan: '',
  olderThanUnit: 'days',
  segmentKey: '',
  segmentValue: '',
  text: '',
  tag: '',
  assignee: '',
  kind: 'all',
  feedbackKind: 'all',
});

/**
 * The assignee filter's value for "Unassigned": no team member's id (ids come from credentials,
 * and none starts with a NUL), so a member named `unassigned` stays a member.
 */
export const INBOX_UNASSIGNED = '\u0000unassigned';

/** What an inbox starts with. */
export const inboxInputSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Items to load at first and with each "Show more" (1 to 500). */
    pageSize: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
    /** Items with no team action past this many hours are overdue (asked of the loop metrics). */
    responseTargetHours: z.optional(z.number().check(z.positive())),
    /** Reloads the list, metrics, item and changes this often, in ms; `0` never. */
    refreshMs: z.optional(z.number().check(z.minimum(0))),
    /** The words of a change's link when the team gives none. */
    linkLabelDefault: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
    /** Filters to start with (from a saved view or the URL). */
    filters: z.optional(z.partial(inboxFiltersSchema)),
    /**
     * Replies and decline reasons written earlier and not sent, by item (`keptInboxDrafts(store,
     * memberId)`): each is given back, said restored, when its item is opened.
     */
    keptDrafts: z.optional(
      z.record(
        z.string(),
        z.object({ reply: z.optional(z.string()), decline: z.optional(z.string()) }),
      ),
    ),
  }))();
/** What an inbox starts with. */
export type InboxInput = z.input<typeof inboxInputSchema>;

/** The fields of the "link to a shipped change" form. */
export type ChangeField = 'weDid' | 'details' | 'href' | 'linkLabel';
/** The fields of the item pane's own "link to a shipped change" form (for the item shown). */
export type ItemChangeField = 'itemWeDid' | 'itemHref';
/**
 * The inbox's text drafts: the reply, the decline reason, the change forms, the tag being added
 * to the item shown, the search box, and the bulk form's action and its value (a tag or an assignee).
 */
export type InboxDraftField =
  | 'reply'
  | 'decline'
  | ChangeField
  | ItemChangeField
  | 'tag'
  | 'search'
  | 'bulkAction'
  | 'bulkValue';
/** The item's own text fields, kept per item: the team's reply and the decline reason. */
export type ItemDraftField = 'reply' | 'decline';
/** An item's unsent reply and decline reason (only those with text). */
export type ItemDrafts = Partial<Record<ItemDraftField, string>>;
/** Where an inbox error shows. */
export type InboxErrorField =
  | 'action'
  | 'reply'
  | 'decline'
  | 'change'
  | ChangeField
  | 'itemChange'
  | ItemChangeField
  | 'tag'
  | 'assignee'
  | 'bulk'
  | 'bulkAction'
  | 'bulkValue'
  | 'csv';
/**
 * Why an intent did not go through: a rule of the form (`replyEmpty`, `declineReasonRequired`,
 * `changeWeDidRequired`, `changeLinkInvalid`, `selectedNone`) or `failed`, the backend's refusal with
 * its `message` as it was worded.
 */
export interface InboxError {
  code:
    | 'replyEmpty'
    | 'declineReasonRequired'
    | 'changeWeDidRequired'
    | 'changeLinkInvalid'
    | 'selectedNone'
    | 'tagInvalid'
    | 'bulkActionRequired'
    | 'bulkValueRequired'
    | 'failed';
  message?: string | undefined;
}

/**
 * What the bulk form can do to the ticked items: a status move (`feedback.*`), add a tag
 * (`tags.add`, the tag in the `bulkValue` draft) or set the assignee (`assignee.set`, the member's
 * id in `bulkValue`, {@link INBOX_UNASSIGNED} to clear it).
 */
export const INBOX_BULK_ACTIONS = [
  'feedback.triage',
  'feedback.plan',
  'feedback.start',
  'feedback.reopen',
  'tags.add',
  'assignee.set',
] as const;
/** An action of the bulk form. */
export type InboxBulkActionType = (typeof INBOX_BULK_ACTIONS)[number];

/**
 * What the inbox confirms in view until the next intent: a change shipped (from the list's form,
 * `scope: 'checked'`, or the item's own pane, `scope: 'item'`), or a bulk action with how many
 * items it did and which it refused (each with the backend's words).
 */
export type InboxConfirmation =
  | { type: 'shipped'; scope: 'checked' | 'item'; count: number }
  | {
      type: 'bulk';
      action: BulkTeamAction;
      done: number;
      refused: { id: string; message: string }[];
    };

/** The status moves the team makes with one button (declining takes a reason, shipping a change). */
export const INBOX_MOVES = [
  'feedback.triage',
  'feedback.plan',
  'feedback.start',
  'feedback.answer',
  'feedback.reopen',
] as const;
/** A status move the inbox offers as a button. */
export type InboxMoveType = (typeof INBOX_MOVES)[number];

/** Segment values seen on loaded items: key → JSON of the value → the value. */
export type SeenSegments = Record<string, Record<string, SegmentValue>>;

/** The inbox machine's context: list, filters, selection, drafts and what the backend said. */
export interface InboxContext {
  pageSize: number;
  responseTargetHours: number;
  refreshMs: number;
  linkLabelDefault: string;
  filters: InboxFilters;
  /** Items loaded so far, in the order listed; a page at a time. */
  items: FeedbackItem[];
  /** The cursor of the next page; `undefined` once every match is loaded. */
  next: string | undefined;
  /** A list was loaded at least once (a failed reload keeps it). */
  loaded: boolean;
  /**
   * Why the list load under way was asked: `query` (new filters: the first page, its count
   * announced), `refresh` (the same filters: as many as are shown, in the backend's order) or
   * `keep` (after the team's own action: as many as are shown, those already shown keeping their
   * places, so the item worked on does not jump).
   */
  listReason: 'query' | 'refresh' | 'keep';
  seenSegments: SeenSegments;
  metrics: LoopMetrics | undefined;
  facets: InboxFacets | undefined;
  /** The backend has no facets (no `inboxFacets`, or a 404): not asked again. */
  facetsMissing: boolean;
  changes: Change[];
  selectedId: string | undefined;
  /**
   * Where the selected item sits in the list (or sat, when a reload no longer lists it: the team's
   * action moved it past the page), so closing it can go back to that place in the list.
   */
  selectedPlace: number | undefined;
  /** The selected item as last read (from the list at once, then from the backend). */
  selected: FeedbackItem | undefined;
  /** Customer replies a read receipt was asked for, so a failure does not ask forever. */
  readRequested: string[];
  /** Items ticked in the list (for a shipped change or a bulk action), in the order ticked. */
  checked: string[];
  /** Tags seen on loaded items, in the order first seen. */
  seenTags: string[];
  /** Team members seen (assignees, and who acted or replied): id → name, when one was given. */
  seenMembers: Record<string, string | undefined>;
  /** What is confirmed in view, until the next intent. */
  confirmation: InboxConfirmation | undefined;
  /** The bulk action under way. */
  bulk: BulkAction | undefined;
  /** Which change form the change being shipped comes from: the list's (ticked items) or the item's. */
  shipScope: 'checked' | 'item';
  drafts: Record<InboxDraftField, string>;
  /**
   * The reply and decline reason written for items not shown now, by item: kept when the team
   * member opens another item or closes this one, given back when the item is opened again.
   */
  keptDrafts: Record<string, ItemDrafts>;
  /** The shown item's fields that were given back from {@link InboxContext.keptDrafts}. */
  restoredDrafts: ItemDraftField[];
  errors: Partial<Record<InboxErrorField, InboxError>>;
  /** The team action under way, and the item it is for. */
  pending: { itemId: string; action: TeamActionDraft; field: InboxErrorField } | undefined;
}

/** A team action as the inbox builds it; the acting actor gives a reply its id. */
export type TeamActionDraft =
  | Exclude<TeamAction, { type: 'reply.team' }>
  | { type: 'reply.team'; body: string };

/** The events of the inbox machine. */
export type InboxEvent =
  | { type: 'filter.change'; name: keyof InboxFilters; value: string }
  | { type: 'filters.set'; filters: Partial<InboxFilters> }
  | { type: 'list.more' }
  | { type: 'inbox.refresh' }
  /** After the team's own action: the list (keeping places) and the metrics. */
  | { type: 'inbox.reload' }
  | { type: 'item.select'; id: string }
  | { type: 'item.close' }
  | { type: 'item.check'; id: string }
  /** Ticks every item shown, or unticks them all when they all are. */
  | { type: 'items.checkAll' }
  /** Submits the search box's draft as the `text` filter. */
  | { type: 'search.submit' }
  /** Adds the `tag` draft to the item shown. */
  | { type: 'tag.add' }
  | { type: 'tag.remove'; tag: string }
  /** Sets the item's assignee (a member's id), or clears it with `null`. */
  | { type: 'assignee.set'; assignee: string | null }
  /** Applies the bulk form (its `bulkAction` and `bulkValue` drafts) to the ticked items. */
  | { type: 'bulk.apply' }
  /** Exports every item matching the filters as CSV (see `csv.ready`). */
  | { type: 'csv.export' }
  | { type: 'draft.change'; field: InboxDraftField; value: string }
  | { type: 'item.move'; move: InboxMoveType }
  | { type: 'reply.send' }
  | { type: 'item.decline' }
  | { type: 'change.ship'; scope?: 'checked' | 'item' | undefined };

/**
 * What the inbox tells its host as it happens (listen with `actor.on(type, …)`): a list loaded
 * for new filters, a page added, an action done, where focus should go.
 */
export type InboxEmitted =
  | { type: 'list.loaded'; count: number; hasMore: boolean }
  | {
      type: 'list.paged';
      added: string[];
      count: number;
      hasMore: boolean;
      focusId: string | undefined;
    }
  | {
      type: 'item.moved';
      item: FeedbackItem;
      action: TeamActionDraft['type'];
      /** The whole action (the tags added or removed, the assignee set). */
      draft: TeamActionDraft;
    }
  | { type: 'change.shipped'; change: Change; scope: 'checked' | 'item' }
  | { type: 'bulk.done'; action: BulkTeamAction; verdicts: BulkVerdict[] }
  /** The CSV of the filtered list, for the host to save (`count` items; `truncated` past the cap). */
  | { type: 'csv.ready'; csv: string; count: number; truncated: boolean }
  | { type: 'focus'; target: 'heading' | 'status' | InboxDraftField }
  /**
   * The item view closed: focus goes back to the list, to the item's row (`focusId`), or, when the
   * list no longer holds it (the team's action moved it past the page), to the row now in its place
   * (the last row, if the list got shorter; the first, for an item never listed); `undefined` when
   * the list is empty.
   */
  | { type: 'item.closed'; itemId: string; focusId: string | undefined }
  /** The item opened has text written earlier and not sent: these fields were given back. */
  | { type: 'draft.restored'; itemId: string; fields: ItemDraftField[] };

/** One page call of the list, as the machine's `loadList` actor receives it. */
export interface InboxListRequest {
  query: InboxQuery;
  /** How many items to load (pages are read until this many, or none is left). */
  wanted: number;
}
/** What a CSV export gives back. */
export interface InboxCsvResult {
  csv: string;
  count: number;
  /** More items matched than the export holds ({@link INBOX_CSV_MAX_ROWS}). */
  truncated: boolean;
}
/** The most items an inbox's own CSV export reads over the team port. */
export const INBOX_CSV_MAX_ROWS = 10_000;

/** What a list load gives back. */
export type InboxListResult = Pick<InboxPage, 'items' | 'next'>;
