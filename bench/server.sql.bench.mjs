// The database's CPU for new rows, by schema variant (not a test; PostgreSQL only): a fresh
// database migrated and filled by a built server (200 single responses, 20 batches of 20, their
// items made), then, in alternating rounds, each variant's statements applied in a transaction,
// BENCH_K inserts timed by the backend's own CPU (/proc/<pid>/stat, user + system), and rolled
// back. Prints each variant's median per row and its paired ratio (per round) to the first.
//
//   DATABASE_URL=… node bench/server.sql.bench.mjs            # items: what each part costs
//   BENCH_WHAT=responses DATABASE_URL=… node bench/server.sql.bench.mjs   # single responses
//   PALAUTE_SERVER=<a build before migration 25>/packages/server/dist/index.js BENCH_VARIANTS=m25 …
//     (the database made by that build; the variant applies this tree's migration 25)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  benchResponse,
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
const WHAT = process.env.BENCH_WHAT ?? 'items';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const K = Number(process.env.BENCH_K ?? (WHAT === 'items' ? 150 : 20));
const BATCH = 20;
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL (PostgreSQL only).');
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
await admin.connect();
const name = `palaute_sqlbench_${Date.now().toString(36)}`;
await createDatabase(admin, name);
const url = databaseUrl(process.env.DATABASE_URL, name, name);

// Filled by a built server, so the rows are the server's own.
const { openServer } = await import(process.env.PALAUTE_SERVER ?? here);
const app = await openServer({
  secret,
  publishableKey: 'pk_bench',
  rateLimits: { customer: false, ip: false },
  databaseUrl: url,
});
const post = async (path, customerId, body) => {
  const answer = await app.fetch(
    new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-palaute-key': 'pk_bench',
        'x-palaute-customer': sign(customerId),
      },
      body: JSON.stringify(body),
    }),
  );
  if (answer.status !== 200) throw new Error(`${answer.status} ${await answer.text()}`);
};
let n = 0;
for (let i = 0; i < 200; i++) {
  const response = benchResponse('sql', n++, `customer-${n % 50}`);
  await post('/v1/responses', response.customerId, { protocol: 1, response });
}
for (let i = 0; i < 20; i++) {
  const items = Array.from({ length: BATCH }, () => ({
    kind: 'response',
    payload: benchResponse('sql', n++, `batch-customer-${i}`),
  }));
  await post('/v1/deliveries', `batch-customer-${i}`, { protocol: 1, items });
}
await app.storage.settleItems?.();
await app.close();

const { MIGRATIONS } = await import(here);
const m25 = MIGRATIONS.find((migration) => migration.id === 25)?.sql;
const inline = `CREATE OR REPLACE FUNCTION palaute_item_work_of_new() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO palaute_item_work AS w (item_id, touchpoint_id, status, created_ms,
        first_response_ms, closed_ms, level, answer_keys, planned_stays, segment)
      SELECT n.id, n.touchpoint_id, n.status, round(extract(epoch FROM n.created_at) * 1000)::bigint,
        n.first_response_ms, n.closed_ms, n.document ->> 'level',
        ARRAY(SELECT (n.document ->> 'surveyId') || '/' || k FROM jsonb_object_keys(CASE
          jsonb_typeof(n.document -> 'answers') WHEN 'object' THEN n.document -> 'answers' ELSE '{}' END) AS k),
        n.planned_stays, n.document -> 'segment'
      FROM added AS n ON CONFLICT (item_id) DO NOTHING;
    RETURN NULL;
  END $$`;
const VARIANTS = {
  items: {
    'as migrated': [],
    'no work row': ['DROP TRIGGER palaute_item_work_of_new ON palaute_items'],
    'work row: no foreign key': [
      'ALTER TABLE palaute_item_work DROP CONSTRAINT IF EXISTS palaute_item_work_item_id_fkey',
    ],
    'work row: keys inline, no key': [
      'ALTER TABLE palaute_item_work DROP CONSTRAINT IF EXISTS palaute_item_work_item_id_fkey',
      inline,
    ],
    'no search_language': ['ALTER TABLE palaute_items DROP COLUMN search_language'],
    'no search_simple': ['ALTER TABLE palaute_items DROP COLUMN search_simple'],
    ...Object.fromEntries(
      [
        'assignee',
        'created',
        'inbox',
        'unprocessed',
        'search',
        'search_language',
        'segment',
        'tags',
      ].map((index) => [`no index ${index}`, [`DROP INDEX palaute_items_${index}`]]),
    ),
  },
  responses: {
    'as migrated': [],
    'no response triggers': [
      'DROP TRIGGER IF EXISTS palaute_scores_of_responses ON palaute_responses',
      'DROP TRIGGER IF EXISTS palaute_display_days_of_responses ON palaute_responses',
      'DROP TRIGGER IF EXISTS palaute_responses_added ON palaute_responses',
    ],
    'no survey index': ['DROP INDEX palaute_responses_survey'],
  },
  m25: { 'before migration 25': [], 'migration 25': [m25] },
};
const variants = VARIANTS[process.env.BENCH_VARIANTS ?? WHAT];

const client = new pg.Client({ connectionString: url });
await client.connect();
const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
/** The backend's CPU so far, in ms (clock ticks of 10 ms). */
const cpu = () => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
await client.query(`CREATE TEMP TABLE bench_items AS SELECT id, customer_id, response_id,
  touchpoint_id, status, created_at, document, locale FROM palaute_items ORDER BY seq LIMIT ${BATCH}`);
const [template] = (await client.query('SELECT * FROM palaute_responses ORDER BY seq LIMIT 1'))
  .rows;
const insert = async (tag) => {
  if (WHAT === 'items')
    return client.query(
      `INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document, locale)
       SELECT id || $1, customer_id, response_id || $1, touchpoint_id, status, created_at,
         jsonb_set(document, '{id}', to_jsonb(id || $1)), locale FROM bench_items`,
      [tag],
    );
  // As the server stores a single response: the response and its row of migration 24.
  for (let b = 0; b < BATCH; b++)
    await client.query(
      `WITH response AS (
         INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
         VALUES ($2, $3, $4, $5, $1::timestamptz, $6::jsonb)
         ON CONFLICT (customer_id, id) DO NOTHING RETURNING received_at),
       pending AS (INSERT INTO palaute_pending_items (customer_id, response_id) SELECT $3, $2 FROM response)
       SELECT (SELECT received_at FROM response) AS stored_at`,
      [
        template.received_at,
        `${template.id}${tag}-${b}`,
        template.customer_id,
        template.survey_id,
        template.touchpoint_id,
        template.document,
      ],
    );
};
const perRow = Object.fromEntries(Object.keys(variants).map((key) => [key, []]));
let tags = 0;
for (let round = 0; round < ROUNDS; round++)
  for (const [variant, statements] of Object.entries(variants)) {
    await client.query('BEGIN');
    for (const statement of statements) await client.query(statement);
    const before = cpu();
    for (let k = 0; k < K; k++) await insert(`-${tags++}`);
    perRow[variant].push((cpu() - before) / (K * BATCH));
    await client.query('ROLLBACK');
  }
const [base] = Object.values(perRow);
for (const [variant, values] of Object.entries(perRow))
  console.log(
    `${variant.padEnd(32)} ${median(values).toFixed(4)} ms per row; × first ${pairedRatio(values, base, 2)}`,
  );
console.log(`${WHAT}, ${ROUNDS} rounds of ${K} × ${BATCH}; load ${loadAverage()}`);
await client.end();
await dropDatabase(admin, name);
await admin.end();
