import type { KeyValueStorage } from '../shared/shared.storage';
import type { OutboxRecord } from './outbox.schema';

/**
 * Where an outbox keeps its records. Asynchronous, so IndexedDB fits; hosts may supply their own.
 * `put` must be durable when its promise resolves: the outbox writes before any network attempt.
 */
export interface OutboxStorage {
  /** Every stored record, as stored (validated by the outbox). */
  load(): Promise<unknown[]>;
  /** Stores or replaces the record with this key. */
  put(record: OutboxRecord): Promise<void>;
  /** Removes the record with this key, if any. */
  delete(key: string): Promise<void>;
  /**
   * Optional: a count every `put` and `delete` moves on by exactly one, in the same atomic write,
   * whichever tab writes. With it, an outbox shared by tabs reads the whole storage again only when
   * another tab wrote since (and validates only the records that changed); without it, at every
   * delivery run. A wrapper around another storage must pass it on.
   */
  version?(): Promise<number>;
}

/**
 * Keeps records in memory: for Node, SSR and tests. Share one between outboxes to simulate tabs or a
 * reload (a new outbox over the same storage).
 */
export function createMemoryOutboxStorage(): OutboxStorage & { records(): OutboxRecord[] } {
  const records = new Map<string, OutboxRecord>();
  let version = 0;
  // Copies, as a real store returns: a caller changing a record must not change what is stored.
  const copy = (record: OutboxRecord): OutboxRecord => JSON.parse(JSON.stringify(record));
  return {
    load: async () => [...records.values()].map(copy),
    put: async (record) => {
      records.set(record.key, copy(record));
      version++;
    },
    delete: async (key) => {
      records.delete(key);
      version++;
    },
    version: async () => version,
    records: () => [...records.values()].map(copy),
  };
}

/**
 * Keeps records in `localStorage` (the fallback where IndexedDB is unavailable), as one JSON document
 * under `key`. Writes are synchronous, hence durable once `put` resolves.
 */
export function createWebStorageOutboxStorage(
  storage: KeyValueStorage,
  key = 'palaute:outbox',
): OutboxStorage {
  const read = (): Record<string, unknown> => {
    const raw = storage.getItem(key);
    if (!raw) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  };
  /** The write count, under a key of its own (see {@link OutboxStorage.version}). */
  const versionKey = `${key}:version`;
  const version = () => Number(storage.getItem(versionKey)) || 0;
  const written = () => storage.setItem(versionKey, String(version() + 1));
  return {
    load: async () => Object.values(read()),
    put: async (record) => {
      storage.setItem(key, JSON.stringify({ ...read(), [record.key]: record }));
      written();
    },
    delete: async (recordKey) => {
      const { [recordKey]: _removed, ...rest } = read();
      if (Object.keys(rest).length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(rest));
      written();
    },
    version: async () => version(),
  };
}
