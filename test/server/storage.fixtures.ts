import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  type BackendPort,
  type CustomerDataPort,
  type CxConfig,
  createMemoryBackend,
  type Dismissal,
  type Display,
  type FeedbackResponse,
  type FollowUpAnswer,
  type Survey,
  type TeamPort,
  type Touchpoint,
} from '@palaute/engine';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openStorage } from '../../packages/server/src/index';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, openPostgres, type Sql } from '../../packages/server/src/storage/storage.sql';

/** The PostgreSQL the suites run against, when one is given (CI sets it). */
export const databaseUrl = process.env.DATABASE_URL;

/** Where the PostgreSQL suites say they were skipped, in their titles and on the console. */
export const postgresTitle = databaseUrl
  ? 'PostgreSQL (DATABASE_URL)'
  : 'PostgreSQL — SKIPPED: DATABASE_URL is not set (CI sets it; see .ci/run)';
if (!databaseUrl)
  console.warn(
    'Server storage: the PostgreSQL tests are skipped because DATABASE_URL is not set. Set it (e.g. postgres://palaute:palaute@localhost/palaute) to run them.',
  );

/**
 * The plan PostgreSQL (or PGlite) makes for `statement` with `params`, its lines joined;
 * `options` are EXPLAIN's (`ANALYZE, COSTS OFF` runs it and reports what it read).
 */
