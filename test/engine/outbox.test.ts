import {
  type BackendPort,
  createMemoryBackend,
  type DeliveryItem,
  type DeliveryResult,
  deliveryKey,
  type FeedbackResponse,
  type MemoryBackend,
  type OutboxEvent,
  ValidationError,
} from '@palaute/engine';
import {
  createMemoryOutboxStorage,
  createOutbox,
  createWebStorageOutboxStorage,
  outboxRecordSchema,
} from '@palaute/engine/outbox';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');

/** Response ids are at least 8 characters; keys in these tests are short, so ids are derived. */
const idOf = (key: string) => `response-${key}`;
/** The outbox key of a response (its idempotency key) and of a display. */
const keyOf = (key: string) => `response:${idOf(key)}`;
const displayKey = (n: number) => `display:display-flow-${n}`;

function response(key: string): FeedbackResponse {
  return {
    id: idOf(key),
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: 9 },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  };
}

const display = (n: number) => ({
  responseId: `display-flow-${n}`,
  surveyId: 'nps-dashboard',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  at: '2026-11-23T10:00:00.000Z',
});

/** A memory backend without the batch call: records go one by one (batches have their own tests). */
function oneByOne(memory: MemoryBackend): BackendPort {
  const { deliver: _batch, ...single } = memory;
  return single;
}

/** An in-process stand-in for Web Locks: one holder at a time, in request order. */
function mutex() {
  let tail: Promise<void> = Promise.resolve();
  return (work: () => Promise<void>) => {
    const run = tail.then(work);
    tail = run.catch(() => {});
    return run;
  };
}

/** A memory backend whose next calls fail with the errors queued in `failures`. */
function flakyBackend() {
  const failures: unknown[] = [];
  const memory = createMemoryBackend();
  const calls: string[] = [];
  const backend: BackendPort = {
    ...oneByOne(memory),
    submitResponse: async (payload) => {
      calls.push(payload.id);
      if (failures.length > 0) throw failures.shift();
      return memory.submitResponse(payload);
    },
  };
  return { backend, memory, failures, calls };
}

