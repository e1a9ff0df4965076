import {
  type BackendPort,
  createMemoryBackend,
  type DeliveryItem,
  type DeliveryResult,
  deliveryKey,
  type FeedbackResponse,
  type Outbox,
  type OutboxLock,
  responseKey,
} from '@palaute/engine';
import { createIndexedDbOutboxStorage, createOutbox } from '@palaute/engine/outbox';

// Tabs of one origin, for real: outboxes over one IndexedDB database, each taking the Web Lock its
// browsing context offers. One of them lives in a same-origin iframe, a second document whose
// `indexedDB` and `navigator.locks` are its own objects over the origin's shared store and lock manager.

const ANSWERS = 40;

function response(n: number): FeedbackResponse {
  return {
    id: `response-tab-${String(n).padStart(3, '0')}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: n % 11 },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  };
}

const everyKey = Array.from({ length: ANSWERS }, (_, n) => responseKey(response(n).id));
// Their first attempt fails (a 503 one by one; left out of the results in a batch), so retries and
// backoff timers run while the other tabs keep sending.
const flaky = new Set(everyKey.filter((_, n) => n % 4 === 1));

/** What a tab needs from its browsing context. */
interface BrowsingContext {
  label: string;
  indexedDB: IDBFactory;
  locks: LockManager;
}

/** A second document of this origin: an iframe whose srcdoc inherits the test page's origin. */
async function sameOriginFrame(label: string) {
  const frame = document.createElement('iframe');
  frame.srcdoc = '<!doctype html><title>another tab</title>';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const view = frame.contentWindow as Window;
  expect(view.origin).toBe(window.origin);
  expect(view.navigator.locks).not.toBe(navigator.locks);
  const context: BrowsingContext = {
    label,
    indexedDB: view.indexedDB,
    locks: view.navigator.locks,
  };
  return { frame, context };
}

/**
 * The server every tab talks to: the memory backend behind a network with latency and transient
 * failures. It sees every attempt, so it can tell when one record is in flight twice at once.
 */
function createServer() {
  const memory = createMemoryBackend();
  /** Who is sending each key right now. */
  const inFlight = new Map<string, string>();
  const overlaps: string[] = [];
  /** Keys sent again after they had been acknowledged. */
  const resent: string[] = [];
  const acknowledged = new Map<string, number>();
  const attempts = new Map<string, number>();
  const sendsBy = new Map<string, number>();
  /** The size of every `deliver` call. */
  const batches: number[] = [];
  let calls = 0;
  let failures = 0;

  const begin = (tab: string, keys: string[]) => {
    for (const key of keys) {
      const other = inFlight.get(key);
      if (other !== undefined) overlaps.push(`${key}: ${other} and ${tab}`);
      if (acknowledged.has(key)) resent.push(`${key} by ${tab}`);
      inFlight.set(key, tab);
      attempts.set(key, (attempts.get(key) ?? 0) + 1);
    }
    sendsBy.set(tab, (sendsBy.get(tab) ?? 0) + keys.length);
  };
  const end = (tab: string, keys: string[]) => {
    for (const key of keys) if (inFlight.get(key) === tab) inFlight.delete(key);
  };
  const acknowledge = (key: string) => acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1);
  const isFirstTry = (key: string) => flaky.has(key) && attempts.get(key) === 1;
  /** A few milliseconds of network, varied so the tabs interleave differently each call. */
  const network = () => new Promise((resolve) => setTimeout(resolve, 1 + (calls++ % 4)));
  const unavailable = () => {
    failures++;
    return Object.assign(new Error('503 Service Unavailable'), { retryable: true });
  };

  /** A tab's backend: one by one (no `deliver`), or batched. */
  const backendFor = (tab: string, path: 'oneByOne' | 'batched'): BackendPort => {
    const oneByOne: BackendPort = {
      submitResponse: async (payload) => {
        const key = responseKey(payload.id);
        begin(tab, [key]);
        try {
          await network();
          if (isFirstTry(key)) throw unavailable();
          const receipt = await memory.submitResponse(payload);
          acknowledge(key);
          return receipt;
        } finally {
          end(tab, [key]);
        }
      },
      submitFollowUp: memory.submitFollowUp,
      recordDisplay: memory.recordDisplay,
      recordDismissal: memory.recordDismissal,
      listImpact: memory.listImpact,
    };
    if (path === 'oneByOne') return oneByOne;
    const deliver = async (items: DeliveryItem[]): Promise<DeliveryResult[]> => {
      const keys = items.map(deliveryKey);
      begin(tab, keys);
      batches.push(keys.length);
      try {
        const call = calls;
        await network();
        // Every fifth call fails whole; in the others a flaky key's first try is left unhandled.
        if (call % 5 === 4) throw unavailable();
        const handled = items.filter((item) => !isFirstTry(deliveryKey(item)));
        if (handled.length < items.length) failures++;
        const results = (await memory.deliver?.(handled)) ?? [];
        for (const result of results) if (result.outcome !== 'rejected') acknowledge(result.key);
        return results;
      } finally {
        end(tab, keys);
      }
    };
    return { ...oneByOne, deliver };
  };

  return {
    memory,
    overlaps,
    resent,
    acknowledged,
    backendFor,
    sendsBy,
    batches,
    failures: () => failures,
    sends: () => [...attempts.values()].reduce((sum, count) => sum + count, 0),
  };
}

/** How many tabs hold the lock at once, measured inside the Web Lock's callback. */
interface Holders {
  now: number;
  max: number;
}

/** The lock a host passes in a browser, counting its holders. */
function webLock(locks: LockManager, database: string, holders: Holders): OutboxLock {
  return (work) =>
    locks.request(`palaute-outbox:${database}`, async () => {
      holders.now++;
      holders.max = Math.max(holders.max, holders.now);
      try {
        await work();
      } finally {
        holders.now--;
      }
    });
}

/**
 * Three tabs (two outboxes in this document, one in an iframe) over one database enqueue the answers
 * in turn while every tab flushes after every enqueue; then everything settles, retries included.
 */
async function threeTabs(options: { path: 'oneByOne' | 'batched'; locked: boolean }) {
  const database = `palaute-weblocks-${crypto.randomUUID()}`;
  const server = createServer();
  const holders: Holders = { now: 0, max: 0 };
  const { frame, context: framed } = await sameOriginFrame('tab C (iframe)');
  const contexts: BrowsingContext[] = [
    { label: 'tab A', indexedDB, locks: navigator.locks },
    { label: 'tab B', indexedDB, locks: navigator.locks },
    framed,
  ];
  const tabs: Outbox[] = contexts.map((context) =>
    createOutbox({
      backend: server.backendFor(context.label, options.path),
      storage: createIndexedDbOutboxStorage(context.indexedDB, database),
      baseDelayMs: 10,
      maxDelayMs: 40,
      batchSize: 5,
      // The control shares the storage the same way (it reads what other tabs stored) but its "lock"
      // excludes nobody.
      lock: options.locked
        ? webLock(context.locks, database, holders)
        : (work: () => Promise<void>) => work(),
    }),
  );
  await Promise.all(tabs.map((tab) => tab.start()));

  const work: Promise<unknown>[] = [];
  for (let n = 0; n < ANSWERS; n++) {
    work.push((tabs[n % tabs.length] as Outbox).enqueue('response', response(n)));
    work.push(...tabs.map((tab) => tab.flush()));
  }
  await Promise.all(work);
  // No extra flush: each tab's own backoff timers must bring it to rest.
  await vi.waitFor(
    () => {
      expect(server.acknowledged.size).toBe(ANSWERS);
      for (const tab of tabs) expect(tab.status()).toMatchObject({ state: 'idle', pending: 0 });
    },
    { timeout: 15_000, interval: 20 },
  );
  const left = await createIndexedDbOutboxStorage(indexedDB, database).load();
  for (const tab of tabs) tab.stop();
  frame.remove();
  return { server, tabs, holders, left };
}

const storedIds = (server: ReturnType<typeof createServer>) =>
  server.memory
    .responses()
    .map((stored) => stored.id)
    .sort();
const allIds = Array.from({ length: ANSWERS }, (_, n) => response(n).id);

describe.each([
  { path: 'oneByOne' as const, title: 'one by one (a backend without deliver)' },
  { path: 'batched' as const, title: 'in batches (a backend with deliver)' },
])('three tabs of one origin over one IndexedDB database, delivering $title', ({ path }) => {
  it('given the Web Lock › no record is ever in flight twice, each answer is stored once, and every tab comes to rest', async () => {
    const { server, tabs, holders, left } = await threeTabs({ path, locked: true });

    // The lock is exclusive across both documents, and the tabs really contended for it.
    expect(holders.max).toBe(1);
    expect(server.sendsBy.size).toBeGreaterThan(1);
    // Transient failures happened and were retried.
    expect(server.failures()).toBeGreaterThan(0);
    expect(server.sends()).toBeGreaterThan(ANSWERS);
    if (path === 'batched') expect(Math.max(...server.batches)).toBeGreaterThan(1);
    else expect(server.batches).toEqual([]);

    expect(server.overlaps).toEqual([]);
    expect(server.resent).toEqual([]);
    expect([...server.acknowledged.values()].every((times) => times === 1)).toBe(true);
    expect(storedIds(server)).toEqual(allIds);
    expect(left).toEqual([]);
    for (const tab of tabs)
      expect(tab.status()).toMatchObject({ state: 'idle', pending: 0, answers: 0, rejected: 0 });
  });

  it('given a lock that excludes nobody (control) › the same scenario sends records twice at once, so the check above can fail', async () => {
    const { server, left } = await threeTabs({ path, locked: false });

    expect(server.overlaps.length).toBeGreaterThan(0);
    // The backend's idempotency still stores each answer once, and nothing is lost.
    expect(storedIds(server)).toEqual(allIds);
    expect(left).toEqual([]);
  });
});
