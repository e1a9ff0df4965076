import type { IdeaKind, StatusDefinition, Vote } from '../board/board.schema';
import { segmentValueOf } from '../board/board.utils';
import type {
  Actor,
  FeedbackItem,
  FeedbackStatus,
  InboxFacets,
  InboxKind,
  InboxQuery,
  SegmentValue,
} from '../feedback/feedback.schema';
import { FEEDBACK_STATUSES, INBOX_KINDS, tagSchema } from '../feedback/feedback.schema';
import { applyFeedbackEvent, teamMovesFrom } from '../feedback/feedback.utils';
import { FEEDBACK_KINDS } from '../records/records.schema';
import {
  DEFAULT_INBOX_FILTERS,
  INBOX_MOVES,
  INBOX_UNASSIGNED,
  type InboxFilters,
  type InboxMoveType,
  type SeenSegments,
} from './inbox.schema';

const OPEN: FeedbackStatus[] = ['new', 'triaged', 'planned', 'inProgress'];

/** A link the team may put in a change: `http(s)` with a host, nothing else. */
export const SAFE_CHANGE_URL = /^https?:\/\/[^\s/?#]+\S*$/i;

/**
 * The backend's query for the form's filters: unprocessed first, and each filter that is set.
 * A filter that reads as nothing (an age of `0`, a value that is not JSON) is left out.
 *
 * @example
 * ```ts
 * toInboxQuery({ ...DEFAULT_INBOX_FILTERS, status: 'open' }); // { sort: 'unprocessed', status: ['new', …] }
 * ```
 */
export function toInboxQuery(filters: InboxFilters): InboxQuery {
  const age = Number(filters.olderThan);
  let segmentValue: SegmentValue | undefined;
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
    // A search without a word (only spaces or signs) would be refused by the backend: left out.
    ...(/[\p{L}\p{N}]/u.test(filters.text) ? { text: filters.text.trim().slice(0, 200) } : {}),
    ...(isTag(filters.tag) ? { tags: [filters.tag] } : {}),
    ...(filters.assignee === INBOX_UNASSIGNED
      ? { assignee: null }
      : filters.assignee
        ? { assignee: filters.assignee }
        : {}),
    ...(filters.kind !== 'all' ? { kind: filters.kind } : {}),
    ...(filters.feedbackKind === 'none'
      ? { feedbackKind: null }
      : filters.feedbackKind !== 'all'
        ? { feedbackKind: filters.feedbackKind }
        : {}),
  };
}

/** Whether `value` is a tag the backend takes (see `tagSchema`). */
export function isTag(value: string): boolean {
  return tagSchema.safeParse(value).success;
}

/** Whether any filter differs from a fresh inbox's (to tell "no feedback yet" from "nothing matches"). */
export function isFiltered(filters: InboxFilters): boolean {
  return (Object.keys(DEFAULT_INBOX_FILTERS) as (keyof InboxFilters)[]).some(
    (name) => filters[name] !== DEFAULT_INBOX_FILTERS[name],
  );
}

/** The filters after one field changes: a new segment key clears its value (the old one means nothing). */
export function withFilter(
  filters: InboxFilters,
  name: keyof InboxFilters,
  value: string,
): InboxFilters {
  return {
    ...filters,
    [name]: value,
    ...(name === 'segmentKey' ? { segmentValue: '' } : {}),
  } as InboxFilters;
}

/**
 * The list after a page arrives: items already shown stay where they are (refreshed), new ones
 * follow in the page's order. An item can come twice when it moved in the order while the team
 * paged (the `unprocessed` order puts a triaged item among the open ones): it is shown once.
 */
export function mergeInboxPage(
  shown: readonly FeedbackItem[],
  page: readonly FeedbackItem[],
): FeedbackItem[] {
  const fresh = new Map(page.map((item) => [item.id, item]));
  const kept = shown.map((item) => fresh.get(item.id) ?? item);
  const known = new Set(shown.map((item) => item.id));
  return [...kept, ...page.filter((item) => !known.has(item.id))];
}

/** The list with one item replaced where it stands (after an action), so the team keeps its place. */
export function replaceInboxItem(
  items: readonly FeedbackItem[],
  item: FeedbackItem,
): FeedbackItem[] {
  return items.map((candidate) => (candidate.id === item.id ? item : candidate));
}

/**
 * A reloaded list that keeps the team's place: the items already shown stay in their order (with
 * their fresh data), those no longer listed leave, and new ones follow in the backend's order.
 */