describe('createOutbox', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given a response › it is stored before any network attempt', async () => {
    const storage = createMemoryOutboxStorage();
    let sent = false;
    const backend: BackendPort = {
      ...createMemoryBackend(),
      submitResponse: () => {
        // At the moment of sending, the record must already be durable.
        expect(storage.records().map((record) => record.key)).toEqual([keyOf('r-1')]);
        sent = true;
        return new Promise(() => {});
      },
    };
    const outbox = createOutbox({ backend, storage });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await vi.waitFor(() => expect(sent).toBe(true));
  });

  it('given a reachable backend › the record is delivered once, removed from storage, and the status is idle', async () => {
    const { backend, memory } = flakyBackend();
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage });
    const events: OutboxEvent['type'][] = [];
    outbox.subscribe((_, event) => event && events.push(event.type));
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    expect(memory.responses()).toHaveLength(1);
    expect(storage.records()).toEqual([]);
    expect(outbox.status()).toEqual({
      state: 'idle',
      pending: 0,
      answers: 0,
      rejected: 0,
      lastError: null,
    });
    expect(events).toEqual(['delivered']);
  });

  it('given a transient failure › keeps the record, backs off with jitter, then delivers it', async () => {
    const { backend, memory, failures } = flakyBackend();
    failures.push(new Error('Network request failed'));
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage, baseDelayMs: 1000, random: () => 0.5 });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    expect(outbox.status()).toMatchObject({
      state: 'waiting',
      pending: 1,
      lastError: 'Network request failed',
    });
    expect(storage.records()[0]).toMatchObject({ attempts: 1, nextAttemptAt: T0 + 500 });
    await vi.advanceTimersByTimeAsync(499);
    expect(memory.responses()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await outbox.flush();
    expect(memory.responses()).toHaveLength(1);
    expect(outbox.status().pending).toBe(0);
  });

  it('given a failure that says "retry after 30 s" › waits at least that long even when the backoff is shorter', async () => {
    const { backend, failures } = flakyBackend();
    failures.push(Object.assign(new Error('HTTP 429'), { retryable: true, retryAfterMs: 30_000 }));
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage, random: () => 1 });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    expect(storage.records()[0]?.nextAttemptAt).toBe(T0 + 30_000);
  });

  it('given repeated failures › the delay doubles up to the maximum', async () => {
    const { backend, failures } = flakyBackend();
    failures.push(...Array.from({ length: 6 }, () => new Error('down')));
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({
      backend,
      storage,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      random: () => 1,
    });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await outbox.flush();
      const record = storage.records()[0];
      delays.push((record?.nextAttemptAt ?? 0) - Date.now());
      vi.setSystemTime(record?.nextAttemptAt ?? 0);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('given a definitive refusal › the record is kept aside as rejected, reported, and not retried', async () => {
    const { backend, failures, calls } = flakyBackend();
    failures.push(
      Object.assign(new Error('HTTP 400: answers.nps must be ≤ 10'), { retryable: false }),
    );
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage });
    const rejected: string[] = [];
    outbox.subscribe((_, event) => event?.type === 'rejected' && rejected.push(event.record.key));
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(rejected).toEqual([keyOf('r-1')]);
    expect(calls).toEqual([idOf('r-1')]);
    expect(storage.records()).toEqual([
      expect.objectContaining({
        key: keyOf('r-1'),
        status: 'rejected',
        lastError: 'HTTP 400: answers.nps must be ≤ 10',
      }),
    ]);
    expect(outbox.status()).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('given a page that closed mid-delivery › a new outbox over the same storage delivers what was left, once', async () => {
    const { backend, memory, failures } = flakyBackend();
    failures.push(new Error('offline'), new Error('offline'));
    const storage = createMemoryOutboxStorage();
    const before = createOutbox({ backend, storage });
    await before.start();
    await before.enqueue('response', response('r-1'));
    await before.enqueue('response', response('r-2'));
    await before.flush();
    before.stop();
    expect(storage.records()).toHaveLength(2);

    const after = createOutbox({ backend, storage });
    await after.start();
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-1'), idOf('r-2')]);
    expect(storage.records()).toEqual([]);
  });

  it('given records an earlier page left › list(kind) shows those of that kind still to deliver, oldest first, until they are delivered', async () => {
    let down = true;
    const memory = createMemoryBackend({
      failWith: () => (down ? new TypeError('Failed to fetch') : undefined),
    });
    const storage = createMemoryOutboxStorage();
    const before = createOutbox({ backend: oneByOne(memory), storage, baseDelayMs: 3_600_000 });
    await before.start();
    await before.enqueue('response', response('r-2'));
    vi.setSystemTime(T0 + 1000);
    await before.enqueue('response', response('r-1'));
    await before.enqueue('display', display(1));
    await before.flush();
    expect(before.list('response').map((record) => record.payload.id)).toEqual([
      idOf('r-2'),
      idOf('r-1'),
    ]);
    before.stop();

    // The next page: nothing is known before it loads the storage; then what waits is listed.
    const after = createOutbox({ backend: oneByOne(memory), storage, baseDelayMs: 3_600_000 });
    expect(after.list('response')).toEqual([]);
    await after.start();
    const waiting = after.list('response');
    expect(waiting.map((record) => [record.payload.id, record.createdAt])).toEqual([
      [idOf('r-2'), T0],
      [idOf('r-1'), T0 + 1000],
    ]);
    expect(waiting.map((record) => after.recordStatus(record.key))).toEqual([
      'retrying',
      'retrying',
    ]);
    expect(after.list('display').map((record) => record.key)).toEqual([displayKey(1)]);
    expect(after.list('reply')).toEqual([]);

    down = false;
    await after.flush({ retryNow: true });
    expect(after.list('response')).toEqual([]);
    expect(after.list('display')).toEqual([]);
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-2'), idOf('r-1')]);
  });

  it('given a record refused for good › list(kind) keeps it, marked rejected', async () => {
    const { backend, failures } = flakyBackend();
    failures.push(Object.assign(new Error('HTTP 400'), { retryable: false }));
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    expect(outbox.list('response')).toEqual([
      expect.objectContaining({ key: keyOf('r-1'), status: 'rejected', lastError: 'HTTP 400' }),
    ]);
  });

  it('given the same answer enqueued twice (a double click) › the backend stores it once', async () => {
    const { backend, memory } = flakyBackend();
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('response', response('r-1'));
    await outbox.flush();
    await outbox.flush();
    expect(memory.responses()).toHaveLength(1);
  });

  it('given concurrent flushes › they share one run and no record is sent twice at once', async () => {
    const calls: string[] = [];
    let release: () => void = () => {};
    const memory = createMemoryBackend();
    const backend: BackendPort = {
      ...memory,
      submitResponse: async (payload) => {
        calls.push(payload.id);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return memory.submitResponse(payload);
      },
    };
    const outbox = createOutbox({ backend, storage: createMemoryOutboxStorage() });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    const flushes = [outbox.flush(), outbox.flush(), outbox.flush()];
    expect(flushes[0]).toBe(flushes[1]);
    await vi.waitFor(() => expect(calls).toEqual([idOf('r-1')]));
    release();
    await Promise.all(flushes);
    expect(calls).toEqual([idOf('r-1')]);
    expect(memory.responses()).toHaveLength(1);
  });

  it('given a full outbox › refuses new displays first, makes room for an answer, and never drops an answer', async () => {
    const never: BackendPort = {
      ...createMemoryBackend(),
      submitResponse: () => Promise.reject(new Error('offline')),
      recordDisplay: () => Promise.reject(new Error('offline')),
      deliver: () => Promise.reject(new Error('offline')),
    };
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend: never, storage, maxRecords: 2 });
    const refused: string[] = [];
    outbox.subscribe((_, event) => event?.type === 'refused' && refused.push(event.key));
    await outbox.start();
    await outbox.enqueue('display', display(1));
    await outbox.enqueue('display', display(2));
    expect(await outbox.enqueue('display', display(3))).toEqual({
      stored: false,
      key: displayKey(3),
      reason: 'full',
    });
    expect(await outbox.enqueue('response', response('r-1'))).toEqual({
      stored: true,
      key: keyOf('r-1'),
    });
    expect(await outbox.enqueue('response', response('r-2'))).toEqual({
      stored: true,
      key: keyOf('r-2'),
    });
    expect(await outbox.enqueue('response', response('r-3'))).toEqual({
      stored: false,
      key: keyOf('r-3'),
      reason: 'full',
    });
    expect(
      storage
        .records()
        .map((record) => record.key)
        .sort(),
    ).toEqual([keyOf('r-1'), keyOf('r-2')]);
    expect(refused).toEqual([displayKey(3), displayKey(1), displayKey(2), keyOf('r-3')]);
  });

  it('given a page that moved on while a delivery was in flight › its late failure does not write back a record the next page delivered', async () => {
    const memory = createMemoryBackend();
    let failLate: ((error: Error) => void) | undefined;
    const slow: BackendPort = {
      ...oneByOne(memory),
      submitResponse: () =>
        new Promise((_, reject) => {
          failLate = reject;
        }),
    };
    const storage = createMemoryOutboxStorage();
    const before = createOutbox({ backend: slow, storage });
    await before.start();
    await before.enqueue('response', response('r-1'));
    await vi.waitFor(() => expect(failLate).toBeDefined());
    before.stop();
    const after = createOutbox({ backend: oneByOne(memory), storage });
    await after.start();
    expect(storage.records()).toEqual([]);
    failLate?.(new Error('timeout'));
    await vi.advanceTimersByTimeAsync(10);
    expect(storage.records()).toEqual([]);
    expect(memory.responses()).toHaveLength(1);
  });

  it('given a storage that cannot be read › never spins: reports it, backs off, and delivers once the storage is back', async () => {
    const memory = createMemoryBackend();
    const inner = createMemoryOutboxStorage();
    let broken = false;
    let loads = 0;
    const closing = () =>
      Object.assign(new Error('The database connection is closing'), {
        name: 'InvalidStateError',
      });
    // Every read fails: the whole storage, and its write count.
    const storage = {
      ...inner,
      load: async () => {
        loads++;
        if (broken) throw closing();
        return inner.load();
      },
      version: async () => {
        loads++;
        if (broken) throw closing();
        return inner.version?.() ?? 0;
      },
    };
    const failures: OutboxEvent[] = [];
    const outbox = createOutbox({
      backend: { ...oneByOne(memory), submitResponse: () => Promise.reject(new Error('offline')) },
      storage,
      lock: (work) => work(),
    });
    outbox.subscribe((_, event) => event?.type === 'storageFailed' && failures.push(event));
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    broken = true;
    loads = 0;
    // A flush never rejects, whatever the storage does.
    await expect(outbox.flush({ retryNow: true })).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(failures.length).toBeGreaterThan(0);
    expect(outbox.status().lastError).toBe('The database connection is closing');
    // Backing off: a handful of reads in a minute, not hundreds per second.
    expect(loads).toBeLessThan(20);
    broken = false;
    const delivered = createOutbox({ backend: oneByOne(memory), storage, lock: (work) => work() });
    await delivered.start();
    expect(memory.responses()).toHaveLength(1);
  });

  it("given another tab's backoff in storage › this tab's stale copy does not send before it", async () => {
    const memory = createMemoryBackend();
    const sent: string[] = [];
    let down = true;
    let releaseFirst: (() => void) | undefined;
    const backend: BackendPort = {
      ...oneByOne(memory),
      submitResponse: async (payload) => {
        sent.push(payload.id);
        // The first attempt hangs until released, so the other tab can load its "due now" copy.
        if (sent.length === 1)
          await new Promise<void>((resolve) => {
            releaseFirst = resolve;
          });
        if (down)
          throw Object.assign(new Error('HTTP 503'), { retryable: true, retryAfterMs: 60_000 });
        return memory.submitResponse(payload);
      },
    };
    const storage = createMemoryOutboxStorage();
    const lock = mutex();
    const tabA = createOutbox({ backend, storage, lock });
    const tabB = createOutbox({ backend, storage, lock });
    await tabA.start();
    await tabA.enqueue('response', response('r-1'));
    await vi.waitFor(() => expect(releaseFirst).toBeDefined());
    // Tab B loads the record while A's attempt is under way: B's copy says "due now".
    const startB = tabB.start();
    await vi.advanceTimersByTimeAsync(0);
    releaseFirst?.();
    await startB;
    // A stored its 60 s backoff; B reads it under the lock and waits too.
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(1);
    down = false;
    await vi.advanceTimersByTimeAsync(400_000);
    expect(memory.responses()).toHaveLength(1);
    tabA.stop();
    tabB.stop();
  });

  it('given enqueues at the same moment at the bound › never more than maxRecords are stored', async () => {
    const never: BackendPort = {
      ...createMemoryBackend(),
      submitResponse: () => Promise.reject(new Error('offline')),
      deliver: () => Promise.reject(new Error('offline')),
    };
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend: never, storage, maxRecords: 3 });
    await outbox.start();
    const results = await Promise.all(
      ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'].map((key) => outbox.enqueue('response', response(key))),
    );
    expect(results.map((result) => result.stored)).toEqual([true, true, true, false, false]);
    expect(storage.records()).toHaveLength(3);
  });

  it('given an invalid payload › refuses it with the path named and stores nothing', async () => {
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend: createMemoryBackend(), storage });
    await outbox.start();
    const bad = { ...response('r-1'), submittedAt: 'yesterday' };
    const error = await outbox.enqueue('response', bad).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.path).toBe('payload.submittedAt');
    expect(storage.records()).toEqual([]);
  });

  it('given a corrupted stored record › reports it and still delivers the valid ones', async () => {
    const { backend, memory } = flakyBackend();
    const storage = createMemoryOutboxStorage();
    const seed = createOutbox({
      backend: { ...backend, submitResponse: () => Promise.reject(new Error('offline')) },
      storage,
    });
    await seed.start();
    await seed.enqueue('response', response('r-1'));
    seed.stop();
    const load = storage.load;
    storage.load = async () => [
      ...(await load()),
      { key: 'broken', kind: 'response', payload: 42 },
    ];
    const outbox = createOutbox({ backend, storage });
    const corrupted: string[] = [];
    outbox.subscribe((_, event) => event?.type === 'corrupted' && corrupted.push(event.problems));
    await outbox.start();
    expect(corrupted[0]).toContain('payload');
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-1')]);
  });
});

