import type {
  Actor,
  ChangeField,
  FeedbackItem,
  FeedbackStatus,
  ImpactNotice,
  InboxErrorField,
  InboxFilterOption,
  InboxFilters,
  InboxQuery,
  ItemChangeField,
  ItemDraftField,
  LoopMetrics,
  Survey,
  TeamAction,
  TeamPort,
  Touchpoint,
} from '@palaute/engine';
import type { ChangeEvent, FormEvent, MouseEvent, RefObject } from 'react';

export type {
  ChangeField,
  InboxErrorField,
  InboxFilterOption,
  InboxFilters,
  ItemChangeField,
} from '@palaute/engine';

type Load = 'loading' | 'ready' | 'error';
type FieldChange = ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

/**
 * Who the customer is, as the host knows them: a display name and a company. Palaute stores only
 * the customer's id; the host resolves it (from its own user records, or signed attributes).
 */
export interface InboxCustomer {
  name?: string | undefined;
  company?: string | undefined;
}

/** The score of an item with its scale: "4 / 10, detractor". */
export interface InboxScore {
  score: number;
  max: number | undefined;
  /** The NPS segment, on an NPS question. */
  segment: 'detractor' | 'passive' | 'promoter' | undefined;
  /** In words: "4 / 10, detractor". */
  label: string;
}

/** The filters whose options come from the inbox itself (and may leave some out). */
export type InboxFacetFilter = 'touchpointId' | 'segmentKey' | 'segmentValue';

/** One row of the triage list, ready to render. */
export interface InboxRow {
  id: string;
  item: FeedbackItem;
  /** The start of the customer's words, or "No written feedback". */
  excerpt: string;
  statusLabel: string;
  sentimentLabel: string | undefined;
  /** "3 days ago". */
  age: string;
  /** Past the response target with no team action. */
  overdue: boolean;
  /** The item shown in the item view. */
  selected: boolean;
  /** Chosen for a shipped change. */
  checked: boolean;
  /** The customer wrote last: it waits for the team. */
  awaitingTeam: boolean;
  /** The touchpoint's name from the journey, else its id. */
  touchpointName: string;
  /** What the customer said it is about in the launcher ("An idea"), or `undefined` when not said. */
  kindLabel: string | undefined;
  /** The customer as the host names them ("Anna Virtanen, Laskutin Oy"), else their id. */
  customerLabel: string;
  /** The score with its scale, or `undefined` without one. */
  score: InboxScore | undefined;
}

/** A status move the team can make from the item's current status. */
export interface InboxAction {
  type: Extract<
    TeamAction['type'],
    'feedback.triage' | 'feedback.plan' | 'feedback.start' | 'feedback.answer' | 'feedback.reopen'
  >;
  label: string;
  /** Why it cannot be done yet (close as answered before a reply), or `undefined` when it can. */
  blockedBy: string | undefined;
}

/** The selected item, ready to render. */
export interface InboxItemView {
  item: FeedbackItem;
  statusLabel: string;
  sentimentLabel: string | undefined;
  overdue: boolean;
  /** Each answer with its question's title (from `surveys`) or id, and its value in words. */
  answers: { questionId: string; label: string; value: string }[];
  history: {
    status: FeedbackStatus;
    statusLabel: string;
    by: string;
    at: string;
    reason: string | undefined;
  }[];
  messages: {
    id: string;
    fromTeam: boolean;
    author: string;
    body: string;
    at: string;
    /** On the team's messages: "Read by the customer", once they have. */
    receipt: string | undefined;
  }[];
  /** Status moves valid from the current status. */
  actions: InboxAction[];
  /** Declining is possible from here (with a reason). */
  canDecline: boolean;
  /** The team may write: the customer consented to be contacted. */
  canReply: boolean;
  /** The shipped change it is linked to, as the customer's impact notice shows it. */
  notice: ImpactNotice | undefined;
  /** The customer wrote last: it waits for the team. */
  awaitingTeam: boolean;
  /** The touchpoint's name from the journey, else its id. */
  touchpointName: string;
  /** What the customer said it is about in the launcher ("An idea"), or `undefined` when not said. */
  kindLabel: string | undefined;
  /** The customer as the host names them, else their id. */
  customerLabel: string;
  /** The score with its scale, or `undefined` without one. */
  score: InboxScore | undefined;
}

