// What the work durations' counts (migrations 21 and 22) cost the item write path (not a test):
// several builds side by side in one process, each on its own database seeded alike (PGlite in a
// fresh folder, or, with DATABASE_URL, a fresh PostgreSQL database per build), and the same team
// actions sent to each through the storage's team port, in alternating order round by round.
//
// The seed, in SQL with the items' triggers on (so each build's work rows and counts are what its
// triggers make): BENCH_ITEMS items over twelve months (2025-12 to 2026-11) at BENCH_TOUCHPOINTS
// touchpoints (50 by default; fewer make each touchpoint's cells and buckets fuller), a
// level on four in seven; one in five is new (the cycle's), the others were triaged 1 minute to
// 30 days after they came in (log-uniform, whole milliseconds) and shipped 1 hour to 60 days after
// that, so their durations hardly ever tie. Each round, per build:
//
// - cycle: BENCH_CYCLE new items each triaged (the first response), planned, then declined (the
//   close) (3 acts each: shipping needs a published change; the clock moves a second each time
//   the storage reads it, so every duration is new);
// - level: BENCH_LEVEL shipped items whose close duration is the least or the greatest of its cell
//   (creation month × touchpoint × level × bucket, with other values in it: the removal that reads
//   the cell again; the cells taken in turn), given another level: their durations leave one cell
//   for another.
//
// CPU per act: process.cpuUsage (on PGlite that is the database's work too), plus, on PostgreSQL,
// the CPU of the build's backends (from /proc, by application_name, 10 ms ticks). Prints each
// build's median per act and its paired ratios (per round) to the first build and the one before.
//
//   BENCH_BUILDS=pre21=/tmp/pre21/packages/server/dist/index.js,bare=/tmp/main/…/index.js:bare,m21=/tmp/main/…/index.js,m22=packages/server/dist/index.js \
//     BENCH_ITEMS=40000 BENCH_ROUNDS=12 [DATABASE_URL=postgres://…] node bench/cx.writes.bench.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  alternating,
  cpuAround,
  createDatabase,
  databaseUrl,
  dropDatabase,
  loadAverage,
  median,
  pairedRatio,
} from './bench.shared.mjs';

