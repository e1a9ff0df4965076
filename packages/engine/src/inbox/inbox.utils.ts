import type {
  Actor,
  FeedbackItem,
  FeedbackStatus,
  InboxFacets,
  InboxQuery,
  SegmentValue,
} from '../feedback/feedback.schema';
import { applyFeedbackEvent, teamMovesFrom } from '../feedback/feedback.utils';
import {
  DEFAULT_INBOX_FILTERS,
  INBOX_MOVES,
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
  };
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
