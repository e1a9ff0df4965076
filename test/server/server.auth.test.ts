import { createServer } from '../../packages/server/src/index';
import {
  anna,
  ben,
  customer,
  publishableKey,
  responseOf,
  secret,
  teamOf,
  testServer,
} from './server.support';

describe('named team credentials', () => {
  it("given Anna's token › her reply carries her id and name, whatever the body says", async () => {
    const { post } = testServer();
    await post('/v1/responses', customer('alice'), {
      response: responseOf('response-0001', 'alice'),
    });
    const acted = await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0001',
      action: { type: 'reply.team', reply: { id: 'team-reply-1', body: 'Thanks!' } },
      by: { kind: 'team', id: 'mallory', name: 'Mallory' },
    });
    expect(acted.status).toBe(200);
    const mine = await post('/v1/feedback/query', customer('alice'), {
      query: { customerId: 'alice' },
    });
    expect(mine.text).toContain('Anna from Laskutin');
    expect(mine.text).not.toContain('Mallory');
  });

  it("given Ben's token › the status history names Ben", async () => {
    const { post } = testServer();
    await post('/v1/responses', customer('alice'), {
      response: responseOf('response-0002', 'alice'),
    });
    await post('/v1/team/feedback/act', teamOf(ben), {
      id: 'response-0002',
      action: { type: 'feedback.triage' },
    });
    const got = await post('/v1/team/feedback/get', teamOf(anna), { id: 'response-0002' });
    expect(got.status).toBe(200);
    const item = got.body.item as { history: { by: { id: string; name?: string } }[] };
    expect(item.history.at(-1)?.by).toEqual({ kind: 'team', id: 'ben', name: 'Ben' });
  });

  it('given the single teamToken shorthand › it still opens the team routes', async () => {
    const { post } = testServer({ teamTokens: [], teamToken: 'one-shared-token' });
    const listed = await post('/v1/team/feedback/query', teamOf({ token: 'one-shared-token' }), {
      query: {},
    });
    expect(listed.status).toBe(200);
  });

  it('given a short or duplicated team token › createServer refuses to start, naming it', () => {
    expect(() =>
      createServer({
        secret,
        publishableKey,
        teamTokens: [{ token: 'short', id: 'x', name: 'X' }],
      }),
    ).toThrow(/\[0\]\.token: must be at least 16 characters/);
    expect(() =>
      createServer({ secret, publishableKey, teamTokens: [anna, { ...ben, token: anna.token }] }),
    ).toThrow(/share one token/);
  });
});
