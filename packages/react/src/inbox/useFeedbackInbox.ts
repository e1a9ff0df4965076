import {
  type Actor,
  applyFeedbackEvent,
  type Change,
  type FeedbackEvent,
  type FeedbackItem,
  type FeedbackStatus,
  type ImpactNotice,
  INBOX_PAGE_SIZE,
  type InboxFacets,
  type InboxQuery,
  isOverdue,
  type LoopMetrics,
  MAX_INBOX_PAGE_SIZE,
  type Question,
  type SegmentValue,
  type Survey,
  type TeamAction,
  type TeamPort,
  teamMovesFrom,
} from '@palaute/engine';
import {
  type ChangeEvent,
  type FormEvent,
  type MouseEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import type { MessageKey } from './i18n/en';
import type { LoopMessageKey } from './i18n/loop';
import { useLoopTools } from './i18n/loop';
import { usePalaute } from './PalauteProvider';
import { useTimeFormat } from './useTimeFormat';
import { excerpt, firstScore, randomId } from './utils';

/** The inbox's filters, as the form holds them. */
export interface InboxFilters {
  /** `all` (unprocessed first), `open` (not yet closed) or one status. @default 'all' */
  status: 'all' | 'open' | FeedbackStatus;
  /** One touchpoint, or `''` for all. */
  touchpointId: string;
  /** Only items older than this many `olderThanUnit`; `''` for any age. */
  olderThan: string;
  olderThanUnit: 'hours' | 'days';
  /** A segment key, or `''` for any. */
  segmentKey: string;
  /** The value for `segmentKey`, JSON-encoded (so `1`, `"1"` and `true` stay apart); `''` for any. */
  segmentValue: string;
}

/** One option of the touchpoint or a segment filter, ready to render. */
export interface InboxFilterOption {
  /** What the filter takes: a touchpoint id, a segment key, or a segment value JSON-encoded. */
  value: string;
  /** In words, with how many items have it when the backend counts them: "pro (412)". */
  label: string;
  /** How many items in the whole inbox have it (from the backend's facets), or `undefined`. */
  count: number | undefined;
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
}

/** The fields of the "link to a shipped change" form. */
export type ChangeField = 'weDid' | 'details' | 'href' | 'linkLabel';
/** Where an inbox error shows. */
export type InboxErrorField = 'action' | 'reply' | 'decline' | 'change' | ChangeField;

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
}

type Load = 'loading' | 'ready' | 'error';
type FieldChange = ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

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
  setFilter<K extends keyof InboxFilters>(name: K, value: InboxFilters[K]): void;
  /** The selected item, or `undefined`. */
  view: InboxItemView | undefined;
  /** The items chosen for a shipped change. */
  checked: string[];
  /** A request is under way: actions wait. */
  busy: boolean;
  errors: Partial<Record<InboxErrorField, string>>;
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
  shipChange(): Promise<void>;
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
  /** The line that says how many are shown (it describes "Show more"). */
  getCountProps(): { id: string; 'data-part': 'count' };
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
}

/** Props of a text field from {@link FeedbackInboxApi}. */
export interface InboxFieldProps {
  id: string;
  ref: RefObject<(HTMLInputElement & HTMLTextAreaElement) | null>;
  value: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
  'data-part': 'field';
  onChange: (event: FieldChange) => void;
}

const TEAM_STATUS = {
  new: 'teamNew',
  triaged: 'teamTriaged',
  planned: 'teamPlanned',
  inProgress: 'teamInProgress',
  shipped: 'teamShipped',
  declined: 'teamDeclined',
  answered: 'teamAnswered',
} as const satisfies Record<FeedbackStatus, MessageKey | LoopMessageKey>;

const SENTIMENT = {
  negative: 'sentimentNegative',
  neutral: 'sentimentNeutral',
  positive: 'sentimentPositive',
} as const satisfies Record<NonNullable<FeedbackItem['sentiment']>, MessageKey | LoopMessageKey>;

const ACTIONS = [
  ['feedback.triage', 'actionTriage'],
  ['feedback.plan', 'actionPlan'],
  ['feedback.start', 'actionStart'],
  ['feedback.answer', 'actionAnswer'],
  ['feedback.reopen', 'actionReopen'],
] as const satisfies readonly (readonly [InboxAction['type'], MessageKey | LoopMessageKey])[];

const OPEN: FeedbackStatus[] = ['new', 'triaged', 'planned', 'inProgress'];
const SAFE_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

const DEFAULT_FILTERS: InboxFilters = {
  status: 'all',
  touchpointId: '',
  olderThan: '',
  olderThanUnit: 'days',
  segmentKey: '',
  segmentValue: '',
};

/**
 * Whether an event would be accepted now: asked of the engine's lifecycle itself, so the buttons
 * offered are exactly the moves it allows.
 */