describe('createWebStorageOutboxStorage', () => {
  it('keeps records as one JSON document and survives a reload', async () => {
    const data = new Map<string, string>();
    const local = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
      removeItem: (key: string) => void data.delete(key),
    };
    const offline: BackendPort = {
      ...createMemoryBackend(),
      submitResponse: () => Promise.reject(new Error('offline')),
    };
    const first = createOutbox({ backend: offline, storage: createWebStorageOutboxStorage(local) });
    await first.start();
    await first.enqueue('response', response('r-1'));
    await first.flush();
    first.stop();
    expect(JSON.parse(data.get('palaute:outbox') ?? '{}')).toHaveProperty([keyOf('r-1')]);

    const memory = createMemoryBackend();
    const second = createOutbox({ backend: memory, storage: createWebStorageOutboxStorage(local) });
    await second.start();
    expect(memory.responses()).toHaveLength(1);
    expect(data.has('palaute:outbox')).toBe(false);
  });

  it('given unreadable JSON › loads nothing instead of throwing', async () => {
    const local = { getItem: () => '{not json', setItem: () => {}, removeItem: () => {} };
    expect(await createWebStorageOutboxStorage(local).load()).toEqual([]);
  });
});

describe('two tabs over one storage', () => {
  it('given both tabs enqueue and flush at once › no record is ever in flight twice and each arrives once', async () => {
    const memory = createMemoryBackend();
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    const sends: string[] = [];
    const backend: BackendPort = {
      ...memory,
      submitResponse: async (payload) => {
        if (inFlight.has(payload.id)) overlaps.push(payload.id);
        inFlight.add(payload.id);
        sends.push(payload.id);
        // Let the other tab run while this delivery is under way.
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight.delete(payload.id);
        return memory.submitResponse(payload);
      },
      deliver: async (items) => {
        const ids = items.flatMap((item) => (item.kind === 'response' ? [item.payload.id] : []));
        for (const id of ids) {
          if (inFlight.has(id)) overlaps.push(id);
          inFlight.add(id);
          sends.push(id);
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
        for (const id of ids) inFlight.delete(id);
        return memory.deliver?.(items) ?? [];
      },
    };
    const storage = createMemoryOutboxStorage();
    const lock = mutex();
    const tabA = createOutbox({ backend, storage, lock });
    const tabB = createOutbox({ backend, storage, lock });
    await Promise.all([tabA.start(), tabB.start()]);

    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      const tab = i % 2 === 0 ? tabA : tabB;
      work.push(tab.enqueue('response', response(`r-${i}`)));
      work.push(tabA.flush(), tabB.flush());
    }
    await Promise.all(work);
    await Promise.all([tabA.flush(), tabB.flush()]);

    expect(overlaps).toEqual([]);
    expect(memory.responses()).toHaveLength(20);
    expect(sends).toHaveLength(20);
    expect(new Set(sends).size).toBe(20);
    expect(storage.records()).toEqual([]);
    expect(tabA.status().pending + tabB.status().pending).toBe(0);
  });
});

