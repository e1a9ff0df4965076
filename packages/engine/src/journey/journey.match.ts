import type { Filter } from './journey.schema';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Attribute or property values a filter reads. */
export type Values = Readonly<Record<string, unknown>>;

/**
 * Whether `values` (customer attributes or event properties) match a declarative filter. A missing
 * key matches only `notExists`, `neq`, `notIn` and negations; nothing throws.
 *
 * @example
 * ```ts
 * matchesFilter({ all: [{ key: 'plan', op: 'eq', value: 'pro' }, { key: 'seats', op: 'gte', value: 5 }] },
 *   { plan: 'pro', seats: 12 }, Date.now()); // true
 * ```
 */
export function matchesFilter(filter: Filter, values: Values, now: number): boolean {
  if ('all' in filter) return filter.all.every((inner) => matchesFilter(inner, values, now));
  if ('any' in filter) return filter.any.some((inner) => matchesFilter(inner, values, now));
  if ('not' in filter) return !matchesFilter(filter.not, values, now);
  const value = Object.hasOwn(values, filter.key) ? values[filter.key] : undefined;
  switch (filter.op) {
    case 'eq':
      return value === filter.value;
    case 'neq':
      return value !== filter.value;
    case 'in':
      return filter.values.some((candidate) => candidate === value);
    case 'notIn':
      return !filter.values.some((candidate) => candidate === value);
    case 'gt':
      return typeof value === 'number' && value > filter.value;
    case 'gte':
      return typeof value === 'number' && value >= filter.value;
    case 'lt':
      return typeof value === 'number' && value < filter.value;
    case 'lte':
      return typeof value === 'number' && value <= filter.value;
    case 'contains':
      return typeof value === 'string' && value.includes(filter.value);
    case 'startsWith':
      return typeof value === 'string' && value.startsWith(filter.value);
    case 'endsWith':
      return typeof value === 'string' && value.endsWith(filter.value);
    case 'exists':
      return value !== undefined && value !== null;
    case 'notExists':
      return value === undefined || value === null;
    case 'olderThanDays':
    case 'withinDays': {
      // ISO dates only: `Date.parse` would also read "0" or "March" as some date.
      const time =
        typeof value === 'string' && ISO_DATE.test(value) ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(time)) return false;
      const age = now - time;
      return filter.op === 'olderThanDays'
        ? age >= filter.days * DAY_MS
        : age <= filter.days * DAY_MS;
    }
  }
}

/**
 * Whether a URL matches a page-view pattern: `*` matches any run of characters, everything else is
 * literal. A pattern with a scheme (`https://…`) is matched against the whole URL; otherwise against
 * the path and query (`/invoices/42?tab=send`), so `/invoices/*` works wherever the app is hosted.
 */
export function matchesUrl(pattern: string, url: string): boolean {
  if (hasScheme(pattern)) return matchesPattern(lowerOrigin(pattern), lowerOrigin(url));
  return matchesPattern(pattern, pathAndQuery(url));
}

/** Scheme and host are case-insensitive: lower-case them, leave the path as it is. */
function lowerOrigin(url: string): string {
  const end = url.indexOf('/', url.indexOf('://') + 3);
  return end === -1 ? url.toLowerCase() : url.slice(0, end).toLowerCase() + url.slice(end);
}

function matchesPattern(pattern: string, target: string): boolean {
  // Literal pieces between the stars, matched in order: linear, no regular expression built from data.
  const pieces = pattern.split('*');
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (pieces.length === 1) return target === pattern;
  if (!target.startsWith(first) || !target.endsWith(last)) return false;
  if (first.length + last.length > target.length) return false;
  let position = first.length;
  const end = target.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = target.indexOf(piece, position);
    if (found === -1 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

/**
 * The index key a page-view pattern pins: its scheme and host with the first path segment, or that
 * segment alone for a path pattern (`/invoices/*` → `/invoices`). `undefined` when a `*` comes before
 * the segment ends, so the pattern may match any URL. Every URL a pattern matches has the pattern's key
 * among its {@link pageKeysOfUrl}, so a page view need test only the patterns under its keys.
 */
export function pageKeyOfPattern(pattern: string): string | undefined {
  if (!hasScheme(pattern)) {
    const segment = firstSegment(pattern);
    return segment === undefined ? undefined : `/${segment}`;
  }
  const lowered = lowerOrigin(pattern);
  const slash = lowered.indexOf('/', lowered.indexOf('://') + 3);
  const origin = slash === -1 ? lowered : lowered.slice(0, slash);
  const segment = slash === -1 ? '' : firstSegment(lowered.slice(slash));
  return origin.includes('*') || segment === undefined ? undefined : `${origin}/${segment}`;
}

/** The index keys of a URL (see {@link pageKeyOfPattern}): its path's, and with a scheme its origin's. */
export function pageKeysOfUrl(url: string): string[] {
  const keys: string[] = [];
  const path = firstSegment(pathAndQuery(url));
  if (path !== undefined) keys.push(`/${path}`);
  if (hasScheme(url)) {
    const lowered = lowerOrigin(url);
    const slash = lowered.indexOf('/', lowered.indexOf('://') + 3);
    const origin = slash === -1 ? lowered : lowered.slice(0, slash);
    keys.push(`${origin}/${slash === -1 ? '' : (firstSegment(lowered.slice(slash)) ?? '')}`);
  }
  return keys;
}

/** The first segment of a path (`/invoices/42?tab=send` → `invoices`); `undefined` if a `*` is in it. */
function firstSegment(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const end = path.slice(1).search(/[/?#*]/) + 1;
  if (end === 0) return path.slice(1);
  return path[end] === '*' ? undefined : path.slice(1, end);
}

/** One decision matches one URL against many patterns: remember its path for the next pattern. */
let lastUrl: string | undefined;
let lastPath = '';

function pathAndQuery(url: string): string {
  if (url === lastUrl) return lastPath;
  lastUrl = url;
  lastPath = readPathAndQuery(url);
  return lastPath;
}

function readPathAndQuery(url: string): string {
  const scheme = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) || '/' : url;
  const hash = rest.indexOf('#');
  return hash === -1 ? rest : rest.slice(0, hash);
}

/**
 * A customer's place in a survey's sample, in [0, 1): a hash (FNV-1a, 32 bits) of the survey and
 * customer ids. The same customer gets the same place on every device, and each survey samples
 * customers independently of the others.
 */
export function samplePosition(surveyId: string, customerId: string): number {
  const text = `${surveyId}\u0000${customerId}`;
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // Avalanche (murmur3's finaliser): FNV's low bits alone are not uniform enough for short ids.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4_294_967_296;
}

function hasScheme(pattern: string): boolean {
  const colon = pattern.indexOf('://');
  return colon > 0 && /^[a-z][a-z\d+.-]*$/i.test(pattern.slice(0, colon));
}
