import { protocolRoutes } from '@palaute/engine';
import * as z from 'zod/mini';
import {
  anna,
  at,
  customer,
  responseOf,
  type ServerStorageKind,
  serverStorages,
  teamOf,
  testServer,
} from './server.support';
import { handClock, unique } from './storage.fixtures';

// What the server accepts on write, it can serve on read: one set of limits, checked at the door.
// The largest writes a customer may make leave the team's inbox, the export and the deletion
// working, on every storage; what the schemas refuse is a 400 naming the path, and nothing is
// stored other than it was sent.

describe.each(serverStorages)('limits checked at the door: $name', ({ open, run }) => {
  const clock = handClock();
  let storage: ServerStorageKind;
  let post: ReturnType<typeof testServer>['post'];
  beforeAll(async () => {
    if (!run) return;
    storage = await open(clock.now);
    ({ post } = testServer({ ...storage.options, now: () => clock.now().getTime() }));
  }, 60_000);
  afterAll(async () => {
    await storage?.close();
  });
  const it = run ? test : test.skip;

  /** Reads the inbox, the export and then deletes the customer: each valid as the team client reads it. */
  async function servesEverything(customerId: string) {
    const inbox = await post('/v1/team/feedback/query', teamOf(anna), { query: { limit: 500 } });
    expect(inbox.status).toBe(200);
    const page = z.safeParse(protocolRoutes.listFeedback.response, inbox.body);
    expect(page.success, JSON.stringify(page.error?.issues.slice(0, 3))).toBe(true);
    const exported = await post('/v1/team/customers/export', teamOf(anna), { customerId });
    expect(exported.status).toBe(200);
    expect(z.safeParse(protocolRoutes.exportCustomer.response, exported.body).success).toBe(true);
    const deleted = await post('/v1/team/customers/delete', teamOf(anna), { customerId });
    expect(deleted.status).toBe(200);
    expect(z.safeParse(protocolRoutes.deleteCustomer.response, deleted.body).success).toBe(true);
    const gone = await post('/v1/team/customers/export', teamOf(anna), { customerId });
    expect((gone.body.export as { responses: unknown[] }).responses).toEqual([]);
    return exported.body.export as { items: { text?: string }[] };
  }

  it('given three 10,000-character answers and two long follow-ups › stored whole; the item text is cut to its limit; inbox, export and delete work', async () => {
    const ids = unique('long');
    const words = (letter: string) => letter.repeat(10_000);
    const responseId = ids.response();
    const stored = await post('/v1/responses', customer(ids.customer), {
      response: responseOf(responseId, ids.customer, {
        answers: { a: words('a'), b: words('b'), c: words('c'), contact: true },
      }),
    });
    expect(stored.status).toBe(200);
    for (const [followUpId, letter] of [
      ['more', 'd'],
      ['most', 'e'],
    ] as const) {
      const followUp = await post('/v1/follow-ups', customer(ids.customer), {
        followUp: {
          responseId,
          followUpId,
          questionId: followUpId,
          answer: words(letter),
          answeredAt: at,
        },
      });
      expect(followUp.status).toBe(200);
    }
    const exported = await servesEverything(ids.customer);
    const [item] = exported.items;
    // The answers keep every word; the item's text is cut to its limit, marked by "…".
    expect(item?.text).toBe(`${words('a')}\n\n${'b'.repeat(9_997)}…`);
    expect(item?.text).toHaveLength(20_000);
  });

  it('given a customer id at the limit (200) › inbox, export and delete work; one character more is a 400 naming its path everywhere', async () => {
    const longest = `c${'x'.repeat(199)}`;
    const stored = await post('/v1/responses', customer(longest), {
      response: responseOf(unique('id').response(), longest),
    });
    expect(stored.status).toBe(200);
    await servesEverything(longest);
    const tooLong = `${longest}y`;
    const refusals = [
      await post('/v1/responses', customer(tooLong), {
        response: responseOf(unique('id').response(), tooLong),
      }),
      await post('/v1/feedback/query', customer(tooLong), { query: { customerId: tooLong } }),
      await post('/v1/team/customers/export', teamOf(anna), { customerId: tooLong }),
    ];
    expect(refusals.map((answer) => [answer.status, answer.body.error?.code])).toEqual(
      Array.from({ length: 3 }, () => [400, 'invalid_request']),
    );
    expect(refusals[0]?.body.error?.message).toMatch(/response\.customerId: must have at most 200/);
  });

  it('given a change shipped for an item with the longest id › its impact notice is listed, seen and exported', async () => {
    const ids = unique('ship');
    const longest = `r${'x'.repeat(99)}`;
    await post('/v1/responses', customer(ids.customer), {
      response: responseOf(longest, ids.customer),
    });
    const shipped = await post('/v1/team/changes', teamOf(anna), {
      change: { id: `c${'y'.repeat(63)}`, weDid: 'Faster exports', itemIds: [longest] },
    });
    expect(shipped.status).toBe(200);
    const notices = await post('/v1/impact/query', customer(ids.customer), {
      query: { customerId: ids.customer },
    });
    expect(notices.status).toBe(200);
    const [notice] = notices.body.notices as { id: string }[];
    expect(notice?.id).toHaveLength(165);
    const seen = await post('/v1/impact/seen', customer(ids.customer), {
      seen: { customerId: ids.customer, noticeId: notice?.id, at },
    });
    expect(seen.status).toBe(200);
    await servesEverything(ids.customer);
  });

  it('given __proto__, constructor or prototype as a segment or answer key › 400 naming the path; nothing stored', async () => {
    const ids = unique('proto');
    for (const [where, key] of [
      ['segment', '__proto__'],
      ['segment', 'constructor'],
      ['segment', 'prototype'],
      ['answers', '__proto__'],
      ['answers', 'constructor'],
    ] as const) {
      const response = responseOf(ids.response(), ids.customer);
      // Raw JSON: an object literal would not carry `__proto__` as a key.
      const body = JSON.stringify({ protocol: 1, response }).replace(
        where === 'segment' ? '"locale"' : '"nps"',
        `${where === 'segment' ? `"segment":{"${key}":"x"},` : `"${key}":"x",`}${where === 'segment' ? '"locale"' : '"nps"'}`,
      );
      const answer = await post('/v1/responses', customer(ids.customer), JSON.parse(body));
      expect([answer.status, answer.body.error?.code], `${where}.${key}`).toEqual([
        400,
        'invalid_request',
      ]);
      expect(answer.body.error?.message).toContain(`response.${where}.${key}: is a reserved key`);
    }
    const exported = await post('/v1/team/customers/export', teamOf(anna), {
      customerId: ids.customer,
    });
    expect((exported.body.export as { responses: unknown[] }).responses).toEqual([]);
  });

  it('given malformed batch items (a non-string id, a reserved key, no payload) › each its own rejected verdict naming its path; the valid one stored', async () => {
    const ids = unique('batch');
    const valid = responseOf(ids.response(1), ids.customer);
    const answer = await post('/v1/deliveries', customer(ids.customer), {
      items: [
        {
          kind: 'response',
          payload: { ...valid, id: ids.response(2), customerId: { toString: 'x' } },
        },
        JSON.parse(
          JSON.stringify({
            kind: 'response',
            payload: { ...valid, id: ids.response(3) },
          }).replace('"locale"', '"segment":{"__proto__":{"admin":true}},"locale"'),
        ),
        { kind: 'display' },
        null,
        { kind: 'response', payload: valid },
      ],
    });
    expect(answer.status).toBe(200);
    const results = answer.body.results as {
      key: string;
      outcome: string;
      error?: { code: string; message: string };
    }[];
    expect(results.map((result) => result.outcome)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'stored',
    ]);
    expect(results[0]?.error?.message).toMatch(/items\[0\]\.payload\.customerId: must be a string/);
    expect(results[1]?.error?.message).toMatch(/items\[1\]\.payload\.segment\.__proto__/);
    expect(results[2]?.error?.message).toMatch(/items\[2\]\.payload/);
    expect(results[3]?.error?.message).toMatch(/items\[3\]/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it("given a customer's reply before the team's › a definitive 409 (lifecycle), alone and in a batch, never 503", async () => {
    const ids = unique('early-reply');
    const responseId = ids.response();
    await post('/v1/responses', customer(ids.customer), {
      response: responseOf(responseId, ids.customer),
    });
    const reply = {
      itemId: responseId,
      customerId: ids.customer,
      replyId: ids.id('reply'),
      body: 'Anyone?',
      at,
    };
    const alone = await post('/v1/replies', customer(ids.customer), { reply });
    expect([alone.status, alone.body.error?.code]).toEqual([409, 'lifecycle.threadClosed']);
    const batch = await post('/v1/deliveries', customer(ids.customer), {
      items: [{ kind: 'reply', payload: reply }],
    });
    expect(batch.body.results).toEqual([
      {
        key: `reply:${reply.replyId}`,
        outcome: 'rejected',
        error: { code: 'lifecycle.threadClosed', message: expect.any(String) },
      },
    ]);
  });

  it('given a shipped change the schema refuses (a "prototype" key, a non-string) › 400 naming the path', async () => {
    const answer = await post('/v1/team/changes', teamOf(anna), {
      change: { id: 'change-1', weDid: { prototype: 'x' }, itemIds: ['response-unknown'] },
    });
    expect([answer.status, answer.body.error?.code]).toEqual([400, 'invalid_request']);
    expect(answer.body.error?.message).toMatch(/change\.weDid/);
    const typed = await post('/v1/team/changes', teamOf(anna), {
      change: { id: 'change-1', weDid: 'Faster', itemIds: [{ toString: 'x' }] },
    });
    expect([typed.status, typed.body.error?.message]).toEqual([
      400,
      expect.stringMatching(/change\.itemIds\[0\]: must be a string/),
    ]);
  });
});
