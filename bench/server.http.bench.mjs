// Two builds of the `palaute-server` command over HTTP, paired (not a test): what
// bench/server.inprocess.bench.mjs measures plus Node's HTTP parser and `@hono/node-server`, which
// its `fetch` calls with ready-made web `Request`s leave out. Each build is a child process (rate
// limits off, no journey, as bench/server.cpu.bench.mjs runs it) on PGlite in a fresh data folder,
// or on PostgreSQL in a fresh database of its own when DATABASE_URL is set; the same requests go to
// both, CONCURRENCY in flight on 127.0.0.1, in alternating rounds. CPU is user + system time from
// /proc: of the server's process, and on PostgreSQL also of the backends serving it; each round
// ends with the customers' "your feedback" read of a customer with none (which makes every item
// still to be made) and 60 ms. Prints each build's median CPU per response (process and database)
// and the paired ratio B / A (median of the rounds' ratios, with the interquartile range).
//
//   PALAUTE_CLI_A=/tmp/before/packages/server/dist/cli.js node bench/server.http.bench.mjs
//   BENCH_MODE=batch BENCH_N=20 BENCH_ROUNDS=12 DATABASE_URL=… … (B defaults to this tree's build)
//   BENCH_PORT=5230: A listens there and B on the next port (0, the default, picks free ones)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  alternating,
  backendsCpu,
  benchResponse,
  cpuMs,
  createDatabase,
  databaseUrl,
  dropDatabase,
  listening,
  loadAverage,
  median,
  pairedRatio,
  benchSecret as secret,
  sign,
} from './bench.shared.mjs';

const here = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const builds = { A: process.env.PALAUTE_CLI_A ?? here, B: process.env.PALAUTE_CLI_B ?? here };
const MODE = process.env.BENCH_MODE ?? 'single';
const N = Number(process.env.BENCH_N ?? (MODE === 'single' ? 200 : 20));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 0);
const PER = MODE === 'single' ? 1 : 20;
const run = Date.now().toString(36);
let counter = 0;

const headers = (customerId) => ({
  'content-type': 'application/json',
  'x-palaute-key': 'pk_bench',
  'x-palaute-customer': sign(customerId),
});
/** The next request: one response, or a batch of 20 of one customer. */
const next = () => {
  if (MODE === 'single') {
    const payload = benchResponse(run, counter++, `customer-${counter % 200}`);
    return ['/v1/responses', { protocol: 1, response: payload }, payload.customerId];
  }
  const customerId = `batch-customer-${counter % 200}`;
  const items = Array.from({ length: PER }, () => ({
    kind: 'response',
    payload: benchResponse(run, counter++, customerId),
  }));
  return ['/v1/deliveries', { protocol: 1, items }, customerId];
};

const admin = process.env.DATABASE_URL
  ? new pg.Client({ connectionString: process.env.DATABASE_URL })
  : undefined;
await admin?.connect();
const servers = {};
try {
  let port = PORT;
  for (const [name, cli] of Object.entries(builds)) {
    const server = { name };
    const env = {
      PATH: process.env.PATH,
      PORT: String(port),
      PALAUTE_SECRET: secret,
      PALAUTE_PUBLISHABLE_KEY: 'pk_bench',
      PALAUTE_RATE_LIMITS: '{"customer":false,"ip":false}',
    };
    if (port) port += 1;
    if (admin) {
      server.database = `palaute_http_${run}_${name.toLowerCase()}`;
      await createDatabase(admin, server.database);
      env.DATABASE_URL = databaseUrl(process.env.DATABASE_URL, server.database, server.database);
    } else {
      server.dir = mkdtempSync(join(tmpdir(), 'palaute-http-bench-'));
      env.PALAUTE_DATA_DIR = join(server.dir, 'db');
    }
    servers[name] = server;
    const child = spawn(process.execPath, [cli], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    server.pid = child.pid;
    Object.assign(server, await listening(child, name));
  }

  /** Sends `count` requests, CONCURRENCY in flight; throws on any answer but 200. */
  const send = async (server, count) => {
    const requests = Array.from({ length: count }, next);
    let at = 0;
    const worker = async () => {
      while (at < requests.length) {
        const [path, body, customerId] = requests[at++];
        const answer = await fetch(server.url + path, {
          method: 'POST',
          headers: headers(customerId),
          body: JSON.stringify(body),
        });
        const text = await answer.text();
        if (answer.status !== 200 || (MODE === 'batch' && !text.includes('"outcome":"stored"')))
          throw new Error(`${server.name}: ${answer.status} ${text.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Every item still to be made is made by this read, then the drain's next turn passes.
    const settle = await fetch(`${server.url}/v1/feedback/query`, {
      method: 'POST',
      headers: headers('bench-settle'),
      body: JSON.stringify({ protocol: 1, query: { customerId: 'bench-settle' } }),
    });
    if (settle.status !== 200) throw new Error(`settle: ${settle.status} ${await settle.text()}`);
    await settle.text();
    await new Promise((resolve) => setTimeout(resolve, 60));
  };

  // Warm-up (connections, plans, JIT), not measured.
  for (const server of Object.values(servers)) await send(server, MODE === 'single' ? 200 : 10);
  const cpu = { A: [], B: [] };
  const db = { A: [], B: [] };
  await alternating(['A', 'B'], ROUNDS, async (name) => {
    const server = servers[name];
    const before = cpuMs(server.pid);
    const beforeDb = await backendsCpu(admin, server.database);
    await send(server, N);
    const processMs = cpuMs(server.pid) - before;
    let databaseMs = 0;
    for (const [pid, after] of await backendsCpu(admin, server.database))
      databaseMs += after - (beforeDb.get(pid) ?? 0);
    cpu[name].push((processMs + databaseMs) / (N * PER));
    db[name].push(databaseMs / (N * PER));
  });
  const processOf = (name) => median(cpu[name].map((total, i) => total - db[name][i])).toFixed(3);
  const pairedProcess = pairedRatio(
    cpu.B.map((total, i) => total - db.B[i]),
    cpu.A.map((total, i) => total - db.A[i]),
    3,
  );
  console.log(
    `${admin ? 'PostgreSQL' : 'PGlite'} ${MODE} over HTTP: A ${median(cpu.A).toFixed(3)} ms per response (process ${processOf('A')}${admin ? `, database ${median(db.A).toFixed(3)}` : ''}), B ${median(cpu.B).toFixed(3)} ms (process ${processOf('B')}${admin ? `, database ${median(db.B).toFixed(3)}` : ''}); B / A paired median ${pairedRatio(cpu.B, cpu.A, 3)}, process alone ${pairedProcess}; load ${loadAverage()}`,
  );
} finally {
  // Every server (and its pool) gone before any database is dropped.
  for (const server of Object.values(servers)) await server.stop?.();
  for (const server of Object.values(servers)) {
    if (server.dir) rmSync(server.dir, { recursive: true, force: true });
    if (server.database) await dropDatabase(admin, server.database);
  }
  await admin?.end();
}