export function keepPlaces(
  shown: readonly FeedbackItem[],
  fresh: readonly FeedbackItem[],
): FeedbackItem[] {
  const byId = new Map(fresh.map((item) => [item.id, item]));
  const kept = shown.flatMap((item) => {
    const now = byId.get(item.id);
    return now ? [now] : [];
  });
  const known = new Set(shown.map((item) => item.id));
  return [...kept, ...fresh.filter((item) => !known.has(item.id))];
}

/** The segment values seen so far, with those of `items` added. */
export function rememberSegments(seen: SeenSegments, items: readonly FeedbackItem[]): SeenSegments {
  let next = seen;
  for (const item of items)
    for (const [key, value] of Object.entries(item.segment ?? {})) {
      if (value === null) continue;
      const json = JSON.stringify(value);
      if (next[key]?.[json] !== undefined) continue;
      if (next === seen) next = { ...seen };
      next[key] = { ...next[key], [json]: value };
    }
  return next;
}

/** One option of the touchpoint or a segment filter. */
export interface InboxFilterOption {
  /** What the filter takes: a touchpoint id, a segment key, or a segment value JSON-encoded. */
  value: string;
  /** In words, with how many items have it when the backend counts them: "pro (412)". */
  label: string;
  /** How many items in the whole inbox have it (from the backend's facets), or `undefined`. */
  count: number | undefined;
}
/** A segment key's option with its values' options. */
export type InboxSegmentOption = InboxFilterOption & { key: string; values: InboxFilterOption[] };

/** Options of {@link inboxFilterOptions}. */
export interface InboxFilterOptionsInput {
  facets: InboxFacets | undefined;
  seenTouchpoints: readonly string[];
  seenSegments: SeenSegments;
  filters: InboxFilters;
  /** A touchpoint's name (from the journey), else its id. */
  touchpointName?: ((id: string) => string) | undefined;
  /** An option's words with its count. @default "label (count)" */
  labelOf?: ((label: string, count: number | undefined) => string) | undefined;
  /** A text value that reads like another value of its key. @default `"value"` */
  quote?: ((value: string) => string) | undefined;
}

/**
 * The touchpoint and segment filters' options: the backend's facets when there are some (every
 * value of the inbox, most common first, with counts), else what the metrics and the loaded items
 * show (sorted, without counts). A chosen value is always offered, so the field keeps showing it.
 */
export function inboxFilterOptions({
  facets,
  seenTouchpoints,
  seenSegments,
  filters,
  touchpointName = (id) => id,
  labelOf = (label, count) => (count === undefined ? label : `${label} (${count})`),
  quote = (value) => `"${value}"`,
}: InboxFilterOptionsInput): { touchpoints: InboxFilterOption[]; segments: InboxSegmentOption[] } {
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
    const segments: InboxSegmentOption[] = facets.segments.map((facet) => ({
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
        facets.touchpoints.values.map(({ value, count }) =>
          option(value, touchpointName(value), count),
        ),
        filters.touchpointId,
        touchpointName(filters.touchpointId),
      ),
      segments,
    };
  }
  return {
    touchpoints: withChosen(
      [...new Set(seenTouchpoints)]
        .sort()
        .map((touchpoint) => option(touchpoint, touchpointName(touchpoint))),
      filters.touchpointId,
      touchpointName(filters.touchpointId),
    ),
    segments: Object.entries(seenSegments)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, values]) => ({
        key,
        ...option(key, key),
        values: valueOptions(
          Object.values(values)
            .sort((a, b) => String(a).localeCompare(String(b)))
            .map((value) => ({ value })),
        ),
      })),
  };
}

/** Whether the team may write to the customer now (they consented, and the lifecycle allows it). */
export function canTeamReply(
  item: FeedbackItem,
  by: Actor = { kind: 'team', id: 'team' },
): boolean {
  try {
    applyFeedbackEvent(item, {
      type: 'reply.team',
      reply: { id: 'probe-reply', body: '-' },
      by,
      at: item.createdAt,
    });
    return true;
  } catch {
    return false;
  }
}

/** A status move offered as a button, with why it waits (`teamReplyRequired`) or `undefined`. */
export interface InboxMove {
  type: InboxMoveType;
  blockedBy: 'teamReplyRequired' | undefined;
}

/**
 * The one-button moves the lifecycle has from where `item` stands, in a stable order. "Answered"
 * waits for a team reply: it is offered (saying why it waits) only where the team may write.
 */
export function inboxMovesOf(item: FeedbackItem): InboxMove[] {
  const moves = teamMovesFrom(item);
  const writable = canTeamReply(item);
  return INBOX_MOVES.flatMap((type): InboxMove[] => {
    const move = moves.find((candidate) => candidate.type === type);
    if (move && !move.blockedBy) return [{ type, blockedBy: undefined }];
    if (move?.blockedBy === 'teamReplyRequired' && writable)
      return [{ type, blockedBy: 'teamReplyRequired' }];
    return [];
  });
}

