import { signCustomerId } from '../../packages/server/src/index';
import {
  anna,
  customer,
  displayOf,
  publishableKey,
  responseOf,
  teamOf,
  testServer,
} from './server.support';

describe('who may do what', () => {
  it("given Alice's credential › she cannot read or write Bob's data (403)", async () => {
    const { post } = testServer();
    await post('/v1/responses', customer('bob'), { response: responseOf('response-bob1', 'bob') });
    const attempts = await Promise.all([
      post('/v1/feedback/query', customer('alice'), { query: { customerId: 'bob' } }),
      post('/v1/contacts/query', customer('alice'), { query: { customerId: 'bob' } }),
      post('/v1/impact/query', customer('alice'), { query: { customerId: 'bob' } }),
      post('/v1/responses', customer('alice'), { response: responseOf('response-0002', 'bob') }),
      post('/v1/displays', customer('alice'), { display: displayOf('response-0003', 'bob') }),
      post('/v1/replies', customer('alice'), {
        reply: {
          itemId: 'response-bob1',
          customerId: 'bob',
          replyId: 'reply-0001',
          body: 'hi',
          at: '2026-11-23T10:00:00.000Z',
        },
      }),
      post('/v1/deliveries', customer('alice'), {
        items: [{ kind: 'response', payload: responseOf('response-0004', 'bob') }],
      }),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([403, 403, 403, 403, 403, 403, 403]);
    const bobs = await post('/v1/feedback/query', customer('bob'), {
      query: { customerId: 'bob' },
    });
    expect((bobs.body.items as unknown[]).length).toBe(1);
    expect(bobs.text).not.toContain('response-0002');
  });

  it("given a customer's credential › every team route, data rights included, answers 403", async () => {
    const { post } = testServer();
    const routes: [string, object][] = [
      ['/v1/team/feedback/query', { query: {} }],
      ['/v1/team/feedback/get', { id: 'response-0001' }],
      ['/v1/team/feedback/act', { id: 'response-0001', action: { type: 'feedback.triage' } }],
      ['/v1/team/changes/query', {}],
      ['/v1/team/metrics', {}],
      ['/v1/team/customers/export', { customerId: 'alice' }],
      ['/v1/team/customers/delete', { customerId: 'alice' }],
    ];
    for (const [path, body] of routes)
      expect((await post(path, customer('alice'), body)).status, path).toBe(403);
  });

  it('given no credential on a team route › 401', async () => {
    const { post } = testServer();
    const answer = await post(
      '/v1/team/customers/export',
      { 'content-type': 'application/json' },
      { customerId: 'alice' },
    );
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe('unauthorized');
  });

  it('given a wrong team token, a wrong publishable key or a forged signature › 401 naming which', async () => {
    const { post } = testServer();
    const wrongToken = await post('/v1/team/feedback/query', teamOf({ token: `${anna.token}x` }), {
      query: {},
    });
    expect([wrongToken.status, wrongToken.body.error?.message]).toEqual([
      401,
      'Unknown team token.',
    ]);
    const wrongKey = await post(
      '/v1/feedback/query',
      { ...customer('alice'), 'x-palaute-key': `${publishableKey}x` },
      { query: { customerId: 'alice' } },
    );
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error?.message).toMatch(/publishable key/);
    // Alice's signature does not make her Bob.
    const aliceSignature = signCustomerId('test-secret-0123456789', 'alice').split('.')[1];
    const forged = await post(
      '/v1/feedback/query',
      { ...customer('bob'), 'x-palaute-customer': `bob.${aliceSignature}` },
      { query: { customerId: 'bob' } },
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toMatch(/signature/);
    const otherSecret = await post(
      '/v1/feedback/query',
      { ...customer('bob'), 'x-palaute-customer': signCustomerId('another-secret', 'bob') },
      { query: { customerId: 'bob' } },
    );
    expect(otherSecret.status).toBe(401);
  });

  it('given a team token with any variation (spaces, a tab, a suffix) › 401; only exactly `Bearer <token>` is the member', async () => {
    const { post } = testServer();
    const as = (authorization: string) =>
      post(
        '/v1/team/changes/query',
        { authorization, 'content-type': 'application/json' },
        {},
      ).then((answer) => answer.status);
    for (const variation of [
      `Bearer  ${anna.token}`,
      `Bearer\t${anna.token}`,
      `Bearer ${anna.token} x`,
      `Bearer ${anna.token}\u00a0`,
      `Bearer ${anna.token.slice(0, -1)}`,
      `${anna.token}`,
      `Basic ${anna.token}`,
    ])
      expect(await as(variation), JSON.stringify(variation)).toBe(401);
    expect(await as(`Bearer ${anna.token}`)).toBe(200);
    expect(await as(`bearer ${anna.token}`)).toBe(200);
  });

  it('given no customer credential on a customer route › 401', async () => {
    const { post } = testServer();
    const answer = await post(
      '/v1/responses',
      { 'content-type': 'application/json' },
      { response: responseOf('response-0001', 'alice') },
    );
    expect(answer.status).toBe(401);
  });
});
