import {
  anna,
  at,
  customer,
  displayOf,
  responseOf,
  type ServerStorageKind,
  serverStorages,
  teamOf,
  testServer,
} from './server.support';
import { handClock, unique } from './storage.fixtures';

// B (a correctly signed customer) knows A's ids: a response's or an item's id is enough. Whatever B
// sends under them must get the answer an unknown id gets, and change nothing of A's: A's export is
// byte-for-byte the same before and after. Client-chosen ids are scoped to their customer, so an id
// B claims first never hides A's own later write either. The same suite on every storage.

describe.each(serverStorages)('customers kept apart: $name', ({ open, run }) => {
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
  const later = () => {
    clock.advance(60_000);
    return clock.now().toISOString();
  };

  /** A's data: a response with words and no consent, a display and a dismissal of another flow. */
  async function seedA() {
    const ids = unique('iso');
    const a = ids.customer;
    const responseId = ids.response(1);
    const flowId = ids.response(2);
    const answered = await post('/v1/responses', customer(a), {
      response: responseOf(responseId, a, { answers: { nps: 3, why: 'Slow', contact: false } }),
    });
    expect(answered.status).toBe(200);
    expect(
      (await post('/v1/displays', customer(a), { display: displayOf(flowId, a) })).status,
    ).toBe(200);
    const exported = async () =>
      (await post('/v1/team/customers/export', teamOf(anna), { customerId: a })).text;
    return { ids, a, b: ids.id('mallory'), responseId, flowId, exported };
  }

  /** The status and error code of an answer, what a caller can tell apart. */
  const verdict = (answer: { status: number; body: { error?: { code: string } } }) => [
    answer.status,
    answer.body.error?.code,
  ];

  it("given B's follow-up to A's response › refused as an unknown response is, alone and in a batch; A's answers, text and consent unchanged", async () => {
    const { a, b, responseId, exported } = await seedA();
    const before = await exported();
    const followUp = (id: string) => ({
      responseId: id,
      followUpId: 'consent',
      questionId: 'contact',
      answer: true,
      answeredAt: at,
    });
    const unknown = await post('/v1/follow-ups', customer(b), {
      followUp: followUp('response-never-sent'),
    });
    const theirs = await post('/v1/follow-ups', customer(b), { followUp: followUp(responseId) });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(verdict(theirs)).toEqual(verdict(unknown));
    const words = { ...followUp(responseId), followUpId: 'more', questionId: 'why', answer: 'B' };
    const batch = await post('/v1/deliveries', customer(b), {
      items: [
        { kind: 'followUp', payload: words },
        { kind: 'followUp', payload: { ...words, responseId: 'response-never-sent' } },
      ],
    });
    const results = batch.body.results as { outcome: string; error?: { code: string } }[];
    expect(results.map((result) => [result.outcome, result.error?.code])).toEqual([
      ['rejected', unknown.body.error?.code],
      ['rejected', unknown.body.error?.code],
    ]);
    expect(await exported()).toBe(before);
    // Still no consent: the team may not reply to A.
    const reply = await post('/v1/team/feedback/act', teamOf(anna), {
      id: responseId,
      action: { type: 'reply.team', reply: { id: 'team-reply-iso', body: 'Hi' } },
    });
    expect(reply.status).toBe(409);
    // A's own follow-up joins A's response.
    const own = await post('/v1/follow-ups', customer(a), { followUp: followUp(responseId) });
    expect([own.status, own.body.duplicate]).toEqual([200, false]);
  });

  it("given B's response, display and dismissal under A's ids › answered as fresh ids are, B's own receipt; A's export unchanged", async () => {
    const { a, b, responseId, flowId, exported } = await seedA();
    const before = await exported();
    const receivedAt = later();
    const fresh = await post('/v1/responses', customer(b), {
      response: responseOf(`${responseId}-fresh`, b),
    });
    const theirs = await post('/v1/responses', customer(b), {
      response: responseOf(responseId, b, { answers: { nps: 10, why: 'B', contact: true } }),
    });
    expect([fresh.status, fresh.body.duplicate]).toEqual([200, false]);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({
      protocol: 1,
      receipt: { responseId, receivedAt },
      duplicate: false,
    });
    for (const [path, field, payload] of [
      ['/v1/displays', 'display', displayOf(flowId, b)],
      [
        '/v1/dismissals',
        'dismissal',
        { ...displayOf(responseId, b), reason: 'optOut', step: 'asking', submitted: false },
      ],
    ] as const) {
      const answer = await post(path, customer(b), { [field]: payload });
      expect([answer.status, answer.body.duplicate]).toEqual([200, false]);
    }
    // The export says when it was made: read at the time the first one was.
    clock.advance(-60_000);
    expect(await exported()).toBe(before);
    clock.advance(60_000);
    const mine = await post('/v1/feedback/query', customer(b), { query: { customerId: b } });
    expect(mine.text).not.toContain('Slow');
    const history = await post('/v1/contacts/query', customer(a), { query: { customerId: a } });
    expect((history.body.history as { optedOutAt?: string }).optedOutAt).toBeUndefined();
    void a;
  });

  it('given ids B claimed first › A’s later answer, follow-up, display and opt-out are all stored as A’s', async () => {
    const ids = unique('claim');
    const [a, b] = [ids.customer, ids.id('mallory')];
    const [responseId, flowId] = [ids.response(1), ids.response(2)];
    await post('/v1/responses', customer(b), { response: responseOf(responseId, b) });
    await post('/v1/displays', customer(b), { display: displayOf(flowId, b) });
    await post('/v1/dismissals', customer(b), {
      dismissal: { ...displayOf(flowId, b), reason: 'dismiss', step: 'asking', submitted: false },
    });
    const answered = await post('/v1/deliveries', customer(a), {
      items: [
        {
          kind: 'response',
          payload: responseOf(responseId, a, { answers: { why: 'Mine', contact: true } }),
        },
        {
          kind: 'followUp',
          payload: {
            responseId,
            followUpId: 'more',
            questionId: 'more',
            answer: 'Also mine',
            answeredAt: at,
          },
        },
        { kind: 'display', payload: displayOf(flowId, a) },
        {
          kind: 'dismissal',
          payload: { ...displayOf(flowId, a), reason: 'optOut', step: 'asking', submitted: false },
        },
      ],
    });
    expect(
      (answered.body.results as { outcome: string }[]).map((result) => result.outcome),
    ).toEqual(['stored', 'stored', 'stored', 'stored']);
    const exported = await post('/v1/team/customers/export', teamOf(anna), { customerId: a });
    const document = exported.body.export as {
      responses: { id: string; answers: Record<string, unknown> }[];
      followUps: { answer: unknown }[];
      displays: unknown[];
      dismissals: { reason: string }[];
      items: { id: string; text?: string; customerId: string }[];
    };
    expect(document.responses.map((response) => response.answers)).toEqual([
      { why: 'Mine', contact: true },
    ]);
    expect(document.followUps.map((followUp) => followUp.answer)).toEqual(['Also mine']);
    expect(document.displays).toHaveLength(1);
    expect(document.dismissals.map((dismissal) => dismissal.reason)).toEqual(['optOut']);
    const history = await post('/v1/contacts/query', customer(a), { query: { customerId: a } });
    expect((history.body.history as { optedOutAt?: string }).optedOutAt).toBe(at);
    // Two items, one each, told apart by their ids; each customer sees only their own.
    const [item] = document.items;
    expect(item?.text).toBe('Mine\n\nAlso mine');
    expect(item?.id).not.toBe(responseId);
    const got = await post('/v1/team/feedback/get', teamOf(anna), { id: item?.id });
    expect((got.body.item as { customerId: string }).customerId).toBe(a);
    const bs = await post('/v1/team/feedback/get', teamOf(anna), { id: responseId });
    expect((bs.body.item as { customerId: string }).customerId).toBe(b);
    const mine = await post('/v1/feedback/query', customer(a), { query: { customerId: a } });
    expect((mine.body.items as { id: string }[]).map((entry) => entry.id)).toEqual([item?.id]);
    // A replies to the team on their own item by its id; B cannot.
    const answered2 = await post('/v1/team/feedback/act', teamOf(anna), {
      id: item?.id,
      action: { type: 'reply.team', reply: { id: ids.id('team-reply'), body: 'Thanks' } },
    });
    expect(answered2.status).toBe(200);
    const reply = (who: string, replyId: string) => ({
      reply: { itemId: item?.id, customerId: who, replyId, body: 'Hello', at },
    });
    expect((await post('/v1/replies', customer(a), reply(a, ids.id('reply')))).status).toBe(200);
    expect((await post('/v1/replies', customer(b), reply(b, ids.id('reply-b')))).status).toBe(404);
    // Deleting A leaves B's records.
    await post('/v1/team/customers/delete', teamOf(anna), { customerId: a });
    const left = await post('/v1/team/customers/export', teamOf(anna), { customerId: b });
    expect((left.body.export as { responses: unknown[] }).responses).toHaveLength(1);
  });

  it("given B's reply and read receipt on A's thread › 404 as for an unknown item, alone and in a batch (each with its verdict)", async () => {
    const { a, b, responseId, exported } = await seedA();
    const before = await exported();
    const reply = (itemId: string) => ({
      itemId,
      customerId: b,
      replyId: `${itemId}-b`,
      body: 'Hi',
      at,
    });
    const receipt = (itemId: string) => ({ itemId, customerId: b, at });
    const unknownReply = await post('/v1/replies', customer(b), {
      reply: reply('response-never-sent'),
    });
    const unknownRead = await post('/v1/read-receipts', customer(b), {
      receipt: receipt('response-never-sent'),
    });
    expect(verdict(unknownReply)).toEqual([404, 'not_found']);
    expect(verdict(unknownRead)).toEqual([404, 'not_found']);
    expect(verdict(await post('/v1/replies', customer(b), { reply: reply(responseId) }))).toEqual([
      404,
      'not_found',
    ]);
    expect(
      verdict(await post('/v1/read-receipts', customer(b), { receipt: receipt(responseId) })),
    ).toEqual([404, 'not_found']);
    const batch = await post('/v1/deliveries', customer(b), {
      items: [
        { kind: 'reply', payload: reply(responseId) },
        { kind: 'read', payload: receipt(responseId) },
        { kind: 'reply', payload: reply('response-never-sent') },
        { kind: 'read', payload: receipt('response-never-sent') },
      ],
    });
    expect(
      (batch.body.results as { outcome: string; error?: { code: string } }[]).map((result) => [
        result.outcome,
        result.error?.code,
      ]),
    ).toEqual(Array.from({ length: 4 }, () => ['rejected', 'not_found']));
    expect(await exported()).toBe(before);
    void a;
  });

  it('given a follow-up naming a strange, valid-looking response id › a definitive 4xx, never 503', async () => {
    const answer = await post('/v1/follow-ups', customer('someone'), {
      followUp: {
        responseId: '9999-12-31T23:59:59.999999999-23:59',
        followUpId: 'more',
        questionId: 'more',
        answer: 'x',
        answeredAt: at,
      },
    });
    expect(verdict(answer)).toEqual([404, 'not_found']);
  });
});
