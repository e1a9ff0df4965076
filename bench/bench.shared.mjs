// What the server benches share (not a test): the CPU a process has used from /proc, the CPU of the
// PostgreSQL backends serving a build, the bench's answer, a child server's announced URL, the CX
// benches' surveys and touchpoints, the paired rounds of the A/B benches, and their databases.
import { execSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICKS = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;

/** The secret the benches sign customer ids with, and a signed id (`<id>.<hmac>`). */
export const benchSecret = 'bench-secret-0123456789';
export const sign = (id) => `${id}.${createHmac('sha256', benchSecret).update(id).digest('hex')}`;

/** CPU time (ms) a process has used: user + system, from /proc/<pid>/stat; 0 once it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving a build (by `application_name`), with the CPU (ms) each has used. */
export async function backendsCpu(admin, application) {
  if (!admin || !application) return new Map();
  const { rows } = await admin.query(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [application],
  );
  return new Map(rows.map((row) => [row.pid, cpuMs(row.pid)]));
}

/** The n-th answer of run `run`: the dashboard's NPS with a reason, from `customerId`. */
export const benchResponse = (run, n, customerId) => ({
  id: `bench-${run}-${String(n).padStart(8, '0')}`,
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId,
  locale: 'en',
  answers: { nps: n % 11, why: `Reason number ${n}: exports are slow on big invoices.` },
  startedAt: new Date().toISOString(),
  submittedAt: new Date().toISOString(),
});

/**
 * The URL a child server prints (`… listening on http://…`), once it has; rejects, naming it
 * `name`, if it exits first. Its `stop()` sends SIGTERM and waits for the exit.
 */
export async function listening(child, name) {
  let out = '';
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** How many touchpoints the CX benches' data spreads over (`tp0` … `tp49`). */
export const CX_TOUCHPOINTS = 50;
const STAGES = ['discover', 'evaluate', 'purchase', 'onboard', 'use', 'support', 'renew', 'leave'];

/**
 * The CX configuration `bench/cx.bench.mjs` loads its data for and `bench/cx.cpu.bench.mjs` reads
 * it with: an NPS and a CSAT survey, and CX_TOUCHPOINTS touchpoints over the journey's stages. A
 * storage opened with other surveys drops the scores, so both must open it with this one.
 */
export const benchCx = {
  surveys: [
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
  ],
  touchpoints: Array.from({ length: CX_TOUCHPOINTS }, (_, i) => ({
    id: `tp${i}`,
    stage: STAGES[i % STAGES.length],
    channel: 'inProduct',
    name: `Touchpoint ${i}`,
  })),
};

/**
 * Runs `measure(build, round)` for every build in each of `rounds` rounds, in the given order and
 * reversed every other round, so drift on a loaded machine touches every build alike.
 */
export async function alternating(builds, rounds, measure) {
  for (let round = 0; round < rounds; round += 1)
    for (const build of round % 2 ? [...builds].reverse() : builds) await measure(build, round);
}

/**
 * The CPU (ms) `work` costs: this process's (`process.cpuUsage`, user + system) and, given `admin`
 * and the build's `application` name, that of the PostgreSQL backends serving it (0 otherwise).
 */
export async function cpuAround(admin, application, work) {
  const before = await backendsCpu(admin, application);
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  let database = 0;
  for (const [pid, after] of await backendsCpu(admin, application))
    database += after - (before.get(pid) ?? 0);
  return { process: (used.user + used.system) / 1000, database };
}

/** The value at `q` (0 … 1) of ascending `sorted` values: the lower one between two. */
export const quantile = (sorted, q) => sorted[Math.floor(q * (sorted.length - 1))];

/** The median of `values` (the lower middle one of an even count), as the paired benches take it. */
export const median = (values) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

/**
 * The per-round ratios of `values` to `base` (measured in the same rounds), printed as the paired
 * benches print them: the median to `digits` places and the interquartile range, `1.02 (IQR 0.97–1.06)`.
 */
export function pairedRatio(values, base, digits = 2) {
  const ratios = values.map((value, i) => value / base[i]).sort((a, b) => a - b);
  return `${quantile(ratios, 0.5).toFixed(digits)} (IQR ${quantile(ratios, 0.25).toFixed(2)}–${quantile(ratios, 0.75).toFixed(2)})`;
}

/** The machine's load averages (`/proc/loadavg`), printed beside a paired bench's figures. */
export const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').trim();

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes database `name` on the PostgreSQL `admin` is connected to. CREATE DATABASE copies
 * template1 and is refused (55006) while another session has it open, as a concurrent test's
 * CREATE DATABASE can: then it waits a moment and tries again, a bounded number of times.
 */
export async function createDatabase(admin, name) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      return;
    } catch (error) {
      if (error?.code !== '55006' || attempt === 20) throw error;
      await pause(50 * attempt);
    }
  }
}

/** `url` (a PostgreSQL URL) for database `name`, with `application_name` set when given. */
export function databaseUrl(url, name, application) {
  const target = new URL(url);
  target.pathname = `/${name}`;
  if (application) target.searchParams.set('application_name', application);
  return target.toString();
}

/**
 * Drops database `name` (if it is there) on the PostgreSQL `admin` is connected to; close every
 * pool on it first. `WITH (FORCE)` ends the sessions still on it, but is refused when one of them
 * may not be ended by our role (42501, an autovacuum worker) or outlives its five seconds on a
 * loaded machine (55006, "being accessed by other users"): then the client sessions left are
 * ended here and the drop, without FORCE, tried again a bounded number of times.
 */
export async function dropDatabase(admin, name) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.query(
        attempt === 1
          ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`
          : `DROP DATABASE IF EXISTS ${name}`,
      );
      return;
    } catch (error) {
      if ((error?.code !== '42501' && error?.code !== '55006') || attempt === 20) throw error;
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
        [name],
      );
      await pause(50 * attempt);
    }
  }
}

/**
 * Runs `work(freshUrl)` on a database of its own on the PostgreSQL of `url` (named `prefix_<time>`),
 * and drops it afterwards, whatever `work` did.
 */
export async function onFreshDatabase(url, prefix, work) {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await createDatabase(admin, name);
  await admin.end();
  try {
    return await work(databaseUrl(url, name));
  } finally {
    const drop = new pg.Client({ connectionString: url });
    await drop.connect();
    await dropDatabase(drop, name);
    await drop.end();
  }
}