/** Options of {@link useFeedbackInbox}. */
export interface UseFeedbackInboxOptions {
  /** The team's port (`createMemoryBackend().team`, or your team API client). */
  team: TeamPort;
  /** The team member acting: shown with their replies and in the history. */
  by: Actor;
  /** Items with no team action past this many hours are overdue. @default 48 */
  responseTargetHours?: number | undefined;
  /** The clock for ages and "overdue". @default () => new Date() */
  now?: (() => Date) | undefined;
  /** The surveys the feedback came from, to show each answer with its question. */
  surveys?: readonly Survey[] | undefined;
  /** The time zone of dates and times. @default the browser's */
  timeZone?: string | undefined;
  /** Reloads the inbox this often, in ms; `0` never. @default 60000 */
  refreshMs?: number | undefined;
  /** Items to load at first and with each "Show more" (1 to 500). @default 50 */
  pageSize?: number | undefined;
  /** Makes reply and change ids (tests and stories). @default crypto.randomUUID */
  createId?: (() => string) | undefined;
  /**
   * Names a customer from their id (the host's user records): shown in the list and the item.
   * @default the server's `item.profile` (its `customerProfile` option), else the customer's id
   */
  resolveCustomer?:
    | ((customerId: string, item: FeedbackItem) => InboxCustomer | undefined)
    | undefined;
  /**
   * The journey's touchpoints, to name each one ("First invoice sent") instead of its id.
   * @default the Palaute client's touchpoints, when the provider has a client
   */
  touchpoints?: readonly Touchpoint[] | undefined;
  /** Filters to start with (a saved view; see `filtersFromSearchParams`). */
  filters?: Partial<InboxFilters> | undefined;
  /** Called with the filters after each change (to save a view, or keep them in the host's router). */
  onFiltersChange?: ((filters: InboxFilters) => void) | undefined;
  /**
   * Keeps the filters in the page's URL (`?status=open&q=export`, with `history.replaceState`),
   * read once mounted, so a reload or a shared link restores them; other parameters are kept.
   * `{ prefix }` puts a prefix before each name. @default false
   */
  syncUrl?: boolean | { prefix?: string | undefined } | undefined;
  /**
   * Where "Download as CSV" points for a query (e.g. `inboxCsvUrl(base, query)`, the server's
   * route, for a host whose team session travels in a cookie). Without it, the CSV is read over
   * the team port and saved from the browser.
   */
  csvHref?: ((query: InboxQuery) => string) | undefined;
}