function accepts(item: FeedbackItem, event: FeedbackEvent): boolean {
  try {
    applyFeedbackEvent(item, event);
    return true;
  } catch {
    return false;
  }
}

/**
 * The team's triage inbox: the headless half of {@link FeedbackInbox}. Lists feedback through a
 * `TeamPort` with filters (status, unprocessed first by default; touchpoint; age; segment), flags
 * what is overdue, opens one item with its answers, history and thread, offers only the status
 * moves the lifecycle allows from where it stands (a decline needs its reason; "answered" needs a
 * reply; replies need the customer's consent), links chosen items to a shipped change, and shows
 * the loop metrics. Every engine refusal is shown as it is worded.
 *
 * @example
 * ```tsx
 * const inbox = useFeedbackInbox({ team: backend.team, by: { kind: 'team', id: 'anna', name: 'Anna' } });
 * inbox.rows.map((row) => <button key={row.id} {...inbox.getRowButtonProps(row)}>{row.excerpt}</button>);
 * ```
 */
export function useFeedbackInbox(options: UseFeedbackInboxOptions): FeedbackInboxApi {
  const { team, by, surveys, timeZone, refreshMs = 60_000 } = options;
  const pageSize = Math.min(
    MAX_INBOX_PAGE_SIZE,
    Math.max(1, Math.floor(options.pageSize ?? INBOX_PAGE_SIZE)),
  );
  const responseTargetHours = options.responseTargetHours ?? 48;
  const { onError } = usePalaute();
  const { t, text, locale } = useLoopTools();
  const number = (value: number) => {
    try {
      return new Intl.NumberFormat(locale).format(value);
    } catch {
      return String(value);
    }
  };
  const time = useTimeFormat(timeZone);
  const base = useId();
  // Every character but letters, digits and "-" written as "_" and its code: no two ids meet.
  const rowId = (row: string) =>
    `${base}-row-${row.replace(/[^A-Za-z0-9-]/g, (unit) => `_${unit.charCodeAt(0).toString(16)}_`)}`;
  const clock = useRef(options.now);
  clock.current = options.now;
  const makeId = useRef(options.createId);
  makeId.current = options.createId;
  const now = () => (clock.current ?? (() => new Date()))();

  const [filters, setFilters] = useState<InboxFilters>(DEFAULT_FILTERS);
  const [list, setList] = useState<{
    state: Load;
    items: FeedbackItem[];
    /** The cursor of the next page; `undefined` once every match is loaded. */
    next: string | undefined;
  }>({ state: 'loading', items: [], next: undefined });
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle');
  const shown = useRef(list);
  shown.current = list;
  const moreRef = useRef(more);
  moreRef.current = more;
  /** The row whose button takes focus once rendered (the first of a page "Show more" loaded). */
  const focusRow = useRef<string | null>(null);
  const listElement = useRef<HTMLUListElement | null>(null);
  const [metrics, setMetrics] = useState<{ state: Load; value: LoopMetrics | undefined }>({
    state: 'loading',
    value: undefined,
  });
  const [facets, setFacets] = useState<InboxFacets | undefined>();
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [selected, setSelected] = useState<FeedbackItem | undefined>();
  const [checked, setChecked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<InboxErrorField, string>>>({});
  const [drafts, setDrafts] = useState({
    reply: '',
    decline: '',
    weDid: '',
    details: '',
    href: '',
    linkLabel: '',
  });
  const [announcement, setAnnouncement] = useState('');
  const [changes, setChanges] = useState<Change[]>([]);
  const segmentsSeen = useRef(new Map<string, Map<string, string | number | boolean>>());
  const focusNext = useRef<'heading' | 'status' | 'reply' | null>(null);
  const announceCount = useRef(false);
  const refs = {
    heading: useRef<HTMLHeadingElement | null>(null),
    status: useRef<HTMLParagraphElement | null>(null),
    reply: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    decline: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    weDid: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    details: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    href: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
    linkLabel: useRef<(HTMLInputElement & HTMLTextAreaElement) | null>(null),
  };

  const announce = useCallback((message: string) => {
    setAnnouncement((last) => (last === message ? `${message}\u00a0` : message));
  }, []);

  const query = toQuery(filters);
  const queryKey = JSON.stringify(query);
  const listRequest = useRef(0);
  const listedQuery = useRef<string | undefined>(undefined);
  const remember = useCallback((items: readonly FeedbackItem[]) => {
    for (const item of items)
      for (const [key, value] of Object.entries(item.segment ?? {})) {
        if (value === null) continue;
        const values = segmentsSeen.current.get(key) ?? new Map();
        values.set(JSON.stringify(value), value);
        segmentsSeen.current.set(key, values);
      }
  }, []);
  const countOf = useCallback(
    (count: number, hasMore: boolean) =>
      hasMore
        ? t('inboxShown', { count })
        : count === 1
          ? t('inboxCountOne')
          : t('inboxCountMany', { count }),
    [t],
  );

  /**
   * Loads the list: for a new query its first page; for the same query (a refresh, or after an
   * action) as many items as are shown, so "Show more" is not undone.
   */
  const loadList = useCallback(async () => {
    const id = ++listRequest.current;
    const sameQuery = listedQuery.current === queryKey;
    listedQuery.current = queryKey;
    const wanted = sameQuery ? Math.max(pageSize, shown.current.items.length) : pageSize;
    try {
      const base = JSON.parse(queryKey) as InboxQuery;
      let items: FeedbackItem[] = [];
      let next: string | undefined;
      do {
        const page = await team.listFeedback({
          ...base,
          limit: Math.min(MAX_INBOX_PAGE_SIZE, wanted - items.length),
          ...(next ? { cursor: next } : {}),
        });
        if (id !== listRequest.current) return;
        items = merged(items, page.items);
        next = page.next;
      } while (next && items.length < wanted);
      remember(items);
      setList({ state: 'ready', items, next });
      setMore('idle');
      if (announceCount.current) {
        announceCount.current = false;
        announce(countOf(items.length, next !== undefined));
      }
    } catch (error) {
      if (id !== listRequest.current) return;
      onError?.(error, 'listFeedback');
      setMore('idle');
      setList((last) =>
        last.state === 'ready' ? last : { state: 'error', items: [], next: undefined },
      );
    }
  }, [team, queryKey, pageSize, onError, announce, remember, countOf]);

  const loadMore = useCallback(async () => {
    const { items: before, next } = shown.current;
    if (!next || moreRef.current === 'loading') return;
    const id = ++listRequest.current;
    moreRef.current = 'loading';
    setMore('loading');
    try {
      const page = await team.listFeedback({
        ...(JSON.parse(queryKey) as InboxQuery),
        limit: pageSize,
        cursor: next,
      });
      if (id !== listRequest.current) return;
      const known = new Set(before.map((item) => item.id));
      const added = page.items.filter((item) => !known.has(item.id));
      const items = merged(before, page.items);
      remember(page.items);
      setList({ state: 'ready', items, next: page.next });
      setMore('idle');
      // Focus goes to the first new item; with none and no button left, to the last item.
      focusRow.current = added[0]?.id ?? (page.next ? null : (items.at(-1)?.id ?? null));
      announce(
        `${added.length === 1 ? t('inboxMoreOne') : t('inboxMoreMany', { count: added.length })} ${countOf(items.length, page.next !== undefined)}`,
      );
    } catch (error) {
      if (id !== listRequest.current) return;
      onError?.(error, 'listFeedback');
      setMore('error');
    }
  }, [team, queryKey, pageSize, onError, announce, remember, countOf, t]);

  const loadMetrics = useCallback(async () => {
    try {
      setMetrics({ state: 'ready', value: await team.loopMetrics({ responseTargetHours }) });
    } catch (error) {
      onError?.(error, 'loopMetrics');
      setMetrics((last) => (last.value ? last : { state: 'error', value: undefined }));
    }
  }, [team, responseTargetHours, onError]);

  // A server without the facets route (an older one: 404) is asked once, not at every refresh.
  const facetsMissing = useRef<TeamPort | undefined>(undefined);
  const loadFacets = useCallback(async () => {
    if (!team.inboxFacets || facetsMissing.current === team) {
      setFacets(undefined);
      return;
    }
    try {
      setFacets(await team.inboxFacets());
    } catch (error) {
      if ((error as { status?: unknown } | null)?.status === 404) facetsMissing.current = team;
      // The options then come from the loaded items (or the facets last loaded).
      onError?.(error, 'inboxFacets');
    }
  }, [team, onError]);

  const selectedRef = useRef(selectedId);
  selectedRef.current = selectedId;
  const loadSelected = useCallback(async () => {
    const id = selectedRef.current;
    if (!id) return;
    try {
      const item = await team.getFeedback(id);
      if (selectedRef.current === id) setSelected(item);
    } catch (error) {
      onError?.(error, 'getFeedback');
    }
  }, [team, onError]);

  const loadChanges = useCallback(async () => {
    try {
      setChanges(await team.listChanges());
    } catch (error) {
      onError?.(error, 'listChanges');
    }
  }, [team, onError]);

  const refresh = useCallback(async () => {
    await Promise.all([loadList(), loadMetrics(), loadSelected(), loadChanges(), loadFacets()]);
  }, [loadList, loadMetrics, loadSelected, loadChanges, loadFacets]);

  useEffect(() => {
    void loadList();
  }, [loadList]);
  useEffect(() => {
    void loadMetrics();
  }, [loadMetrics]);
  useEffect(() => {
    void loadChanges();
  }, [loadChanges]);
  useEffect(() => {
    void loadFacets();
  }, [loadFacets]);
  useEffect(() => {
    if (refreshMs <= 0) return;
    const timer = setInterval(() => void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refresh, refreshMs]);

  // Moves focus where the last intent leads, once what it leads to is rendered.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    const element = refs[target].current;
    if (!element) return;
    focusNext.current = null;
    element.focus();
  });

  // After "Show more": focus on the first new item, once it is rendered.
  useEffect(() => {
    const row = focusRow.current;
    if (!row) return;
    const element = listElement.current?.ownerDocument.getElementById(rowId(row));
    if (!element) return;
    focusRow.current = null;
    element.focus();
  });

  // Reading an item marks the customer's messages read: their receipt.
  const readRequested = useRef(new Set<string>());
  useEffect(() => {
    if (!selected) return;
    const unread = selected.replies.filter(
      (reply) =>
        reply.author.kind === 'customer' && !reply.readAt && !readRequested.current.has(reply.id),
    );
    if (unread.length === 0) return;
    for (const reply of unread) readRequested.current.add(reply.id);
    team
      .act(selected.id, { type: 'reply.read' }, by)
      .then((item) => {
        if (selectedRef.current === item.id) setSelected(item);
      })
      .catch((error: unknown) => onError?.(error, 'act'));
  }, [selected, team, by, onError]);

  const fail = (field: InboxErrorField, message: string, focus?: keyof typeof refs) => {
    setErrors((all) => ({ ...all, [field]: message }));
    if (focus) refs[focus].current?.focus();
  };
  const clearErrors = (...fields: InboxErrorField[]) =>
    setErrors((all) => {
      const next = { ...all };
      for (const field of fields) delete next[field];
      return next;
    });
  const describeError = (error: unknown) =>
    t('actionFailed', { message: error instanceof Error ? error.message : String(error) });

  /** Runs one team action on the selected item, then refreshes what it changed. */
  const run = async (
    action: TeamAction,
    field: InboxErrorField,
    after: (item: FeedbackItem) => void,
  ) => {
    const item = selected;
    if (!item || busy) return;
    setBusy(true);
    try {
      const updated = await team.act(item.id, action, by);
      clearErrors('action', 'reply', 'decline');
      if (selectedRef.current === updated.id) setSelected(updated);
      after(updated);
      void loadList();
      void loadMetrics();
    } catch (error) {
      onError?.(error, 'act');
      fail(field, describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const act = (type: InboxAction['type']) =>
    run({ type }, 'action', (item) => {
      focusNext.current = 'status';
      announce(t('announceStatus', { status: t(TEAM_STATUS[item.status]) }));
    });

  const reply = async () => {
    const body = drafts.reply.trim();
    if (!body) return fail('reply', t('replyEmpty'), 'reply');
    await run(
      { type: 'reply.team', reply: { id: (makeId.current ?? randomId)(), body } },
      'reply',
      () => {
        setDrafts((all) => ({ ...all, reply: '' }));
        focusNext.current = 'reply';
        announce(t('announceTeamReply'));
      },
    );
  };

  const decline = async () => {
    const reason = drafts.decline.trim();
    if (!reason) return fail('decline', t('declineReasonRequired'), 'decline');
    await run({ type: 'feedback.decline', reason }, 'decline', (item) => {
      setDrafts((all) => ({ ...all, decline: '' }));
      focusNext.current = 'status';
      announce(t('announceStatus', { status: t(TEAM_STATUS[item.status]) }));
    });
  };

  const shipChange = async () => {
    if (busy) return;
    clearErrors('change', 'weDid', 'href');
    const weDid = drafts.weDid.trim();
    const href = drafts.href.trim();
    if (!weDid) return fail('weDid', t('changeWeDidRequired'), 'weDid');
    if (href && !SAFE_URL.test(href)) return fail('href', t('changeLinkInvalid'), 'href');
    if (checked.length === 0) return fail('change', t('selectedNone'));
    const details = drafts.details.trim();
    const label = drafts.linkLabel.trim() || t('changeLinkDefault');
    setBusy(true);
    try {
      const change = await team.shipChange(
        {
          id: `change-${(makeId.current ?? randomId)()}`,
          weDid,
          ...(details ? { details } : {}),
          ...(href ? { link: { href, label } } : {}),
          itemIds: checked,
        },
        by,
      );
      const count = change.itemIds.length;
      setChecked([]);
      setDrafts((all) => ({ ...all, weDid: '', details: '', href: '', linkLabel: '' }));
      announce(count === 1 ? t('announceShippedOne') : t('announceShippedMany', { count }));
      await refresh();
    } catch (error) {
      onError?.(error, 'shipChange');
      fail('change', describeError(error));
    } finally {
      setBusy(false);
    }
  };

  const select = (id: string) => {
    const row = list.items.find((item) => item.id === id);
    if (id !== selectedId) {
      setDrafts((all) => ({ ...all, reply: '', decline: '' }));
      clearErrors('action', 'reply', 'decline');
    }
    selectedRef.current = id;
    setSelectedId(id);
    setSelected(row);
    focusNext.current = 'heading';
    void loadSelected();
  };

  const toggleChecked = (id: string) =>
    setChecked((all) => (all.includes(id) ? all.filter((other) => other !== id) : [...all, id]));

  const setFilter = <K extends keyof InboxFilters>(name: K, value: InboxFilters[K]) => {
    announceCount.current = true;
    setFilters((all) => ({
      ...all,
      [name]: value,
      // A new key: its old value means nothing.
      ...(name === 'segmentKey' ? { segmentValue: '' } : {}),
    }));
  };

  // The view model.
  const nowIso = now().toISOString();
  const nowMs = Date.parse(nowIso);
  const rows: InboxRow[] = list.items.map((item) => ({
    id: item.id,
    item,
    excerpt: item.text ? excerpt(item.text) : scoreExcerpt(item),
    statusLabel: t(TEAM_STATUS[item.status]),
    sentimentLabel: item.sentiment ? t(SENTIMENT[item.sentiment]) : undefined,
    age: time.ago(item.createdAt, nowMs),
    overdue: isOverdue(item, nowIso, responseTargetHours),
    selected: item.id === selectedId,
    checked: checked.includes(item.id),
  }));

  /** A score without words still says something: "Score 2 of 5, no written feedback". */
  function scoreExcerpt(item: FeedbackItem): string {
    const found = firstScore(
      item.answers,
      surveys?.find((candidate) => candidate.id === item.surveyId),
    );
    if (!found) return t('noText');
    return found.max === undefined
      ? t('scoreOnly', { score: found.score })
      : t('scoreOnlyOf', { score: found.score, max: found.max });
  }

  const view = selected && selected.id === selectedId ? viewOf(selected) : undefined;
  function viewOf(item: FeedbackItem): InboxItemView {
    const stamp = { by, at: nowIso };
    const survey = surveys?.find((candidate) => candidate.id === item.surveyId);
    const canReply = accepts(item, {
      type: 'reply.team',
      reply: { id: 'probe-reply', body: '-' },
      ...stamp,
    });
    // The moves the engine's lifecycle has from here; "answered" waits for a team reply, so it is
    // offered (and says why it waits) only where the team may write.
    const moves = teamMovesFrom(item);
    const actions = ACTIONS.flatMap(([type, label]): InboxAction[] => {
      const move = moves.find((candidate) => candidate.type === type);
      if (move && !move.blockedBy) return [{ type, label: t(label), blockedBy: undefined }];
      if (move?.blockedBy === 'teamReplyRequired' && canReply)
        return [{ type, label: t(label), blockedBy: t('actionAnswerNeedsReply') }];
      return [];
    });
    const change = item.changeId
      ? changes.find((candidate) => candidate.id === item.changeId)
      : undefined;
    return {
      item,
      statusLabel: t(TEAM_STATUS[item.status]),
      sentimentLabel: item.sentiment ? t(SENTIMENT[item.sentiment]) : undefined,
      overdue: isOverdue(item, nowIso, responseTargetHours),
      answers: Object.entries(item.answers).map(([questionId, value]) => {
        const question = survey ? findQuestion(survey, questionId) : undefined;
        return {
          questionId,
          label: question ? text(question.title, survey?.defaultLocale) : questionId,
          value: answerText(value, question, survey?.defaultLocale),
        };
      }),
      history: item.history.map((step) => ({
        status: step.to,
        statusLabel: t(TEAM_STATUS[step.to]),
        by: actorName(step.by),
        at: step.at,
        reason: step.reason,
      })),
      messages: item.replies.map((reply) => ({
        id: reply.id,
        fromTeam: reply.author.kind === 'team',
        author: actorName(reply.author),
        body: reply.body,
        at: reply.at,
        receipt: reply.author.kind === 'team' && reply.readAt ? t('readByCustomer') : undefined,
      })),
      actions,
      canDecline: moves.some((move) => move.type === 'feedback.decline' && !move.blockedBy),
      canReply,
      notice: change
        ? {
            id: `${change.id}:${item.id}`,
            ...(item.text ? { youSaid: excerpt(item.text, 280) } : {}),
            weDid: change.weDid,
            ...(change.details ? { details: change.details } : {}),
            shippedAt: change.shippedAt,
            ...(change.link ? { link: change.link } : {}),
          }
        : undefined,
    };
  }
  function actorName(actor: Actor): string {
    if (actor.kind === 'system') return t('system');
    if (actor.kind === 'customer') return t('customer');
    return actor.name ?? actor.id;
  }
  function answerText(
    value: FeedbackItem['answers'][string],
    question: Question | undefined,
    defaultLocale: string | undefined,
  ): string {
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (typeof value !== 'object') return String(value);
    const options = question && 'options' in question ? question.options : [];
    const chosen = value.selected
      .filter((id) => id !== 'other')
      .map((id) => {
        const option = options.find((candidate) => candidate.id === id);
        return option ? text(option.label, defaultLocale) : id;
      });
    if (value.other) chosen.push(`${t('other')}: ${value.other}`);
    return chosen.join(', ');
  }

  const filterOptions = filterOptionsOf({
    facets,
    seenTouchpoints: [
      ...Object.keys(metrics.value?.byTouchpoint ?? {}),
      ...list.items.map((item) => item.touchpointId),
    ],
    seenSegments: segmentsSeen.current,
    filters,
    labelOf: (label, count) =>
      count === undefined ? label : t('filterOptionCount', { label, count: number(count) }),
    quote: (value) => t('filterTextValue', { value }),
  });
  const filterNotes: Partial<Record<InboxFacetFilter, string>> = {};
  const notListed = (count: number, one: LoopMessageKey, many: LoopMessageKey) =>
    count === 1 ? t(one) : t(many, { count: number(count) });
  if (facets?.touchpoints.omitted.values)
    filterNotes.touchpointId = notListed(
      facets.touchpoints.omitted.values,
      'filterMoreTouchpointsOne',
      'filterMoreTouchpointsMany',
    );
  if (facets?.omittedSegmentKeys)
    filterNotes.segmentKey = notListed(
      facets.omittedSegmentKeys,
      'filterMoreKeysOne',
      'filterMoreKeysMany',
    );
  const valuesLeft = facets?.segments.find((facet) => facet.key === filters.segmentKey)?.omitted
    .values;
  if (valuesLeft)
    filterNotes.segmentValue = notListed(valuesLeft, 'filterMoreValuesOne', 'filterMoreValuesMany');

  const id = (part: string) => `${base}-${part}`;
  const listState =
    list.state === 'ready' ? (list.items.length === 0 ? 'empty' : 'ready') : list.state;
  const errorDescribed = (field: InboxErrorField, ...others: (string | undefined)[]) =>
    [...others, errors[field] ? id(`error-${field}`) : undefined].filter(Boolean).join(' ') ||
    undefined;

  const textField = (
    name: keyof typeof drafts,
    ref: InboxFieldProps['ref'],
    errorField: InboxErrorField,
    extra: { required?: boolean; describedBy?: string } = {},
  ): InboxFieldProps => ({
    id: id(`field-${name}`),
    ref,
    value: drafts[name],
    'aria-invalid': errors[errorField] ? true : undefined,
    'aria-describedby': errorDescribed(errorField, extra.describedBy),
    'aria-required': extra.required ? true : undefined,
    'data-part': 'field',
    onChange: (event) => {
      const value = event.target.value;
      setDrafts((all) => ({ ...all, [name]: value }));
    },
  });

  const hasMore = list.state === 'ready' && list.next !== undefined;
  return {
    listState,
    rows,
    hasMore,
    moreState: more,
    countLabel: countOf(rows.length, hasMore),
    filtered: JSON.stringify(filters) !== JSON.stringify(DEFAULT_FILTERS),
    metrics: metrics.value,
    metricsState: metrics.state,
    responseTargetHours,
    touchpoints: filterOptions.touchpoints.map((option) => option.value),
    touchpointOptions: filterOptions.touchpoints,
    segments: filterOptions.segments,
    filterOptionsFrom: facets ? 'inbox' : 'loaded',
    filterNotes,
    filters,
    setFilter,
    view,
    checked,
    busy,
    errors,
    announcement,
    refresh,
    loadMore,
    select,
    toggleChecked,
    act,
    reply,
    decline,
    shipChange,
    getAnnouncerProps: () => ({
      role: 'status',
      'aria-live': 'polite',
      'aria-atomic': true,
      'data-part': 'announcer',
    }),
    getFiltersProps: () => ({
      role: 'search',
      'aria-label': t('filters'),
      'data-part': 'filters',
      onSubmit: (event) => event.preventDefault(),
    }),
    getFilterProps: (name) => ({
      id: id(`filter-${name}`),
      value: filters[name],
      'aria-describedby': filterNotes[name as InboxFacetFilter]
        ? id(`filter-note-${name}`)
        : undefined,
      'data-part': 'filter',
      'data-filter': name,
      onChange: (event) => setFilter(name, event.target.value as never),
    }),
    getFilterLabelProps: (name) => ({ htmlFor: id(`filter-${name}`) }),
    getFilterNoteProps: (name) => ({ id: id(`filter-note-${name}`), 'data-part': 'filter-note' }),
    getCountProps: () => ({ id: id('count'), 'data-part': 'count' }),
    getListProps: () => ({ ref: listElement, 'aria-label': t('inbox'), 'data-part': 'list' }),
    getMoreProps: () => ({
      type: 'button',
      'aria-describedby': id('count'),
      'aria-disabled': more === 'loading' ? true : undefined,
      'data-part': 'more',
      'data-state': more,
      onClick: () => void loadMore(),
    }),
    getMoreErrorProps: () => ({ role: 'alert', 'data-part': 'more-error' }),
    getRowProps: ({ id: row }) => {
      const found = rows.find((candidate) => candidate.id === row);
      return {
        'data-part': 'row',
        'data-state': found?.item.status ?? 'new',
        'data-overdue': found?.overdue ? '' : undefined,
        'data-selected': found?.selected ? '' : undefined,
      };
    },
    getRowButtonProps: ({ id: row, onClick }) => ({
      id: rowId(row),
      type: 'button',
      'aria-current': row === selectedId ? 'true' : undefined,
      'aria-describedby': `${rowId(row)}-meta`,
      'data-part': 'open',
      onClick: (event) => {
        onClick?.(event);
        if (!event.defaultPrevented) select(row);
      },
    }),
    getRowMetaProps: ({ id: row }) => ({ id: `${rowId(row)}-meta`, 'data-part': 'meta' }),
    getCheckboxProps: ({ id: row }) => {
      const found = rows.find((candidate) => candidate.id === row);
      return {
        type: 'checkbox',
        checked: checked.includes(row),
        'aria-label': t('selectForChange', {
          excerpt: found ? excerpt(found.excerpt, 60) : row,
        }),
        'data-part': 'check',
        onChange: () => toggleChecked(row),
      };
    },
    getItemViewProps: () => ({
      'aria-labelledby': id('item-title'),
      'data-part': 'item-view',
      'data-state': view?.item.status,
      'data-overdue': view?.overdue ? '' : undefined,
    }),
    getItemTitleProps: () => ({
      id: id('item-title'),
      ref: refs.heading,
      tabIndex: -1,
      'data-part': 'item-title',
    }),
    getStatusProps: () => ({
      ref: refs.status,
      tabIndex: -1,
      'data-part': 'status',
      'data-state': view?.item.status,
    }),
    getErrorProps: (field) => ({ id: id(`error-${field}`), role: 'alert', 'data-part': 'error' }),
    getActionProps: (action) => ({
      type: 'button',
      disabled: busy || action.blockedBy !== undefined,
      'aria-describedby': errorDescribed(
        'action',
        action.blockedBy ? id(`note-${action.type}`) : undefined,
      ),
      'data-part': 'action',
      'data-action': action.type,
      onClick: () => void act(action.type),
    }),
    getActionNoteProps: (action) => ({ id: id(`note-${action.type}`), 'data-part': 'action-note' }),
    getReplyFormProps: () => ({
      noValidate: true,
      'data-part': 'composer',
      onSubmit: (event) => {
        event.preventDefault();
        void reply();
      },
    }),
    getReplyLabelProps: () => ({ htmlFor: id('field-reply') }),
    getReplyFieldProps: () => ({
      ...textField('reply', refs.reply, 'reply', { describedBy: id('reply-hint') }),
      disabled: !view?.canReply,
    }),
    getReplyHintProps: () => ({ id: id('reply-hint'), 'data-part': 'hint' }),
    getDeclineFormProps: () => ({
      noValidate: true,
      'data-part': 'decline',
      onSubmit: (event) => {
        event.preventDefault();
        void decline();
      },
    }),
    getDeclineLabelProps: () => ({ htmlFor: id('field-decline') }),
    getDeclineFieldProps: () => textField('decline', refs.decline, 'decline', { required: true }),
    getChangeFormProps: () => ({
      noValidate: true,
      'aria-labelledby': id('change-title'),
      'data-part': 'change',
      onSubmit: (event) => {
        event.preventDefault();
        void shipChange();
      },
    }),
    getChangeTitleProps: () => ({ id: id('change-title'), 'data-part': 'change-title' }),
    getChangeLabelProps: (field) => ({ htmlFor: id(`field-${field}`) }),
    getChangeFieldProps: (field) =>
      textField(field, refs[field], field, { required: field === 'weDid' }),
    getChangeSubmitProps: () => ({
      type: 'submit',
      disabled: busy || checked.length === 0,
      'aria-describedby': errorDescribed('change', id('selection')) ?? id('selection'),
      'data-part': 'ship',
    }),
    getSelectionProps: () => ({ id: id('selection'), 'data-part': 'selection' }),
  };
}

/** The engine's query for the form's filters. */
function toQuery(filters: InboxFilters): InboxQuery {
  const age = Number(filters.olderThan);
  let segmentValue: string | number | boolean | undefined;
  try {
    segmentValue = filters.segmentValue ? JSON.parse(filters.segmentValue) : undefined;
  } catch {
    segmentValue = undefined;
  }
  return {
    sort: 'unprocessed',
    ...(filters.status === 'open'
      ? { status: OPEN }
      : filters.status !== 'all'
        ? { status: [filters.status] }
        : {}),
    ...(filters.touchpointId ? { touchpointId: filters.touchpointId } : {}),
    ...(filters.olderThan !== '' && Number.isFinite(age) && age > 0
      ? { olderThanHours: age * (filters.olderThanUnit === 'days' ? 24 : 1) }
      : {}),
    ...(filters.segmentKey && segmentValue !== undefined
      ? { segment: { [filters.segmentKey]: segmentValue } }
      : {}),
  };
}

function findQuestion(survey: Survey, questionId: string): Question | undefined {
  return (
    survey.questions.find((question) => question.id === questionId) ??
    survey.followUps?.find((followUp) => followUp.question.id === questionId)?.question
  );
}

/**
 * The list after a page arrives: items already shown stay where they are (refreshed), new ones
 * follow in the page's order. An item can come twice when it moved in the order while the team
 * paged (the `unprocessed` order puts a triaged item among the open ones): it is shown once.
 */
function merged(shown: readonly FeedbackItem[], page: readonly FeedbackItem[]): FeedbackItem[] {
  const fresh = new Map(page.map((item) => [item.id, item]));
  const kept = shown.map((item) => fresh.get(item.id) ?? item);
  const known = new Set(shown.map((item) => item.id));
  return [...kept, ...page.filter((item) => !known.has(item.id))];
}

/**
 * The touchpoint and segment filters' options: the backend's facets when there are some (every
 * value of the inbox, most common first, with counts), else what the metrics and the loaded items
 * show (sorted, without counts). A chosen value is always offered, so the field keeps showing it.
 */
function filterOptionsOf({
  facets,
  seenTouchpoints,
  seenSegments,
  filters,
  labelOf,
  quote,
}: {
  facets: InboxFacets | undefined;
  seenTouchpoints: readonly string[];
  seenSegments: ReadonlyMap<string, ReadonlyMap<string, SegmentValue>>;
  filters: InboxFilters;
  labelOf: (label: string, count: number | undefined) => string;
  quote: (value: string) => string;
}): {
  touchpoints: InboxFilterOption[];
  segments: (InboxFilterOption & { key: string; values: InboxFilterOption[] })[];
} {
  const option = (value: string, label: string, count?: number): InboxFilterOption => ({
    value,
    label: labelOf(label, count),
    count,
  });
  /** Segment values as options: a text that reads like another value of its key is quoted. */
  const valueOptions = (values: readonly { value: SegmentValue; count?: number }[]) => {
    const readings = new Map<string, number>();
    for (const { value } of values)
      readings.set(String(value), (readings.get(String(value)) ?? 0) + 1);
    return values.map(({ value, count }) =>
      option(
        JSON.stringify(value),
        typeof value === 'string' && (readings.get(value) ?? 0) > 1 ? quote(value) : String(value),
        count,
      ),
    );
  };
  const withChosen = (options: InboxFilterOption[], chosen: string, label = chosen) =>
    chosen && !options.some((candidate) => candidate.value === chosen)
      ? [...options, option(chosen, label)]
      : options;
  const chosenValueLabel = () => {
    try {
      return String(JSON.parse(filters.segmentValue));
    } catch {
      return filters.segmentValue;
    }
  };

  if (facets) {
    const segments = facets.segments.map((facet) => ({
      key: facet.key,
      ...option(facet.key, facet.key, facet.count),
      values:
        facet.key === filters.segmentKey
          ? withChosen(valueOptions(facet.values), filters.segmentValue, chosenValueLabel())
          : valueOptions(facet.values),
    }));
    if (filters.segmentKey && !segments.some((facet) => facet.key === filters.segmentKey))
      segments.push({
        key: filters.segmentKey,
        ...option(filters.segmentKey, filters.segmentKey),
        values: withChosen([], filters.segmentValue, chosenValueLabel()),
      });
    return {
      touchpoints: withChosen(
        facets.touchpoints.values.map(({ value, count }) => option(value, value, count)),
        filters.touchpointId,
      ),
      segments,
    };
  }
  return {
    touchpoints: withChosen(
      [...new Set(seenTouchpoints)].sort().map((touchpoint) => option(touchpoint, touchpoint)),
      filters.touchpointId,
    ),
    segments: [...seenSegments.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, values]) => ({
        key,
        ...option(key, key),
        values: valueOptions(
          [...values.values()]
            .sort((a, b) => String(a).localeCompare(String(b)))
            .map((value) => ({ value })),
        ),
      })),
  };
}
