import { checkPayload } from '../shared/shared.problems';
import { decodeInboxCursor, encodeInboxCursor, type InboxPosition } from './feedback.cursor';
import {
  type BulkAction,
  bulkActionSchema,
  type FeedbackItem,
  INBOX_PAGE_SIZE,
  type InboxPage,
  type InboxQuery,
  inboxQuerySchema,
} from './feedback.schema';
import { matchesSearch, parseSearch } from './feedback.search';
import { isAwaitingTeam, isClosed } from './feedback.utils';

const HOUR_MS = 3_600_000;

/**
 * An inbox query checked as a backend must: the parsed query with its sort and page size settled
 * and its cursor read, or a `ValidationError` naming the path of each problem (`cursor`, `limit`).
 */
export function readInboxQuery(query: unknown = {}): {
  query: InboxQuery;
  sort: InboxPosition['sort'];
  limit: number;
  after: InboxPosition | undefined;
} {
  const checked = checkPayload(inboxQuerySchema, query, 'inbox query');
  return {
    query: checked,
    sort: checked.sort ?? 'unprocessed',
    limit: checked.limit ?? INBOX_PAGE_SIZE,
    // The schema has checked it, and that it was made for this sort.
    after: checked.cursor === undefined ? undefined : decodeInboxCursor(checked.cursor),
  };
}

/**
 * A bulk action checked as a backend must: the parsed action, or a `ValidationError` naming the
 * path of each problem (`ids`, `action.reason`).
 */
export function readBulkAction(bulk: unknown): BulkAction {
  return checkPayload(bulkActionSchema, bulk, 'bulk action');
}

/**
 * The group of the `unprocessed` order: 0 unprocessed (new, or awaiting the team: the customer
 * wrote last, whatever the status), 1 open, 2 closed.
 */
export function inboxRank(item: Pick<FeedbackItem, 'status' | 'replies'>): 0 | 1 | 2 {
  if (item.status === 'new' || isAwaitingTeam(item)) return 0;
  return isClosed(item.status) ? 2 : 1;
}

/**
 * The latest creation time an item may have to be at least `hours` old at `now`, in whole
 * milliseconds (what a SQL backend compares its column with, so both agree to the millisecond).
 */
export function inboxCutoff(now: string, hours: number): number {
  return Math.floor(Date.parse(now) - hours * HOUR_MS);
}

/** Where an item stands in a sort's order. */
export function inboxPositionOf(item: FeedbackItem, sort: InboxPosition['sort']): InboxPosition {
  return {
    sort,
    rank: sort === 'unprocessed' ? inboxRank(item) : undefined,
    at: Date.parse(item.createdAt),
    id: item.id,
  };
}

/**
 * Compares two strings by code point, as PostgreSQL's `"C"` collation does (UTF-8 bytes), which
 * JavaScript's `<` (UTF-16 code units) does not for characters beyond U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    let x = a.charCodeAt(index);
    let y = b.charCodeAt(index);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) stand for code points above every BMP character: move them past
    // U+E000–FFFF, and those down below them.
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * The inbox's order over positions of one sort: negative when `a` comes first. `oldest`: creation
 * time, then id; `newest`: the reverse; `unprocessed`: new items oldest first, then open items, then
 * closed ones, newest first within those two.
 */
export function compareInboxPositions(a: InboxPosition, b: InboxPosition): number {
  if (a.sort === 'unprocessed' && a.rank !== b.rank) return (a.rank ?? 0) - (b.rank ?? 0);
  const ascending = a.sort === 'oldest' || (a.sort === 'unprocessed' && a.rank === 0);
  const order = a.at - b.at || compareCodePoints(a.id, b.id);
  return ascending ? order : -order;
}

/**
 * A page from the items that follow a place in the order, in order, with at most one more than the
 * page holds: that one tells that another page exists, and `next` points after the page's last item.
 */
export function inboxPageOf(
  following: readonly FeedbackItem[],
  sort: InboxPosition['sort'],
  limit: number,
): InboxPage {
  const items = following.slice(0, limit);
  const last = items.at(-1);
  return following.length > limit && last
    ? { items, next: encodeInboxCursor(inboxPositionOf(last, sort)) }
    : { items };
}

/**
 * One page of the inbox: the items matching the query, in its order (unprocessed first by default:
 * new items and those awaiting the team oldest first, as they wait longest; then open, then closed,
 * newest first), after the
 * query's cursor, at most `limit` of them (default {@link INBOX_PAGE_SIZE}). Pure; throws a
 * `ValidationError` naming the path of a bad query (`cursor`). The memory backend lists through it,
 * and the SQL storage gives the same pages.
 */
export function selectInbox(
  items: readonly FeedbackItem[],
  query: InboxQuery,
  now: string,
): InboxPage {
  const { query: checked, sort, limit, after } = readInboxQuery(query);
  const { status, touchpointId, olderThanHours, segment, tags, assignee, kind, feedbackKind } =
    checked;
  const cutoff = olderThanHours === undefined ? undefined : inboxCutoff(now, olderThanHours);
  const search = checked.text === undefined ? undefined : parseSearch(checked.text);
  const list = items
    .filter(
      (item) =>
        // Every item of the feedback list is survey or launcher feedback.
        (kind === undefined || kind === 'feedback') &&
        (!status || status.includes(item.status)) &&
        (!touchpointId || item.touchpointId === touchpointId) &&
        (cutoff === undefined || Date.parse(item.createdAt) <= cutoff) &&
        (!segment ||
          Object.entries(segment).every(([key, value]) => item.segment?.[key] === value)) &&
        (!tags || tags.every((tag) => item.tags?.includes(tag))) &&
        (assignee === undefined || (item.assignee ?? null) === assignee) &&
        (feedbackKind === undefined || (item.kind ?? null) === feedbackKind) &&
        (!search || matchesSearch(item, search)),
    )
    .map((item) => ({ item, position: inboxPositionOf(item, sort) }))
    .filter(({ position }) => !after || compareInboxPositions(position, after) > 0)
    .sort((a, b) => compareInboxPositions(a.position, b.position));
  return inboxPageOf(
    list.slice(0, limit + 1).map(({ item }) => item),
    sort,
    limit,
  );
}
