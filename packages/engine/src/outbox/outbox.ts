import * as z from 'zod/mini';
import type { BackendPort } from '../backend/backend.port';
import { sendWrite } from '../backend/backend.send';
import { type DeliveryItem, deliveryKey, responseKey } from '../records/records.schema';
import { ValidationError } from '../shared/shared.errors';
import { toProblems } from '../shared/shared.problems';
import {
  ESSENTIAL_KINDS,
  type OutboxKind,
  type OutboxPayload,
  type OutboxRecord,
  outboxRecordSchemaFor,
} from './outbox.schema';
import type { OutboxStorage } from './outbox.storage';

/** How the outbox is doing, for hosts and the UI ("Saved — we'll send it when you're back online"). */
export interface OutboxStatus {
  /** `idle`: nothing to send; `sending`: a delivery is under way; `waiting`: records wait for a retry. */
  state: 'idle' | 'sending' | 'waiting';
  /** Records still to deliver. */
  pending: number;
  /**
   * Of those, what the customer gave: responses and follow-up answers (displays and dismissals are
   * not counted). What a "1 answer waiting to be sent" indicator shows.
   */
  answers: number;
  /** Records the backend refused for good, kept aside. */
  rejected: number;
  /** The last delivery failure, or `null` after a success. */
  lastError: string | null;
}

/** Where one record stands; see {@link Outbox.recordStatus}. */
export type RecordStatus = 'pending' | 'retrying' | 'rejected';

/** What the outbox reports besides its status. */
export type OutboxEvent =
  | { type: 'delivered'; record: OutboxRecord }
  | { type: 'rejected'; record: OutboxRecord; error: unknown }
  | { type: 'refused'; kind: OutboxKind; key: string; reason: 'full' }
  | { type: 'corrupted'; problems: string }
  /** The storage could not be read or written; the outbox tries again later. */
  | { type: 'storageFailed'; error: unknown };

/** The outcome of {@link Outbox.enqueue}. */
export type EnqueueResult =
  | { stored: true; key: string }
  | { stored: false; key: string; reason: 'full' };

/** A durable queue between the flow and the backend. */
export interface Outbox {
  /** Loads what an earlier page left behind, then delivers it. Call once, or again after `stop()`. */
  start(): Promise<void>;
  /**
   * Stores a record (durably, before any network attempt) and schedules delivery. Its key is the
   * idempotency key {@link deliveryKey}, derived from the payload; storing the same key again keeps
   * one record.
   */
  enqueue<K extends OutboxKind>(kind: K, payload: OutboxPayload<K>): Promise<EnqueueResult>;
  /**
   * Where one record stands: `pending` (not tried yet, or its first try is under way), `retrying`
   * (a try failed; it waits for the next), `rejected` (refused for good, kept aside), or `undefined`
   * once delivered (or if never stored).
   */
  recordStatus(key: string): RecordStatus | undefined;
  /**
   * The stored records of one kind not delivered yet (waiting, retrying or refused), oldest first:
   * those `start()` loaded from an earlier page and those enqueued since. So a UI can show what
   * still waits after a reload, such as a reply written offline.
   */
  list<K extends OutboxKind>(kind: K): Extract<OutboxRecord, { kind: K }>[];
  /**
   * Delivers every due record now. Concurrent calls share one run; a record is never in flight twice.
   * `retryNow` makes every pending record due whatever its backoff: call it when the network comes
   * back or the page is being hidden, so what waited goes at once (in batches when the backend can).
   */
  flush(options?: FlushOptions): Promise<void>;
  /** The current status. */
  status(): OutboxStatus;
  /** Calls `listener` on every status change and event; returns the unsubscribe function. */
  subscribe(listener: (status: OutboxStatus, event?: OutboxEvent) => void): () => void;
  /**
   * Reads the storage again when another tab wrote since (a storage without `version()`: always),
   * so what another tab stored or delivered shows in this tab's status. Calls during one share a
   * single read after it. The browser outbox calls it when another tab says it delivered something.
   */
  refresh(): Promise<void>;
  /** Stops timers and deliveries. Stored records stay, for `start()` or the next outbox over the storage. */
  stop(): void;
}

/** Options of {@link Outbox.flush}. */
export interface FlushOptions {
  /** Every pending record is due now, whatever its backoff. @default false */
  retryNow?: boolean;
}

