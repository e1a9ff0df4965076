import type { OutboxRecord } from './outbox.schema';
import type { OutboxStorage } from './outbox.storage';

// The few IndexedDB types the adapter needs, declared here because the engine has no DOM types.
interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: ((event: never) => unknown) | null;
  onblocked: ((event: never) => unknown) | null;
}
interface IdbObjectStore {
  getAll(): IdbRequest<unknown[]>;
  get(key: string): IdbRequest<unknown>;
  put(value: unknown): IdbRequest<unknown>;
  delete(key: string): IdbRequest<unknown>;
}
interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  oncomplete: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
  onabort: ((event: never) => unknown) | null;
  error: unknown;
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string, options: { keyPath: string }): unknown;
  transaction(
    store: string,
    mode: 'readonly' | 'readwrite',
    options?: { durability?: 'strict' },
  ): IdbTransaction;
  close(): void;
  onclose: ((event: never) => unknown) | null;
  onversionchange: ((event: never) => unknown) | null;
}
/** The part of `indexedDB` (an `IDBFactory`) the adapter uses. */
export interface IndexedDbFactory {
  open(name: string, version?: number): IdbOpenRequest;
}

const STORE = 'records';
/**
 * The write count ({@link OutboxStorage.version}), kept in the records' store under a key no record
 * has (record keys are `kind:id`), so each write moves it on in its own transaction.
 */
const VERSION_KEY = '#version';

const versionOf = (row: unknown): number => {
  const value = (row as { version?: unknown } | undefined)?.version;
  return typeof value === 'number' ? value : 0;
};

/**
 * Keeps outbox records in IndexedDB: the browser default, durable and shared by every tab of the
 * origin. Pass the browser's `indexedDB`; writes use `durability: 'strict'` and resolve only when the
 * transaction has committed, so a record is on disk before any network attempt.
 *
 * @example
 * ```ts
 * const storage = createIndexedDbOutboxStorage(indexedDB);
 * ```
 */
export function createIndexedDbOutboxStorage(
  factory: IndexedDbFactory,
  name = 'palaute-outbox',
): OutboxStorage {
  let opened: Promise<IdbDatabase> | null = null;
  const database = () => {
    opened ??= new Promise<IdbDatabase>((resolve, reject) => {
      const request = factory.open(name, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE))
          request.result.createObjectStore(STORE, { keyPath: 'key' });
      };
      request.onsuccess = () => {
        const db = request.result;
        // Closed under us (site data cleared) or wanted by a newer version in another tab: let go,
        // and open again on the next use.
        db.onclose = () => {
          opened = null;
        };
        db.onversionchange = () => {
          db.close();
          opened = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error);
      request.onblocked = () =>
        reject(new Error(`IndexedDB "${name}" is blocked by another open version`));
    }).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };

  /** Runs `use` on the database; once more on a fresh connection if the old one was closed. */
  const withDatabase = async <T>(use: (db: IdbDatabase) => Promise<T>): Promise<T> => {
    const db = await database();
    try {
      return await use(db);
    } catch (error) {
      if ((error as { name?: unknown } | null)?.name !== 'InvalidStateError') throw error;
      opened = null;
      return use(await database());
    }
  };

  const write = (change: (store: IdbObjectStore) => void) =>
    withDatabase(
      (db) =>
        new Promise<void>((resolve, reject) => {
          const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () =>
            reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
          const store = transaction.objectStore(STORE);
          change(store);
          const current = store.get(VERSION_KEY);
          current.onsuccess = () => {
            store.put({ key: VERSION_KEY, version: versionOf(current.result) + 1 });
          };
        }),
    );

  return {
    load: () =>
      withDatabase(
        (db) =>
          new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
            request.onsuccess = () =>
              resolve(
                request.result.filter(
                  (row) => (row as { key?: unknown } | null)?.key !== VERSION_KEY,
                ),
              );
            request.onerror = () => reject(request.error);
          }),
      ),
    version: () =>
      withDatabase(
        (db) =>
          new Promise<number>((resolve, reject) => {
            const request = db.transaction(STORE, 'readonly').objectStore(STORE).get(VERSION_KEY);
            request.onsuccess = () => resolve(versionOf(request.result));
            request.onerror = () => reject(request.error);
          }),
      ),
    put: (record: OutboxRecord) => write((store) => store.put(record)),
    delete: (key: string) => write((store) => store.delete(key)),
  };
}
