// What the reference server costs per answer, against a floor (not a test): the built
// `palaute-server` command and bench/server.floor.mjs (`JSON.parse` + one `INSERT` per request, one
// multi-row `INSERT` per batch) side by side in one run, on PGlite (each in a fresh data folder) and
// on PostgreSQL when DATABASE_URL is set (both in one fresh database, dropped after). Each server is
// a child process under the same load from this process on loopback; CPU is read from /proc
// (user + system time of the server's process, and on PostgreSQL of the backends serving it, found
// by their application_name). Loads alternate between the two servers in rounds, so drift on a
// shared machine touches both. Run: `npm run bench:server:cpu` (builds the command first).
//
//   BENCH_REQUESTS=3000 BENCH_BATCHES=150 BENCH_CONCURRENCY=16 BENCH_ROUNDS=2 npm run bench:server:cpu
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  backendsCpu as backends,
  benchResponse,
  cpuMs,
  createDatabase,
  databaseUrl,
  dropDatabase,
  listening,
  benchSecret as secret,
  sign,
} from './bench.shared.mjs';

// PALAUTE_CLI runs another build (e.g. an earlier commit's, for a before/after comparison).
const cli =
  process.env.PALAUTE_CLI ??
  fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const floor = fileURLToPath(new URL('./server.floor.mjs', import.meta.url));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 150);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BATCH_SIZE = 20;
const CUSTOMERS = 200;

/** Starts a child process and waits for the URL it prints. */
async function start(name, args, env, application) {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, stop } = await listening(child, name);
  return { name, url, pid: child.pid, application, stop };
}

/**
 * Asks the customers' "your feedback" of a customer with none (so every item still to be made is
 * made first, and the read itself costs next to nothing), then waits 60 ms.
 */
const settled = (url) => async () => {
  const customerId = 'bench-settle';
  const answer = await fetch(`${url}/v1/feedback/query`, {
    method: 'POST',
    headers: headers(customerId),
    body: JSON.stringify({ protocol: 1, query: { customerId } }),
  });
  if (answer.status !== 200) throw new Error(`settle: ${answer.status} ${await answer.text()}`);
  await answer.text();
  await new Promise((resolve) => setTimeout(resolve, 60));
};

const run = Date.now().toString(36);
const response = (n, customerId = `customer-${n % CUSTOMERS}`) => benchResponse(run, n, customerId);
const headers = (customerId) => ({
  'content-type': 'application/json',
  'x-palaute-key': 'pk_bench',
  'x-palaute-customer': sign(customerId),
});
/** The n-th single request. */
const single = (n) => {
  const payload = response(n);
  return {
    path: '/v1/responses',
    init: {
      method: 'POST',
      headers: headers(payload.customerId),
      body: JSON.stringify({ protocol: 1, response: payload }),
    },
  };
};
/** The n-th batch: 20 responses of one customer, as an outbox sends them. */
const batch = (n) => {
  const customerId = `batch-customer-${n % CUSTOMERS}`;
  const items = Array.from({ length: BATCH_SIZE }, (_, i) => ({
    kind: 'response',
    // Ids of their own (response ids are global in practice: UUIDs), never the singles'.
    payload: response(50_000_000 + n * BATCH_SIZE + i, customerId),
  }));
  return {
    path: '/v1/deliveries',
    init: {
      method: 'POST',
      headers: headers(customerId),
      body: JSON.stringify({ protocol: 1, items }),
    },
  };
};

/**
 * Sends requests `from` … `to - 1` to a server with CONCURRENCY in flight; adds each latency to
 * `latencies` and the CPU its process (and its database backends) used to `cpu`.
 */
