// Outbox throughput and the main-thread cost of one submission. Not a test: run it, read it.
//   npm run build && node bench/outbox.bench.mjs      (BENCH_N=5000; BENCH_N=100 for the two-tab table only, quickly)
import { performance } from 'node:perf_hooks';
import { createMemoryBackend } from '../packages/engine/dist/index.js';
import {
  createMemoryOutboxStorage,
  createOutbox,
  createWebStorageOutboxStorage,
} from '../packages/engine/dist/outbox.js';

const N = Number(process.env.BENCH_N ?? 5000);

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

function webStorage() {
  const data = new Map();
  return {
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => data.set(key, value),
    removeItem: (key) => data.delete(key),
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function run(label, storage, count) {
  const offline = {
    ...createMemoryBackend(),
    submitResponse: () => Promise.reject(new Error('offline')),
    deliver: () => Promise.reject(new Error('offline')),
  };
  // Enqueue while offline: the cost a customer's click pays (validate + durable write), no network.
  const outbox = createOutbox({
    backend: offline,
    storage,
    maxRecords: count + 1,
    baseDelayMs: 3_600_000,
  });
  await outbox.start();
  const costs = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await outbox.enqueue('response', response(i));
    costs.push(performance.now() - t);
  }
  const enqueueSeconds = (performance.now() - started) / 1000;
  outbox.stop();

  // Flush the backlog to a reachable backend.
  const receiver = createMemoryBackend();
  const online = createOutbox({ backend: receiver, storage, maxRecords: count + 1 });
  const flushStarted = performance.now();
  await online.start();
  const flushSeconds = (performance.now() - flushStarted) / 1000;
  online.stop();
  if (receiver.responses().length !== count)
    throw new Error(`${label}: delivered ${receiver.responses().length} of ${count}`);

  costs.sort((a, b) => a - b);
  return {
    storage: label,
    records: count,
    'enqueue/s': Math.round(count / enqueueSeconds),
    'flush/s': Math.round(count / flushSeconds),
    'enqueue p50 ms': quantile(costs, 0.5).toFixed(3),
    'enqueue p99 ms': quantile(costs, 0.99).toFixed(3),
  };
}

/** An in-process stand-in for Web Locks: one holder at a time, in request order. */
function mutex() {
  let tail = Promise.resolve();
  return (work) => {
    const next = tail.then(work);
    tail = next.catch(() => {});
    return next;
  };
}

/**
 * Two tabs over one storage, under one lock, both offline: tab A holds a backlog; tab B stores one
 * answer; A's next delivery run reads the storage again (B wrote) and takes in B's record. Measured:
 * that run's CPU time (the process's, user + system) and how many records it validated.
 */
async function otherTab(backlog, rounds) {
  const { outboxRecordSchema } = await import('../packages/engine/dist/outbox.js');
  const storage = createMemoryOutboxStorage();
  const lock = mutex();
  const offline = () => ({
    ...createMemoryBackend(),
    submitResponse: () => Promise.reject(new Error('offline')),
    deliver: () => Promise.reject(new Error('offline')),
  });
  const settings = { storage, lock, maxRecords: backlog + rounds + 1, baseDelayMs: 3_600_000 };
  const tabA = createOutbox({ ...settings, backend: offline() });
  const tabB = createOutbox({ ...settings, backend: offline() });
  await tabA.start();
  await tabB.start();
  for (let i = 0; i < backlog; i++) await tabA.enqueue('response', response(i));
  await tabA.flush();
  await tabB.flush();
  const run = outboxRecordSchema._zod.run;
  let validations = 0;
  outboxRecordSchema._zod.run = (...args) => {
    validations++;
    return run.apply(outboxRecordSchema._zod, args);
  };
  const costs = [];
  let validated = 0;
  try {
    for (let i = 0; i < rounds; i++) {
      await tabB.enqueue('response', response(backlog + 1 + i));
      await tabB.flush();
      validations = 0;
      // CPU time rather than wall time: on a shared machine, what this run cost, not what it waited.
      const t = process.cpuUsage();
      await tabA.flush();
      const spent = process.cpuUsage(t);
      costs.push((spent.user + spent.system) / 1000);
      validated += validations;
    }
  } finally {
    outboxRecordSchema._zod.run = run;
    tabA.stop();
    tabB.stop();
  }
  costs.sort((a, b) => a - b);
  return {
    backlog,
    "A's next run, CPU p50 ms": quantile(costs, 0.5).toFixed(3),
    "A's next run, CPU p90 ms": quantile(costs, 0.9).toFixed(3),
    'records validated per run': (validated / rounds).toFixed(1),
  };
}

const rows = [await run('memory', createMemoryOutboxStorage(), N)];
// The Web Storage adapter rewrites one JSON document per change: quadratic, so measured on fewer records.
rows.push(
  await run(
    'web storage (Map-backed)',
    createWebStorageOutboxStorage(webStorage()),
    Math.min(N, 1000),
  ),
);
console.log(`node ${process.version}, ${N} records`);
console.table(rows);
console.log(
  'another tab stored one answer: the next delivery run of this tab (memory storage, a lock)',
);
console.table([await otherTab(100, 50), await otherTab(500, 50)]);
