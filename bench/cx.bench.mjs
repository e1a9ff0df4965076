// The CX report at scale (not a test): BENCH_RESPONSES scored responses (1,000,000 by default) over
// two years and 50 touchpoints, each with its display, a dismissal for one flow in ten, and a
// feedback item for one in ten (statuses, plans, ships, levels). Loaded in SQL with generate_series
// in chunks, with the per-row triggers off; then the scores and the rollups are filled in bulk by
// the same aggregates the migrations backfill with (what the triggers keep row by row; the
// SQL = engine property in test/server/storage.cx.test.ts checks the rollups against the engine),
// and the triggers are turned back on. Then the report the dashboard asks for, timed in process
// through the storage's team port (p50 / p90 / p99 of BENCH_RUNS runs after a warm-up): a year by
// month, every touchpoint with its trend, compared with the year before; a month by day; one
// touchpoint by week; a segment filter (rollups keyed by segment since migration 16); the answers
// behind a figure. PGlite in a fresh folder; PostgreSQL too when DATABASE_URL is set (give it an
// empty database, or one loaded before: a database with responses is measured as it is). Results
// go in bench/RESULTS.md by hand. Run: `npm run bench:cx` (builds first).
//
//   BENCH_RESPONSES=1000000 BENCH_RUNS=20 DATABASE_URL=postgres://… npm run bench:cx
//
// Before/after comparisons: BENCH_SERVER=<path to another build's server index.js>,
// BENCH_PGLITE_DIR=<a folder kept between runs> (BENCH_LOAD_ONLY=1 loads it and stops; copy it
// with `cp -r` for each build), BENCH_REPORTS=3 (only the three target reports),
// BENCH_NO_ANALYZE=1 (skip ANALYZE on a database analyzed before).
//
// BENCH_DURATIONS=varied: the items' work durations vary, so the exact percentiles (migration 21)
// read buckets' rows: items at every touchpoint (one response in ten, in runs of 50 consecutive
// responses, one per touchpoint), statuses drawn by a hash, the first response log-uniform from
// 1 minute to 30 days after the item and the ship 1 hour to 60 days after that (whole
// milliseconds, so next to no two durations tie). Without it every duration is 2 or 19 days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { benchCx, CX_TOUCHPOINTS } from './bench.shared.mjs';

