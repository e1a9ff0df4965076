import { openServer } from '../../packages/server/src/index';
import {
  anna,
  customer,
  displayOf,
  publishableKey,
  responseOf,
  secret,
  teamOf,
  testServer,
} from './server.support';

type Post = ReturnType<typeof testServer>['post'];

/** Alice and Bob answer; the team replies to Alice; Alice writes back. */
async function seed(post: Post) {
  await post('/v1/displays', customer('alice'), { display: displayOf('response-0001', 'alice') });
  await post('/v1/responses', customer('alice'), {
    response: responseOf('response-0001', 'alice'),
  });
  await post('/v1/responses', customer('bob'), { response: responseOf('response-0002', 'bob') });
  await post('/v1/team/feedback/act', teamOf(anna), {
    id: 'response-0001',
    action: { type: 'reply.team', reply: { id: 'team-reply-1', body: 'Thanks, Alice' } },
  });
  const replied = await post('/v1/replies', customer('alice'), {
    reply: {
      itemId: 'response-0001',
      customerId: 'alice',
      replyId: 'reply-alice-1',
      body: 'You are welcome',
      at: '2026-11-23T11:00:00.000Z',
    },
  });
  expect(replied.status).toBe(200);
}

async function exportThenDelete(post: Post) {
  await seed(post);
  const exported = await post('/v1/team/customers/export', teamOf(anna), { customerId: 'alice' });
  expect(exported.status).toBe(200);
  const document = exported.body.export as Record<'responses' | 'displays' | 'items', unknown[]> & {
    format: string;
    customerId: string;
  };
  expect(document.format).toBe('palaute.customer-export');
  expect(document.customerId).toBe('alice');
  expect([document.responses.length, document.displays.length, document.items.length]).toEqual([
    1, 1, 1,
  ]);
  expect(exported.text).toContain('You are welcome');
  expect(exported.text).not.toContain('response-0002');

  const deleted = await post('/v1/team/customers/delete', teamOf(anna), { customerId: 'alice' });
  expect(deleted.status).toBe(200);
  expect(deleted.body.deletion).toMatchObject({
    customerId: 'alice',
    deleted: { responses: 1, displays: 1, items: 1 },
  });
  const mine = await post('/v1/feedback/query', customer('alice'), {
    query: { customerId: 'alice' },
  });
  expect(mine.body.items).toEqual([]);
  const inbox = await post('/v1/team/feedback/query', teamOf(anna), { query: {} });
  expect((inbox.body.items as { customerId: string }[]).map((item) => item.customerId)).toEqual([
    'bob',
  ]);
  const again = await post('/v1/team/customers/delete', teamOf(anna), { customerId: 'alice' });
  expect(again.body.deletion).toMatchObject({ deleted: { responses: 0, items: 0 } });
}

describe('data rights over HTTP', () => {
  it('given the memory backend › exports everything about one customer, then deletes exactly that', async () => {
    await exportThenDelete(testServer().post);
  });

  it('given the SQL storage on PGlite › does the same', async () => {
    const server = await openServer({
      secret,
      publishableKey,
      teamTokens: [anna],
      rateLimits: { customer: false, ip: false },
    });
    try {
      const post: Post = async (path, headers, body = {}) => {
        const response = await server.fetch(
          new Request(`http://localhost${path}`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ protocol: 1, ...body }),
          }),
        );
        const text = await response.text();
        return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
      };
      await exportThenDelete(post);
    } finally {
      await server.close();
    }
  }, 60_000);
});