/** What {@link useFeedbackInbox} returns: values to render, intents and prop getters. */
export interface FeedbackInboxApi {
  /** The list: `empty` when nothing matches the filters. */
  listState: 'loading' | 'ready' | 'empty' | 'error';
  /** The items loaded so far, a page at a time ("Show more" loads the next). */
  rows: InboxRow[];
  /** More items match than are loaded: offer "Show more". */
  hasMore: boolean;
  /** Loading the next page: `idle`, `loading`, or `error` (the last try failed; it can be tried again). */
  moreState: 'idle' | 'loading' | 'error';
  /**
   * How many are shown, in words: the total ("6 items") once every match is loaded, else only
   * what is shown ("50 shown, more to load"), as the total is not known.
   */
  countLabel: string;
  /** Whether a filter is set (to tell "no feedback yet" from "nothing matches"). */
  filtered: boolean;
  metrics: LoopMetrics | undefined;
  metricsState: Load;
  responseTargetHours: number;
  /** Touchpoints to filter by, in the order offered (see `touchpointOptions`). */
  touchpoints: string[];
  /**
   * The touchpoint filter's options: from the backend's facets (`TeamPort.inboxFacets`) every
   * touchpoint of the inbox, the most common first, with its count; without them, those the metrics
   * and the loaded items know.
   */
  touchpointOptions: InboxFilterOption[];
  /**
   * Segment keys and their values to filter by: from the backend's facets, every key and value of
   * the inbox (the most common first, with counts; a text that reads like another value of its key
   * is quoted, so `12` and `"12"` stay apart); without them, those seen on the loaded items.
   */
  segments: (InboxFilterOption & { key: string; values: InboxFilterOption[] })[];
  /**
   * Where the filter options come from: `inbox` (the backend's facets, over every item) or `loaded`
   * (the items loaded so far: the team port has no `inboxFacets`, or it failed or is loading).
   */
  filterOptionsFrom: 'inbox' | 'loaded';
  /** What a filter's options leave out, in words ("3 less common values are not listed."). */
  filterNotes: Partial<Record<InboxFacetFilter, string>>;
  filters: InboxFilters;
  /** The tag filter's options: the tags seen on loaded items, sorted. */
  tagOptions: string[];
  /** The assignee options, in words: "Unassigned", you, then each team member seen. */
  memberOptions: { value: string; label: string }[];
  setFilter<K extends keyof InboxFilters>(name: K, value: InboxFilters[K]): void;
  /** Sets several filters at once (a saved view). */
  setFilters(filters: Partial<InboxFilters>): void;
  /** The selected item, or `undefined`. */
  view: InboxItemView | undefined;
  /** How many loaded items wait for the team (the customer wrote last). */
  awaitingTeam: number;
  /**
   * What was just done, in words, shown until the next intent: a change shipped, or a bulk action
   * ("3 items moved to Planned."). `confirmationFor` says which form it belongs under.
   */
  confirmation: string | undefined;
  /** Where the confirmation shows: the list's change form, the item's pane, or the bulk form. */
  confirmationFor: 'checked' | 'item' | 'bulk' | undefined;
  /** Every item shown is ticked. */
  allChecked: boolean;
  /** The CSV export is under way. */
  exporting: boolean;
  /** Where "Download as CSV" points, when the host gave `csvHref`; else it is a button. */
  csvHref: string | undefined;
  /** Closes the item view (on a phone, back to the list). */
  close(): void;
  /** The items chosen for a shipped change. */
  checked: string[];
  /** A request is under way: actions wait. */
  busy: boolean;
  errors: Partial<Record<InboxErrorField, string>>;
  /**
   * The shown item's fields (`reply`, `decline`) whose text was given back: written for this item
   * earlier, before another item was opened or this one closed, and not sent.
   */
  restoredDrafts: ItemDraftField[];
  announcement: string;
  /**
   * Reloads the list (as many items as are shown, from the first), the metrics, the selected item
   * and the changes. A filter change starts the list again from its first page.
   */
  refresh(): Promise<void>;
  /**
   * Loads the next page and adds it to the list; announces how many more were loaded and moves
   * focus to the first of them.
   */
  loadMore(): Promise<void>;
  select(id: string): void;
  toggleChecked(id: string): void;
  act(type: InboxAction['type']): Promise<void>;
  reply(): Promise<void>;
  decline(): Promise<void>;
  /** Ships a change for the ticked items (`checked`, default) or the item shown (`item`). */
  shipChange(scope?: 'checked' | 'item'): Promise<void>;
  /** Submits the search box as the text filter. */
  search(): Promise<void>;
  /** Adds the tag field's text to the item shown. */
  addTag(): Promise<void>;
  removeTag(tag: string): Promise<void>;
  /** Assigns the item shown to a team member, or to nobody with `null`. */
  assign(assignee: string | null): Promise<void>;
  /** Ticks every item shown, or unticks them all. */
  toggleAllChecked(): void;
  /** Applies the bulk form to the ticked items. */
  applyBulk(): Promise<void>;
  /** Reads the filtered list as CSV and saves it as a file. */
  exportCsv(): void;
  getAnnouncerProps(): {
    role: 'status';
    'aria-live': 'polite';
    'aria-atomic': true;
    'data-part': 'announcer';
  };
  getFiltersProps(): {
    role: 'search';
    'aria-label': string;
    'data-part': 'filters';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  /** A filter's field, described by its note when its options leave some out. */
  getFilterProps(name: keyof InboxFilters): {
    id: string;
    value: string;
    'aria-describedby': string | undefined;
    'data-part': 'filter';
    'data-filter': keyof InboxFilters;
    onChange: (event: FieldChange) => void;
  };
  getFilterLabelProps(name: keyof InboxFilters): { htmlFor: string };
  /** The note under a filter saying what its options leave out; render it when `filterNotes[name]` is set. */
  getFilterNoteProps(name: InboxFacetFilter): { id: string; 'data-part': 'filter-note' };
  /**
   * The line that says how many are shown (it describes "Show more"); it takes focus when the item
   * view closes on an empty list.
   */
  getCountProps(): {
    id: string;
    ref: RefObject<HTMLParagraphElement | null>;
    tabIndex: -1;
    'data-part': 'count';
  };
  getListProps(): {
    ref: RefObject<HTMLUListElement | null>;
    'aria-label': string;
    'data-part': 'list';
  };
  /**
   * "Show more": render it while `hasMore`. Stays focusable while the page loads
   * (`aria-disabled`), so focus is not lost; it then moves to the first new item.
   */
  getMoreProps(): {
    type: 'button';
    'aria-describedby': string;
    'aria-disabled': true | undefined;
    'data-part': 'more';
    'data-state': 'idle' | 'loading' | 'error';
    onClick: () => void;
  };
  /** Render when `moreState` is `error`: the next page could not be loaded. */
  getMoreErrorProps(): { role: 'alert'; 'data-part': 'more-error' };
  getRowProps(row: { id: string }): {
    'data-part': 'row';
    'data-state': FeedbackStatus;
    'data-overdue': '' | undefined;
    'data-selected': '' | undefined;
    /** The customer wrote last: it waits for the team. */
    'data-awaiting': '' | undefined;
  };
  getRowButtonProps(row: {
    id: string;
    onClick?: (event: MouseEvent<HTMLButtonElement>) => void;
  }): {
    id: string;
    type: 'button';
    'aria-current': 'true' | undefined;
    'aria-describedby': string;
    'data-part': 'open';
    onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  };
  getRowMetaProps(row: { id: string }): { id: string; 'data-part': 'meta' };
  getCheckboxProps(row: { id: string }): {
    type: 'checkbox';
    checked: boolean;
    'aria-label': string;
    'data-part': 'check';
    onChange: () => void;
  };
  getItemViewProps(): {
    'aria-labelledby': string;
    'data-part': 'item-view';
    'data-state': FeedbackStatus | undefined;
    'data-overdue': '' | undefined;
  };
  getItemTitleProps(): {
    id: string;
    ref: RefObject<HTMLHeadingElement | null>;
    tabIndex: -1;
    'data-part': 'item-title';
  };
  /** The item's status line: focus lands here after a status change. */
  getStatusProps(): {
    ref: RefObject<HTMLParagraphElement | null>;
    tabIndex: -1;
    'data-part': 'status';
    'data-state': FeedbackStatus | undefined;
  };
  /** Render only when `errors[field]` is set. */
  getErrorProps(field: InboxErrorField): { id: string; role: 'alert'; 'data-part': 'error' };
  getActionProps(action: InboxAction): {
    type: 'button';
    disabled: boolean;
    'aria-describedby': string | undefined;
    'data-part': 'action';
    'data-action': InboxAction['type'];
    onClick: () => void;
  };
  /** The explanation of a blocked action; render it when `action.blockedBy` is set. */
  getActionNoteProps(action: InboxAction): { id: string; 'data-part': 'action-note' };
  getReplyFormProps(): {
    noValidate: true;
    'data-part': 'composer';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getReplyLabelProps(): { htmlFor: string };
  getReplyFieldProps(): InboxFieldProps & { disabled: boolean };
  /** "The customer sees your reply…", or why the team cannot write. */
  getReplyHintProps(): { id: string; 'data-part': 'hint' };
  /**
   * The note that the field's text was given back (written earlier for this item and not sent);
   * render it when `restoredDrafts` holds the field. The field is described by it.
   */
  getDraftNoteProps(field: ItemDraftField): { id: string; 'data-part': 'resumed' };
  getDeclineFormProps(): {
    noValidate: true;
    'data-part': 'decline';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getDeclineLabelProps(): { htmlFor: string };
  getDeclineFieldProps(): InboxFieldProps;
  getChangeFormProps(): {
    noValidate: true;
    'aria-labelledby': string;
    'data-part': 'change';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getChangeTitleProps(): { id: string; 'data-part': 'change-title' };
  getChangeLabelProps(field: ChangeField): { htmlFor: string };
  getChangeFieldProps(field: ChangeField): InboxFieldProps;
  /** The submit button: disabled until an item is chosen, described by the selection count. */
  getChangeSubmitProps(): {
    type: 'submit';
    disabled: boolean;
    'aria-describedby': string;
    'data-part': 'ship';
  };
  getSelectionProps(): { id: string; 'data-part': 'selection' };
  /** The search box (submitted with Enter or the search button). */
  getSearchProps(): InboxFieldProps & { type: 'search'; maxLength: number };
  getSearchHintProps(): { id: string; 'data-part': 'hint' };
  getSearchSubmitProps(): { type: 'submit'; 'data-part': 'search' };
  /** "Download as CSV" as a button (without `csvHref`). */
  getCsvProps(): {
    type: 'button';
    'aria-disabled': true | undefined;
    'aria-describedby': string | undefined;
    'data-part': 'csv';
    'data-state': 'idle' | 'loading';
    onClick: () => void;
  };
  /** "Select all shown". */
  getCheckAllProps(): {
    id: string;
    type: 'checkbox';
    checked: boolean;
    disabled: boolean;
    'data-part': 'check-all';
    onChange: () => void;
  };
  getCheckAllLabelProps(): { htmlFor: string };
  getTagsProps(): { 'aria-labelledby': string; 'data-part': 'tags' };
  getTagsTitleProps(): { id: string; 'data-part': 'tags-title' };
  getTagFormProps(): {
    noValidate: true;
    'data-part': 'tag-form';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getTagLabelProps(): { htmlFor: string };
  getTagFieldProps(): InboxFieldProps & { maxLength: number };
  /** The button that removes one tag, labelled with it. */
  getTagRemoveProps(tag: string): {
    type: 'button';
    'aria-label': string;
    disabled: boolean;
    'data-part': 'tag-remove';
    onClick: () => void;
  };
  getAssigneeLabelProps(): { htmlFor: string };
  /** The item's assignee field (a select of `memberOptions`). */
  getAssigneeProps(): {
    id: string;
    value: string;
    disabled: boolean;
    'aria-invalid': true | undefined;
    'aria-describedby': string | undefined;
    'data-part': 'assignee';
    onChange: (event: FieldChange) => void;
  };
  getBulkFormProps(): {
    noValidate: true;
    'aria-labelledby': string;
    'data-part': 'bulk';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getBulkTitleProps(): { id: string; 'data-part': 'bulk-title' };
  getBulkLabelProps(field: 'bulkAction' | 'bulkValue'): { htmlFor: string };
  /** The bulk action's select (a status move, "Add a tag", "Assign"). */
  getBulkActionProps(): InboxFieldProps;
  /** The bulk action's value: the tag, or the assignee. */
  getBulkValueProps(): InboxFieldProps;
  getBulkSubmitProps(): {
    type: 'submit';
    disabled: boolean;
    'aria-describedby': string;
    'data-part': 'bulk-submit';
  };
  /** The item pane's own "link to a shipped change" form. */
  getItemChangeFormProps(): {
    noValidate: true;
    'aria-labelledby': string;
    'data-part': 'item-change';
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  };
  getItemChangeTitleProps(): { id: string; 'data-part': 'change-title' };
  getItemChangeLabelProps(field: ItemChangeField): { htmlFor: string };
  getItemChangeFieldProps(field: ItemChangeField): InboxFieldProps;
  /** The visible confirmation (render it where `confirmationFor` says). */
  getConfirmationProps(): { 'data-part': 'confirmation' };
}

/** A field of the inbox: an input, a text area or a select (its ref fits each). */
export type FieldElement = HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement;

/** Props of a text field from {@link FeedbackInboxApi}. */
export interface InboxFieldProps {
  id: string;
  ref: RefObject<FieldElement | null>;
  value: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
  'data-part': 'field';
  onChange: (event: FieldChange) => void;
}
