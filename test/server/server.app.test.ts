import { createServer, signCustomerId } from '../../packages/server/src/index';

const secret = 'test-secret';
const server = createServer({ secret, teamToken: 'team-token', publishableKey: 'pk_test' });
const customer = (id: string) => ({
  'x-palaute-key': 'pk_test',
  'x-palaute-customer': signCustomerId(secret, id),
});
const call = (path: string, init: RequestInit = {}) =>
  server.fetch(new Request(`http://localhost${path}`, init));

describe('createServer', () => {
  it('given GET /openapi.json › serves the engine document', async () => {
    const response = await call('/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string };
    expect(document.openapi).toMatch(/^3\./);
  });

  it('given a bad customer signature › answers 401', async () => {
    const response = await call('/v1/team/feedback', {
      headers: { 'x-palaute-key': 'pk_test', 'x-palaute-customer': 'alice.deadbeef' },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'unauthorized',
    );
  });

  it('given a wrong team token › answers 401', async () => {
    const response = await call('/v1/team/feedback', { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
  });

  it('given a customer credential on a team route › refuses it with a 4xx', async () => {
    const response = await call('/v1/team/feedback/query', {
      method: 'POST',
      headers: { ...customer('alice'), 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, query: {} }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it('given the team token › lists the inbox', async () => {
    const response = await call('/v1/team/feedback/query', {
      method: 'POST',
      headers: { authorization: 'Bearer team-token', 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, query: {} }),
    });
    expect(response.status).toBe(200);
  });

  it('given a malformed body › answers 400 naming the problem, never 500', async () => {
    const response = await call('/v1/responses', {
      method: 'POST',
      headers: { ...customer('alice'), 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).not.toBe('');
  });
});
