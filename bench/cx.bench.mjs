// The CX report at scale (not a test): BENCH_RESPONSES scored responses (1,000,000 by default) over
// two years and 50 touchpoints, each with its display, and a dismissal for one flow in ten, loaded in
// SQL in chunks (the write path's triggers fill the scores and the daily rollup as they would for
// responses arriving one by one), then the report the dashboard asks for, timed in process through
// the storage's team port: a year by month, every touchpoint with its trend, compared with the year
// before; the same for one quarter by week; one touchpoint; and with a segment filter (which reads
// the per-answer scores instead of the rollup). PGlite in a fresh folder; PostgreSQL too when
// DATABASE_URL is set (give it an empty database). Results go in bench/RESULTS.md by hand.
// Run: `npm run bench:cx` (builds the server first).
//
//   BENCH_RESPONSES=1000000 BENCH_RUNS=20 DATABASE_URL=postgres://… npm run bench:cx
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openStorage } from '../packages/server/dist/index.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const PGLITE_RESPONSES = Number(process.env.BENCH_PGLITE_RESPONSES ?? RESPONSES);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const CHUNK = 50_000;
const TOUCHPOINTS = 50;
const STAGES = ['discover', 'evaluate', 'purchase', 'onboard', 'use', 'support', 'renew', 'leave'];

const surveys = [
  {
    id: 'nps-survey',
    touchpointId: 'tp0',
    title: 'NPS',
    questions: [{ id: 'nps', type: 'nps', title: 'Recommend?', required: true }],
  },
  {
    id: 'csat-survey',
    touchpointId: 'tp0',
    title: 'CSAT',
    questions: [{ id: 'csat', type: 'csat', title: 'Satisfied?', required: true }],
  },
];
const touchpoints = Array.from({ length: TOUCHPOINTS }, (_, i) => ({
  id: `tp${i}`,
  stage: STAGES[i % STAGES.length],
  channel: 'inProduct',
  name: `Touchpoint ${i}`,
}));
// Two years ending 2026-11-30: one response every `step` seconds.
const START = Date.parse('2024-12-01T00:00:00.000Z');
const SPAN_S = (Date.parse('2026-12-01T00:00:00.000Z') - START) / 1000;

/** One chunk of responses, displays and dismissals, as SQL over generate_series. */
function chunkSql(from, to, total) {
  const step = SPAN_S / total;
  const ts = `to_char((timestamptz '2024-12-01 00:00:00+00' + (g * ${step}) * interval '1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  // Scores drift up over the two years, by touchpoint: a trend to see.
  const nps = `least(10, greatest(0, (abs(hashint4(g)) % 11) + ((g * 3) / ${total}) - 1 + (g % ${TOUCHPOINTS}) % 2))`;
  const csat = `1 + abs(hashint4(g)) % 5`;
  return `
    INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
    SELECT 'r' || g, 'c' || (g % 20000), s, 'tp' || (g % ${TOUCHPOINTS}), now(),
      jsonb_build_object('id', 'r' || g, 'surveyId', s, 'surveyVersion', 1,
        'touchpointId', 'tp' || (g % ${TOUCHPOINTS}), 'customerId', 'c' || (g % 20000), 'locale', 'en',
        'answers', CASE WHEN s = 'nps-survey' THEN jsonb_build_object('nps', ${nps})
                        ELSE jsonb_build_object('csat', ${csat}) END,
        'segment', jsonb_build_object('plan', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END),
        'startedAt', t, 'submittedAt', t)
    FROM generate_series(${from}, ${to}) AS g,
         LATERAL (SELECT ${ts} AS t, CASE WHEN g % 4 = 3 THEN 'csat-survey' ELSE 'nps-survey' END AS s) AS x;
    INSERT INTO palaute_displays (response_id, customer_id, document)
    SELECT 'r' || g, 'c' || (g % 20000), jsonb_build_object('responseId', 'r' || g,
        'surveyId', 'nps-survey', 'surveyVersion', 1, 'touchpointId', 'tp' || (g % ${TOUCHPOINTS}),
        'customerId', 'c' || (g % 20000), 'at', ${ts})
    FROM generate_series(${from}, ${to}) AS g;
    INSERT INTO palaute_displays (response_id, customer_id, document)
    SELECT 'd' || g, 'c' || (g % 20000), jsonb_build_object('responseId', 'd' || g,
        'surveyId', 'nps-survey', 'surveyVersion', 1, 'touchpointId', 'tp' || (g % ${TOUCHPOINTS}),
        'customerId', 'c' || (g % 20000), 'at', ${ts})
    FROM generate_series(${from}, ${to}) AS g WHERE g % 10 = 0;
    INSERT INTO palaute_dismissals (response_id, customer_id, reason, document)
    SELECT 'd' || g, 'c' || (g % 20000), CASE WHEN g % 70 = 0 THEN 'optOut' ELSE 'dismiss' END,
      jsonb_build_object('responseId', 'd' || g, 'surveyId', 'nps-survey', 'surveyVersion', 1,
        'touchpointId', 'tp' || (g % ${TOUCHPOINTS}), 'customerId', 'c' || (g % 20000), 'at', ${ts},
        'reason', CASE WHEN g % 70 = 0 THEN 'optOut' ELSE 'dismiss' END, 'step', 'asking', 'submitted', false)
    FROM generate_series(${from}, ${to}) AS g WHERE g % 10 = 0;`;
}

async function load(exec, total) {
  const started = performance.now();
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await exec(chunkSql(from, to, total));
    process.stdout.write(`  loaded ${to.toLocaleString('en')} / ${total.toLocaleString('en')}\r`);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  loaded ${total.toLocaleString('en')} responses in ${seconds.toFixed(0)} s`);
}

