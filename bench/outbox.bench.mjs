// Outbox throughput and the main-thread cost of one submission. Not a test: run it, read it.
//   npm run build && node bench/outbox.bench.mjs
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