/** Whether the item may be declined now (with a reason). */
export function canDecline(item: FeedbackItem): boolean {
  return teamMovesFrom(item).some((move) => move.type === 'feedback.decline' && !move.blockedBy);
}

// The rule lives with the lifecycle (the inbox's order and every backend read it too).
export { isAwaitingTeam } from '../feedback/feedback.utils';

/** The tags seen so far, with those of `items` added (in the order first seen). */
export function rememberTags(seen: readonly string[], items: readonly FeedbackItem[]): string[] {
  const known = new Set(seen);
  const added = items
    .flatMap((item) => item.tags ?? [])
    .filter((tag) => {
      if (known.has(tag)) return false;
      known.add(tag);
      return true;
    });
  return added.length > 0 ? [...seen, ...added] : (seen as string[]);
}

/**
 * The team members seen so far, with those of `items` added: each assignee, and each team member
 * who moved an item or replied (with the name they acted under, when they gave one).
 */
export function rememberMembers(
  seen: Readonly<Record<string, string | undefined>>,
  items: readonly FeedbackItem[],
): Record<string, string | undefined> {
  let next = seen as Record<string, string | undefined>;
  const note = (id: string, name: string | undefined) => {
    if (id in next && (next[id] !== undefined || name === undefined)) return;
    if (next === seen) next = { ...seen };
    next[id] = name;
  };
  for (const item of items) {
    for (const step of item.history) if (step.by.kind === 'team') note(step.by.id, step.by.name);
    for (const reply of item.replies)
      if (reply.author.kind === 'team') note(reply.author.id, reply.author.name);
    if (item.assignee) note(item.assignee, undefined);
  }
  return next;
}

/** One option of the assignee filter or the assignee field. */
export interface InboxMemberOption {
  /** The member's id, or {@link INBOX_UNASSIGNED}. */
  value: string;
  /** Their name when one is known, else their id; `undefined` for "Unassigned" (the host's words). */
  name: string | undefined;
}

/**
 * The assignee options: "Unassigned" first, then the acting member, then every member seen
 * (sorted by name), and the chosen one always, so the field keeps showing it.
 */
