import type { KeyValueStorage } from '../shared/shared.storage';
import { isTimestamp } from '../shared/shared.time';

/** Text written and not sent yet, with when it was last written. */
export interface TextDraft {
  text: string;
  /** ISO-8601: when the text was last changed. */
  draftedAt: string;
  /**
   * The id a send of exactly this text went out with and no answer confirmed (it failed, or the
   * page went away first). Sending the same text again uses it, so a send whose answer was lost
   * is the same record on a backend idempotent by id, also after a reload. Dropped when the text
   * changes.
   */
  triedId?: string;
}

/** One person's drafts in one place (`reply`, `teamReply`, …), by the item they belong to. */
export type TextDrafts = Record<string, TextDraft>;

/**
 * Where text written and not sent waits when the field that holds it goes away (a dialog closed,
 * another item chosen, a page left), for the same person to find again: by `scope` (which form),
 * `ownerId` (the customer or team member) and item. One person's drafts are read only under their
 * own id.
 */
export interface DraftStore {
  /** The owner's drafts in this scope (none when there are none, or what is stored is unusable). */
  read(scope: string, ownerId: string): TextDrafts;
  /** Keeps `text` as the item's draft; blank text removes it (nothing left to lose). */
  write(scope: string, ownerId: string, itemId: string, text: string, at: string): void;
  /**
   * Notes that `text` is being sent with `id` (kept as the item's draft with its
   * {@link TextDraft.triedId} until {@link DraftStore.clear} says it was sent). Optional: a
   * store without it keeps a tried id only for the running page.
   */
  markTried?(
    scope: string,
    ownerId: string,
    itemId: string,
    text: string,
    id: string,
    at: string,
  ): void;
  /** Removes the item's draft (it was sent). */
  clear(scope: string, ownerId: string, itemId: string): void;
  /** Told after every change, with its scope and owner; returns the unsubscribe. */
  subscribe(listener: (scope: string, ownerId: string) => void): () => void;
}

/** Options of {@link createDraftStore}. */
export interface DraftStoreOptions {
  /**
   * Also keep the drafts here, so they outlive a reload (`sessionStorage`, as a persisted flow).
   * Without it, drafts are kept in memory for the store's life (the page's).
   */
  storage?: KeyValueStorage | undefined;
  /** A blocked or full storage: the drafts stay in memory. */
  onError?: ((error: unknown, operation: 'persistDraft') => void) | undefined;
}

/** The longest tried id kept with a draft, in characters. */
const TRIED_ID_MAX_LENGTH = 200;

/** The longest draft kept, in characters (the longest message any form takes). */
export const DRAFT_MAX_LENGTH = 10_000;

/** The storage key of one owner's drafts in one scope: `palaute:drafts:<scope>:<owner id>`. */
export const draftStorageKey = (scope: string, ownerId: string): string =>
  `palaute:drafts:${scope}:${ownerId}`;

const RESERVED = ['__proto__', 'constructor', 'prototype'];

/**
 * The drafts of a stored document (untrusted: it comes from storage): only well-formed entries,
 * each a non-blank text within {@link DRAFT_MAX_LENGTH} and a timestamp, with a tried id when
 * one is a non-empty string of at most 200 characters.
 */
export function parseTextDrafts(value: unknown): TextDrafts {
  const drafts: TextDrafts = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return drafts;
  for (const [itemId, entry] of Object.entries(value as Record<string, unknown>)) {
    if (RESERVED.includes(itemId) || itemId.length === 0 || itemId.length > 200) continue;
    if (typeof entry !== 'object' || entry === null) continue;
    const { text, draftedAt, triedId } = entry as Record<string, unknown>;
    if (typeof text !== 'string' || !text.trim() || text.length > DRAFT_MAX_LENGTH) continue;
    if (typeof draftedAt !== 'string' || !isTimestamp(draftedAt)) continue;
    drafts[itemId] =
      typeof triedId === 'string' && triedId.length > 0 && triedId.length <= TRIED_ID_MAX_LENGTH
        ? { text, draftedAt, triedId }
        : { text, draftedAt };
  }
  return drafts;
}

