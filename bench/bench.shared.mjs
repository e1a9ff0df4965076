// What the server benches share (not a test): the CPU a process has used from /proc, the CPU of the
// PostgreSQL backends serving a build, the bench's answer, a child server's announced URL, and the
// CX benches' surveys and touchpoints.
import { execSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

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