export const planOf = async (
  sql: Sql,
  statement: string,
  params: readonly unknown[] = [],
  options = '',
) =>
  (
    await sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${options ? `(${options}) ` : ''}${statement}`,
      params,
    )
  )
    .map((row) => row['QUERY PLAN'])
    .join('\n');

/** The SQL storages a storage suite runs on: PGlite in memory always, PostgreSQL when `DATABASE_URL` is set. */
export const sqlKinds = [
  { name: 'PGlite (in memory)', run: true },
  { name: postgresTitle, run: Boolean(databaseUrl) },
];

/**
 * Opens a migrated database of `kind` before the enclosing block's tests (PGlite in memory, or a
 * fresh PostgreSQL database, dropped after them), hands it to `opened` and closes it after; a kind
 * that does not run opens nothing.
 */
export function onMigratedDatabase(
  kind: { name: string; run: boolean },
  opened: (sql: Sql) => void | Promise<void>,
  timeout = 180_000,
): void {
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  beforeAll(async () => {
    if (!kind.run) return;
    database = await openDatabase(kind);
    await migrate(database.sql);
    await opened(database.sql);
  }, timeout);
  afterAll(async () => {
    await database?.close();
  });
}

/**
 * A folder of its own for a PGlite data folder, made (named `prefix` and a random part) before the
 * enclosing block's tests and removed after them; call the function it returns in a test for its path.
 */
export function onDataFolder(prefix: string): () => string {
  let folder = '';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return () => folder;
}

/**
 * Opens an empty database of `kind`, not migrated: PGlite in memory, or a fresh PostgreSQL database
 * that `close` drops after closing it.
 */
export async function openDatabase(kind: {
  name: string;
}): Promise<{ sql: Sql; close(): Promise<void> }> {
  if (kind.name !== postgresTitle) {
    const sql = await openPglite();
    return { sql, close: () => sql.close() };
  }
  const database = await freshDatabase(databaseUrl as string);
  const sql = await openPostgres(database.url);
  return {
    sql,
    async close() {
      try {
        await sql.close();
      } finally {
        await database.drop();
      }
    },
  };
}

/**
 * A database of its own for one test file on the PostgreSQL of `DATABASE_URL` (its role may create
 * databases), so runs never collide; `drop` removes it.
 */
export async function freshDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `palaute_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // CREATE DATABASE copies template1 and is refused (55006) while another session has it open,
    // as a concurrent test's CREATE DATABASE can: wait a moment and try again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${name}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        // FORCE ends the sessions left on the database, but is refused (42501) when one of them is
        // an autovacuum worker, which our role may not end: then end the client sessions ourselves
        // and drop without FORCE, which waits for autovacuum to yield (55006 while it has not).
        for (let attempt = 1; ; attempt += 1) {
          try {
            await client.query(
              attempt === 1
                ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`
                : `DROP DATABASE IF EXISTS ${name}`,
            );
            break;
          } catch (error) {
            const code = (error as { code?: string }).code;
            if ((code !== '42501' && code !== '55006') || attempt === 20) throw error;
            await client.query(
              `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
              [name],
            );
            await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

/** A clock the test moves by hand. */
export function handClock(start = '2026-11-23T10:00:00.000Z') {
  let time = Date.parse(start);
  return {
    now: () => new Date(time),
    advance(ms: number) {
      time += ms;
    },
  };
}

/** One storage under test: the customer's port, the team's, data rights, and closing. */
export interface Subject {
  backend: Required<BackendPort>;
  team: TeamPort;
  data: CustomerDataPort;
  close(): Promise<void>;
}

/** What the CX report reads besides the responses: the journey's surveys, touchpoints, defaults. */
export interface SubjectCx {
  surveys: Survey[];
  touchpoints: Touchpoint[];
  config?: CxConfig;
}

/** A kind of storage the conformance suite runs against. */
export interface SubjectKind {
  name: string;
  open(now: () => Date, cx?: SubjectCx): Promise<Subject>;
}

/** The engine's memory backend, the reference the SQL storage conforms to. */
export const memoryKind: SubjectKind = {
  name: 'memory backend',
  async open(now, cx) {
    const memory = createMemoryBackend({ now, ...(cx ? { cx } : {}) });
    return {
      backend: memory as Required<BackendPort>,
      team: memory.team,
      data: memory,
      close: async () => {},
    };
  },
};

/** The server's storage on PGlite in memory, or on PostgreSQL at `url`. */
export function sqlKind(name: string, url?: string): SubjectKind {
  return {
    name,
    async open(now, cx) {
      const storage = await openStorage({ databaseUrl: url, now, ...(cx ? { cx } : {}) });
      return {
        backend: storage.backend,
        team: storage.team,
        data: storage,
        close: () => storage.close(),
      };
    },
  };
}

/** A team member. */
export const anna: Actor = { kind: 'team', id: 'u-anna-42', name: 'Anna' };

let counter = 0;
/** Ids no other test uses, so tests share one database without seeing each other. */
export function unique(label: string) {
  counter += 1;
  const tag = `${label}-${counter}-${randomUUID().slice(0, 8)}`;
  return {
    customer: `customer-${tag}`,
    touchpoint: `tp-${tag}`,
    response: (n = 1) => `response-${tag}-${n}`,
    id: (what: string) => `${what}-${tag}`,
  };
}

/** A response with the customer's words and consent (it makes a feedback item). */
export function makeResponse(
  ids: ReturnType<typeof unique>,
  at: string,
  overrides: Partial<FeedbackResponse> = {},
): FeedbackResponse {
  return {
    id: ids.response(),
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: ids.touchpoint,
    customerId: ids.customer,
    locale: 'en',
    answers: { nps: 3, why: 'Exports are slow', contact: true },
    sentiment: 'negative',
    startedAt: at,
    submittedAt: at,
    ...overrides,
  };
}

/** The survey was shown, in the flow of `responseId`. */
export function makeDisplay(
  ids: ReturnType<typeof unique>,
  responseId: string,
  at: string,
): Display {
  return {
    responseId,
    surveyId: 'nps-dashboard',
    surveyVersion: 1,
    touchpointId: ids.touchpoint,
    customerId: ids.customer,
    at,
  };
}

/** The customer closed the flow of `responseId`. */
export function makeDismissal(
  ids: ReturnType<typeof unique>,
  responseId: string,
  at: string,
  reason: Dismissal['reason'] = 'notNow',
): Dismissal {
  return {
    ...makeDisplay(ids, responseId, at),
    reason,
    step: 'asking',
    questionId: 'nps',
    submitted: false,
  };
}

/** A follow-up answer in words. */
export function makeFollowUp(responseId: string, at: string): FollowUpAnswer {
  return {
    responseId,
    followUpId: 'fix-first',
    questionId: 'fixFirst',
    answer: 'Faster exports, please',
    answeredAt: at,
  };
}
