import { createHttpTeamBackend, createMemoryBackend, type FetchLike } from '@palaute/engine';
import { customerExportSchema } from '@palaute/engine/internal';
import * as z from 'zod/mini';
import { protocolHandler } from './protocol.helpers';

const at = '2026-11-23T10:00:00.000Z';

function setup(withRights = true) {
  const backend = createMemoryBackend();
  const { handle, post, as } = protocolHandler(
    { backend, team: backend.team, ...(withRights ? { customerData: backend } : {}) },
    { kind: 'team', member: { kind: 'team', id: 'anna', name: 'Anna' } },
  );
  // The protocol's own client, over the handler instead of a socket.
  const fetch: FetchLike = async (url, init) => {
    const answer = await handle({
      method: init.method,
      path: new URL(url).pathname,
      headers: new Headers(init.headers),
      body: init.body,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
  const client = createHttpTeamBackend({ baseUrl: 'https://palaute.test', fetch });
  return { backend, post, client, as };
}

const answer = (id: string, customerId: string) => ({
  id,
  surveyId: 'dashboard-nps',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId,
  locale: 'en',
  answers: { nps: 3, why: 'Slow exports' },
  startedAt: at,
  submittedAt: at,
});

describe('the data-rights routes', () => {
  it('given a team credential › exports one customer, then deletes exactly them', async () => {
    const { backend, post } = setup();
    await backend.submitResponse(answer('response-0001', 'c-1'));
    await backend.submitResponse(answer('response-0002', 'c-2'));
    const exported = await post('/v1/team/customers/export', { customerId: 'c-1' });
    expect(exported.status).toBe(200);
    const document = z.parse(customerExportSchema, exported.body.export);
    expect(document.responses.map((response) => response.id)).toEqual(['response-0001']);
    const deleted = await post('/v1/team/customers/delete', { customerId: 'c-1' });
    expect(deleted.status).toBe(200);
    expect(deleted.body.deletion).toMatchObject({
      customerId: 'c-1',
      deleted: { responses: 1, items: 1 },
    });
    expect(backend.responses().map((response) => response.customerId)).toEqual(['c-2']);
  });

  it('given the team client › exports and deletes one customer through createHttpTeamBackend', async () => {
    const { backend, client } = setup();
    await backend.submitResponse(answer('response-0001', 'c-1'));
    await backend.submitResponse(answer('response-0002', 'c-2'));
    const exported = await client.exportCustomer('c-1');
    expect(exported.responses.map((response) => response.id)).toEqual(['response-0001']);
    expect(await client.deleteCustomer('c-1')).toMatchObject({
      customerId: 'c-1',
      deleted: { responses: 1, items: 1 },
    });
    // Again: nothing left, zeros.
    expect(await client.deleteCustomer('c-1')).toMatchObject({
      deleted: { responses: 0, items: 0 },
    });
    expect((await client.exportCustomer('c-1')).responses).toEqual([]);
    expect(backend.responses().map((response) => response.customerId)).toEqual(['c-2']);
  });

  it('given a customer credential › refuses them with 403', async () => {
    const { post, as } = setup();
    as({ kind: 'customer', customerId: 'c-1' });
    expect((await post('/v1/team/customers/export', { customerId: 'c-1' })).status).toBe(403);
  });

  it('given a server without data rights › answers 404 naming them', async () => {
    const { post } = setup(false);
    const answered = await post('/v1/team/customers/delete', { customerId: 'c-1' });
    expect(answered.status).toBe(404);
    expect(JSON.stringify(answered.body)).toContain('data rights');
  });
});
