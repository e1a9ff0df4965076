// A customer's contact history (what every journey decision reads, `POST /v1/contacts/query`) at
// size (not a test): BENCH_RESPONSES responses (500,000 by default) of 50,000 customers, half of them
// to one survey and the rest over forty, seeded with set-based SQL straight into the responses' table
// (its triggers off while seeding: the history reads the responses alone). Then the built storage's
// `getContactHistory`, in process, one call at a time, p50 and p99 per query: without `responseCaps`
// (a client from before that field: every survey's full count), with the big survey's cap of 1,000,
// and with no capped ask (`{}`). PGlite in a fresh folder; PostgreSQL too when DATABASE_URL is set (a
// fresh database is made on that server and dropped afterwards).
//
//   npm run bench:history
//   BENCH_RESPONSES=500000 BENCH_RUNS=50 DATABASE_URL=postgres://… npm run bench:history
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStorage } from '../packages/server/dist/index.js';
import { onFreshDatabase } from './bench.shared.mjs';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const CUSTOMERS = 50_000;

const SEED = [
  'ALTER TABLE palaute_responses DISABLE TRIGGER USER',
  `INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
   SELECT 'bench-' || g, 'customer-' || (g % ${CUSTOMERS}),
          CASE WHEN g % 2 = 0 THEN 'dashboard-nps' ELSE 'survey-' || (g % 40) END,
          'dashboard', now() - g * interval '1 second',
          jsonb_build_object('answers', jsonb_build_object('nps', g % 11))
   FROM generate_series(1, ${RESPONSES}) AS g`,
  'ALTER TABLE palaute_responses ENABLE TRIGGER USER',
  'VACUUM ANALYZE palaute_responses',
];

const QUERIES = [
  ['without responseCaps (every survey counted)', { customerId: 'customer-7' }],
  [
    'responseCaps { dashboard-nps: 1000 }',
    { customerId: 'customer-7', responseCaps: { 'dashboard-nps': 1000 } },
  ],
  ['responseCaps {} (no capped ask)', { customerId: 'customer-7', responseCaps: {} }],
];

async function measure(storage) {
  const results = [];
  for (const [label, query] of QUERIES) {
    await storage.backend.getContactHistory(query); // prepared and warm
    const times = [];
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      await storage.backend.getContactHistory(query);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const at = (share) => times[Math.min(times.length - 1, Math.floor(share * times.length))];
    results.push({ label, p50: at(0.5), p99: at(0.99) });
  }
  await storage.close();
  return results;
}

function print(database, seconds, results) {
  console.log(`\n${database}: ${RESPONSES} responses seeded in ${seconds.toFixed(1)} s`);
  console.log('| getContactHistory | p50 | p99 |\n|---|---|---|');
  for (const { label, p50, p99 } of results)
    console.log(`| ${label} | ${p50.toFixed(2)} ms | ${p99.toFixed(2)} ms |`);
}

async function benchPglite() {
  const dataDir = mkdtempSync(join(tmpdir(), 'palaute-history-bench-'));
  try {
    await (await openStorage({ dataDir })).close();
    const db = await PGlite.create(dataDir);
    const start = performance.now();
    for (const statement of SEED) await db.exec(statement);
    const seconds = (performance.now() - start) / 1000;
    await db.close();
    print('PGlite', seconds, await measure(await openStorage({ dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(url) {
  await onFreshDatabase(url, 'palaute_history_bench', async (fresh) => {
    await (await openStorage({ databaseUrl: fresh })).close();
    const client = new pg.Client({ connectionString: fresh });
    await client.connect();
    const start = performance.now();
    for (const statement of SEED) await client.query(statement);
    const seconds = (performance.now() - start) / 1000;
    await client.end();
    print('PostgreSQL', seconds, await measure(await openStorage({ databaseUrl: fresh })));
  });
}

console.log(
  `Contact history bench: ${RESPONSES} responses, ${RUNS} runs per query (Node ${process.version})`,
);
await benchPglite();
if (process.env.DATABASE_URL) await benchPostgres(process.env.DATABASE_URL);