const { openStorage } = await import(
  process.env.BENCH_SERVER ?? '../packages/server/dist/index.js'
);

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const PGLITE_RESPONSES = Number(process.env.BENCH_PGLITE_RESPONSES ?? RESPONSES);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// BENCH_PGLITE_DIR: a PGlite folder kept between runs (loaded when empty), so "before" and "after"
// builds can measure copies of the same data. BENCH_REPORTS=3: only the three target reports.
const PGLITE_DIR = process.env.BENCH_PGLITE_DIR;
const ONLY_TARGETS = process.env.BENCH_REPORTS === '3';
const VARIED = process.env.BENCH_DURATIONS === 'varied';
const CHUNK = 100_000;
const TOUCHPOINTS = CX_TOUCHPOINTS;
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
  // Log-uniform whole milliseconds between two bounds, from a hash of g (BENCH_DURATIONS=varied).
  const logUniform = (salt, low, high) =>
    `round(${low} * exp(ln(${high / low}) * (abs(hashint4(g + ${salt})) % 1000000) / 1000000.0)) * interval '1 millisecond'`;
  const firstResponse = VARIED ? logUniform(7, 60_000, 30 * 86_400_000) : `interval '2 days'`;
  const ship = VARIED ? logUniform(13, 3_600_000, 60 * 86_400_000) : `interval '17 days'`;
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
    FROM generate_series(${from}, ${to}) AS g WHERE g % 10 = 0;
    INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
    SELECT 'r' || g, 'c' || (g % 20000), 'r' || g, 'tp' || (g % ${TOUCHPOINTS}), st, t::timestamptz,
      jsonb_build_object('id', 'r' || g, 'customerId', 'c' || (g % 20000), 'responseId', 'r' || g,
        'surveyId', 'nps-survey', 'surveyVersion', 1, 'touchpointId', 'tp' || (g % ${TOUCHPOINTS}),
        'locale', 'en', 'text', 'Words ' || g, 'answers', jsonb_build_object('nps', g % 11, 'why', 'Words'),
        'segment', jsonb_build_object('plan', CASE WHEN g % 3 = 0 THEN 'pro' ELSE 'free' END),
        'status', st, 'createdAt', t, 'tags', '[]'::jsonb, 'replies', '[]'::jsonb,
        'history', CASE
          WHEN st = 'new' THEN '[]'::jsonb
          WHEN st IN ('triaged', 'declined') THEN jsonb_build_array(jsonb_build_object('from', 'new',
            'to', st, 'at', t2, 'by', jsonb_build_object('kind', 'team', 'id', 'anna')))
          WHEN st = 'planned' THEN jsonb_build_array(jsonb_build_object('from', 'new',
            'to', 'planned', 'at', t2, 'by', jsonb_build_object('kind', 'team', 'id', 'anna')))
          ELSE jsonb_build_array(jsonb_build_object('from', 'new', 'to', 'planned', 'at', t2,
            'by', jsonb_build_object('kind', 'team', 'id', 'anna')), jsonb_build_object('from', 'planned',
            'to', 'shipped', 'at', t3, 'by', jsonb_build_object('kind', 'team', 'id', 'anna'))) END)
        || CASE g % 7 WHEN 0 THEN '{"level": "necessity"}'::jsonb WHEN 1 THEN '{"level": "vision"}'::jsonb
             WHEN 2 THEN '{"level": "differentiation"}'::jsonb ELSE '{}'::jsonb END
    FROM generate_series(${from}, ${to}) AS g,
         LATERAL (SELECT ${ts} AS t,
           (ARRAY['new', 'triaged', 'planned', 'shipped', 'declined'])[${VARIED ? '1 + abs(hashint4(g + 11)) % 5' : '1 + (g / 10) % 5'}] AS st) AS x,
         LATERAL (SELECT to_char((x.t::timestamptz + ${firstResponse}) AT TIME ZONE 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t2,
           to_char((x.t::timestamptz + ${firstResponse} + ${ship}) AT TIME ZONE 'UTC',
             'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS t3) AS y
    WHERE ${VARIED ? '(g / 50) % 10 = 1' : 'g % 10 = 1'};`;
}

const TRIGGERED = ['palaute_responses', 'palaute_displays', 'palaute_dismissals', 'palaute_scores'];

/**
 * What the triggers would have written, in bulk: scores from the responses (the migrations'
 * backfill), and the score and display rollups from them (the migrations' aggregates).
 */
const FILL = `
  INSERT INTO palaute_scores (response_id, question_id, survey_id, customer_id, touchpoint_id,
      metric, scale_min, scale_max, score, at, at_ms, day, segment)
    SELECT r.id, q.question_id, q.survey_id, r.customer_id, r.touchpoint_id,
      q.metric, q.scale_min, q.scale_max, v::integer,
      r.document ->> 'submittedAt', ms, floor(ms / 86400000.0)::integer,
      CASE jsonb_typeof(r.document -> 'segment') WHEN 'object' THEN r.document -> 'segment' END
    FROM palaute_cx_questions AS q
    JOIN palaute_responses AS r ON r.survey_id = q.survey_id,
         palaute_earliest_ms(r.document -> 'submittedAt') AS ms,
         LATERAL (SELECT CASE jsonb_typeof(r.document -> 'answers' -> q.question_id)
           WHEN 'number' THEN (r.document -> 'answers' ->> q.question_id)::numeric END AS v) AS a
    WHERE ms IS NOT NULL AND v BETWEEN q.scale_min AND q.scale_max AND v = trunc(v);
  INSERT INTO palaute_cx_days (day, touchpoint_id, survey_id, question_id, metric, scale_min,
      scale_max, segment, n, counts)
    SELECT g.day, g.touchpoint_id, g.survey_id, g.question_id, g.metric, g.scale_min,
      g.scale_max, g.segment, g.n,
      ARRAY(SELECT coalesce((g.by_score ->> k::text)::integer, 0)
            FROM generate_series(g.scale_min, g.scale_max) AS k ORDER BY k)
    FROM (
      SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment,
        sum(c)::integer AS n, jsonb_object_agg(score::text, c) AS by_score
      FROM (
        SELECT day, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max,
          coalesce(segment, 'null'::jsonb) AS segment, score, count(*)::integer AS c
        FROM palaute_scores GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
      ) AS per_score
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ) AS g;
  INSERT INTO palaute_cx_months (month, touchpoint_id, survey_id, question_id, metric,
      scale_min, scale_max, segment, n, counts)
    SELECT month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment,
      sum(c)::integer, array_agg(c ORDER BY k)
    FROM (
      SELECT palaute_month_of(d.day) AS month, d.touchpoint_id, d.survey_id, d.question_id,
        d.metric, d.scale_min, d.scale_max, d.segment, u.k, sum(u.c)::integer AS c
      FROM palaute_cx_days AS d, unnest(d.counts) WITH ORDINALITY AS u(c, k)
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ) AS per_score
    GROUP BY month, touchpoint_id, survey_id, question_id, metric, scale_min, scale_max, segment;
  INSERT INTO palaute_display_days (day, touchpoint_id, segment, shown, answered, dismissed, opted_out)
    SELECT floor(d.at_ms / 86400000.0)::integer, d.touchpoint_id, coalesce(d.segment, 'null'::jsonb),
      count(*), count(r.id),
      count(*) FILTER (WHERE m.reason <> 'optOut' AND m.document -> 'submitted' = 'false'::jsonb),
      count(*) FILTER (WHERE m.reason = 'optOut')
    FROM palaute_displays AS d
    LEFT JOIN palaute_responses AS r ON r.customer_id = d.customer_id AND r.id = d.response_id
    LEFT JOIN palaute_dismissals AS m ON m.customer_id = d.customer_id AND m.response_id = d.response_id
    WHERE d.at_ms IS NOT NULL
    GROUP BY 1, 2, 3;`;

async function load(exec, total) {
  const started = performance.now();
  for (const table of TRIGGERED) await exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    await exec(chunkSql(from, to, total));
    process.stdout.write(`  loaded ${to.toLocaleString('en')} / ${total.toLocaleString('en')}\r`);
  }
  const loaded = (performance.now() - started) / 1000;
  await exec(FILL);
  for (const table of TRIGGERED) await exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  loaded ${total.toLocaleString('en')} responses in ${loaded.toFixed(0)} s, scores and rollups filled by ${seconds.toFixed(0)} s`,
  );
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
  const ms = (q) => percentile(times, q).toFixed(0).padStart(5);
  console.log(`  ${label.padEnd(58)} p50 ${ms(0.5)} ms   p90 ${ms(0.9)} ms   p99 ${ms(0.99)} ms`);
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
  if (ONLY_TARGETS) return;
  await time('a year by month with a segment filter (per-answer, per-display)', () =>
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

const cx = benchCx;

if (process.env.DATABASE_URL) {
  console.log(`PostgreSQL, ${RESPONSES.toLocaleString('en')} responses`);
  const storage = await openStorage({ databaseUrl: process.env.DATABASE_URL, cx });
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM palaute_responses')).rows;
  if (n === 0) await load((text) => client.query(text), RESPONSES);
  if (n === 0 || !process.env.BENCH_NO_ANALYZE) await client.query('ANALYZE');
  await client.end();
  await measure(storage);
  await storage.close();
}

if (PGLITE_RESPONSES > 0) {
  console.log(`PGlite, ${PGLITE_RESPONSES.toLocaleString('en')} responses`);
  const dataDir = PGLITE_DIR ?? mkdtempSync(join(tmpdir(), 'palaute-cx-bench-'));
  try {
    const first = await openStorage({ dataDir, cx });
    await first.close();
    const db = await PGlite.create(dataDir);
    const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM palaute_responses')).rows;
    if (n === 0) await load((text) => db.exec(text), PGLITE_RESPONSES);
    await db.exec('ANALYZE');
    await db.close();
    if (process.env.BENCH_LOAD_ONLY) process.exit(0);
    const storage = await openStorage({ dataDir, cx });
    await measure(storage);
    await storage.close();
  } finally {
    if (!PGLITE_DIR) rmSync(dataDir, { recursive: true, force: true });
  }
}
