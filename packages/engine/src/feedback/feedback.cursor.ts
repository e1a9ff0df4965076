// The inbox's paging cursor: where the last page ended, as an opaque URL-safe string. No imports, so
// the query schema can check cursors without pulling in the lifecycle.

/** The orders the inbox can be listed in (`unprocessed` is the default). */
export type InboxSort = 'unprocessed' | 'newest' | 'oldest';

/**
 * A place in the inbox's order: the sort it belongs to and the key of the last item a page held. In
 * every sort the key is the item's creation time (milliseconds) and then its id (in code-point
 * order, so that ties are broken the same way everywhere); `unprocessed` puts its status group
 * (`rank`: 0 new, 1 open, 2 closed) first.
 */
export interface InboxPosition {
  sort: InboxSort;
  /** 0 new, 1 open, 2 closed; `undefined` outside the `unprocessed` sort. */
  rank: 0 | 1 | 2 | undefined;
  /** The item's creation time, in milliseconds since the epoch. */
  at: number;
  id: string;
}

const LETTERS = { unprocessed: 'u', newest: 'n', oldest: 'o' } as const;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/**
 * The times a feedback item can have, with a day to spare: its timestamp is written with a year from
 * 0000 to 9999 and an offset of less than a day.
 */
const MIN_TIME = -62_167_219_200_000 - 86_400_000;
const MAX_TIME = 253_402_300_800_000 + 86_400_000;

/** Base64url (no padding) of a string of ASCII characters. */
function toBase64Url(ascii: string): string {
  let out = '';
  for (let index = 0; index < ascii.length; index += 3) {
    const a = ascii.charCodeAt(index);
    const b = index + 1 < ascii.length ? ascii.charCodeAt(index + 1) : 0;
    const c = index + 2 < ascii.length ? ascii.charCodeAt(index + 2) : 0;
    const bits = (a << 16) | (b << 8) | c;
    const chars = index + 2 < ascii.length ? 4 : index + 1 < ascii.length ? 3 : 2;
    for (let shift = 0; shift < chars; shift++)
      out += ALPHABET[(bits >> (18 - shift * 6)) & 63] as string;
  }
  return out;
}

/** The ASCII string of a base64url text, or `undefined` when it is not one. */
function fromBase64Url(text: string): string | undefined {
  if (text.length % 4 === 1) return undefined;
  let out = '';
  for (let index = 0; index < text.length; index += 4) {
    const chunk = text.slice(index, index + 4);
    let bits = 0;
    for (let at = 0; at < 4; at++) {
      const value = at < chunk.length ? ALPHABET.indexOf(chunk[at] as string) : 0;
      if (value < 0) return undefined;
      bits = (bits << 6) | value;
    }
    out += String.fromCharCode((bits >> 16) & 255);
    if (chunk.length > 2) out += String.fromCharCode((bits >> 8) & 255);
    if (chunk.length > 3) out += String.fromCharCode(bits & 255);
  }
  return out;
}

/**
 * An id in the cursor's alphabet: word characters, `.`, `~` and `-` as they are, every other UTF-16
 * code unit as `!` and four hex digits (so any string, even one with a lone surrogate, round-trips).
 */
const escapeId = (id: string) =>
  id.replace(/[^\w.~-]/g, (unit) => `!${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
const unescapeId = (text: string) =>
  text.replace(/!([0-9a-f]{4})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );

/**
 * The cursor for a place in the inbox's order. Opaque to callers: they only pass back the `next`
 * a page gave them.
 */
export function encodeInboxCursor(position: InboxPosition): string {
  return toBase64Url(
    [
      '1',
      LETTERS[position.sort],
      position.rank ?? '-',
      String(position.at),
      escapeId(position.id),
    ].join('|'),
  );
}

/**
 * The place a cursor names, or `undefined` when it is not a cursor {@link encodeInboxCursor} made
 * (mistyped, cut short, or from another version).
 */
export function decodeInboxCursor(cursor: string): InboxPosition | undefined {
  const text = fromBase64Url(cursor);
  const parts = text?.split('|');
  if (parts?.length !== 5) return undefined;
  const [version, letter, rank, at, id] = parts as [string, string, string, string, string];
  const sort =
    letter === 'u'
      ? 'unprocessed'
      : letter === 'n'
        ? 'newest'
        : letter === 'o'
          ? 'oldest'
          : undefined;
  if (version !== '1' || !sort) return undefined;
  if (sort === 'unprocessed' ? !/^[012]$/.test(rank) : rank !== '-') return undefined;
  if (!/^-?\d{1,15}$/.test(at) || Number(at) < MIN_TIME || Number(at) > MAX_TIME) return undefined;
  if (!/^(?:[\w.~-]|![0-9a-f]{4})+$/.test(id)) return undefined;
  const decoded = unescapeId(id);
  if (decoded.length > 100) return undefined;
  return {
    sort,
    rank: sort === 'unprocessed' ? (Number(rank) as 0 | 1 | 2) : undefined,
    at: Number(at),
    id: decoded,
  };
}