describe('createOutbox › batches', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** An outbox whose backend is offline until `online()`; `batches` logs each deliver call's keys. */
  async function offlineThenBatched(options: { batchSize?: number } = {}) {
    const memory = createMemoryBackend();
    const batches: string[][] = [];
    let online = false;
    let answer: ((items: DeliveryItem[]) => Promise<DeliveryResult[]>) | undefined;
    const backend: BackendPort = {
      ...memory,
      submitResponse: async (payload) => {
        if (!online) throw new Error('offline');
        return memory.submitResponse(payload);
      },
      deliver: async (items) => {
        if (!online) throw new Error('offline');
        batches.push(items.map(deliveryKey));
        return answer ? answer(items) : ((await memory.deliver?.(items)) ?? []);
      },
    };
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ backend, storage, ...options });
    await outbox.start();
    return {
      memory,
      batches,
      storage,
      outbox,
      online: () => {
        online = true;
      },
      answerWith: (next: typeof answer) => {
        answer = next;
      },
    };
  }

  it('given many queued answers › they go in batches of batchSize, oldest first, each stored once', async () => {
    const { memory, batches, outbox, storage, online } = await offlineThenBatched({
      batchSize: 2,
    });
    for (const key of ['r-1', 'r-2', 'r-3', 'r-4', 'r-5']) {
      await outbox.enqueue('response', response(key));
      vi.advanceTimersByTime(1);
    }
    await outbox.flush();
    expect(outbox.status().pending).toBe(5);
    online();
    await outbox.flush({ retryNow: true });
    expect(batches).toEqual([
      [keyOf('r-1'), keyOf('r-2')],
      [keyOf('r-3'), keyOf('r-4')],
    ]);
    expect(memory.responses().map((stored) => stored.id)).toEqual(
      ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'].map(idOf),
    );
    expect(storage.records()).toEqual([]);
    expect(outbox.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });

  it('given a batch with one refused record › only that one is kept aside, rejected; the others are delivered', async () => {
    const { memory, outbox, storage, online, answerWith } = await offlineThenBatched();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('response', response('r-2'));
    await outbox.flush();
    answerWith(async (items) => {
      const results = (await memory.deliver?.(items.slice(1))) ?? [];
      return [
        {
          key: deliveryKey(items[0] as DeliveryItem),
          outcome: 'rejected',
          error: { code: 'invalid_request', message: 'answers.nps: out of range' },
        },
        ...results,
      ];
    });
    const rejected: OutboxEvent[] = [];
    outbox.subscribe((_, event) => event?.type === 'rejected' && rejected.push(event));
    online();
    await outbox.flush({ retryNow: true });
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-2')]);
    expect(storage.records()).toEqual([
      expect.objectContaining({
        key: keyOf('r-1'),
        status: 'rejected',
        lastError: 'answers.nps: out of range',
      }),
    ]);
    expect(rejected).toHaveLength(1);
    expect(outbox.recordStatus(keyOf('r-1'))).toBe('rejected');
    expect(outbox.recordStatus(keyOf('r-2'))).toBeUndefined();
  });

  it('given a batch answered in part › the records missing from the results are tried again', async () => {
    const { memory, batches, outbox, online, answerWith } = await offlineThenBatched();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('response', response('r-2'));
    await outbox.flush();
    let calls = 0;
    answerWith(async (items) => {
      calls++;
      // The first answer forgets the second record (a server cut short); later answers are whole.
      return (await memory.deliver?.(calls === 1 ? items.slice(0, 1) : items)) ?? [];
    });
    online();
    await outbox.flush({ retryNow: true });
    expect(outbox.recordStatus(keyOf('r-2'))).toBe('retrying');
    expect(outbox.status().lastError).toBe('The backend did not handle this record.');
    await vi.advanceTimersByTimeAsync(400_000);
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-1'), idOf('r-2')]);
    // The retry of the one record left goes alone, through its own call.
    expect(batches).toEqual([[keyOf('r-1'), keyOf('r-2')]]);
    expect(outbox.status().pending).toBe(0);
  });

  it('given a whole batch refused for good › the records go one by one, so one bad record holds back no other', async () => {
    const { memory, outbox, online, answerWith } = await offlineThenBatched();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('response', response('r-2'));
    await outbox.flush();
    answerWith(() =>
      Promise.reject(Object.assign(new Error('HTTP 413'), { retryable: false, status: 413 })),
    );
    online();
    await outbox.flush({ retryNow: true });
    expect(memory.responses().map((stored) => stored.id)).toEqual([idOf('r-1'), idOf('r-2')]);
    expect(outbox.status()).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('given a whole batch failing for now › every record in it backs off and is retried', async () => {
    const { memory, batches, outbox, online, answerWith } = await offlineThenBatched();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('response', response('r-2'));
    await outbox.flush();
    online();
    answerWith(() =>
      Promise.reject(
        Object.assign(new Error('HTTP 503'), { retryable: true, retryAfterMs: 30_000 }),
      ),
    );
    await outbox.flush({ retryNow: true });
    expect(outbox.status()).toMatchObject({ pending: 2, lastError: 'HTTP 503' });
    answerWith(undefined);
    // Retry-After is honoured: nothing is sent before 30 s have passed.
    const sentBefore = batches.length;
    await vi.advanceTimersByTimeAsync(29_000);
    expect(batches.length).toBe(sentBefore);
    expect(memory.responses()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(400_000);
    expect(memory.responses()).toHaveLength(2);
    expect(outbox.status().pending).toBe(0);
  });
});

describe('createOutbox › follow-up answers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const followUp = (key: string) => ({
    responseId: idOf(key),
    followUpId: 'fix-first',
    questionId: 'fixFirst',
    answer: 'Faster exports',
    answeredAt: '2026-11-23T10:01:00.000Z',
  });

  it('given its response still waiting › the follow-up never goes first, and both arrive joined', async () => {
    const { backend, memory, failures } = flakyBackend();
    const order: string[] = [];
    const tracked: BackendPort = {
      ...backend,
      submitFollowUp: async (answer) => {
        order.push(`followUp:${answer.responseId}`);
        return memory.submitFollowUp(answer);
      },
    };
    failures.push(new Error('offline'), new Error('offline'));
    const outbox = createOutbox({ backend: tracked, storage: createMemoryOutboxStorage() });
    await outbox.start();
    await outbox.enqueue('response', response('r-1'));
    await outbox.enqueue('followUp', followUp('r-1'));
    await outbox.flush({ retryNow: true });
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(order).toEqual([`followUp:${idOf('r-1')}`]);
    expect(memory.responses()[0]?.followUps).toEqual([followUp('r-1')]);
    expect(outbox.status()).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('given its response refused for good › the follow-up is kept aside too, never sent', async () => {
    const { backend, failures } = flakyBackend();
    const sent = vi.fn();
    failures.push(Object.assign(new Error('HTTP 422'), { retryable: false }));
    const outbox = createOutbox({
      backend: { ...backend, submitFollowUp: async () => sent() },
      storage: createMemoryOutboxStorage(),
    });
    await outbox.start();
    // Both stored before the first delivery settles.
    await Promise.all([
      outbox.enqueue('response', response('r-1')),
      outbox.enqueue('followUp', followUp('r-1')),
    ]);
    await outbox.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent).not.toHaveBeenCalled();
    expect(outbox.status()).toMatchObject({ pending: 0, rejected: 2 });
    expect(outbox.recordStatus(`followUp:${idOf('r-1')}:fix-first`)).toBe('rejected');
  });
});

