import { checkPayload } from '../shared/shared.problems';
import { compareCodePoints } from './feedback.inbox';
import {
  type FeedbackItem,
  INBOX_FACET_KEYS,
  INBOX_FACET_VALUES,
  type InboxFacets,
  type InboxFacetsQuery,
  inboxFacetsQuerySchema,
  type SegmentValue,
} from './feedback.schema';

/**
 * A facets query checked as a backend must: how many values per facet and how many segment keys
 * (defaults settled), or a `ValidationError` naming `limit` or `keys`.
 */
export function readInboxFacetsQuery(query: unknown = {}): { limit: number; keys: number } {
  const checked: InboxFacetsQuery = checkPayload(
    inboxFacetsQuerySchema,
    query ?? {},
    'inbox facets query',
  );
  return { limit: checked.limit ?? INBOX_FACET_VALUES, keys: checked.keys ?? INBOX_FACET_KEYS };
}

/**
 * The order of facet values with the same count: booleans, then numbers, then texts (their kinds'
 * names in alphabetical order); `false` before `true`, numbers ascending, texts by code point (as
 * PostgreSQL's `"C"` collation orders them).
 */
export function compareSegmentValues(a: SegmentValue, b: SegmentValue): number {
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  if (typeof a === 'string') return compareCodePoints(a, b as string);
  if (typeof a === 'number') return a - (b as number);
  return Number(a) - Number(b);
}

/** Whether a segment value is one the inbox filters by (a text, a number or a boolean). */
const isSegmentValue = (value: unknown): value is SegmentValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** The values of one facet, counted: the `limit` most common and what is left out. */
function facetOf<V>(
  counted: Iterable<{ value: V; count: number }>,
  limit: number,
  compare: (a: V, b: V) => number,
) {
  const all = [...counted].sort((a, b) => b.count - a.count || compare(a.value, b.value));
  const rest = all.slice(limit);
  return {
    values: all.slice(0, limit),
    omitted: { values: rest.length, items: rest.reduce((sum, entry) => sum + entry.count, 0) },
  };
}

/**
 * The inbox's facets (see `inboxFacetsSchema`): every touchpoint and every segment key with its
 * values, each with how many items have it, the most common first, at most `query.limit` values per
 * facet (default 20) and `query.keys` segment keys (default 20), with what is left out. Pure; throws
 * a `ValidationError` naming the path of a bad query. The memory backend answers through it, and
 * the SQL storage gives the same facets.
 */
export function computeInboxFacets(
  items: readonly FeedbackItem[],
  query: InboxFacetsQuery = {},
): InboxFacets {
  const { limit, keys } = readInboxFacetsQuery(query);
  const touchpoints = new Map<string, { value: string; count: number }>();
  // By key, then by the value's kind and text (so 12 and "12" are two values).
  const segments = new Map<string, Map<string, { value: SegmentValue; count: number }>>();
  for (const item of items) {
    const touchpoint = touchpoints.get(item.touchpointId);
    if (touchpoint) touchpoint.count++;
    else touchpoints.set(item.touchpointId, { value: item.touchpointId, count: 1 });
    for (const [key, value] of Object.entries(item.segment ?? {})) {
      if (!isSegmentValue(value)) continue;
      const values = segments.get(key) ?? new Map();
      segments.set(key, values);
      const id = `${typeof value}:${String(value)}`;
      const known = values.get(id);
      if (known) known.count++;
      // -0 is 0, as JSON writes it.
      else values.set(id, { value: typeof value === 'number' ? value + 0 : value, count: 1 });
    }
  }
  const byKey = [...segments].map(([key, values]) => ({
    key,
    count: [...values.values()].reduce((sum, entry) => sum + entry.count, 0),
    ...facetOf(values.values(), limit, compareSegmentValues),
  }));
  byKey.sort((a, b) => b.count - a.count || compareCodePoints(a.key, b.key));
  return {
    total: items.length,
    touchpoints: facetOf(touchpoints.values(), limit, compareCodePoints),
    segments: byKey.slice(0, keys),
    omittedSegmentKeys: Math.max(0, byKey.length - keys),
  };
}