export function inboxMemberOptions(
  members: Readonly<Record<string, string | undefined>>,
  me: Actor | undefined,
  chosen = '',
): InboxMemberOption[] {
  const all = { ...members };
  if (me?.kind === 'team') all[me.id] = me.name ?? all[me.id];
  if (chosen && chosen !== INBOX_UNASSIGNED && !(chosen in all)) all[chosen] = undefined;
  const others = Object.entries(all)
    .filter(([id]) => id !== me?.id)
    .map(([id, name]) => ({ value: id, name: name ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const mine =
    me?.kind === 'team' && me.id in all ? [{ value: me.id, name: all[me.id] ?? me.id }] : [];
  return [{ value: INBOX_UNASSIGNED, name: undefined }, ...mine, ...others];
}

/** The tag filter's options: the tags seen, sorted, and the chosen one always. */
export function inboxTagOptions(seen: readonly string[], chosen = ''): string[] {
  const tags = new Set(seen);
  if (chosen) tags.add(chosen);
  return [...tags].sort((a, b) => a.localeCompare(b));
}

/** The names of the filters in a URL (each filter one parameter). */
const PARAMS: Record<keyof InboxFilters, string> = {
  status: 'status',
  touchpointId: 'touchpoint',
  olderThan: 'olderThan',
  olderThanUnit: 'unit',
  segmentKey: 'segment',
  segmentValue: 'segmentValue',
  text: 'q',
  tag: 'tag',
  assignee: 'assignee',
  kind: 'kind',
  feedbackKind: 'feedbackKind',
};
/**
 * Every search parameter the inbox's filters may use in a URL (before a prefix), so a host that
 * writes them can first clear the old ones and keep its own.
 */
export const INBOX_SEARCH_PARAM_NAMES: readonly string[] = Object.freeze([
  ...Object.values(PARAMS),
  'assigneeId',
]);
const STATUS_FILTERS = new Set<string>(['all', 'open', ...FEEDBACK_STATUSES]);

/** Options of {@link filtersToSearchParams} and {@link filtersFromSearchParams}. */
export interface InboxSearchParamsOptions {
  /** Put before each parameter's name, for a host whose URL has its own `status` or `q`. @default '' */
  prefix?: string | undefined;
}

/**
 * The filters as URL search parameters, for a saved view or a link: only the filters set, one
 * parameter each (`status`, `touchpoint`, `olderThan`, `unit`, `segment`, `segmentValue`, `q`, `tag`,
 * `assignee`, `kind`, `feedbackKind` (the launcher's kind); "Unassigned" is `assignee=unassigned`, a member whose id is `unassigned` is
 * `assigneeId=unassigned`). `new URLSearchParams(result)` makes the query string;
 * {@link filtersFromSearchParams} reads it back.
 *
 * @example
 * ```ts
 * filtersToSearchParams({ ...DEFAULT_INBOX_FILTERS, status: 'open', text: 'export' }); // { status: 'open', q: 'export' }
 * ```
 */
export function filtersToSearchParams(
  filters: InboxFilters,
  { prefix = '' }: InboxSearchParamsOptions = {},
): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of Object.keys(PARAMS) as (keyof InboxFilters)[]) {
    const value = filters[name];
    if (value === DEFAULT_INBOX_FILTERS[name]) continue;
    // The unit means something only with an age.
    if (name === 'olderThanUnit' && filters.olderThan === '') continue;
    if (name === 'assignee' && value !== INBOX_UNASSIGNED && value === 'unassigned')
      params[`${prefix}assigneeId`] = value;
    else params[`${prefix}${PARAMS[name]}`] = value === INBOX_UNASSIGNED ? 'unassigned' : value;
  }
  return params;
}

/**
 * The filters a URL's search parameters hold (as {@link filtersToSearchParams} writes them): only
 * the valid ones, so a hand-edited or stale link never breaks the inbox. A status, unit, age, tag,
 * search or segment value the inbox would not take is left out, as is a segment value without
 * its key; unknown parameters are ignored. Give the result to the inbox's `filters`.
 *
 * @example
 * ```ts
 * filtersFromSearchParams(new URLSearchParams(location.search)); // { status: 'open', text: 'export' }
 * ```
 */
export function filtersFromSearchParams(
  params: { get(name: string): string | null },
  { prefix = '' }: InboxSearchParamsOptions = {},
): Partial<InboxFilters> {
  const read = (name: string) => params.get(`${prefix}${name}`) ?? undefined;
  const filters: Partial<InboxFilters> = {};
  const status = read(PARAMS.status);
  if (status !== undefined && STATUS_FILTERS.has(status))
    filters.status = status as InboxFilters['status'];
  const touchpoint = read(PARAMS.touchpointId);
  if (touchpoint && touchpoint.length <= 100) filters.touchpointId = touchpoint;
  const age = read(PARAMS.olderThan);
  if (age !== undefined && /^\d{1,7}$/.test(age)) filters.olderThan = age;
  const unit = read(PARAMS.olderThanUnit);
  if (unit === 'hours' || unit === 'days') filters.olderThanUnit = unit;
  const key = read(PARAMS.segmentKey);
  if (key && key.length <= 200) {
    filters.segmentKey = key;
    const value = read(PARAMS.segmentValue);
    if (value !== undefined && isSegmentJson(value)) filters.segmentValue = value;
  }
  const text = read(PARAMS.text);
  if (text !== undefined && text.length <= 200 && /[\p{L}\p{N}]/u.test(text)) filters.text = text;
  const tag = read(PARAMS.tag);
  if (tag !== undefined && isTag(tag)) filters.tag = tag;
  const assignee = read('assigneeId') ?? read(PARAMS.assignee);
  if (assignee !== undefined && assignee.length >= 1 && assignee.length <= 200)
    filters.assignee =
      assignee === 'unassigned' && read('assigneeId') === undefined ? INBOX_UNASSIGNED : assignee;
  const kind = read(PARAMS.kind);
  if (kind !== undefined && (INBOX_KINDS as readonly string[]).includes(kind))
    filters.kind = kind as InboxKind;
  const about = read(PARAMS.feedbackKind);
  // The launcher's kinds, or `none` for feedback without one.
  if (
    about !== undefined &&
    (about === 'none' || (FEEDBACK_KINDS as readonly string[]).includes(about))
  )
    filters.feedbackKind = about as InboxFilters['feedbackKind'];
  return filters;
}

/** Whether `json` is a segment value the segment filter takes: a JSON text, number or boolean. */
function isSegmentJson(json: string): boolean {
  try {
    const value: unknown = JSON.parse(json);
    return ['string', 'number', 'boolean'].includes(typeof value);
  } catch {
    return false;
  }
}

/**
 * The URL of the server's CSV of the inbox (`GET /v1/team/inbox.csv`) for a query: every item
 * matching the filters (no paging), for a host whose team session travels in a cookie. A host
 * that sends a bearer token instead exports through the team port (the inbox's `csv.export`).
 *
 * @example
 * ```ts
 * inboxCsvUrl('https://palaute.example.com', toInboxQuery(filters)); // …/v1/team/inbox.csv?query=%7B…
 * ```
 */
export function inboxCsvUrl(baseUrl: string, query: InboxQuery): string {
  const { cursor: _cursor, limit: _limit, ...rest } = query;
  return `${baseUrl.replace(/\/+$/, '')}/v1/team/inbox.csv?query=${encodeURIComponent(JSON.stringify(rest))}`;
}

/**
 * Which lists the inbox shows for its filters: the feedback list (for `all` and `feedback`) and
 * the board's ideas (for `all`, `idea` and `bug`) with the board team query's filters: the `kind`
 * chosen, the search text, and for a status filter the board's statuses mapped onto those
 * lifecycle statuses (`statuses`, the board's definition). Ideas are listed and acted on by the
 * board's own team machine (its statuses, its workflow, its `setStatus`), never as feedback
 * items, so the board's status history stays the one the loop metrics read. A filter only
 * feedback has (a touchpoint, an age, a segment, a tag, an assignee, the launcher's kind) matches
 * no idea: the ideas are left out.
 *
 * @example
 * ```ts
 * inboxListsOf({ ...DEFAULT_INBOX_FILTERS, kind: 'bug' }, board.statuses);
 * // { feedback: false, ideas: { kind: 'bug' } }
 * ```
 */
export function inboxListsOf(
  filters: InboxFilters,
  statuses: readonly Pick<StatusDefinition, 'id' | 'lifecycle'>[] = [],
): { feedback: boolean; ideas: InboxIdeaFilters | undefined } {
  const feedback = filters.kind === 'all' || filters.kind === 'feedback';
  const feedbackOnly =
    filters.touchpointId !== '' ||
    filters.olderThan !== '' ||
    filters.segmentKey !== '' ||
    filters.tag !== '' ||
    filters.assignee !== '' ||
    filters.feedbackKind !== 'all';
  if (filters.kind === 'feedback' || feedbackOnly) return { feedback, ideas: undefined };
  const { status: lifecycles, text } = toInboxQuery(filters);
  const status = lifecycles
    ? statuses.filter((one) => lifecycles.includes(one.lifecycle)).map((one) => one.id)
    : undefined;
  // No board status maps onto the lifecycle filter: no idea matches.
  if (status?.length === 0) return { feedback, ideas: undefined };
  return {
    feedback,
    ideas: {
      ...(filters.kind !== 'all' ? { kind: filters.kind } : {}),
      ...(status ? { status } : {}),
      ...(text ? { search: text } : {}),
    },
  };
}

/** The board team list's filters the inbox's filters make (see {@link inboxListsOf}). */
export interface InboxIdeaFilters {
  kind?: IdeaKind;
  /** The board's statuses mapped onto the lifecycle filter. */
  status?: string[];
  search?: string;
}

/** Whether `value` is a kind of the inbox's items. */
export function isInboxKind(value: string): value is InboxKind {
  return (INBOX_KINDS as readonly string[]).includes(value);
}

/** One segment key's voters by value, the most voters first (ties by value). */
export interface VoterSegment {
  key: string;
  values: { value: string; count: number }[];
}

/**
 * An idea's voters by segment, from the segment each vote froze at vote time (a customer's plan
 * or NPS class then, not now): for each key, how many voters had each value, the most first,
 * `(none)` for votes that did not say. Each customer counts once. Keys are the
 * ones asked for, in that order; without `keys`, every key any vote carries, sorted.
 *
 * @example
 * ```ts
 * votersBySegment(detail.votes, ['npsClass', 'plan']);
 * // [{ key: 'npsClass', values: [{ value: 'detractor', count: 3 }, …] }, { key: 'plan', … }]
 * ```
 */
export function votersBySegment(votes: readonly Vote[], keys?: readonly string[]): VoterSegment[] {
  const byCustomer = new Map<string, Vote>();
  for (const vote of votes)
    if (!byCustomer.has(vote.customerId)) byCustomer.set(vote.customerId, vote);
  const voters = [...byCustomer.values()];
  const wanted =
    keys ?? [...new Set(voters.flatMap((vote) => Object.keys(vote.segment ?? {})))].sort();
  return wanted.map((key) => {
    const counts = new Map<string, number>();
    for (const vote of voters) {
      const value = segmentValueOf(vote.segment, key);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return {
      key,
      values: [...counts]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    };
  });
}