describe('two tabs over one storage › reads', () => {
  /** A shared memory storage that counts whole-storage reads. */
  function countingStorage() {
    const storage = createMemoryOutboxStorage();
    const counted = {
      ...storage,
      loads: 0,
      load: async () => {
        counted.loads++;
        return storage.load();
      },
    };
    return counted;
  }

  it('given a backlog and no other tab writing › a submission neither reads nor validates the whole storage again', async () => {
    const memory = createMemoryBackend();
    const failing: BackendPort = {
      ...oneByOne(memory),
      submitResponse: async () => {
        throw new Error('offline');
      },
    };
    const storage = countingStorage();
    const tab = createOutbox({ backend: failing, storage, lock: mutex(), baseDelayMs: 3_600_000 });
    await tab.start();
    expect(storage.loads).toBe(1);
    for (let i = 0; i < 50; i++) await tab.enqueue('response', response(`backlog-${i}`));
    await tab.flush();
    await tab.flush({ retryNow: true });
    // Each enqueue ran a delivery under the lock; none of them read the storage: it was this tab's.
    expect(storage.loads).toBe(1);
    expect(tab.status().pending).toBe(50);
  });

  it('given another tab wrote since › the next run reads the storage again and sees it', async () => {
    const memory = createMemoryBackend();
    const storage = countingStorage();
    const lock = mutex();
    const tabA = createOutbox({ backend: oneByOne(memory), storage, lock });
    const tabB = createOutbox({ backend: oneByOne(memory), storage, lock });
    await tabA.start();
    await tabB.start();
    const before = storage.loads;
    await tabA.enqueue('response', response('from-a'));
    await tabA.flush();
    // B delivered nothing and read nothing of its own; A's writes make B read once.
    await tabB.flush();
    expect(storage.loads).toBe(before + 1);
    await tabB.flush();
    expect(storage.loads).toBe(before + 1);
    expect(memory.responses()).toHaveLength(1);
  });

  it('given a storage without version() › every run reads it, as before', async () => {
    const memory = createMemoryBackend();
    const { version: _version, ...plain } = countingStorage();
    let loads = 0;
    const storage = {
      ...plain,
      load: async () => {
        loads++;
        return plain.load();
      },
    };
    const tab = createOutbox({ backend: oneByOne(memory), storage, lock: mutex() });
    await tab.start();
    await tab.enqueue('response', response('plain'));
    await tab.flush();
    expect(loads).toBeGreaterThan(1);
    expect(memory.responses()).toHaveLength(1);
  });
});