const percentile = (sorted, q) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function time(label, work) {
  await work(); // warm
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(58)} median ${percentile(times, 0.5).toFixed(0).padStart(5)} ms   p90 ${percentile(times, 0.9).toFixed(0).padStart(5)} ms`,
  );
}

async function measure(storage) {
  const year = { period: { from: '2025-12-01', to: '2026-11-30' }, granularity: 'month' };
  const report = await storage.team.cxReport({
    ...year,
    compareTo: { from: '2024-12-01', to: '2025-11-30' },
  });
  const nps = report.metrics.find((m) => m.key === 'nps');
  console.log(
    `  (the year: NPS ${nps.overall.current.value.toFixed(1)} ± ${nps.overall.current.marginOfError.toFixed(1)}, n = ${nps.overall.current.n.toLocaleString('en')}, ${nps.byTouchpoint.length} touchpoints × ${nps.overall.trend.length} months; shown ${report.rates.overall.shown.toLocaleString('en')})`,
  );
  await time('a year by month, 50 touchpoints with trends, compared', () =>
    storage.team.cxReport({ ...year, compareTo: { from: '2024-12-01', to: '2025-11-30' } }),
  );
  await time('a month by day, 50 touchpoints with trends', () =>
    storage.team.cxReport({ period: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'day' }),
  );
  await time('a quarter by week, one touchpoint', () =>
    storage.team.cxReport({
      period: { from: '2026-09-01', to: '2026-11-30' },
      granularity: 'week',
      touchpoints: ['tp7'],
    }),
  );
  await time('a year by month with a segment filter (per-answer scores)', () =>
    storage.team.cxReport({ ...year, segment: { plan: 'pro' } }),
  );
  await time("the detractors' answers at a touchpoint, first page", () =>
    storage.team.cxResponses({
      metric: 'nps',
      period: { from: '2026-11-01', to: '2026-11-30' },
      touchpointId: 'tp7',
      score: { max: 6 },
    }),
  );
}

const cx = { surveys, touchpoints };

if (process.env.DATABASE_URL) {
  console.log(`PostgreSQL, ${RESPONSES.toLocaleString('en')} responses`);
  const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, cx });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM palaute_responses')).rows;
  if (n === 0) await load((text) => client.query(text), RESPONSES);
  await client.query('ANALYZE');
  await client.end();
  await measure(storage);
  await storage.close();
}

if (PGLITE_RESPONSES > 0) {
  console.log(`PGlite, ${PGLITE_RESPONSES.toLocaleString('en')} responses`);
  const dataDir = mkdtempSync(join(tmpdir(), 'palaute-cx-bench-'));
  try {
    const first = await openStorage({ dataDir, cx });
    await first.close();
    const db = await PGlite.create(dataDir);
    await load((text) => db.exec(text), PGLITE_RESPONSES);
    await db.exec('ANALYZE');
    await db.close();
    const storage = await openStorage({ dataDir, cx });
    await measure(storage);
    await storage.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
