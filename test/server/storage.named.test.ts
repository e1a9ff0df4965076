import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Sql } from '../../packages/server/src/storage/storage.sql';
import { onDataFolder, openDatabase, sqlKinds } from './storage.fixtures';

// A statement given a name is prepared once per connection (`SqlClient.query`'s third argument):
// on PostgreSQL through `pg`'s named queries, on PGlite through its protocol (parse and describe
// once, then bind and execute). Both must answer exactly as the unnamed statement does, inside and
// outside transactions, and fail the same way.

const TABLE = `CREATE TABLE named_rows (
  customer_id text NOT NULL,
  id text NOT NULL,
  received_at timestamptz NOT NULL,
  document jsonb NOT NULL,
  score integer,
  tags text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (customer_id, id))`;

const INSERT = `INSERT INTO named_rows (customer_id, id, received_at, document, score, tags)
  VALUES ($1, $2, $3::timestamptz, $4::jsonb, $5, $6::text[])
  RETURNING customer_id, id, received_at, document, score, tags`;

const COUNT = 'SELECT count(*)::int AS n FROM named_rows WHERE customer_id = $1';

/** The parameters of one row of `named_rows`. */
const row = (customer: string, id: string, score: number | null = 7) => [
  customer,
  id,
  '2026-12-04T10:00:00.123Z',
  JSON.stringify({ answers: { nps: score, why: 'Slow "exports" \\ and ünïcode' } }),
  score,
  ['a', 'b,c', 'd "e"'],
];

const count = async (sql: Pick<Sql, 'query'>, customer: string) =>
  (await sql.query<{ n: number }>(COUNT, [customer], 'named_rows_count'))[0]?.n;

describe.each(sqlKinds)('named statements on $name', (kind) => {
  let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
  let sql: Sql;
  beforeAll(async () => {
    if (!kind.run) return;
    database = await openDatabase(kind);
    sql = database.sql;
    await sql.exec(TABLE);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it.skipIf(!kind.run)(
    'answer with the same rows and types as the unnamed statement, on the first run and once planned generically',
    async () => {
      for (let n = 0; n < 8; n += 1) {
        const [unnamed] = await sql.query(INSERT, row('same', `unnamed-${n}`, n === 3 ? null : n));
        const [named] = await sql.query(
          INSERT,
          row('same', `named-${n}`, n === 3 ? null : n),
          'named_rows_insert',
        );
        expect(named).toEqual({ ...unnamed, id: `named-${n}` });
      }
      const [last] = await sql.query<Record<string, unknown>>(
        'SELECT * FROM named_rows WHERE id = $1',
        ['named-7'],
        'named_rows_read',
      );
      expect(last?.received_at).toEqual(new Date('2026-12-04T10:00:00.123Z'));
      expect(last?.document).toEqual({ answers: { nps: 7, why: 'Slow "exports" \\ and ünïcode' } });
      expect(last?.tags).toEqual(['a', 'b,c', 'd "e"']);
      expect(
        await sql.query('DELETE FROM named_rows WHERE id = $1', ['none'], 'named_none'),
      ).toEqual([]);
      expect(await count(sql, 'same')).toBe(16);
    },
  );

  it.skipIf(!kind.run)(
    'inside a transaction are part of it: undone by its rollback, and the statement still runs after',
    async () => {
      await expect(
        sql.transaction(async (tx) => {
          await tx.query(INSERT, row('undone', 'r1'), 'named_rows_insert_tx');
          expect(await count(tx, 'undone')).toBe(1);
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect(await count(sql, 'undone')).toBe(0);
      // Prepared inside the transaction rolled back, it is still there to run.
      await sql.transaction((tx) => tx.query(INSERT, row('undone', 'r2'), 'named_rows_insert_tx'));
      expect(await count(sql, 'undone')).toBe(1);
    },
  );

  it.skipIf(!kind.run)(
    'outside a transaction never run inside another one that is open at the time',
    async () => {
      let opened!: () => void;
      const open = new Promise<void>((resolve) => {
        opened = resolve;
      });
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const failing = sql.transaction(async (tx) => {
        await tx.query(INSERT, row('apart', 'in-transaction'));
        opened();
        await finished;
        throw new Error('rolled back');
      });
      await open;
      // Sent while the transaction is open: on PGlite (one connection) it waits for its end.
      const alone = sql.query(INSERT, row('apart', 'alone'), 'named_rows_insert_apart');
      await new Promise((resolve) => setTimeout(resolve, 50));
      finish();
      await expect(failing).rejects.toThrow('rolled back');
      expect(await alone).toHaveLength(1);
      const ids = await sql.query<{ id: string }>(
        'SELECT id FROM named_rows WHERE customer_id = $1',
        ['apart'],
      );
      expect(ids).toEqual([{ id: 'alone' }]);
    },
  );

  it.skipIf(!kind.run)(
    "fail with the database's code, and run again after a failure, in and out of a transaction",
    async () => {
      await sql.query(INSERT, row('fails', 'taken'), 'named_rows_insert_fails');
      await expect(
        sql.query(INSERT, row('fails', 'taken'), 'named_rows_insert_fails'),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(
        sql.query(
          INSERT,
          [...row('fails', 'typed').slice(0, 4), 'not a number', []],
          'named_rows_insert_fails',
        ),
      ).rejects.toMatchObject({ code: '22P02' });
      await expect(
        sql.transaction((tx) => tx.query(INSERT, row('fails', 'taken'), 'named_rows_insert_fails')),
      ).rejects.toMatchObject({ code: '23505' });
      await expect(
        sql.query('SELECT nothing FROM named_rows', [], 'named_rows_wrong'),
      ).rejects.toMatchObject({ code: '42703' });
      await sql.query(INSERT, row('fails', 'after'), 'named_rows_insert_fails');
      expect(await count(sql, 'fails')).toBe(2);
    },
  );
});

describe('named statements on PGlite in a data folder', () => {
  const folder = onDataFolder('palaute-named-');

  it('keep what they wrote across close and reopen', async () => {
    const dataDir = folder();
    const first = await openPglite(dataDir);
    try {
      await first.exec(TABLE);
      for (let n = 0; n < 3; n += 1)
        await first.query(INSERT, row('kept', `r${n}`), 'named_rows_insert');
      await first.transaction((tx) => tx.query(INSERT, row('kept', 'r3'), 'named_rows_insert'));
    } finally {
      await first.close();
    }
    const again = await openPglite(dataDir);
    try {
      expect(await count(again, 'kept')).toBe(4);
    } finally {
      await again.close();
    }
  }, 60_000);
});
