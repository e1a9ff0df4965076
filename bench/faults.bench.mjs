// Fault runs of the reference server (not a test; the bounded versions are in test/server): the
// built `palaute-server` command on loopback, killed with SIGKILL under load again and again on one
// PGlite data folder, and, when DATABASE_URL is set, on PostgreSQL while its backends are
// terminated again and again. Counts acknowledged answers lost, 5xx without Retry-After, and
// process exits. Run: `npm run bench:faults` (builds the engine and the command first).
//
//   FAULT_KILLS=20 FAULT_TERMINATIONS=90 FAULT_WRITERS=8 npm run bench:faults
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  benchResponse,
  createDatabase,
  dropDatabase,
  benchSecret as secret,
  sign,
  databaseUrl as urlOf,
} from './bench.shared.mjs';

const cli = fileURLToPath(new URL('../packages/server/dist/cli.js', import.meta.url));
const KILLS = Number(process.env.FAULT_KILLS ?? 20);
const TERMINATIONS = Number(process.env.FAULT_TERMINATIONS ?? 90);
const WRITERS = Number(process.env.FAULT_WRITERS ?? 8);
const token = 'anna-fault-token-0123456789';

function start(env) {
  const child = spawn(process.execPath, [cli], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      PALAUTE_SECRET: secret,
      PALAUTE_PUBLISHABLE_KEY: 'pk_fault',
      PALAUTE_TEAM_TOKENS: JSON.stringify([{ token, id: 'anna', name: 'Anna' }]),
      PALAUTE_RATE_LIMITS: '{"customer":false,"ip":false}',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const listening = (async () => {
    for (let waited = 0; waited < 120_000; waited += 50) {
      const found = /listening on (http:\/\/\S+)/.exec(stdout);
      if (found) return found[1];
      if (child.exitCode !== null) throw new Error(`exited: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('did not start');
  })();
  return { child, exited, listening };
}

/** Writers posting answers until `stop()`; what was acknowledged and what answered 5xx. */
function load(url, run) {
  const acknowledged = [];
  const answers = {};
  let stopped = false;
  const writer = async (n) => {
    for (let serial = 0; !stopped; serial += 1) {
      const who = `writer-${n}`;
      // Each writer's answers are numbered apart, in each run: no two ids alike on one database.
      const payload = benchResponse(`${run}-${n}`, serial, who);
      try {
        const answer = await fetch(`${url}/v1/responses`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-palaute-key': 'pk_fault',
            'x-palaute-customer': sign(who),
          },
          body: JSON.stringify({ protocol: 1, response: payload }),
        });
        await answer.text();
        const key =
          answer.status === 503 && answer.headers.get('retry-after')
            ? '503 Retry-After'
            : String(answer.status);
        answers[key] = (answers[key] ?? 0) + 1;
        if (answer.status === 200) acknowledged.push(payload.id);
      } catch {
        answers['connection lost'] = (answers['connection lost'] ?? 0) + 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, (_, n) => writer(n)));
  return {
    acknowledged,
    answers,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

async function storedIds(url) {
  const ids = new Set();
  for (let n = 0; n < WRITERS; n += 1) {
    const answer = await fetch(`${url}/v1/team/customers/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ protocol: 1, customerId: `writer-${n}` }),
    });
    const { export: data } = await answer.json();
    for (const one of data.responses) ids.add(one.id);
  }
  return ids;
}

const merge = (into, from) => {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
};

async function kills() {
  const dir = mkdtempSync(join(tmpdir(), 'palaute-fault-'));
  const env = { PALAUTE_DATA_DIR: join(dir, 'data') };
  const acknowledged = [];
  const answers = {};
  try {
    for (let run = 0; run < KILLS; run += 1) {
      const server = start(env);
      const url = await server.listening;
      const writing = load(url, run);
      await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 1500));
      server.child.kill('SIGKILL');
      await server.exited;
      await writing.stop();
      acknowledged.push(...writing.acknowledged);
      merge(answers, writing.answers);
    }
    const server = start(env);
    const url = await server.listening;
    const stored = await storedIds(url);
    server.child.kill('SIGTERM');
    await server.exited;
    const lost = acknowledged.filter((id) => !stored.has(id)).length;
    console.log(
      `PGlite, SIGKILL × ${KILLS} under ${WRITERS} writers: ${acknowledged.length} acknowledged, ${lost} lost; answers ${JSON.stringify(answers)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function terminations(databaseUrl) {
  const name = `palaute_fault_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await createDatabase(admin, name);
  const server = start({ DATABASE_URL: urlOf(databaseUrl, name) });
  let exits = 0;
  server.exited.then(() => {
    exits += 1;
  });
  try {
    const base = await server.listening;
    const writing = load(base, 'pg');
    let terminated = 0;
    for (let round = 0; round < TERMINATIONS; round += 1) {
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      terminated += rowCount ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
    await writing.stop();
    const stored = exits === 0 ? await storedIds(base) : new Set();
    const lost = writing.acknowledged.filter((id) => !stored.has(id)).length;
    console.log(
      `PostgreSQL, ${TERMINATIONS} rounds of pg_terminate_backend (${terminated} backends) under ${WRITERS} writers: process exits ${exits}, ${writing.acknowledged.length} acknowledged, ${lost} lost; answers ${JSON.stringify(writing.answers)}`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await dropDatabase(admin, name);
    await admin.end();
  }
}

await kills();
if (process.env.DATABASE_URL) await terminations(process.env.DATABASE_URL);
else console.log('PostgreSQL: skipped (DATABASE_URL is not set).');
