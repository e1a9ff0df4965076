// The server's own CPU per answer, two builds side by side in one process (not a test): each
// build's `openServer` (rate limits off, no journey, as bench/server.cpu.bench.mjs runs the
// command) on PGlite in a fresh data folder, or on PostgreSQL in a fresh database of its own when
// DATABASE_URL is set, and its `fetch` called with requests made beforehand (the HTTP layer's
// Hono, authentication, the protocol's validation, the storage and the database; not Node's
// socket and HTTP parser). CPU is `process.cpuUsage` around CONCURRENCY requests in flight, plus,
// on PostgreSQL, the CPU of the backends serving each build (from /proc, by application_name), in
// alternating rounds, so a loaded machine touches both alike. Prints each build's median per
// response and the paired ratio (B / A, per round) with its interquartile range.
//
//   PALAUTE_SERVER_A=/tmp/before/packages/server/dist/index.js node bench/server.inprocess.bench.mjs
//   BENCH_MODE=batch BENCH_N=8 BENCH_ROUNDS=16 DATABASE_URL=… … (B defaults to this tree's build)
//   BENCH_SCORED=1 …: the answers also make scores and CX rollups (the NPS question is counted)
//   BENCH_MODE=view …: a customer's page view instead of answers: a display recorded, then their
//   contact history read (what a journey decision reads), figures per page view
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  alternating,
  benchResponse,
  cpuAround,
  createDatabase,
  databaseUrl,
  dropDatabase,
  loadAverage,
  median,
  pairedRatio,
  benchSecret as secret,
  sign,
} from './bench.shared.mjs';

const here = fileURLToPath(new URL('../packages/server/dist/index.js', import.meta.url));
const builds = { A: process.env.PALAUTE_SERVER_A ?? here, B: process.env.PALAUTE_SERVER_B ?? here };
const MODE = process.env.BENCH_MODE ?? 'single';
const N = Number(process.env.BENCH_N ?? (MODE === 'batch' ? 8 : 64));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 16);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PER = MODE === 'batch' ? 20 : 1;
const run = Date.now().toString(36);
let counter = 0;

const response = (n, customerId = `customer-${n % 200}`) => benchResponse(run, n, customerId);
const request = (path, customerId, body) =>
  new Request(`http://127.0.0.1${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-palaute-key': 'pk_bench',
      'x-palaute-customer': sign(customerId),
    },
    body: JSON.stringify(body),
  });
const next = () => {
  if (MODE === 'view') {
    const n = counter++;
    const customerId = `customer-${n % 200}`;
    const display = {
      responseId: `view-${run}-${n}`,
      surveyId: 'dashboard-nps',
      surveyVersion: 1,
      touchpointId: 'dashboard',
      customerId,
      at: new Date().toISOString(),
    };
    return [
      request('/v1/displays', customerId, { protocol: 1, display }),
      // As the journey client asks it when no ask has a response cap.
      request('/v1/contacts/query', customerId, {
        protocol: 1,
        query: { customerId, responseCaps: {} },
      }),
    ];
  }
  if (MODE === 'single') {
    const payload = response(counter++);
    return request('/v1/responses', payload.customerId, { protocol: 1, response: payload });
  }
  const customerId = `batch-customer-${counter % 200}`;
  const items = Array.from({ length: PER }, () => ({
    kind: 'response',
    payload: response(counter++, customerId),
  }));
  return request('/v1/deliveries', customerId, { protocol: 1, items });
};

const admin = process.env.DATABASE_URL
  ? new pg.Client({ connectionString: process.env.DATABASE_URL })
  : undefined;
await admin?.connect();
const servers = {};
for (const [name, path] of Object.entries(builds)) {
  const { openServer } = await import(`${path}?${name}`);
  const options = {
    secret,
    publishableKey: 'pk_bench',
    rateLimits: { customer: false, ip: false },
    // BENCH_SCORED=1: the responses' NPS question is one the CX report counts, so each answer
    // also writes its score row and the rollups' upserts (migrations 6, 16 and 23).
    ...(process.env.BENCH_SCORED === '1'
      ? {
          cx: {
            surveys: [
              {
                id: 'dashboard-nps',
                touchpointId: 'dashboard',
                title: 'NPS',
                questions: [{ id: 'nps', type: 'nps', title: 'Recommend?', required: true }],
              },
            ],
          },
        }
      : {}),
  };
  const server = { name };
  if (admin) {
    server.database = `palaute_inproc_${run}_${name.toLowerCase()}`;
    await createDatabase(admin, server.database);
    options.databaseUrl = databaseUrl(process.env.DATABASE_URL, server.database, server.database);
  } else {
    server.dir = mkdtempSync(join(tmpdir(), 'palaute-inproc-bench-'));
    options.dataDir = join(server.dir, 'db');
  }
  server.app = await openServer(options);
  servers[name] = server;
}

/** Sends `count` requests made beforehand, CONCURRENCY in flight; throws on any answer but 200. */
async function send(server, count) {
  const requests = Array.from({ length: count }, next);
  let at = 0;
  const worker = async () => {
    while (at < requests.length)
      for (const request of [requests[at++]].flat()) {
        const answer = await server.app.fetch(request);
        const text = await answer.text();
        if (answer.status !== 200 || (MODE === 'batch' && !text.includes('"outcome":"stored"')))
          throw new Error(`${server.name}: ${answer.status} ${text.slice(0, 300)}`);
      }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

// Warm-up (connections, plans, JIT), not measured.
for (const server of Object.values(servers)) await send(server, MODE === 'batch' ? 10 : 100);
const cpu = { A: [], B: [] };
const db = { A: [], B: [] };
await alternating(['A', 'B'], ROUNDS, async (name) => {
  const server = servers[name];
  const used = await cpuAround(admin, server.database, async () => {
    await send(server, N);
    // A build that makes items after their responses: the window ends when every item is made,
    // and after its background drain's next turn (20 ms), so that work is counted here too.
    if (server.app.storage?.settleItems) {
      await server.app.storage.settleItems();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
  });
  cpu[name].push(used.process / (N * PER) + used.database / (N * PER));
  db[name].push(used.database / (N * PER));
});
console.log(
  `${admin ? 'PostgreSQL' : 'PGlite'} ${MODE}: A ${median(cpu.A).toFixed(3)} ms per ${MODE === 'view' ? 'page view' : 'response'}${admin ? ` (database ${median(db.A).toFixed(3)})` : ''}, B ${median(cpu.B).toFixed(3)} ms${admin ? ` (database ${median(db.B).toFixed(3)})` : ''}; B / A paired median ${pairedRatio(cpu.B, cpu.A, 3)}; load ${loadAverage()}`,
);
// Every server's pool closed before any database is dropped.
for (const server of Object.values(servers)) await server.app.close();
for (const server of Object.values(servers)) {
  if (server.dir) rmSync(server.dir, { recursive: true, force: true });
  if (server.database) await dropDatabase(admin, server.database);
}
await admin?.end();
