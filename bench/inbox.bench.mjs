// The team's inbox on a large PGlite database (not a test): the built `palaute-server` command in a
// fresh data folder, BENCH_ITEMS feedback items (10,000 by default) sent the way browsers send them
// (batches through /v1/deliveries), a fifth of them triaged, then the inbox's reads over HTTP on
// loopback, one at a time: the first page of each order, a filtered first page, searches of the
// customers' words, a page deep in the default order (by following `next`), the loop metrics the
// inbox shows beside the list, and the facets its filters offer (every touchpoint and segment value with its count). A build without the
// facets route (404) is measured the only way it had to know every value: reading every item, 500 a
// page.
// Run: `npm run bench:inbox` (builds the command first). PALAUTE_CLI runs another build of the
// command (e.g. one from before paging, to compare); DATABASE_URL benches PostgreSQL too (give it an
// empty database: the inbox is every item in it).
//
//   BENCH_ITEMS=10000 BENCH_RUNS=30 npm run bench:inbox
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listening, benchSecret as secret, sign } from './bench.shared.mjs';

const cli =
  process.env.PALAUTE_CLI ??
  fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const DEEP = Number(process.env.BENCH_DEEP_PAGE ?? 100);
const CUSTOMERS = 200;
const PLANS = ['free', 'free', 'free', 'pro', 'pro', 'pro', 'pro', 'pro', 'pro', 'enterprise'];
const teamToken = 'bench-team-token-0123456789';
const run = Date.now().toString(36);