const here = fileURLToPath(new URL('../packages/server/dist/index.js', import.meta.url));
// name=path, or name=path:bare for that build with the durations' counts taken out (see BARE).
const builds = (process.env.BENCH_BUILDS ?? `this=${here}`).split(',').map((pair) => {
  const [name, spec] = pair.split('=');
  const [path, bare] = spec.split(':');
  return { name, path: resolve(path), bare: bare === 'bare' };
});
const TOUCHPOINTS = Number(process.env.BENCH_TOUCHPOINTS ?? 50);
const ITEMS = Number(process.env.BENCH_ITEMS ?? 40_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CYCLE = Number(process.env.BENCH_CYCLE ?? 20);
const LEVEL = Number(process.env.BENCH_LEVEL ?? 20);
/**
 * What migrations 21 and 22 add to the write path, taken out of a migrated database: the triggers
 * that keep the counts, their table and the two indexes by touchpoint and duration. A build
 * marked `:bare` then writes as it would without them, everything else being the same build's.
 */
const BARE = `
  DROP TRIGGER palaute_item_durations_insert ON palaute_item_work;
  DROP TRIGGER palaute_item_durations_update ON palaute_item_work;
  DROP TRIGGER palaute_item_durations_delete ON palaute_item_work;
  DROP TABLE palaute_item_durations;
  DROP INDEX IF EXISTS palaute_item_work_response_time;
  DROP INDEX IF EXISTS palaute_item_work_close_time;
  DROP INDEX IF EXISTS palaute_item_work_response_cell;
  DROP INDEX IF EXISTS palaute_item_work_close_cell;`;
const run = Date.now().toString(36);
const anna = { kind: 'team', id: 'anna' };

const iso = (ms) => `to_char(${ms} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const logUniform = (salt, low, high) =>
  `round(${low} * exp(ln(${high / low}) * (abs(hashint4(g + ${salt})) % 1000000) / 1000000.0)) * interval '1 millisecond'`;

/** The seed: responses and their items, in chunks (see the header). */
function seedSql(from, to) {
  const step = (Date.parse('2026-12-01T00:00:00Z') - Date.parse('2025-12-01T00:00:00Z')) / ITEMS;
  const t = `timestamptz '2025-12-01 00:00:00+00' + (g::float8 * ${step}) * interval '1 millisecond'`;
  const entry = (from, to, at) =>
    `jsonb_build_object('from', '${from}', 'to', '${to}', 'at', ${at}, 'by', jsonb_build_object('kind', 'team', 'id', 'anna'))`;
  return `
    INSERT INTO palaute_responses (id, customer_id, survey_id, touchpoint_id, received_at, document)
    SELECT 'w' || g, 'c' || (g % 2000), 'nps-survey', 'tp' || (g % ${TOUCHPOINTS}), now(),
      jsonb_build_object('id', 'w' || g, 'surveyId', 'nps-survey', 'surveyVersion', 1,
        'touchpointId', 'tp' || (g % ${TOUCHPOINTS}), 'customerId', 'c' || (g % 2000), 'locale', 'en',
        'answers', jsonb_build_object('nps', g % 11, 'why', 'Words'),
        'startedAt', ${iso('x.t')}, 'submittedAt', ${iso('x.t')})
    FROM generate_series(${from}, ${to}) AS g, LATERAL (SELECT ${t} AS t) AS x;
    INSERT INTO palaute_items (id, customer_id, response_id, touchpoint_id, status, created_at, document)
    SELECT 'w' || g, 'c' || (g % 2000), 'w' || g, 'tp' || (g % ${TOUCHPOINTS}), st, x.t,
      jsonb_build_object('id', 'w' || g, 'customerId', 'c' || (g % 2000), 'responseId', 'w' || g,
        'surveyId', 'nps-survey', 'surveyVersion', 1, 'touchpointId', 'tp' || (g % ${TOUCHPOINTS}),
        'locale', 'en', 'text', 'Words ' || g, 'answers', jsonb_build_object('nps', g % 11, 'why', 'Words'),
        'status', st, 'createdAt', ${iso('x.t')}, 'tags', '[]'::jsonb, 'replies', '[]'::jsonb,
        'history', CASE WHEN st = 'new' THEN '[]'::jsonb
          ELSE jsonb_build_array(${entry('new', 'triaged', iso('y.t2'))}, ${entry('triaged', 'shipped', iso('y.t3'))}) END)
        || CASE g % 7 WHEN 0 THEN '{"level": "necessity"}'::jsonb WHEN 1 THEN '{"level": "vision"}'::jsonb
             WHEN 2 THEN '{"level": "differentiation"}'::jsonb ELSE '{}'::jsonb END
    FROM generate_series(${from}, ${to}) AS g,
      LATERAL (SELECT ${t} AS t, CASE WHEN g % 5 = 0 THEN 'new' ELSE 'shipped' END AS st) AS x,
      LATERAL (SELECT x.t + ${logUniform(7, 60_000, 30 * 86_400_000)} AS t2) AS y0,
      LATERAL (SELECT y0.t2 AS t2, y0.t2 + ${logUniform(13, 3_600_000, 60 * 86_400_000)} AS t3) AS y;`;
}

/**
 * Shipped items whose close duration is its cell's least or greatest (cells with different values
 * in them), one per cell, in a fixed order: the same ids on every build's copy of the seed.
 */
const EXTREMES = `
  SELECT item_id, level FROM (
    SELECT w.item_id, w.level, w.closed_ms - w.created_ms AS ms,
      min(w.closed_ms - w.created_ms) OVER cell AS least_ms,
      max(w.closed_ms - w.created_ms) OVER cell AS greatest_ms,
      row_number() OVER (PARTITION BY date_trunc('month', to_timestamp(w.created_ms / 1000.0) AT TIME ZONE 'UTC'),
        w.touchpoint_id, coalesce(w.level, ''), width_bucket(w.closed_ms - w.created_ms, $1::bigint[])
        ORDER BY w.item_id) AS k
    FROM palaute_item_work AS w
    WHERE w.closed_ms IS NOT NULL AND w.item_id LIKE 'w%'
    WINDOW cell AS (PARTITION BY date_trunc('month', to_timestamp(w.created_ms / 1000.0) AT TIME ZONE 'UTC'),
      w.touchpoint_id, coalesce(w.level, ''), width_bucket(w.closed_ms - w.created_ms, $1::bigint[]))
  ) AS c
  WHERE least_ms < greatest_ms AND (ms = least_ms OR ms = greatest_ms)
  ORDER BY k, item_id`;
// Migration 21's bucket edges (milliseconds), for choosing the extremes on every build alike.
const EDGES = [
  0, 60000, 300000, 900000, 1800000, 3600000, 7200000, 10800000, 14400000, 21600000, 28800000,
  43200000, 57600000, 72000000, 86400000, 129600000, 172800000, 216000000, 259200000, 345600000,
  432000000, 518400000, 604800000, 691200000, 864000000, 1036800000, 1209600000, 1468800000,
  1814400000, 2160000000, 2592000000, 3024000000, 3456000000, 4320000000, 5184000000, 6480000000,
  7776000000, 10368000000, 12960000000, 15552000000, 20736000000, 25920000000, 31536000000,
  38880000000, 47088000000, 63072000000, 94608000000,
];

const cx = {
  surveys: [
    {
      id: 'nps-survey',
      touchpointId: 'tp0',
      title: 'NPS',
      questions: [{ id: 'nps', type: 'nps', title: 'Recommend?', required: true }],
    },
  ],
};
const admin = process.env.DATABASE_URL
  ? new pg.Client({ connectionString: process.env.DATABASE_URL })
  : undefined;
await admin?.connect();

const servers = [];
for (const build of builds) {
  const { openStorage } = await import(`${build.path}?${build.name}`);
  const server = { ...build, clock: Date.parse('2026-12-01T08:00:00.000Z') };
  const now = () => {
    server.clock += 1000;
    return new Date(server.clock);
  };
  const started = performance.now();
  let exec;
  let query;
  if (admin) {
    server.database = `palaute_writes_${run}_${build.name.toLowerCase()}`;
    await createDatabase(admin, server.database);
    server.url = databaseUrl(process.env.DATABASE_URL, server.database, server.database);
    const first = await openStorage({ databaseUrl: server.url, cx, now });
    await first.close();
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    exec = (text) => client.query(text);
    query = async (text, values) => (await client.query(text, values)).rows;
    server.done = () => client.end();
  } else {
    server.dir = mkdtempSync(join(tmpdir(), 'palaute-writes-bench-'));
    const first = await openStorage({ dataDir: server.dir, cx, now });
    await first.close();
    const db = await PGlite.create(server.dir);
    exec = (text) => db.exec(text);
    query = async (text, values) => (await db.query(text, values)).rows;
    server.done = () => db.close();
  }
  if (build.bare) await exec(BARE);
  for (let from = 1; from <= ITEMS; from += 10_000)
    await exec(seedSql(from, Math.min(ITEMS, from + 9_999)));
  await exec('ANALYZE');
  server.extremes = await query(EXTREMES, [EDGES]);
  server.counts = (
    await query(
      `SELECT (SELECT count(*)::int FROM palaute_item_work) AS work,
         (SELECT count(*)::int FROM pg_class WHERE relname = 'palaute_item_durations') AS durations`,
    )
  )[0];
  await server.done();
  server.storage = admin
    ? await openStorage({ databaseUrl: server.url, cx, now })
    : await openStorage({ dataDir: server.dir, cx, now });
  console.log(
    `${build.name}: ${server.counts.work.toLocaleString('en')} work rows, ${server.counts.durations ? 'with' : 'without'} the durations' counts, ${server.extremes.length} cells' extremes; seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  servers.push(server);
}
const extremes = servers[0].extremes;
for (const server of servers)
  if (JSON.stringify(server.extremes) !== JSON.stringify(extremes))
    throw new Error(`${server.name}: the seed differs from ${servers[0].name}'s`);

