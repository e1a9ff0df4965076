import { openServer } from '../../packages/server/src/index';
import {
  anna,
  customer,
  publishableKey,
  responseOf,
  secret,
  teamOf,
  type testServer,
} from './server.support';

// The team's inbox reads on the reference server over its SQL storage (PGlite in memory): the
// facets and the loop metrics behind a team credential like every team route.

describe('the server’s inbox facets and loop metrics (PGlite)', () => {
  let opened: Awaited<ReturnType<typeof openServer>>;
  let post: ReturnType<typeof testServer>['post'];
  beforeAll(async () => {
    opened = await openServer({
      secret,
      publishableKey,
      teamTokens: [anna],
      rateLimits: { customer: false, ip: false },
    });
    // testServer's helper, on the opened server.
    post = async (path, headers, body = {}) => {
      const response = await opened.fetch(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ protocol: 1, ...body }),
        }),
      );
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
    };
    for (const [n, id, seats] of [
      [1, 'alice', 12],
      [2, 'bob', '12'],
      [3, 'carol', 12],
    ] as const)
      expect(
        (
          await post('/v1/responses', customer(id), {
            response: responseOf(`response-000${n}`, id, {
              touchpointId: n === 3 ? 'billing' : 'dashboard',
              segment: { plan: 'pro', seats },
            }),
          })
        ).status,
      ).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });

  it('given the team token › answers the facets counted in SQL: typed values, the most common first', async () => {
    const answer = await post('/v1/team/feedback/facets', teamOf(anna), { query: { limit: 5 } });
    expect(answer.status).toBe(200);
    expect(answer.body.facets).toEqual({
      total: 3,
      touchpoints: {
        values: [
          { value: 'dashboard', count: 2 },
          { value: 'billing', count: 1 },
        ],
        omitted: { values: 0, items: 0 },
      },
      segments: [
        {
          key: 'plan',
          count: 3,
          values: [{ value: 'pro', count: 3 }],
          omitted: { values: 0, items: 0 },
        },
        {
          key: 'seats',
          count: 3,
          values: [
            { value: 12, count: 2 },
            { value: '12', count: 1 },
          ],
          omitted: { values: 0, items: 0 },
        },
      ],
      omittedSegmentKeys: 0,
    });
  });

  it('given no credential or a customer’s › refuses the facets as every team route: 401, then 403', async () => {
    const anonymous = await post(
      '/v1/team/feedback/facets',
      { 'content-type': 'application/json' },
      { query: {} },
    );
    expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, 'unauthorized']);
    const asCustomer = await post('/v1/team/feedback/facets', customer('alice'), { query: {} });
    expect([asCustomer.status, asCustomer.body.error?.code]).toEqual([403, 'forbidden']);
  });

  it('given a bad facets query or response target › a 400 naming the path, never a 500', async () => {
    const facets = await post('/v1/team/feedback/facets', teamOf(anna), {
      query: { limit: 0, keys: 'all' },
    });
    expect(facets.status).toBe(400);
    expect(
      (facets.body.error as unknown as { problems: { path: string }[] }).problems.map(
        (p) => p.path,
      ),
    ).toEqual(['query.limit', 'query.keys']);
    const metrics = await post('/v1/team/metrics', teamOf(anna), { responseTargetHours: 2e6 });
    expect(metrics.status).toBe(400);
    expect(
      (metrics.body.error as unknown as { problems: { path: string }[] }).problems.map(
        (p) => p.path,
      ),
    ).toEqual(['responseTargetHours']);
  });

  it('given the team token › answers the loop metrics from SQL, per touchpoint', async () => {
    const answer = await post('/v1/team/metrics', teamOf(anna), { responseTargetHours: 24 });
    expect(answer.status).toBe(200);
    expect(answer.body.metrics).toMatchObject({
      total: 3,
      unprocessed: 3,
      byTouchpoint: { billing: { total: 1 }, dashboard: { total: 2 } },
    });
  });
});