async function start(env) {
  const child = spawn(process.execPath, [cli], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      PALAUTE_SECRET: secret,
      PALAUTE_PUBLISHABLE_KEY: 'pk_bench',
      PALAUTE_TEAM_TOKENS: JSON.stringify([{ token: teamToken, id: 'anna', name: 'Anna' }]),
      PALAUTE_RATE_LIMITS: '{"customer":false,"ip":false}',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listening(child, 'the server');
}

async function post(url, path, body, headers) {
  const answer = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ protocol: 1, ...body }),
  });
  const text = await answer.text();
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${text.slice(0, 300)}`);
  return { json: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/** Runs `work` for each of `count` indexes with `concurrency` in flight. */
async function pool(count, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function seed(url) {
  const started = performance.now();
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const perCustomer = Math.ceil(ITEMS / CUSTOMERS);
  // One customer's answers at a time, in batches of 50 (the protocol's most), as an outbox sends.
  const batches = [];
  for (let customer = 0; customer < CUSTOMERS; customer++)
    for (let first = 0; first < perCustomer; first += 50) batches.push({ customer, first });
  await pool(batches.length, 8, async (index) => {
    const { customer, first } = batches[index];
    const customerId = `customer-${run}-${customer}`;
    const items = [];
    for (let k = first; k < Math.min(first + 50, perCustomer); k++) {
      const n = customer * perCustomer + k;
      if (n >= ITEMS) break;
      // Spread over ten months, a few minutes apart, customers interleaved.
      const at = new Date(start + (k * CUSTOMERS + customer) * 130_000).toISOString();
      items.push({
        kind: 'response',
        payload: {
          id: `bench-${run}-${String(n).padStart(6, '0')}`,
          surveyId: 'dashboard-nps',
          surveyVersion: 1,
          touchpointId: n % 4 === 0 ? 'billing' : 'dashboard',
          customerId,
          locale: 'en',
          answers: { nps: n % 11, why: `Reason number ${n}: exports are slow on big invoices.` },
          segment: { plan: PLANS[customer % PLANS.length], seats: (customer % 7) + 1 },
          startedAt: at,
          submittedAt: at,
        },
      });
    }
    if (items.length === 0) return;
    await post(
      url,
      '/v1/deliveries',
      { items },
      { 'x-palaute-key': 'pk_bench', 'x-palaute-customer': sign(customerId) },
    );
  });
  // A fifth triaged by the team: the default order reads all three status groups.
  await pool(Math.floor(ITEMS / 5), 8, async (index) => {
    const n = index * 5 + 2;
    await post(
      url,
      '/v1/team/feedback/act',
      { id: `bench-${run}-${String(n).padStart(6, '0')}`, action: { type: 'feedback.triage' } },
      { authorization: `Bearer ${teamToken}` },
    );
  });
  return (performance.now() - started) / 1000;
}

/** Times `RUNS` calls of `read` after 3 unmeasured ones: p50, p90, max, and the answer's size. */
async function measure(label, read) {
  for (let i = 0; i < 3; i++) await read();
  const times = [];
  let bytes = 0;
  let items = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const result = await read();
    times.push(performance.now() - t0);
    bytes = result.bytes;
    items =
      result.items ??
      result.json.items?.length ??
      result.json.metrics?.total ??
      result.json.facets?.total ??
      0;
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { label, items, bytes, p50: at(0.5), p90: at(0.9), max: times.at(-1) };
}

async function bench(name, env) {
  const server = await start(env);
  try {
    const seconds = await seed(server.url);
    // A server that has run a minute: PGlite's routine maintenance (its stand-in for autovacuum,
    // every 60 s) has analyzed the tables and merged the search indexes' pending entries, as
    // PostgreSQL's autovacuum has by then. BENCH_SETTLE_S=0 reads right after seeding.
    await new Promise((resolve) =>
      setTimeout(resolve, Number(process.env.BENCH_SETTLE_S ?? 65) * 1000),
    );
    const team = { authorization: `Bearer ${teamToken}` };
    const inbox = (query) => () => post(server.url, '/v1/team/feedback/query', { query }, team);
    const rows = [
      await measure('first page, unprocessed (the default)', inbox({})),
      await measure('first page, newest', inbox({ sort: 'newest' })),
      await measure(
        'first page, segment plan = enterprise',
        inbox({ segment: { plan: 'enterprise' } }),
      ),
      await measure(
        'first page, segment that matches nothing',
        inbox({ segment: { plan: 'none' } }),
      ),
      await measure(
        'first page, status triaged, touchpoint billing',
        inbox({ status: ['triaged'], touchpointId: 'billing' }),
      ),
      // A word every answer has (the first page fills at once), and words only one answer has.
      await measure('search, a word in every answer', inbox({ text: 'invoices' })),
      await measure(
        'search, words in one answer',
        inbox({ text: `"number ${Math.floor(ITEMS / 2)}"` }),
      ),
      await measure('search, a word in none', inbox({ text: 'spreadsheet' })),
    ];
    // A page deep in the default order, reached by following `next` (a build without paging has none).
    let cursor;
    for (let page = 1; page < DEEP; page++) {
      const { json } = await inbox(cursor ? { cursor } : {})();
      cursor = json.next;
      if (!cursor) break;
    }
    if (cursor) rows.push(await measure(`page ${DEEP}, unprocessed`, inbox({ cursor })));
    rows.push(
      await measure('loop metrics (beside the list)', () =>
        post(server.url, '/v1/team/metrics', {}, team),
      ),
    );
    const facets = () => post(server.url, '/v1/team/feedback/facets', { query: {} }, team);
    // A build from before the route answers 404; any other failure is one.
    const hasFacets = await facets().then(
      () => true,
      (error) => {
        if (/: 404 /.test(error.message)) return false;
        throw error;
      },
    );
    rows.push(
      hasFacets
        ? await measure('facets (the filters’ options)', facets)
        : await measure('every item, 500 a page (no facets route)', async () => {
            let total = 0;
            let bytes = 0;
            let next;
            do {
              const page = await inbox({
                sort: 'oldest',
                limit: 500,
                ...(next ? { cursor: next } : {}),
              })();
              total += page.json.items.length;
              bytes += page.bytes;
              next = page.json.next;
            } while (next);
            return { json: {}, bytes, items: total };
          }),
    );
    return { name, seconds, rows };
  } finally {
    await server.stop();
  }
}

const results = [];
const dir = mkdtempSync(join(tmpdir(), 'palaute-inbox-bench-'));
try {
  results.push(await bench('PGlite', { PALAUTE_DATA_DIR: join(dir, 'data') }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL)
  results.push(await bench('PostgreSQL', { DATABASE_URL: process.env.DATABASE_URL }));

const ms = (value) => `${value.toFixed(1)} ms`;
const size = (bytes) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `\n${ITEMS} items, ${RUNS} timed reads each, one at a time, Node ${process.version}, ${cli}`,
);
console.log('| storage | read | items | answer | p50 | p90 | max |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const { name, seconds, rows } of results) {
  for (const row of rows)
    console.log(
      `| ${name} | ${row.label} | ${row.items} | ${size(row.bytes)} | ${ms(row.p50)} | ${ms(row.p90)} | ${ms(row.max)} |`,
    );
  console.log(`(${name}: seeded in ${seconds.toFixed(0)} s)`);
}
