// The CX report's Node CPU, two builds in one process (not a test): each report is asked of both
// builds' storages in turn on one database loaded by `bench/cx.bench.mjs` (its surveys, `benchCx`; any
// other list would make the storage drop the scores), alternating which build goes first, and the
// process's CPU (`process.cpuUsage`, user + system) is read around each report. On PostgreSQL the
// database's own work runs in its backends, so this is the Node side alone (the driver's parsing,
// the storage's merging, the engine's assembly, their garbage). Every report is checked equal
// between the builds (one `now` for both). Prints median / min per report and build, and the
// ratio of the medians. Results go in bench/RESULTS.md by hand.
//
//   BENCH_BEFORE=/path/to/other/packages/server/dist/index.js BENCH_RUNS=15 \
//     DATABASE_URL=postgres://…/a_loaded_copy node bench/cx.cpu.bench.mjs
//
// Both builds must share the database's migrations (neither may have one the other lacks). On
// PGlite give each build its own copy of a folder loaded by the bench (BENCH_PGLITE_DIR,
// BENCH_LOAD_ONLY=1, then `cp -r` twice): BENCH_BEFORE_DIR and BENCH_AFTER_DIR instead of
// DATABASE_URL; the CPU is then PGlite's too (it runs in this process).
import { isDeepStrictEqual } from 'node:util';
import { benchCx } from './bench.shared.mjs';

const AFTER = process.env.BENCH_AFTER ?? '../packages/server/dist/index.js';
const BEFORE = process.env.BENCH_BEFORE;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const DIRS = { before: process.env.BENCH_BEFORE_DIR, after: process.env.BENCH_AFTER_DIR };
if (!BEFORE || !(process.env.DATABASE_URL || (DIRS.before && DIRS.after))) {
  console.error(
    'Set BENCH_BEFORE (another build’s server index.js) and DATABASE_URL (or BENCH_BEFORE_DIR and BENCH_AFTER_DIR).',
  );
  process.exit(1);
}

const cx = benchCx;

const year = { period: { from: '2025-12-01', to: '2026-11-30' }, granularity: 'month' };
const reports = [
  [
    'a month by day, 50 touchpoints',
    { period: { from: '2026-11-01', to: '2026-11-30' }, granularity: 'day' },
  ],
  [
    'a year by month, 50 touchpoints, compared',
    { ...year, compareTo: { from: '2024-12-01', to: '2025-11-30' } },
  ],
  [
    'a quarter by week, one touchpoint',
    { period: { from: '2026-09-01', to: '2026-11-30' }, granularity: 'week', touchpoints: ['tp7'] },
  ],
  ['a year by month, segment filter', { ...year, segment: { plan: 'pro' } }],
];

// One time for both builds: the work figures read it (stays in planned last until now).
const NOW = new Date();
const now = () => NOW;
const builds = {};
for (const [name, path] of [
  ['before', BEFORE],
  ['after', AFTER],
]) {
  const { openStorage } = await import(new URL(path, import.meta.url).href);
  const started = performance.now();
  builds[name] = await openStorage(
    DIRS[name]
      ? { dataDir: DIRS[name], cx, now }
      : { databaseUrl: process.env.DATABASE_URL, cx, now },
  );
  console.log(`${name}: ${path} opened in ${(performance.now() - started).toFixed(0)} ms`);
}

const cpu = {};
const wall = {};
async function once(name, query) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = await builds[name].team.cxReport(query);
  const c = process.cpuUsage(c0);
  return { report, cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}
for (const [label, query] of reports) {
  cpu[label] = { before: [], after: [] };
  wall[label] = { before: [], after: [] };
  for (let run = -2; run < RUNS; run++) {
    const order = run % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    const got = {};
    for (const name of order) {
      got[name] = await once(name, query);
      if (run >= 0) {
        cpu[label][name].push(got[name].cpu);
        wall[label][name].push(got[name].wall);
      }
    }
    if (!isDeepStrictEqual(got.before.report, got.after.report))
      throw new Error(`${label}: the builds' reports differ`);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const f = (v) => v.toFixed(0).padStart(4);
console.log(`\n${RUNS} runs each, alternated; ms of Node CPU (median / min), wall (median)`);
for (const [label] of reports) {
  const b = cpu[label].before;
  const a = cpu[label].after;
  console.log(
    `  ${label.padEnd(44)} before ${f(median(b))} / ${f(Math.min(...b))}   after ${f(median(a))} / ${f(Math.min(...a))}   ${(median(a) / median(b)).toFixed(2)}×   wall ${f(median(wall[label].before))} → ${f(median(wall[label].after))}`,
  );
}
await builds.before.close();
await builds.after.close();