/** Options of {@link createOutbox}. */
export interface OutboxOptions {
  backend: BackendPort;
  storage: OutboxStorage;
  /** At most this many records are kept; at the bound low-value records are refused first. @default 500 */
  maxRecords?: number;
  /** The first retry delay; each failure doubles it, with full jitter. @default 1000 */
  baseDelayMs?: number;
  /** The longest retry delay. @default 300000 (5 minutes) */
  maxDelayMs?: number;
  /**
   * When the backend has `deliver`, at most this many records go in one call. @default 25
   */
  batchSize?: number;
  /** The clock. @default Date.now */
  now?: () => number;
  /** Randomness for jitter. @default Math.random */
  random?: () => number;
  /**
   * Runs a delivery exclusively across every outbox sharing the storage (tabs of one origin). The
   * engine touches no browser API; in a browser pass Web Locks:
   * `(work) => navigator.locks.request('palaute-outbox', work)`.
   * @default no lock: one outbox per storage (Node, SSR, a single page)
   */
  lock?: OutboxLock;
}

/** Runs `work` while holding the outbox's cross-tab lock. */
export type OutboxLock = (work: () => Promise<void>) => Promise<void>;

/** An error that says whether trying again can help, like `HttpError`. */
interface RetryHint {
  retryable?: unknown;
  retryAfterMs?: unknown;
}