async function load(server, admin, from, to, make, tally) {
  let next = from;
  const beforeProcess = cpuMs(server.pid);
  const beforeBackends = await backends(admin, server.application);
  const worker = async () => {
    while (next < to) {
      const { path, init } = make(next++);
      const t0 = performance.now();
      // A connection the server closed as it was reused (Node's keep-alive race, which a loaded
      // machine makes likely) is sent again, as a browser does, and counted; a server that is gone
      // still fails the run.
      let answer;
      for (let attempt = 1; !answer; attempt += 1) {
        try {
          answer = await fetch(server.url + path, init);
        } catch (error) {
          if (attempt >= 3 || error?.cause?.code !== 'ECONNRESET') throw error;
          tally.resent += 1;
        }
      }
      const text = await answer.text();
      tally.latencies.push(performance.now() - t0);
      if (answer.status !== 200) {
        tally.failed += 1;
        if (tally.failed === 1) console.error(`${server.name} ${path}: ${answer.status} ${text}`);
      } else if (path === '/v1/deliveries' && !text.includes('"outcome":"stored"'))
        tally.failed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  tally.seconds += (performance.now() - started) / 1000;
  // Ours counts until every item of what it received is made (a build that makes items after
  // their responses drains them before a read of the inbox), and its drain's next turn after.
  if (server.settle) await server.settle();
  tally.requests += to - from;
  tally.process += cpuMs(server.pid) - beforeProcess;
  for (const [pid, after] of await backends(admin, server.application))
    tally.database += after - (beforeBackends.get(pid) ?? 0);
}

const tallies = () => ({
  requests: 0,
  failed: 0,
  resent: 0,
  seconds: 0,
  process: 0,
  database: 0,
  latencies: [],
});

/** Both servers under both loads, alternating in rounds. */
async function bench(storage, ours, theirs, admin) {
  ours.settle = settled(ours.url);
  // Warm-up (connections, plans, JIT), not measured.
  for (const server of [ours, theirs]) {
    await load(server, admin, 90_000_000, 90_000_200, single, tallies());
    await load(server, admin, 4_000_000, 4_000_010, batch, tallies());
  }
  const rows = [];
  for (const [label, count, make, per] of [
    ['`POST /v1/responses` (1 response)', REQUESTS, single, 1],
    [`\`POST /v1/deliveries\` (${BATCH_SIZE} responses)`, BATCHES, batch, BATCH_SIZE],
  ]) {
    const tally = { ours: tallies(), floor: tallies() };
    const step = Math.ceil(count / ROUNDS);
    for (let from = 0; from < count; from += step) {
      const to = Math.min(count, from + step);
      // The floor writes other ids (its own table): the same requests for both.
      await load(ours, admin, from, to, make, tally.ours);
      await load(theirs, admin, from, to, make, tally.floor);
    }
    rows.push({ storage, label, per, ...tally });
  }
  return rows;
}

async function onPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'palaute-cpu-bench-'));
  const servers = [];
  try {
    servers.push(
      await start('palaute-server', [cli], serverEnv({ PALAUTE_DATA_DIR: join(dir, 'ours') })),
    );
    servers.push(await start('floor', [floor], { FLOOR_DATA_DIR: join(dir, 'floor') }));
    return await bench('PGlite', servers[0], servers[1]);
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const database = `palaute_cpu_bench_${run}`;
  await createDatabase(admin, database);
  const servers = [];
  try {
    const at = (application) => databaseUrl(url, database, application);
    servers.push(
      await start(
        'palaute-server',
        [cli],
        serverEnv({ DATABASE_URL: at(`${database}_ours`) }),
        `${database}_ours`,
      ),
    );
    servers.push(
      await start('floor', [floor], { DATABASE_URL: at(`${database}_floor`) }, `${database}_floor`),
    );
    return await bench('PostgreSQL', servers[0], servers[1], admin);
  } finally {
    // Both servers (and their pools) are gone before the drop.
    for (const server of servers) await server.stop();
    await dropDatabase(admin, database);
    await admin.end();
  }
}

/** The server's settings: rate limits off (one address, few customers), no journey. */
const serverEnv = (env) => ({
  PORT: '0',
  PALAUTE_SECRET: secret,
  PALAUTE_PUBLISHABLE_KEY: 'pk_bench',
  PALAUTE_RATE_LIMITS: '{"customer":false,"ip":false}',
  ...env,
});

const results = [...(await onPglite())];
if (process.env.DATABASE_URL) results.push(...(await onPostgres(process.env.DATABASE_URL)));
else console.log('PostgreSQL: skipped (set DATABASE_URL to bench it too).');

const ms = (value) => `${value.toFixed(2)} ms`;
const at = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
console.log(
  `\n${REQUESTS} single requests and ${BATCHES} batches of ${BATCH_SIZE} per server, ${CONCURRENCY} in flight, in ${ROUNDS} alternating rounds; Node ${process.version}`,
);
console.log(
  '| storage | load | server | responses/s | p50 | p99 | CPU per response: process | database | total | × floor (total) |',
);
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|');
for (const row of results) {
  const perResponse = (tally) => ({
    process: tally.process / (tally.requests * row.per),
    database: tally.database / (tally.requests * row.per),
    total: (tally.process + tally.database) / (tally.requests * row.per),
  });
  const floorCost = perResponse(row.floor);
  for (const [name, tally] of [
    ['palaute-server', row.ours],
    ['floor', row.floor],
  ]) {
    const cost = perResponse(tally);
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    const failed = `${tally.failed > 0 ? ` (${tally.failed} failed)` : ''}${tally.resent > 0 ? ` (${tally.resent} resent)` : ''}`;
    console.log(
      `| ${row.storage} | ${row.label} | ${name}${failed} | ${((tally.requests * row.per) / tally.seconds).toFixed(0)} | ${ms(at(sorted, 0.5))} | ${ms(at(sorted, 0.99))} | ${ms(cost.process)} | ${row.storage === 'PGlite' ? 'in process' : ms(cost.database)} | ${ms(cost.total)} | ${name === 'floor' ? '1' : `**${(cost.total / floorCost.total).toFixed(2)}×**`} |`,
    );
  }
}