describe('two tabs over one storage › what each tab keeps', () => {
  /** A shared memory storage that counts whole-storage reads. */
  function countingStorage() {
    const storage = createMemoryOutboxStorage();
    const counted = {
      ...storage,
      loads: 0,
      load: async () => {
        counted.loads++;
        return storage.load();
      },
    };
    return counted;
  }

  /**
   * Counts record validations: each one runs its kind's record schema once (the union's option,
   * which the outbox checks a record of that kind with, and the union itself runs).
   */
  function countValidations() {
    const validations = vi.fn();
    for (const kind of outboxRecordSchema.def.options) {
      const run = kind._zod.run;
      vi.spyOn(kind._zod, 'run').mockImplementation((...args) => {
        validations();
        return run(...args);
      });
    }
    return validations;
  }

  /** A backend that is offline while `state.offline`, counting the sends that arrive per key. */
  function switchable(memory: MemoryBackend) {
    const state = { offline: true };
    const arrived: string[] = [];
    const backend: BackendPort = {
      ...oneByOne(memory),
      submitResponse: async (payload) => {
        if (state.offline) throw new Error('offline');
        arrived.push(payload.id);
        return memory.submitResponse(payload);
      },
    };
    return { backend, state, arrived };
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('given N enqueues under the lock › one full read and one validation per record in the outbox’s lifetime', async () => {
    const storage = countingStorage();
    const validations = countValidations();
    const { backend } = switchable(createMemoryBackend());
    const tab = createOutbox({ backend, storage, lock: mutex(), baseDelayMs: 3_600_000 });
    await tab.start();
    for (let i = 0; i < 200; i++) await tab.enqueue('response', response(`n-${i}`));
    await tab.flush({ retryNow: true });
    expect(storage.loads).toBe(1);
    // Each record validated once, when it was enqueued; its retries were written, never re-read.
    expect(validations).toHaveBeenCalledTimes(200);
    expect(tab.status().pending).toBe(200);
    tab.stop();
  });

  it('given another tab stored one answer › the next run reads the storage once and validates that answer only, not the backlog', async () => {
    const storage = countingStorage();
    const lock = mutex();
    const memory = createMemoryBackend();
    const tabA = createOutbox({
      backend: switchable(memory).backend,
      storage,
      lock,
      baseDelayMs: 3_600_000,
    });
    const tabB = createOutbox({
      backend: switchable(memory).backend,
      storage,
      lock,
      baseDelayMs: 3_600_000,
    });
    await tabA.start();
    await tabB.start();
    for (let i = 0; i < 50; i++) await tabA.enqueue('response', response(`a-${i}`));
    await tabA.flush();
    // B reads A's backlog (all waiting out their backoff) and tries only its own answer.
    await tabB.enqueue('response', response('from-b'));
    await tabB.flush();

    const loads = storage.loads;
    const validations = countValidations();
    await tabA.flush();
    expect(storage.loads).toBe(loads + 1);
    expect(validations).toHaveBeenCalledTimes(1);
    expect(tabA.status().pending).toBe(51);
    expect(tabA.recordStatus(keyOf('from-b'))).toBe('retrying');
    tabA.stop();
    tabB.stop();
  });

  it('given records one tab delivered and records another tab left › each arrives exactly once, whichever tab sends it', async () => {
    const memory = createMemoryBackend();
    const storage = createMemoryOutboxStorage();
    const lock = mutex();
    const a = switchable(memory);
    const b = switchable(memory);
    const tabA = createOutbox({ backend: a.backend, storage, lock, baseDelayMs: 3_600_000 });
    await tabA.start();
    for (let i = 0; i < 10; i++) await tabA.enqueue('response', response(`left-by-a-${i}`));
    await tabA.flush();

    // Tab B is online: its start delivers what A could not. A still holds them in memory.
    b.state.offline = false;
    const tabB = createOutbox({ backend: b.backend, storage, lock, baseDelayMs: 3_600_000 });
    await tabB.start();
    expect(b.arrived).toHaveLength(10);
    expect(tabA.status().pending).toBe(10);
    // A comes online and flushes everything it holds: it reads that B delivered them, sends none.
    a.state.offline = false;
    await tabA.flush({ retryNow: true });
    expect(a.arrived).toEqual([]);
    expect(tabA.status().pending).toBe(0);

    // B goes offline, stores five answers and its page closes; A delivers them.
    b.state.offline = true;
    for (let i = 0; i < 5; i++) await tabB.enqueue('response', response(`left-by-b-${i}`));
    await tabB.flush();
    tabB.stop();
    await tabA.flush({ retryNow: true });
    expect([...a.arrived].sort()).toEqual(
      Array.from({ length: 5 }, (_, i) => idOf(`left-by-b-${i}`)).sort(),
    );

    const ids = memory.responses().map((stored) => stored.id);
    expect(ids).toHaveLength(15);
    expect(new Set([...a.arrived, ...b.arrived]).size).toBe(a.arrived.length + b.arrived.length);
    expect(storage.records()).toEqual([]);
    expect(tabA.status().pending).toBe(0);
    tabA.stop();
  });

  it('given a record corrupted in storage after this tab validated it › the next read reports it, by path, and does not send it', async () => {
    const memory = createMemoryBackend();
    const storage = createMemoryOutboxStorage();
    const net = switchable(memory);
    const tab = createOutbox({ backend: net.backend, storage, lock: mutex() });
    const corrupted: string[] = [];
    tab.subscribe((_, event) => event?.type === 'corrupted' && corrupted.push(event.problems));
    await tab.start();
    await tab.enqueue('response', response('r-1'));
    await tab.enqueue('response', response('r-2'));
    await tab.flush();
    // Another party rewrites r-1 under its key with a broken payload.
    const [first] = storage.records().filter((record) => record.key === keyOf('r-1'));
    await storage.put({ ...first, payload: { ...first?.payload, surveyVersion: 'one' } } as never);

    net.state.offline = false;
    await tab.flush({ retryNow: true });
    expect(corrupted).toHaveLength(1);
    expect(corrupted[0]).toContain('payload.surveyVersion');
    expect(net.arrived).toEqual([idOf('r-2')]);
    expect(tab.recordStatus(keyOf('r-1'))).toBeUndefined();
    tab.stop();
  });

  it("given a burst of other tabs' messages › refresh reads the storage once after their writes, and not at all when nothing changed since", async () => {
    const storage = countingStorage();
    const lock = mutex();
    const memory = createMemoryBackend();
    const tabA = createOutbox({ backend: switchable(memory).backend, storage, lock });
    const online = switchable(memory);
    online.state.offline = false;
    const tabB = createOutbox({ backend: online.backend, storage, lock });
    await tabA.start();
    await tabA.enqueue('response', response('r-1'));
    await tabA.flush();
    await tabB.start();
    expect(online.arrived).toEqual([idOf('r-1')]);

    // B delivered: its messages reach A in a burst.
    const loads = storage.loads;
    await Promise.all([tabA.refresh(), tabA.refresh(), tabA.refresh(), tabA.refresh()]);
    expect(storage.loads).toBe(loads + 1);
    expect(tabA.status().pending).toBe(0);
    const after = storage.loads;
    await tabA.refresh();
    expect(storage.loads).toBe(after);
    tabA.stop();
    tabB.stop();
  });
});