/**
 * Creates a store for unsent text (the customer's answer to the team, the team's reply to an
 * item): in memory for the page's life, and in `storage` too when given, as a persisted flow is.
 *
 * @example
 * ```ts
 * const drafts = createDraftStore({ storage: sessionStorage });
 * drafts.write('reply', 'c-42', 'item-1', 'Thanks, but…', new Date().toISOString());
 * drafts.read('reply', 'c-42'); // { 'item-1': { text: 'Thanks, but…', draftedAt: '…' } }
 * ```
 */
export function createDraftStore(options: DraftStoreOptions = {}): DraftStore {
  const { storage, onError } = options;
  const memory = new Map<string, TextDrafts>();
  const listeners = new Set<(scope: string, ownerId: string) => void>();

  const load = (key: string): TextDrafts => {
    const kept = memory.get(key);
    if (kept) return kept;
    let drafts: TextDrafts = {};
    try {
      const raw = storage?.getItem(key);
      if (raw) drafts = parseTextDrafts(JSON.parse(raw));
    } catch {
      // Unreadable or blocked: nothing to restore.
    }
    memory.set(key, drafts);
    return drafts;
  };
  const save = (scope: string, ownerId: string, drafts: TextDrafts) => {
    const key = draftStorageKey(scope, ownerId);
    memory.set(key, drafts);
    try {
      if (Object.keys(drafts).length === 0) storage?.removeItem(key);
      else storage?.setItem(key, JSON.stringify(drafts));
    } catch (error) {
      onError?.(error, 'persistDraft');
    }
    for (const listener of [...listeners]) listener(scope, ownerId);
  };

  return {
    read: (scope, ownerId) => ({ ...load(draftStorageKey(scope, ownerId)) }),
    write(scope, ownerId, itemId, text, at) {
      const drafts = load(draftStorageKey(scope, ownerId));
      if (!text.trim()) {
        if (!(itemId in drafts)) return;
        const { [itemId]: _gone, ...rest } = drafts;
        save(scope, ownerId, rest);
        return;
      }
      if (drafts[itemId]?.text === text) return;
      save(scope, ownerId, {
        ...drafts,
        [itemId]: { text: text.slice(0, DRAFT_MAX_LENGTH), draftedAt: at },
      });
    },
    markTried(scope, ownerId, itemId, text, id, at) {
      if (!text.trim() || text.length > DRAFT_MAX_LENGTH || id.length > TRIED_ID_MAX_LENGTH) return;
      const drafts = load(draftStorageKey(scope, ownerId));
      const kept = drafts[itemId];
      if (kept?.text === text && kept.triedId === id) return;
      save(scope, ownerId, {
        ...drafts,
        [itemId]: { text, draftedAt: kept?.text === text ? kept.draftedAt : at, triedId: id },
      });
    },
    clear(scope, ownerId, itemId) {
      const drafts = load(draftStorageKey(scope, ownerId));
      if (!(itemId in drafts)) return;
      const { [itemId]: _gone, ...rest } = drafts;
      save(scope, ownerId, rest);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A send's id as a draft keeps it: {@link tryingDraft}'s answer, for `retriedIds().write()`. */
export interface TriedDraft {
  /** The id a send of the same text went out with before (kept through a reload), if any. */
  id: string | undefined;
  /** Keeps `id` with the text, before the send goes out. */
  keep(id: string): void;
}

/**
 * The tried id of the draft about to be sent (`text`, trimmed as it is compared), and the way to
 * keep the id of this send with it: the draft store then gives a send tried again after a reload
 * its first id. `undefined` without a store that keeps tried ids.
 */
export function tryingDraft(
  drafts: DraftStore | undefined,
  where: { scope: string; ownerId: string; itemId: string },
  text: string,
  now: () => Date,
): TriedDraft | undefined {
  if (!drafts?.markTried) return undefined;
  const { scope, ownerId, itemId } = where;
  const kept = drafts.read(scope, ownerId)[itemId];
  return {
    id: kept && kept.text.trim() === text.trim() ? kept.triedId : undefined,
    keep: (id) => drafts.markTried?.(scope, ownerId, itemId, text, id, now().toISOString()),
  };
}