/** CPU (ms) per act of `acts`, this process's and the build's backends'. */
async function measured(server, acts) {
  const used = await cpuAround(admin, server.database, async () => {
    for (const act of acts) await act(server.storage.team);
  });
  return {
    cpu: (used.process + used.database) / acts.length,
    db: used.database / acts.length,
  };
}

// New items, in creation order across the year, a fixed set per round; and one extreme per cell.
const fresh = Array.from({ length: ITEMS / 5 }, (_, i) => `w${(i + 1) * 5}`);
const stride = Math.floor(fresh.length / ((ROUNDS + 1) * CYCLE));
const cycleOf = (round) =>
  Array.from({ length: CYCLE }, (_, i) => fresh[(round * CYCLE + i) * stride]).flatMap((id, i) => [
    (team) => team.act(id, { type: 'feedback.triage' }, anna),
    (team) => team.act(id, { type: 'feedback.plan' }, anna),
    (team) => team.act(id, { type: 'feedback.decline', reason: `Not now (${i})` }, anna),
  ]);
const LEVELS = ['necessity', 'differentiation', 'vision'];
const levelOf = (round) =>
  extremes.slice(round * LEVEL, (round + 1) * LEVEL).map(
    ({ item_id: id, level }) =>
      (team) =>
        team.act(id, { type: 'level.set', level: LEVELS[(LEVELS.indexOf(level) + 2) % 3] }, anna),
  );
