// Outbox figures over IndexedDB, measured in real headless Chromium (Debian's, never downloaded).
// Not a test: run it, read it.
//   npm run bench:outbox:idb            BENCH_N=1000 records by default, at most BENCH_TIMEOUT_S=300 s
//                                       BENCH_SETUPS=idb-lock,browser runs only those setups
// The engine is bundled from source with esbuild (in memory) and served from 127.0.0.1, a secure
// context, so the page has IndexedDB and Web Locks; nothing is fetched from anywhere else. (esbuild
// comes with vite, tsup and storybook; it is deliberately not a direct devDependency.)
import { createServer } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const N = Number(process.env.BENCH_N ?? 1000);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 300);
/** Backlogs at which single submissions are timed, SPACED of them each. */
const BACKLOGS = [0, 100, 250, 500];
const SPACED = 20;
const WATCHED = 10;
const source = (path) => fileURLToPath(new URL(path, import.meta.url));

const bundled = await build({
  // The engine with its outbox (its own entry point, `@palaute/engine/outbox`).
  // And the React package's browser outbox, as `PalauteProvider` creates it (its storage chosen on
  // first use, its code imported then).
  stdin: {
    contents: `export * from ${JSON.stringify(source('../packages/engine/src/index.ts'))};
export * from ${JSON.stringify(source('../packages/engine/src/outbox.ts'))};
export { createBrowserOutbox } from ${JSON.stringify(source('../packages/react/src/delivery/browserOutbox.ts'))};`,
    resolveDir: source('.'),
    loader: 'ts',
  },
  alias: {
    '@palaute/engine/outbox': source('../packages/engine/src/outbox.ts'),
    '@palaute/engine': source('../packages/engine/src/index.ts'),
  },
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'Palaute',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
const engine = bundled.outputFiles[0].text;

const server = createServer((request, response) => {
  if (request.url === '/engine.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(engine);
    return;
  }
  // Cross-origin isolated, so performance.now() ticks in microseconds rather than 100 µs steps.
  response.writeHead(200, {
    'content-type': 'text/html',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  response.end('<!doctype html><title>outbox bench</title><script src="/engine.js"></script>');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${TIMEOUT_S} s`);
  process.exit(1);
}, TIMEOUT_S * 1000);

/** Everything below runs in the page: helpers installed once on `window.bench`. */
function install() {
  const { createOutbox, createIndexedDbOutboxStorage, createMemoryOutboxStorage } = window.Palaute;
  const { createMemoryBackend, createBrowserOutbox } = window.Palaute;
  const response = (n) => ({
    id: `response-bench-${n}`,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: 'dashboard',
    customerId: 'c-1',
    locale: 'en',
    answers: { nps: n % 11, why: 'Exports are slow when the year closes.' },
    startedAt: '2026-11-23T09:59:00.000Z',
    submittedAt: '2026-11-23T10:00:00.000Z',
  });
  const offline = () => Promise.reject(new Error('offline'));
  const storages = {
    memory: () => createMemoryOutboxStorage(),
    indexedDB: (name) => createIndexedDbOutboxStorage(indexedDB, name),
  };
  const locks = {
    none: () => undefined,
    // What createBrowserOutbox passes.
    webLock: (name) => (work) => navigator.locks.request(name, () => work()),
  };
  const options = (setup, name) => {
    const lock = locks[setup.lock](name);
    return lock ? { lock } : {};
  };
  const state = {};
  // `createBrowserOutbox` picks its storage itself: its full reads are counted at IndexedDB.
  const getAll = IDBObjectStore.prototype.getAll;
  IDBObjectStore.prototype.getAll = function (...args) {
    const request = getAll.apply(this, args);
    if (state.countGetAll)
      request.addEventListener('success', () => {
        state.loads++;
        state.loaded += request.result.filter((row) => row?.key !== '#version').length;
      });
    return request;
  };
  /** The outbox under test: the engine's over the setup's storage, or the browser outbox. */
  const make = (setup, name, settings) =>
    setup.storage === 'browser'
      ? createBrowserOutbox({ ...settings, name })
      : createOutbox({ ...settings, storage: state.storage, ...options(setup, name) });

  /** Message tasks back to back; returns a stop function giving the longest gap between two. */
  const heartbeat = () => {
    const channel = new MessageChannel();
    let last = performance.now();
    let longest = 0;
    let beating = true;
    channel.port1.onmessage = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (beating) channel.port2.postMessage(null);
    };
    channel.port2.postMessage(null);
    return () => {
      beating = false;
      channel.port1.close();
      return Math.max(longest, performance.now() - last);
    };
  };

  /**
   * Enqueues `count` answers one after another while the backend is offline (as a customer's clicks
   * would), timing each: the call itself (synchronous), until the main thread can run another task
   * (the call plus the microtasks it starts: key, validation, issuing the write), and until its
   * promise resolves (stored durably).
   */
  const fill = async (setup, name, from, count) => {
    const outbox = make(setup, name, {
      backend: { ...createMemoryBackend(), submitResponse: offline, deliver: offline },
      maxRecords: 100_000,
      baseDelayMs: 3_600_000,
    });
    await outbox.start();
    const call = [];
    const free = [];
    const stored = [];
    const channel = new MessageChannel();
    let freed;
    channel.port1.onmessage = () => freed(performance.now());
    state.loads = 0;
    state.loaded = 0;
    const started = performance.now();
    for (let n = from; n < from + count; n++) {
      const nextTask = new Promise((resolve) => {
        freed = resolve;
      });
      channel.port2.postMessage(null);
      const t0 = performance.now();
      const done = outbox.enqueue('response', response(n)).then(() => performance.now());
      call.push(performance.now() - t0);
      free.push((await nextTask) - t0);
      stored.push((await done) - t0);
    }
    const seconds = (performance.now() - started) / 1000;
    const { loads, loaded } = state;
    // Let the offline attempts the enqueues started settle before the next phase.
    await outbox.flush();
    outbox.stop();
    channel.port1.close();
    return { seconds, call, free, stored, loads, loaded };
  };

  /** An offline outbox over the backlog, started (which reads it all) before any timing begins. */
  const prepare = async (setup, name) => {
    state.outbox = make(setup, name, {
      backend: { ...createMemoryBackend(), submitResponse: offline, deliver: offline },
      maxRecords: 100_000,
      baseDelayMs: 3_600_000,
    });
    await state.outbox.start();
  };

  /**
   * Enqueues `count` answers into the prepared outbox one at a time, each after it has come to rest:
   * a customer answering now and then while offline. Each enqueue starts a fresh delivery run, which
   * reads and validates the whole backlog before trying the new record. With `watch`, a heartbeat of
   * message tasks measures the longest stretch the main thread was busy (it costs main-thread time
   * itself, so it runs in a pass of its own).
   */
  const spaced = async (from, count, watch = false) => {
    const { outbox } = state;
    state.loads = 0;
    state.loaded = 0;
    const stored = [];
    const settled = [];
    const longest = [];
    for (let n = from; n < from + count; n++) {
      const stop = watch ? heartbeat() : () => 0;
      const t0 = performance.now();
      await outbox.enqueue('response', response(n));
      stored.push(performance.now() - t0);
      await outbox.flush();
      settled.push(performance.now() - t0);
      longest.push(stop());
    }
    const { loads, loaded } = state;
    return { stored, settled, longest, loads, loaded };
  };

  /** A reload: a new outbox over the same storage delivers the whole backlog to a reachable backend. */
  const drain = async (setup, name, batched) => {
    const memory = createMemoryBackend();
    const receiver = batched
      ? memory
      : {
          submitResponse: memory.submitResponse,
          submitFollowUp: memory.submitFollowUp,
          recordDisplay: memory.recordDisplay,
          recordDismissal: memory.recordDismissal,
          listImpact: memory.listImpact,
        };
    const outbox = make(setup, name, { backend: receiver });
    const started = performance.now();
    await outbox.start();
    // Everything went at start; unless the outbox honoured the fill's offline backoff (the browser
    // outbox before its storage forwarded `version()`): then now.
    await outbox.flush({ retryNow: true });
    const seconds = (performance.now() - started) / 1000;
    outbox.stop();
    const left = (await state.storage.load()).length;
    return { seconds, delivered: memory.responses().length, left };
  };

  window.bench = {
    open(setup, name) {
      // Counts full reads (each one validated record by record).
      state.loads = 0;
      state.loaded = 0;
      state.countGetAll = setup.storage === 'browser';
      if (setup.storage === 'browser') {
        // Only to count what is left after a drain (outside the counted phases).
        state.storage = storages.indexedDB(name);
        return;
      }
      const storage = storages[setup.storage](name);
      state.storage = {
        ...storage,
        load: async () => {
          const records = await storage.load();
          state.loads++;
          state.loaded += records.length;
          return records;
        },
      };
    },
    fill,
    prepare,
    spaced,
    stop: () => state.outbox.stop(),
    drain,
  };
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (value) => `${value.toFixed(3)} ms`;
const perSecond = (count, seconds) => Math.round(count / seconds).toLocaleString('en');

/** Main-thread task time (ms) of the page so far, from the Chrome DevTools Protocol. */
async function taskTime(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** `BENCH_SETUPS=idb-lock,browser` runs only those (ids below); all by default. */
const only = process.env.BENCH_SETUPS?.split(',');
const setups = [
  { id: 'memory', label: 'memory (baseline)', storage: 'memory', lock: 'none' },
  { id: 'idb', label: 'IndexedDB', storage: 'indexedDB', lock: 'none' },
  { id: 'idb-lock', label: 'IndexedDB + Web Lock', storage: 'indexedDB', lock: 'webLock' },
  {
    id: 'browser',
    label: 'createBrowserOutbox (what PalauteProvider uses)',
    storage: 'browser',
    lock: 'webLock',
  },
].filter((setup) => !only || only.includes(setup.id));

const rows = [];
const perBacklog = [];
let isolated = false;
try {
  for (const setup of setups) {
    // A fresh page (and database) per setup, so no run inherits another's backlog or warm caches.
    const page = await browser.newPage();
    await page.goto(origin);
    await page.evaluate(install);
    isolated = await page.evaluate(() => crossOriginIsolated);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const name = `palaute-bench-${Date.now()}`;
    await page.evaluate(([s, n]) => window.bench.open(s, n), [setup, name]);

    const before = await taskTime(cdp);
    const filled = await page.evaluate(
      ([s, n, count]) => window.bench.fill(s, n, 0, count),
      [setup, name, N],
    );
    const mainThread = (await taskTime(cdp)) - before;
    const batched = await page.evaluate(([s, n]) => window.bench.drain(s, n, true), [setup, name]);
    await page.evaluate(([s, n, count]) => window.bench.fill(s, n, count, count), [setup, name, N]);
    const oneByOne = await page.evaluate(
      ([s, n]) => window.bench.drain(s, n, false),
      [setup, name],
    );
    for (const [how, drained] of [
      ['batched', batched],
      ['one by one', oneByOne],
    ])
      if (drained.delivered !== N || drained.left !== 0)
        throw new Error(
          `${setup.label}, ${how}: delivered ${drained.delivered} of ${N}, ${drained.left} left`,
        );

    rows.push({
      storage: setup.label,
      records: N,
      'enqueue/s': perSecond(N, filled.seconds),
      'stored p50': ms(quantile(filled.stored, 0.5)),
      'stored p99': ms(quantile(filled.stored, 0.99)),
      'call p50': ms(quantile(filled.call, 0.5)),
      'next task p50': ms(quantile(filled.free, 0.5)),
      'next task p99': ms(quantile(filled.free, 0.99)),
      'main thread/enqueue': ms(mainThread / N),
      'full reads': filled.loads,
      'records read/enqueue': (filled.loaded / N).toFixed(1),
      'flush/s batched': perSecond(N, batched.seconds),
      'flush/s one by one': perSecond(N, oneByOne.seconds),
    });

    // One submission at a time against a backlog: what a click costs an offline customer whose
    // earlier answers still wait (500 is the default bound).
    let backlog = 0;
    for (const level of BACKLOGS) {
      if (level > backlog)
        await page.evaluate(
          ([s, n, from, count]) => window.bench.fill(s, n, from, count),
          [setup, name, 10 * N + backlog, level - backlog],
        );
      await page.evaluate(([s, n]) => window.bench.prepare(s, n), [setup, name]);
      const start = await taskTime(cdp);
      const one = await page.evaluate(
        ([from, count]) => window.bench.spaced(from, count),
        [20 * N + level, SPACED],
      );
      const spent = (await taskTime(cdp)) - start;
      const watched = await page.evaluate(
        ([from, count]) => window.bench.spaced(from, count, true),
        [30 * N + level, WATCHED],
      );
      await page.evaluate(() => window.bench.stop());
      backlog = Math.max(level, backlog) + SPACED + WATCHED;
      perBacklog.push({
        storage: setup.label,
        backlog: level,
        'stored p50': ms(quantile(one.stored, 0.5)),
        'settled p50': ms(quantile(one.settled, 0.5)),
        'main thread/submission': ms(spent / SPACED),
        'records read/submission': (one.loaded / SPACED).toFixed(0),
        'longest task p50': ms(quantile(watched.longest, 0.5)),
        'longest task max': ms(Math.max(...watched.longest)),
      });
    }
    await page.close();
  }
  console.log(
    `${browser.version()} (headless${isolated ? ', cross-origin isolated' : ''}), node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${N} records`,
  );
  console.table(rows);
  console.table(perBacklog);
} finally {
  clearTimeout(deadline);
  await browser.close();
  server.close();
}