/**
 * Creates a durable outbox: every response, follow-up, display and dismissal is written to storage
 * before any network attempt, then delivered with retries (exponential backoff with full jitter,
 * honouring `Retry-After`). A definitive refusal (a validation error, or an error marked
 * `retryable: false` such as an HTTP 4xx) is kept aside and reported, never deleted silently.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
 * await outbox.start();
 * await outbox.enqueue('response', response);
 * outbox.subscribe((status) => console.log(status.pending));
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { backend, storage } = options;
  const maxRecords = options.maxRecords ?? 500;
  const baseDelay = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 300_000;
  const batchSize = Math.max(1, options.batchSize ?? 25);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const lock: OutboxLock = options.lock ?? ((work) => work());

  const records = new Map<string, OutboxRecord>();
  const inFlight = new Set<string>();
  const listeners = new Set<(status: OutboxStatus, event?: OutboxEvent) => void>();
  let running: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;
  let refreshAgain = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastError: string | null = null;
  let stopped = false;
  let writes: Promise<unknown> = Promise.resolve();
  const shared = options.lock !== undefined;
  let storageFailures = 0;
  /** When this page last stored each key (a write counter), so a reload never forgets a newer write. */
  const storedAt = new Map<string, number>();
  let writeCount = 0;
  /** This outbox's storage writes under way, and those finished (see `quietVersion`). */
  let pendingWrites = 0;
  let ownWrites = 0;
  /** The storage's write count at the last load, when known: the in-memory records are that state. */
  let loadedVersion: { version: number; own: number } | undefined;
  /**
   * Each key's record as this outbox last read or wrote it in storage, validated. A reload takes a
   * stored record equal to it as is and validates only what is new or changed (another tab's
   * writes, a corrupted record). Every value here is valid, so one out of date (a write racing a
   * read) costs a validation, never a wrong record.
   */
  let known = new Map<string, OutboxRecord>();

  /** A storage write by this outbox, counted, so its own writes are told from other tabs'. */
  const own = async (work: () => Promise<void>) => {
    pendingWrites++;
    try {
      await work();
      ownWrites++;
    } catch (error) {
      // Whether it was written is unknown: read the storage again next time.
      loadedVersion = undefined;
      throw error;
    } finally {
      pendingWrites--;
    }
  };
  const put = (record: OutboxRecord) =>
    own(async () => {
      await storage.put(record);
      known.set(record.key, record);
    });
  const remove = (key: string) =>
    own(async () => {
      await storage.delete(key);
      known.delete(key);
    });

  /**
   * The storage's write count with this outbox's own finished writes at that moment, read while
   * none of its writes is under way (otherwise `undefined`: a write in between could be counted
   * twice or not at all).
   */
  const quietVersion = async () => {
    if (!storage.version || pendingWrites > 0) return undefined;
    const before = ownWrites;
    const version = await storage.version();
    return pendingWrites === 0 && ownWrites === before ? { version, own: before } : undefined;
  };

  /**
   * Whether another tab wrote since the last load: the storage's count moved on by more than this
   * outbox's own writes. Unknown counts as yes.
   */
  const changedElsewhere = async () => {
    const known = loadedVersion;
    const current = await quietVersion();
    return !known || !current || current.version - known.version !== current.own - known.own;
  };

  /**
   * Reads the storage, the source of truth shared by every tab: records another tab stored are
   * picked up, records another tab delivered are dropped. `fresh` makes every pending record due
   * (a new page is a new chance, whatever the backoff an earlier page set).
   */
  const reload = async (fresh: boolean) => {
    const loadedAt = writeCount;
    // Read first: a write landing between the two makes the next comparison read again (safe).
    const version = await quietVersion();
    const loaded = await storage.load();
    loadedVersion = version;
    const problems: string[] = [];
    const read = new Map<string, OutboxRecord>();
    for (const raw of loaded) {
      // A record as this outbox last knew it is valid: only new or changed ones are validated.
      const key = (raw as { key?: unknown } | null)?.key;
      const same = typeof key === 'string' ? known.get(key) : undefined;
      let record: OutboxRecord;
      if (same && sameData(raw, same)) record = same;
      else {
        const parsed = z.safeParse(outboxRecordSchemaFor(raw), raw);
        if (!parsed.success) {
          problems.push(
            new ValidationError(toProblems(parsed.error.issues), 'outbox record').message,
          );
          continue;
        }
        record = parsed.data;
      }
      read.set(record.key, record);
      if (inFlight.has(record.key)) continue;
      // This page wrote it after the load began: its copy is the newer one.
      if ((storedAt.get(record.key) ?? 0) > loadedAt) continue;
      // Otherwise storage is the truth, another tab's backoff included (a new page is a new chance).
      const due = fresh ? Math.min(record.nextAttemptAt, now()) : record.nextAttemptAt;
      records.set(record.key, { ...record, nextAttemptAt: due });
    }
    known = read;
    // Gone from storage: delivered by another tab. Not a record this page stored after the load began.
    for (const key of [...records.keys()])
      if (!read.has(key) && !inFlight.has(key) && (storedAt.get(key) ?? 0) <= loadedAt)
        records.delete(key);
    if (problems.length > 0) emit({ type: 'corrupted', problems: problems.join('\n') });
  };

  const status = (): OutboxStatus => {
    let pending = 0;
    let answers = 0;
    let rejected = 0;
    for (const record of records.values()) {
      if (record.status === 'rejected') rejected++;
      else {
        pending++;
        if (ESSENTIAL_KINDS.includes(record.kind)) answers++;
      }
    }
    const state = running ? 'sending' : pending > 0 ? 'waiting' : 'idle';
    return { state, pending, answers, rejected, lastError };
  };
  const emit = (event?: OutboxEvent) => {
    const current = status();
    for (const listener of listeners) listener(current, event);
  };

  const deliver = (record: OutboxRecord): Promise<unknown> =>
    // Without the optional method the record needs, it is refused for good.
    sendWrite(backend, record, (method) =>
      Object.assign(new Error(`The backend has no ${method}: this record cannot be delivered.`), {
        retryable: false,
      }),
    );

  /** The response a follow-up answer joins, while it is still in this outbox. */
  const awaited = (record: OutboxRecord): OutboxRecord | undefined =>
    record.kind === 'followUp' ? records.get(responseKey(record.payload.responseId)) : undefined;

  /**
   * When a record may go: its own backoff, and a follow-up answer never before the response it joins
   * (the backend would not know the response yet).
   */
  const dueAt = (record: OutboxRecord): number => {
    const response = awaited(record);
    if (!response) return record.nextAttemptAt;
    // A refused response: never (the run keeps the follow-up aside); one in flight: after it settles.
    if (response.status === 'rejected' || inFlight.has(response.key))
      return Number.POSITIVE_INFINITY;
    return Math.max(record.nextAttemptAt, response.nextAttemptAt);
  };

  const schedule = () => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    let next = Number.POSITIVE_INFINITY;
    for (const record of records.values())
      if (record.status === 'pending' && !inFlight.has(record.key))
        next = Math.min(next, dueAt(record));
    if (next === Number.POSITIVE_INFINITY) return;
    // After storage failures, wait as after delivery failures (exponential, capped).
    if (storageFailures > 0)
      next = Math.max(next, now() + Math.min(maxDelay, baseDelay * 2 ** (storageFailures - 1)));
    timer = setTimeout(
      () => {
        timer = null;
        void flush();
      },
      Math.max(0, next - now()),
    );
  };

  const delivered = async (record: OutboxRecord) => {
    records.delete(record.key);
    storedAt.delete(record.key);
    await remove(record.key);
    lastError = null;
    emit({ type: 'delivered', record });
  };

  /** Keeps a refused record aside, reported, never deleted. */
  const reject = async (record: OutboxRecord, error: unknown) => {
    // Stopped (the page moved on): the storage is another outbox's now; a late failure must not
    // write back a record it may have delivered meanwhile.
    if (stopped) return;
    const message = errorMessage(error);
    lastError = message;
    const rejected: OutboxRecord = { ...record, status: 'rejected', lastError: message };
    records.set(record.key, rejected);
    await put(rejected);
    emit({ type: 'rejected', record: rejected, error });
  };

  /** A failed attempt: kept aside when trying again cannot help, otherwise retried after a backoff. */
  const failed = async (record: OutboxRecord, error: unknown) => {
    // Evicted at the bound while in flight (a low-value record): nothing to keep. Stopped: see reject.
    if (!records.has(record.key) || stopped) return;
    if (isDefinitive(error)) return reject(record, error);
    const hint = (error ?? {}) as RetryHint;
    const message = errorMessage(error);
    lastError = message;
    const attempts = record.attempts + 1;
    const backoff = Math.min(maxDelay, baseDelay * 2 ** (attempts - 1)) * random();
    const retryAfter = typeof hint.retryAfterMs === 'number' ? hint.retryAfterMs : 0;
    const retried: OutboxRecord = {
      ...record,
      attempts,
      nextAttemptAt: now() + Math.max(backoff, retryAfter),
      lastError: message,
    };
    records.set(record.key, retried);
    await put(retried);
    emit();
  };

  const attempt = async (record: OutboxRecord) => {
    inFlight.add(record.key);
    try {
      await deliver(record);
      await delivered(record);
    } catch (error) {
      await failed(record, error);
    } finally {
      inFlight.delete(record.key);
    }
  };

  /**
   * Sends records in one `deliver` call. Each is settled by its own result; one missing from the
   * results was not handled and is retried. When the whole call is refused for good (say a proxy's
   * 413), the records go one by one instead, so one bad record cannot hold back the others.
   */
  const attemptBatch = async (batch: OutboxRecord[], send: NonNullable<BackendPort['deliver']>) => {
    for (const record of batch) inFlight.add(record.key);
    let results: Awaited<ReturnType<typeof send>> | undefined;
    let failure: unknown;
    try {
      results = await send(batch.map(({ kind, payload }) => ({ kind, payload }) as DeliveryItem));
    } catch (error) {
      failure = error;
    } finally {
      for (const record of batch) inFlight.delete(record.key);
    }
    if (!results) {
      if (batch.length > 1 && isDefinitive(failure)) {
        for (const record of batch) await attempt(record);
        return;
      }
      for (const record of batch) await failed(record, failure);
      return;
    }
    const byKey = new Map(results.map((result) => [result.key, result]));
    for (const record of batch) {
      const result = byKey.get(record.key);
      if (!records.has(record.key)) continue;
      if (!result) await failed(record, new Error('The backend did not handle this record.'));
      else if (result.outcome === 'rejected')
        await reject(record, {
          retryable: false,
          code: result.error?.code,
          message: result.error?.message ?? 'Rejected by the backend.',
        });
      else await delivered(record);
    }
  };

  /** Makes every pending record in memory due now (not those in flight). */
  const makeDue = () => {
    for (const record of records.values())
      if (record.status === 'pending' && !inFlight.has(record.key))
        records.set(record.key, {
          ...record,
          nextAttemptAt: Math.min(record.nextAttemptAt, now()),
        });
  };

  const flush = (options: FlushOptions = {}): Promise<void> => {
    if (options.retryNow) makeDue();
    if (running) return running;
    running = lock(async () => {
      // Shared with other tabs (a lock): read what they stored or delivered, when they wrote since
      // the last load (a storage with `version()` says; one without is read every run). Alone,
      // memory is the truth. The records in memory were validated once, when loaded or stored.
      if (shared && (await changedElsewhere())) await reload(options.retryNow === true);
      emit();
      // Until nothing is due: records stored during a run are sent in the same run. Each record is
      // tried at most once per run, so a failure never spins; its backoff timer brings it back.
      const attempted = new Set<string>();
      for (;;) {
        // A follow-up answer whose response was refused for good cannot join it: kept aside too.
        for (const record of [...records.values()])
          if (record.status === 'pending' && awaited(record)?.status === 'rejected')
            await reject(record, new Error('The response it follows was rejected.'));
        // Oldest first: answers arrive in the order they were given.
        const due = [...records.values()]
          .filter(
            (record) =>
              record.status === 'pending' &&
              dueAt(record) <= now() &&
              !inFlight.has(record.key) &&
              !attempted.has(record.key),
          )
          .sort((a, b) => a.createdAt - b.createdAt);
        if (due.length === 0 || stopped) break;
        const send = backend.deliver?.bind(backend);
        const size = send ? batchSize : 1;
        for (let start = 0; start < due.length; start += size) {
          if (stopped) break;
          const batch = due.slice(start, start + size);
          // One by one, a follow-up waits if the response before it has just failed.
          if (batch.length === 1 && dueAt(batch[0] as OutboxRecord) > now()) continue;
          for (const record of batch) attempted.add(record.key);
          if (send && batch.length > 1) await attemptBatch(batch, send);
          else await attempt(batch[0] as OutboxRecord);
        }
      }
    })
      .then(
        () => {
          storageFailures = 0;
        },
        (error: unknown) => {
          // The storage failed (cleared site data, quota, a closed database): say so, and try again
          // later with a growing delay rather than spinning. A flush never rejects.
          storageFailures++;
          lastError = errorMessage(error);
          emit({ type: 'storageFailed', error });
        },
      )
      .finally(() => {
        running = null;
        emit();
        schedule();
      });
    return running;
  };

  return {
    async start() {
      stopped = false;
      await reload(true);
      await flush();
    },

    enqueue(kind, payload) {
      // One at a time: the bound is checked and the record stored before the next enqueue looks.
      const run = writes.then(() => store(kind, payload));
      writes = run.catch(() => {});
      return run;
    },

    flush,
    refresh() {
      // Calls while one is under way (a burst of other tabs' messages) share one more read after it.
      if (refreshing) {
        refreshAgain = true;
        return refreshing;
      }
      refreshing = (async () => {
        do {
          refreshAgain = false;
          if (running) return;
          try {
            // Read only when another tab wrote since (the storage's write count says).
            if (await changedElsewhere()) await reload(false);
          } catch (error) {
            emit({ type: 'storageFailed', error });
            return;
          }
        } while (refreshAgain);
        emit();
        schedule();
      })().finally(() => {
        refreshing = null;
      });
      return refreshing;
    },
    status,
    recordStatus(key) {
      const record = records.get(key);
      if (!record) return undefined;
      if (record.status === 'rejected') return 'rejected';
      return record.attempts > 0 ? 'retrying' : 'pending';
    },
    list<K extends OutboxKind>(kind: K) {
      return [...records.values()]
        .filter((record): record is Extract<OutboxRecord, { kind: K }> => record.kind === kind)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };

  async function store<K extends OutboxKind>(
    kind: K,
    payload: OutboxPayload<K>,
  ): Promise<EnqueueResult> {
    const key = deliveryKey({ kind, payload } as DeliveryItem);
    const existing = records.get(key);
    if (!existing && records.size >= maxRecords) {
      const essential = ESSENTIAL_KINDS.includes(kind);
      // At the bound: make room for an answer by refusing (dropping) the oldest low-value record;
      // never drop an answer, and refuse a new low-value record outright.
      const victim = essential
        ? [...records.values()]
            // A low-value record in flight may go too: if it arrives, nothing is lost.
            .filter((record) => !ESSENTIAL_KINDS.includes(record.kind))
            .sort((a, b) => a.createdAt - b.createdAt)[0]
        : undefined;
      if (!victim) {
        emit({ type: 'refused', kind, key, reason: 'full' });
        return { stored: false, key, reason: 'full' };
      }
      records.delete(victim.key);
      await remove(victim.key);
      emit({ type: 'refused', kind: victim.kind, key: victim.key, reason: 'full' });
    }
    const candidate = {
      kind,
      key,
      payload,
      createdAt: existing?.createdAt ?? now(),
      attempts: 0,
      nextAttemptAt: now(),
      status: 'pending',
    };
    const parsed = z.safeParse(outboxRecordSchemaFor(candidate), candidate);
    // A payload the backend would refuse is refused here, before it is stored, with its path.
    if (!parsed.success)
      throw new ValidationError(toProblems(parsed.error.issues), `outbox ${kind}`);
    const record = parsed.data;
    await put(record);
    records.set(key, record);
    storedAt.set(key, ++writeCount);
    emit();
    void flush();
    return { stored: true, key };
  }
}

/**
 * Whether two stored values hold the same data (primitives, arrays and objects, as storage returns
 * them, own enumerable keys only). A key present on one side only, even as `undefined`, is a
 * difference. Used against a valid record, which is what the outbox then keeps.
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys)
    if (!Object.hasOwn(right, key) || !sameData(left[key], right[key])) return false;
  return true;
}

/** Whether trying again cannot help: a validation error, or an error marked `retryable: false`. */
function isDefinitive(error: unknown): boolean {
  return error instanceof ValidationError || (error as RetryHint | null)?.retryable === false;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
