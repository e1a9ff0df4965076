// Ingestion benchmark of the reference server (not a test): the built `palaute-server` command on
// PGlite (a fresh data folder), and on PostgreSQL when DATABASE_URL is set, under a load generator on
// loopback. Bounded in count and in time. Run: `npm run bench:server` (builds the command first).
//
//   BENCH_REQUESTS=2000 BENCH_CONCURRENCY=16 BENCH_SECONDS=60 npm run bench:server
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchResponse, listening, benchSecret as secret, sign } from './bench.shared.mjs';

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const CUSTOMERS = 200;

async function start(env) {
  const child = spawn(process.execPath, [cli], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      PALAUTE_SECRET: secret,
      PALAUTE_PUBLISHABLE_KEY: 'pk_bench',
      // The load comes from one address and few customers: limits off, so the storage is measured;
      // BENCH_RATE_LIMITS=on sets limits too high to refuse anything, to measure what they cost
      // (on PostgreSQL the buckets are in the database: two upserts per request).
      PALAUTE_RATE_LIMITS:
        process.env.BENCH_RATE_LIMITS === 'on'
          ? JSON.stringify({
              customer: { burst: 1e9, perSecond: 1e9 },
              ip: { burst: 1e9, perSecond: 1e9 },
            })
          : '{"customer":false,"ip":false}',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listening(child, 'the server');
}

const run = Date.now().toString(36);
const response = (n, customerId = `customer-${n % CUSTOMERS}`) => benchResponse(run, n, customerId);

/** Sends `count` requests with `concurrency` in flight, until done or out of time. */
async function load(label, count, make) {
  const latencies = [];
  let next = 0;
  let failed = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = performance.now();
  const worker = async () => {
    while (next < count && Date.now() < deadline) {
      const n = next++;
      const { url, init } = make(n);
      const t0 = performance.now();
      const answer = await fetch(url, init);
      await answer.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (answer.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    label,
    requests: latencies.length,
    failed,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function bench(name, env) {
  const server = await start(env);
  try {
    const headers = (customerId) => ({
      'content-type': 'application/json',
      'x-palaute-key': 'pk_bench',
      'x-palaute-customer': sign(customerId),
    });
    /** The n-th single request, its answer numbered from `from`. */
    const singleFrom = (from) => (n) => {
      const payload = response(from + n);
      return {
        url: `${server.url}/v1/responses`,
        init: {
          method: 'POST',
          headers: headers(payload.customerId),
          body: JSON.stringify({ protocol: 1, response: payload }),
        },
      };
    };
    // Warm-up (connections, the first queries' plans), not measured.
    await load('warm-up', 50, singleFrom(1_000_000));
    const single = await load('POST /v1/responses (1 response)', REQUESTS, singleFrom(0));
    const batch = await load('POST /v1/deliveries (20 responses)', BATCHES, (n) => {
      const customerId = `batch-customer-${n}`;
      const items = Array.from({ length: 20 }, (_, i) => ({
        kind: 'response',
        payload: response(2_000_000 + n * 20 + i, customerId),
      }));
      return {
        url: `${server.url}/v1/deliveries`,
        init: {
          method: 'POST',
          headers: headers(customerId),
          body: JSON.stringify({ protocol: 1, items }),
        },
      };
    });
    return [name, single, batch];
  } finally {
    await server.stop();
  }
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'palaute-bench-'));
try {
  results.push(await bench('PGlite', { PALAUTE_DATA_DIR: join(dir, 'data') }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL)
  results.push(await bench('PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL }));
else console.log('PostgreSQL: skipped (set DATABASE_URL to bench it too).');

const ms = (value) => `${value.toFixed(1)} ms`;
console.log(
  `\n${REQUESTS} single requests and ${BATCHES} batches, ${CONCURRENCY} in flight, at most ${SECONDS} s each, Node ${process.version}`,
);
console.log('| storage | load | requests | failed | requests/s | responses/s | p50 | p99 |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const [name, ...rows] of results)
  for (const row of rows) {
    const per = row.label.includes('20 responses') ? 20 : 1;
    console.log(
      `| ${name} | ${row.label} | ${row.requests} | ${row.failed} | ${row.perSecond.toFixed(0)} | ${(row.perSecond * per).toFixed(0)} | ${ms(row.p50)} | ${ms(row.p99)} |`,
    );
  }
