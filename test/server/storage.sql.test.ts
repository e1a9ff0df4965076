import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@palaute/engine';
import { MIGRATIONS, openStorage, type ServerStorage } from '../../packages/server/src/index';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, openPostgres, type Sql } from '../../packages/server/src/storage/storage.sql';
import {
  anna,
  databaseUrl,
  freshDatabase,
  handClock,
  makeResponse,
  postgresTitle,
  unique,
} from './storage.fixtures';

const appliedIds = async (sql: Sql) =>
  (await sql.query<{ id: number }>('SELECT id FROM palaute_migrations ORDER BY id')).map(
    (row) => row.id,
  );
const allIds = MIGRATIONS.map((migration) => migration.id);

describe('migrations on PGlite', () => {
  it('given a new database › applies every migration once; a re-run is a no-op', async () => {
    const sql = await openPglite();
    try {
      expect(await migrate(sql)).toEqual(allIds);
      expect(await migrate(sql)).toEqual([]);
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given two migrations at once › exactly one applies them, the other finds nothing to do', async () => {
    const sql = await openPglite();
    try {
      const runs = await Promise.all([migrate(sql), migrate(sql)]);
      expect(runs.flat()).toEqual(allIds);
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given a new migration appended › applies only it, in order', async () => {
    const sql = await openPglite();
    try {
      await migrate(sql);
      const next = {
        id: Math.max(...allIds) + 1,
        name: 'test: a column',
        sql: 'ALTER TABLE palaute_changes ADD COLUMN note text; CREATE INDEX palaute_changes_note ON palaute_changes (note);',
      };
      expect(await migrate(sql, [...MIGRATIONS, next])).toEqual([next.id]);
      expect(await appliedIds(sql)).toEqual([...allIds, next.id]);
    } finally {
      await sql.close();
    }
  }, 60_000);

  it('given a failing migration › applies none of the run and records nothing', async () => {
    const sql = await openPglite();
    try {
      const broken = {
        id: 99,
        name: 'broken',
        sql: 'CREATE TABLE palaute_x (id text); SELECT nope;',
      };
      await expect(migrate(sql, [...MIGRATIONS, broken])).rejects.toThrow(/nope/);
      expect(await sql.query("SELECT to_regclass('palaute_migrations') AS name")).toEqual([
        { name: null },
      ]);
      expect(await migrate(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 60_000);
});

/** Text PostgreSQL cannot store is refused with a 4xx-worthy ValidationError naming its path. */
async function refusesNul(storage: ServerStorage) {
  const ids = unique('nul');
  const response = makeResponse(ids, new Date().toISOString(), {
    answers: { nps: 2, why: 'bad\u0000byte', contact: true },
  });
  const error = await storage.backend.submitResponse(response).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
    'answers.why',
  ]);
  const [result] = await storage.backend.deliver([{ kind: 'response', payload: response }]);
  expect(result?.outcome).toBe('rejected');
  const clean = makeResponse(ids, new Date().toISOString());
  await storage.backend.submitResponse(clean);
  await expect(
    storage.team.act(
      clean.id,
      { type: 'reply.team', reply: { id: ids.id('reply'), body: 'a\u0000b' } },
      anna,
    ),
  ).rejects.toBeInstanceOf(ValidationError);
  expect((await storage.team.getFeedback(clean.id)).replies).toEqual([]);
  await expect(storage.team.getFeedback('response-\u0000')).rejects.toBeInstanceOf(ValidationError);
  await expect(storage.backend.listMyFeedback({ customerId: 'x\u0000' })).rejects.toBeInstanceOf(
    ValidationError,
  );
  await expect(storage.exportCustomer('x\u0000')).rejects.toBeInstanceOf(ValidationError);
}

describe('text PostgreSQL cannot store', () => {
  it('given a NUL character in a text on PGlite › refuses it naming the path, stores nothing', async () => {
    const storage = await openStorage();
    try {
      await refusesNul(storage);
    } finally {
      await storage.close();
    }
  }, 60_000);
});

describe('PGlite in a data folder', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'palaute-pglite-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps everything across close and reopen, and does not migrate twice', async () => {
    const clock = handClock();
    const ids = unique('persist');
    const response = makeResponse(ids, clock.now().toISOString());
    const first = await openStorage({ dataDir, now: clock.now });
    expect(first.kind).toBe('pglite');
    const receipt = await first.backend.submitResponse(response);
    await first.team.act(response.id, { type: 'feedback.triage' }, anna);
    await first.close();

    clock.advance(60_000);
    const again = await openStorage({ dataDir, now: clock.now });
    try {
      // A replay after the restart still answers the first receipt.
      expect(await again.backend.submitResponse(response)).toEqual(receipt);
      expect((await again.team.getFeedback(response.id)).status).toBe('triaged');
      expect((await again.exportCustomer(ids.customer)).responses).toEqual([response]);
    } finally {
      await again.close();
    }
    const sql = await openPglite(dataDir);
    try {
      expect(await appliedIds(sql)).toEqual(allIds);
    } finally {
      await sql.close();
    }
  }, 120_000);
});

describe.skipIf(!databaseUrl)(`${postgresTitle}: shared by several server instances`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(databaseUrl as string);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('given two instances starting at once on a new database › both open, migrations applied once', async () => {
    const [a, b] = await Promise.all([
      openStorage({ databaseUrl: database.url }),
      openStorage({ databaseUrl: database.url }),
    ]);
    try {
      expect([a.kind, b.kind]).toEqual(['postgres', 'postgres']);
      const sql = await openPostgres(database.url);
      try {
        expect(await appliedIds(sql)).toEqual(allIds);
        expect(await migrate(sql)).toEqual([]);
      } finally {
        await sql.close();
      }
      // Stateless instances: what one stores, the other reads; a replay on either is one row.
      const ids = unique('instances');
      const response = makeResponse(ids, new Date().toISOString());
      const receipts = await Promise.all([
        a.backend.submitResponse(response),
        b.backend.submitResponse(response),
        a.backend.submitResponse(response),
        b.backend.submitResponse(response),
      ]);
      expect(new Set(receipts.map((receipt) => receipt.receivedAt)).size).toBe(1);
      expect((await b.team.getFeedback(response.id)).customerId).toBe(ids.customer);
      expect((await a.exportCustomer(ids.customer)).responses).toHaveLength(1);
      // Concurrent team actions on one item from two instances: both land, in some order.
      await Promise.all([
        a.team.act(
          response.id,
          { type: 'reply.team', reply: { id: ids.id('reply-a'), body: 'From A' } },
          anna,
        ),
        b.team.act(
          response.id,
          { type: 'reply.team', reply: { id: ids.id('reply-b'), body: 'From B' } },
          anna,
        ),
      ]);
      expect((await a.team.getFeedback(response.id)).replies).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('given a NUL character in a text › refuses it naming the path, stores nothing', async () => {
    const storage = await openStorage({ databaseUrl: database.url });
    try {
      await refusesNul(storage);
    } finally {
      await storage.close();
    }
  });

  it('given an unreachable database › openStorage rejects at start', async () => {
    await expect(
      openStorage({ databaseUrl: 'postgres://nobody:nothing@127.0.0.1:1/none' }),
    ).rejects.toThrow();
  });
});
