import { openPostgres } from '../../packages/server/src/storage/storage.sql';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// Transactions that collide on PostgreSQL: a deadlock (or a serialization failure) is run again
// inside the server, a few times, instead of reaching the client as a 500.

describe.skipIf(!databaseUrl)(`colliding transactions on ${postgresTitle}`, () => {
  it('given two transactions locking two rows in opposite orders › the one PostgreSQL picks as the deadlock victim runs again; both commit', async () => {
    const database = await freshDatabase(databaseUrl as string);
    const sql = await openPostgres(database.url);
    try {
      await sql.exec(
        'CREATE TABLE pair (id text PRIMARY KEY, n int NOT NULL); INSERT INTO pair VALUES ($$a$$, 0), ($$b$$, 0)',
      );
      let locked = 0;
      let bothLocked: () => void = () => {};
      const barrier = new Promise<void>((resolve) => {
        bothLocked = resolve;
      });
      let attempts = 0;
      const crosswise = (first: string, second: string) =>
        sql.transaction(async (tx) => {
          attempts += 1;
          await tx.query('UPDATE pair SET n = n + 1 WHERE id = $1', [first]);
          locked += 1;
          if (locked === 2) bothLocked();
          await barrier;
          await tx.query('UPDATE pair SET n = n + 1 WHERE id = $1', [second]);
        });
      await Promise.all([crosswise('a', 'b'), crosswise('b', 'a')]);
      expect(attempts).toBe(3);
      expect(await sql.query('SELECT id, n FROM pair ORDER BY id')).toEqual([
        { id: 'a', n: 2 },
        { id: 'b', n: 2 },
      ]);
    } finally {
      await sql.close();
      await database.drop();
    }
  }, 30_000);
});
