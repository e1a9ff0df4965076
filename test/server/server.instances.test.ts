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
  // Every display counts as a contact here (no grace for unanswered ones), so a second display
  // within the budget must be refused: what the cross-process lock is for.
  policy: { budget: { contacts: 1, days: 14 }, unansweredDisplays: 0 },
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

  it('given a customer limit and two instances › the instances spend from one bucket (a third request anywhere is refused), where in-memory limits would allow each their own', async () => {
    const { journey: _journey, ...withoutJourney } = options;
    const limited = {
      ...withoutJourney,
      rateLimits: { customer: { burst: 2, perSecond: 0.01 }, ip: false as const },
    };
    const [a, b] = await Promise.all(
      [1, 2].map(() => openServer({ ...limited, databaseUrl: database.url })),
    );
    if (!a || !b) throw new Error('two servers');
    const query = (
      server: { fetch: (request: Request) => Response | Promise<Response> },
      who: string,
    ) =>
      Promise.resolve(
        server.fetch(
          new Request('http://localhost/v1/feedback/query', {
            method: 'POST',
            headers: customer(who),
            body: JSON.stringify({ protocol: 1, query: { customerId: who } }),
          }),
        ),
      ).then(async (response) => {
        await response.text();
        return [response.status, response.headers.get('retry-after')] as const;
      });
    // Control: the same storages behind servers with in-memory limits allow two each.
    const memoryA = createServer({ ...limited, backend: a.storage.backend, team: a.storage.team });
    const memoryB = createServer({ ...limited, backend: b.storage.backend, team: b.storage.team });
    try {
      expect((await query(a, 'shared-1'))[0]).toBe(200);
      expect((await query(b, 'shared-1'))[0]).toBe(200);
      expect(await query(a, 'shared-1')).toEqual([429, '100']);
      expect((await query(b, 'shared-1'))[0]).toBe(429);
      // Another customer has a bucket of their own.
      expect((await query(b, 'shared-2'))[0]).toBe(200);
      // Concurrent: ten requests at once through both instances, a burst of two: exactly two pass.
      const statuses = await Promise.all(
        Array.from({ length: 10 }, (_, index) => query(index % 2 ? a : b, 'shared-3')),
      );
      expect(statuses.filter(([status]) => status === 200)).toHaveLength(2);
      const control = [
        await query(memoryA, 'control-1'),
        await query(memoryA, 'control-1'),
        await query(memoryB, 'control-1'),
        await query(memoryB, 'control-1'),
      ];
      expect(control.map(([status]) => status)).toEqual([200, 200, 200, 200]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
