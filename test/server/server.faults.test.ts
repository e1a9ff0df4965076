import pg from 'pg';
import { openServer } from '../../packages/server/src/index';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { anna, customer, publishableKey, responseOf, secret } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// PostgreSQL connections terminated under load (`pg_terminate_backend`: what a failover, a restart
// or an idle-connection reaper does). A terminated connection costs at most the requests using it
// (503 with Retry-After, which the outbox honours), never the process (an `error` event nobody
// listens to is an uncaught exception, which fails this file), and no acknowledged write is lost.

const journey = {
  surveys: [cesInvoice, npsDashboard, general],
  touchpoints: [...invoicingTouchpoints],
  asks: [{ surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' as const }] }],
  policy: { budget: { contacts: 100, days: 1 } },
};

describe.skipIf(!databaseUrl)(`terminated connections on ${postgresTitle}`, () => {
  it('given backends terminated every 300 ms for 3 s under 16 writers › the process lives, no 500, 0 acknowledged writes lost', async () => {
    const database = await freshDatabase(databaseUrl as string);
    const server = await openServer({
      secret,
      publishableKey,
      teamTokens: [anna],
      journey,
      // The shared SQL buckets take every request through the database too.
      rateLimits: { customer: { burst: 10_000, perSecond: 10_000 }, ip: false },
      databaseUrl: database.url,
    });
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const name = new URL(database.url).pathname.slice(1);
    try {
      const acknowledged: string[] = [];
      const answers = new Map<string, number>();
      let stop = false;
      let serial = 0;
      const writer = async (n: number) => {
        while (!stop) {
          serial += 1;
          const id = `response-fault-${n}-${serial}`;
          const who = `customer-${n}-${serial}`;
          const response = await server.fetch(
            new Request('http://localhost/v1/responses', {
              method: 'POST',
              headers: customer(who),
              body: JSON.stringify({ protocol: 1, response: responseOf(id, who) }),
            }),
          );
          await response.text();
          const key = `${response.status}${response.status === 503 ? ` retry-after ${response.headers.get('retry-after')}` : ''}`;
          answers.set(key, (answers.get(key) ?? 0) + 1);
          if (response.status === 200) acknowledged.push(id);
          // A refusal can come back without any I/O (a shed request, a pool that knows it is
          // down): yield to the event loop, or the writers spin on microtasks and the terminator's
          // timer, which ends the run, never fires.
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      let terminated = 0;
      const terminator = async () => {
        const until = Date.now() + 3000;
        while (Date.now() < until) {
          const rows = await admin.query(
            // Client connections only: an autovacuum worker on this database is a superuser's,
            // which this role may not terminate (the run failed on that now and then).
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
            [name],
          );
          terminated += rows.rowCount ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        stop = true;
      };
      await Promise.all([terminator(), ...Array.from({ length: 16 }, (_, n) => writer(n))]);
      console.info(
        `terminated ${terminated} backends; answers ${JSON.stringify(Object.fromEntries(answers))}`,
      );
      // Every answer is a 200 or a 503 asking to try again.
      expect(
        [...answers.keys()].filter((key) => key !== '200' && key !== '503 retry-after 5'),
      ).toEqual([]);
      expect(terminated).toBeGreaterThan(5);
      expect(acknowledged.length).toBeGreaterThan(10);
      // The server still serves after the storm.
      const after = await server.fetch(
        new Request('http://localhost/v1/responses', {
          method: 'POST',
          headers: customer('after'),
          body: JSON.stringify({ protocol: 1, response: responseOf('response-after', 'after') }),
        }),
      );
      expect(after.status).toBe(200);
      const stored = new Set(
        (await admin.query<{ id: string }>('SELECT id FROM palaute_responses')).rows.map(
          (row) => row.id,
        ),
      );
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await admin.end();
      await server.close();
      await database.drop();
    }
  }, 60_000);
});
