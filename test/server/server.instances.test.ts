import { createServer, openServer } from '../../packages/server/src/index';
import { cesInvoice, general, invoicingTouchpoints, npsDashboard } from '../fixtures/journey';
import { anna, customer, displayOf, publishableKey, secret } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

const journey = {
  surveys: [cesInvoice, npsDashboard, general],
  touchpoints: [...invoicingTouchpoints],
  asks: [
    { surveyId: 'first-invoice-ces', triggers: [{ on: 'event' as const, event: 'invoice.sent' }] },
    { surveyId: 'dashboard-nps', triggers: [{ on: 'touchpoint' as const }] },
  ],
  policy: { budget: { contacts: 1, days: 14 } },
};

/** Posts one display of its own flow for `who` to `server`; resolves with the status. */
async function display(
  server: { fetch: (request: Request) => Response | Promise<Response> },
  flow: number,
  who: string,
) {
  const survey =
    flow % 2 === 0 ? ['first-invoice-ces', 'first-invoice'] : ['dashboard-nps', 'dashboard'];
  const response = await server.fetch(
    new Request('http://localhost/v1/displays', {
      method: 'POST',
      headers: customer(who),
      body: JSON.stringify({
        protocol: 1,
        display: displayOf(
          `flow-${String(flow).padStart(4, '0')}`,
          who,
          survey[0] as string,
          survey[1] as string,
          new Date().toISOString(),
        ),
      }),
    }),
  );
  await response.text();
  return response.status;
}

describe.skipIf(!databaseUrl)(`several server instances on one ${postgresTitle}`, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase(databaseUrl as string);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const options = {
    secret,
    publishableKey,
    teamTokens: [anna],
    journey,
    rateLimits: { customer: false as const, ip: false as const },
  };

  it('given one customer asked through four instances at once, ten times over › exactly one ask passes per customer (the policy takes turns across processes)', async () => {
    const servers = await Promise.all(
      [1, 2, 3, 4].map(() => openServer({ ...options, databaseUrl: database.url })),
    );
    try {
      for (let round = 0; round < 10; round++) {
        const who = `racer-${round}`;
        const statuses = await Promise.all(
          servers.map((server, index) => display(server, round * 10 + index, who)),
        );
        expect(
          statuses.filter((status) => status === 200),
          `round ${round}: ${statuses}`,
        ).toHaveLength(1);
        expect(statuses.filter((status) => status === 422)).toHaveLength(3);
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('given the same instances without the cross-process lock (control) › more than one ask gets through: the test can see the race', async () => {
    const servers = await Promise.all(
      [1, 2, 3, 4].map(() => openServer({ ...options, databaseUrl: database.url })),
    );
    // The same storages, each behind a server that takes turns in its own process only.
    const unlocked = servers.map((server) =>
      createServer({ ...options, backend: server.storage.backend, team: server.storage.team }),
    );
    try {
      let passedTwice = 0;
      for (let round = 0; round < 10; round++) {
        const who = `control-${round}`;
        const statuses = await Promise.all(
          unlocked.map((server, index) => display(server, 500 + round * 10 + index, who)),
        );
        if (statuses.filter((status) => status === 200).length > 1) passedTwice++;
      }
      expect(passedTwice).toBeGreaterThan(0);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});