if (extremes.length < (ROUNDS + 1) * LEVEL) throw new Error(`only ${extremes.length} extremes`);

const results = Object.fromEntries(
  servers.map((server) => [server.name, { cycle: [], level: [], cycleDb: [], levelDb: [] }]),
);
// Round 0 warms up (connections, plans), not measured.
await alternating(servers, ROUNDS + 1, async (server, round) => {
  const cycle = await measured(server, cycleOf(round));
  const level = await measured(server, levelOf(round));
  if (round === 0) return;
  const r = results[server.name];
  r.cycle.push(cycle.cpu);
  r.cycleDb.push(cycle.db);
  r.level.push(level.cpu);
  r.levelDb.push(level.db);
});
const base = results[servers[0].name];
console.log(
  `${admin ? 'PostgreSQL' : 'PGlite'}, ${ITEMS.toLocaleString('en')} items at ${TOUCHPOINTS} touchpoints, ${ROUNDS} rounds of ${CYCLE * 3} cycle acts and ${LEVEL} level moves; CPU ms per act, median${admin ? ' (of it the database backends)' : ''}; paired ratios to ${servers[0].name} and to the build before`,
);
for (const [i, server] of servers.entries()) {
  const r = results[server.name];
  const previous = results[servers[Math.max(0, i - 1)].name];
  const db = (list) => (admin ? ` (${median(list).toFixed(2)})` : '');
  console.log(
    `  ${server.name.padEnd(8)} cycle ${median(r.cycle).toFixed(2)}${db(r.cycleDb)} ×${pairedRatio(r.cycle, base.cycle)} ×${pairedRatio(r.cycle, previous.cycle)}   level ${median(r.level).toFixed(2)}${db(r.levelDb)} ×${pairedRatio(r.level, base.level)} ×${pairedRatio(r.level, previous.level)}`,
  );
}
console.log(`  load ${loadAverage()}`);
// Every storage's pool closed before any database is dropped.
for (const server of servers) await server.storage.close();
for (const server of servers) {
  if (server.dir) rmSync(server.dir, { recursive: true, force: true });
  if (server.database) await dropDatabase(admin, server.database);
}
await admin?.end();
