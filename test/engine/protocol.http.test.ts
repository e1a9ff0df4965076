import {
  type Actor,
  createHttpBackend,
  createHttpTeamBackend,
  createMemoryBackend,
  type DeliveryItem,
  type DeliveryResult,
  deliveryKey,
  type FeedbackResponse,
  type FetchLike,
  HttpError,
  parseRetryAfter,
  protocolRoutes,
  ValidationError,
} from '@palaute/engine';
import { createMemoryOutboxStorage, createOutbox } from '@palaute/engine/outbox';
import * as z from 'zod/mini';
import { type ProtocolServer, startProtocolServer } from '../support/protocol-server';

const at = '2026-11-23T10:00:00.000Z';
const response = (n: number, customerId = 'c-1'): FeedbackResponse => ({
  id: `response-${String(n).padStart(4, '0')}`,
  surveyId: 'nps-dashboard',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId,
  locale: 'en',
  answers: { nps: 3, why: 'Exports are slow' },
  startedAt: at,
  submittedAt: at,
});
const display = (n: number) => ({
  responseId: `response-${String(n).padStart(4, '0')}`,
  surveyId: 'nps-dashboard',
  surveyVersion: 1,
  touchpointId: 'dashboard',
  customerId: 'c-1',
  at,
});

let server: ProtocolServer;
afterEach(async () => {
  await server?.close();
});

async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('createHttpBackend over a loopback server', () => {
  it('round-trips every customer operation, each write once however often it is sent', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    const receipt = await backend.submitResponse(response(1));
    expect(receipt.responseId).toBe('response-0001');
    expect(await backend.submitResponse(response(1))).toEqual(receipt);
    await backend.submitFollowUp({
      responseId: 'response-0001',
      followUpId: 'fix',
      questionId: 'fixFirst',
      answer: 'Exports',
      answeredAt: at,
    });
    await backend.recordDisplay(display(1));
    await backend.recordDisplay(display(1));
    await backend.recordDismissal({
      ...display(1),
      reason: 'notNow',
      step: 'acknowledging',
      submitted: true,
    });
    expect(server.backend.responses()).toHaveLength(1);
    expect(server.backend.responses()[0]?.followUps).toHaveLength(1);
    expect(server.backend.displays()).toHaveLength(1);
    expect(server.backend.dismissals()).toHaveLength(1);
    expect(await backend.listImpact({ customerId: 'c-1' })).toEqual([]);
    expect(await backend.getContactHistory?.({ customerId: 'c-1' })).toMatchObject({
      customerId: 'c-1',
      contacts: [{ kind: 'ask', outcome: 'answered', responseId: 'response-0001' }],
    });
    expect(await backend.listMyFeedback?.({ customerId: 'c-1' })).toMatchObject([
      { id: 'response-0001', status: 'new', text: 'Exports are slow\n\nExports' },
    ]);
    // Every write carried its idempotency key.
    const keys = server.requests
      .filter((request) => request.path !== '/v1/impact/query')
      .map((request) => request.key);
    expect(keys.slice(0, 2)).toEqual([
      deliveryKey({ kind: 'response', payload: response(1) }),
      deliveryKey({ kind: 'response', payload: response(1) }),
    ]);
  });

  it('sends every write with its Idempotency-Key (its deliveryKey), and a batch with one key for all of them', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    const writes: DeliveryItem[] = [
      { kind: 'response', payload: response(1) },
      {
        kind: 'followUp',
        payload: {
          responseId: 'response-0001',
          followUpId: 'fix',
          questionId: 'fixFirst',
          answer: 'Exports',
          answeredAt: at,
        },
      },
      { kind: 'display', payload: display(1) },
      {
        kind: 'dismissal',
        payload: { ...display(1), reason: 'dismiss', step: 'acknowledging', submitted: true },
      },
      { kind: 'impactSeen', payload: { customerId: 'c-1', noticeId: 'n-1', at } },
    ];
    await backend.submitResponse(writes[0]?.payload as FeedbackResponse);
    await backend.submitFollowUp(writes[1]?.payload as never);
    await backend.recordDisplay(writes[2]?.payload as never);
    await backend.recordDismissal(writes[3]?.payload as never);
    await backend.markImpactSeen?.(writes[4]?.payload as never);
    await backend.listImpact({ customerId: 'c-1' });
    expect(server.requests.map((request) => request.key)).toEqual([
      ...writes.map(deliveryKey),
      undefined, // a query is not a write
    ]);

    // A batch's key comes from all of its items: the same batch, the same key; any other, another
    // (even when the first 300 characters of the keys agree).
    const many = Array.from({ length: 30 }, (_, n) => ({
      kind: 'display' as const,
      payload: display(100 + n),
    }));
    const other = [...many.slice(0, 29), { kind: 'display' as const, payload: display(999) }];
    await backend.deliver?.(many);
    await backend.deliver?.(many);
    await backend.deliver?.(other);
    const [first, again, third] = server.requests.slice(-3).map((request) => request.key);
    expect(first).toMatch(/^batch:30:[0-9a-f]{28}$/);
    expect(again).toBe(first);
    expect(third).not.toBe(first);
    expect(server.requests.filter((request) => request.path === '/v1/deliveries')).toHaveLength(3);
  });

  it('answers a write it has seen before as a duplicate, and keeps one record', async () => {
    server = await startProtocolServer();
    const send = () =>
      fetch(`${server.url}/v1/displays`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': deliveryKey({ kind: 'display', payload: display(1) }),
        },
        body: JSON.stringify({ protocol: 1, display: display(1) }),
      }).then((answer) => answer.json());
    expect(await send()).toEqual({ protocol: 1, key: 'display:response-0001', duplicate: false });
    expect(await send()).toEqual({ protocol: 1, key: 'display:response-0001', duplicate: true });
    expect(server.backend.displays()).toHaveLength(1);
    expect(
      server.requests.filter((request) => request.key === 'display:response-0001'),
    ).toHaveLength(2);
  });

  it('delivers a batch: each item answered on its own, an invalid one rejected with its path', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    const receipt = await backend.submitResponse(response(1));
    const results = await backend.deliver?.([
      { kind: 'response', payload: response(1) },
      { kind: 'response', payload: response(2) },
      { kind: 'display', payload: display(2) },
    ]);
    // A response's result carries its receipt time: the first one's for a duplicate.
    expect(results).toEqual([
      { key: 'response:response-0001', outcome: 'duplicate', receivedAt: receipt.receivedAt },
      { key: 'response:response-0002', outcome: 'stored', receivedAt: expect.any(String) },
      { key: 'display:response-0002', outcome: 'stored' },
    ]);

    // The client refuses to send an invalid batch (the outbox then sends its items one by one)…
    const local = await backend
      .deliver?.([
        { kind: 'response', payload: response(3) },
        { kind: 'response', payload: { ...response(4), submittedAt: 'yesterday' } },
      ])
      .catch((error: unknown) => error);
    expect(local).toBeInstanceOf(ValidationError);
    expect((local as ValidationError).problems.map((problem) => problem.path)).toEqual([
      'items[1].payload.submittedAt',
    ]);
    expect(server.requests.at(-1)?.path).toBe('/v1/deliveries');
    expect(server.requests).toHaveLength(2);

    // …and a server answers each item of a batch on its own: an invalid one is rejected with its
    // path, the others are stored.
    const raw = await fetch(`${server.url}/v1/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        items: [
          { kind: 'response', payload: response(5) },
          { kind: 'response', payload: { ...response(6), submittedAt: 'yesterday' } },
          { kind: 'teleport' },
          { kind: 'display', payload: display(5) },
        ],
      }),
    });
    expect(raw.status).toBe(200);
    const { results: answered } = (await raw.json()) as { results: DeliveryResult[] };
    expect(answered.map(({ key, outcome }) => [key, outcome])).toEqual([
      ['response:response-0005', 'stored'],
      ['response:response-0006', 'rejected'],
      ['items[2]', 'rejected'],
      ['display:response-0005', 'stored'],
    ]);
    expect(answered[1]?.error).toMatchObject({ code: 'invalid_request' });
    expect(answered[1]?.error?.message).toContain('items[1].payload.submittedAt');
    expect(answered[2]?.error?.message).toContain('items[2].kind');

    // However many problems an item has, the answer stays within the protocol's own schema.
    const messy = await fetch(`${server.url}/v1/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        items: [
          {
            kind: 'response',
            payload: {
              ...response(7),
              answers: Object.fromEntries(
                Array.from({ length: 100 }, (_, n) => [`q${n}`, { not: 'an answer' }]),
              ),
            },
          },
        ],
      }),
    }).then((answer) => answer.json());
    expect(z.safeParse(protocolRoutes.deliver.response, messy).success).toBe(true);
    expect(messy.results[0]).toMatchObject({ key: 'response:response-0007', outcome: 'rejected' });
    expect(
      server.backend
        .responses()
        .map((stored) => stored.id)
        .sort(),
    ).toEqual(['response-0001', 'response-0002', 'response-0005']);
  });

  it('refuses an invalid body before sending it, naming the path; a server refusal is a 400 with problems, not retryable', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    const local = await backend
      .submitResponse({ ...response(1), submittedAt: 'yesterday' })
      .catch((error: unknown) => error);
    expect(local).toBeInstanceOf(ValidationError);
    expect((local as ValidationError).problems.map((problem) => problem.path)).toEqual([
      'response.submittedAt',
    ]);
    expect(server.requests).toEqual([]);

    const raw = await fetch(`${server.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        protocol: 1,
        response: { ...response(1), answers: { nps: '<script>' } },
      }),
    });
    expect(raw.status).toBe(200); // a string answer is a valid text answer: stored inert
    const bad = await fetch(`${server.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, response: { ...response(2), surveyVersion: 'one' } }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      protocol: 1,
      error: { code: 'invalid_request', problems: [{ path: 'response.surveyVersion' }] },
    });
  });

  it('given a server that refuses the body › HttpError 400, not retryable, with every problem and its path', async () => {
    server = await startProtocolServer();
    // Another client version, say: the body the server sees is not the one the client checked.
    const skewed: FetchLike = (url, init) =>
      fetch(url, {
        ...(init as RequestInit),
        body: init.body.replace('"surveyVersion":1', '"surveyVersion":1.5'),
      });
    const backend = createHttpBackend({ baseUrl: server.url, fetch: skewed });
    const refused = await rejection(backend.submitResponse(response(1)));
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request', retryable: false });
    expect(refused.problems.map((problem) => problem.path)).toEqual(['response.surveyVersion']);
    expect(server.backend.responses()).toEqual([]);
  });

  it.each([
    [408, 'request_timeout'],
    [500, 'internal'],
    [502, 'unavailable'],
  ] as const)('given %i › a retryable HttpError', async (status, code) => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    server.faults.push({ type: 'status', status });
    expect(await rejection(backend.recordDisplay(display(1)))).toMatchObject({
      status,
      code,
      retryable: true,
      retryAfterMs: undefined,
    });
  });

  it.each([
    [
      'protocol 2',
      { 'content-type': 'application/json' },
      JSON.stringify({ protocol: 2, response: response(1) }),
      400,
      'unsupported_protocol',
    ],
    [
      'text/plain',
      { 'content-type': 'text/plain' },
      JSON.stringify({ protocol: 1 }),
      415,
      'unsupported_media_type',
    ],
    ['not JSON', { 'content-type': 'application/json' }, '{"protocol":1,', 400, 'invalid_request'],
    [
      'oversized',
      { 'content-type': 'application/json' },
      JSON.stringify({ protocol: 1, pad: 'x'.repeat(300_000) }),
      413,
      'payload_too_large',
    ],
  ])('given a request %s › answers %i %s', async (_, headers, body, status, code) => {
    server = await startProtocolServer();
    const answer = await fetch(`${server.url}/v1/responses`, { method: 'POST', headers, body });
    expect(answer.status).toBe(status);
    expect((await answer.json()).error.code).toBe(code);
  });

  it('given 429 or 503 › retryable, with Retry-After read as seconds or as an HTTP date', async () => {
    server = await startProtocolServer();
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    const backend = createHttpBackend({ baseUrl: server.url, now: () => now });
    server.faults.push({ type: 'status', status: 429, retryAfter: '30' });
    expect(await rejection(backend.submitResponse(response(1)))).toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 30_000,
    });
    server.faults.push({
      type: 'status',
      status: 503,
      retryAfter: 'Mon, 23 Nov 2026 10:02:00 GMT',
    });
    expect(await rejection(backend.submitResponse(response(1)))).toMatchObject({
      status: 503,
      retryable: true,
      retryAfterMs: 120_000,
    });
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('given a read refused for its rate › it waits out Retry-After and is sent again, while the waits stay within rateLimitWaitMs', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url });
    const reads = () => server.requests.filter((r) => r.path === '/v1/impact/query');
    server.faults.push(
      { type: 'status', status: 429, retryAfter: '0' },
      { type: 'status', status: 429, retryAfter: '1' },
    );
    const started = Date.now();
    expect(await backend.listImpact({ customerId: 'c-1' })).toEqual([]);
    // A quarter second at least after "0", then the second asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    expect(reads().map((r) => r.status)).toEqual([429, 429, 200]);
    // A wait longer than the budget: the refusal is the answer, at once.
    server.faults.push({ type: 'status', status: 429, retryAfter: '30' });
    const refusedAt = Date.now();
    expect(await rejection(backend.listImpact({ customerId: 'c-1' }))).toMatchObject({
      status: 429,
      retryAfterMs: 30_000,
    });
    expect(Date.now() - refusedAt).toBeLessThan(1000);
    // Without a budget, and for a keyed write (the outbox waits on its own), no second request.
    const impatient = createHttpBackend({ baseUrl: server.url, rateLimitWaitMs: 0 });
    server.faults.push({ type: 'status', status: 429, retryAfter: '0' });
    expect(await rejection(impatient.listImpact({ customerId: 'c-1' }))).toMatchObject({
      status: 429,
    });
    server.faults.push({ type: 'status', status: 429, retryAfter: '0' });
    expect(await rejection(backend.submitResponse(response(1)))).toMatchObject({ status: 429 });
    expect(server.requests.filter((r) => r.path === '/v1/responses')).toHaveLength(1);
    expect(reads()).toHaveLength(5);
  });

  it('given a dropped connection, a timeout or a nonsense answer › retryable errors that say which', async () => {
    server = await startProtocolServer();
    const backend = createHttpBackend({ baseUrl: server.url, timeoutMs: 200 });
    server.faults.push({ type: 'drop' });
    expect(await rejection(backend.submitResponse(response(1)))).toMatchObject({
      status: 0,
      code: 'network',
      retryable: true,
    });
    server.faults.push({ type: 'delay', ms: 600 });
    expect(await rejection(backend.submitResponse(response(1)))).toMatchObject({
      status: 0,
      code: 'timeout',
      retryable: true,
    });
    server.faults.push({ type: 'garbage' });
    const garbage = await rejection(backend.submitResponse(response(1)));
    expect(garbage).toMatchObject({ code: 'invalid_response', retryable: true });
    expect(garbage.message).toContain('receipt');
  });

  it('calls a headers function for every request, and sends keepalive only for small writes', async () => {
    server = await startProtocolServer();
    const seen: { keepalive: boolean | undefined; auth: string | undefined }[] = [];
    let token = 0;
    const tracing: FetchLike = (url, init) => {
      seen.push({ keepalive: init.keepalive, auth: init.headers.authorization });
      return fetch(url, init as RequestInit);
    };
    const backend = createHttpBackend({
      baseUrl: `${server.url}/`,
      fetch: tracing,
      headers: async () => ({ authorization: `Bearer token-${++token}` }),
    });
    await backend.submitResponse(response(1));
    await backend.submitResponse({
      ...response(2),
      answers: { why: 'é'.repeat(9_000), more: 'é'.repeat(9_000), most: '€'.repeat(9_000) },
    });
    await backend.listImpact({ customerId: 'c-1' });
    expect(seen).toEqual([
      { keepalive: true, auth: 'Bearer token-1' },
      { keepalive: undefined, auth: 'Bearer token-2' },
      { keepalive: undefined, auth: 'Bearer token-3' },
    ]);
  });

  it('given an outbox over HTTP and a failing server › every answer arrives exactly once once it recovers', async () => {
    server = await startProtocolServer();
    server.decide = () => ({ type: 'status', status: 503 });
    const backend = createHttpBackend({ baseUrl: server.url });
    const outbox = createOutbox({
      backend,
      storage: createMemoryOutboxStorage(),
      baseDelayMs: 10,
      maxDelayMs: 50,
    });
    await outbox.start();
    for (let n = 1; n <= 5; n++) await outbox.enqueue('response', response(n));
    await outbox.flush();
    expect(server.backend.responses()).toEqual([]);
    server.decide = undefined;
    server.faults.push({ type: 'processThenFail' }, { type: 'drop' });
    await vi.waitFor(
      async () => {
        await outbox.flush({ retryNow: true });
        expect(outbox.status().pending).toBe(0);
      },
      { timeout: 5000, interval: 50 },
    );
    expect(
      server.backend
        .responses()
        .map((stored) => stored.id)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5].map((n) => response(n).id));
  });
});

describe('credentials: customers and the team', () => {
  const anna: Actor = { kind: 'team', id: 'anna' };

  it("given a customer credential › only that customer's data; never a team route", async () => {
    server = await startProtocolServer({ bearerAuth: true });
    const c1 = createHttpBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    await c1.submitResponse(response(1, 'c-1'));
    const forged = await rejection(c1.submitResponse(response(2, 'c-2')));
    expect(forged).toMatchObject({ status: 403, code: 'forbidden', retryable: false });
    expect(
      await rejection(c1.listMyFeedback?.({ customerId: 'c-2' }) ?? Promise.resolve()),
    ).toMatchObject({ status: 403 });
    const asTeam = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    expect(await rejection(asTeam.listFeedback())).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const anonymous = createHttpTeamBackend({ baseUrl: server.url });
    expect(await rejection(anonymous.listFeedback())).toMatchObject({
      status: 401,
      code: 'unauthorized',
    });
  });

  it("given a customer credential › sets that customer's contact choices only; a bad one is a 400 naming its path", async () => {
    server = await startProtocolServer({ bearerAuth: true });
    const c1 = createHttpBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    await c1.recordDismissal({
      ...display(1),
      reason: 'optOut',
      optOutScope: 'survey',
      step: 'asking',
      submitted: false,
    });
    expect((await c1.getContactHistory?.({ customerId: 'c-1' }))?.optedOutOf).toEqual({
      'nps-dashboard': at,
    });
    const choice = {
      id: 'choice-1',
      scope: 'survey' as const,
      surveyId: 'nps-dashboard',
      optedOut: false,
      at: '2026-11-23T10:00:01.000Z',
    };
    // Turning another customer's opt-out back on (or off) is refused, and changes nothing.
    const forged = await rejection(
      c1.setContactChoice?.({ ...choice, customerId: 'c-2' }) ?? Promise.resolve(),
    );
    expect(forged).toMatchObject({ status: 403, code: 'forbidden' });
    // The client checks before sending; the server checks what any caller sends.
    await expect(
      c1.setContactChoice?.({ ...choice, customerId: 'c-1', surveyId: '' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const bad = await fetch(`${server.url}/v1/contact-choices`, {
      method: 'POST',
      headers: { authorization: 'Bearer customer c-1', 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, choice: { ...choice, customerId: 'c-1', surveyId: '' } }),
    });
    const body = (await bad.json()) as { error: { code: string; problems: { path: string }[] } };
    expect([bad.status, body.error.code]).toEqual([400, 'invalid_request']);
    expect(body.error.problems.map((problem) => problem.path)).toEqual(['choice.surveyId']);
    expect((await c1.getContactHistory?.({ customerId: 'c-1' }))?.optedOutOf).toEqual({
      'nps-dashboard': at,
    });
    await c1.setContactChoice?.({ ...choice, customerId: 'c-1' });
    expect((await c1.getContactHistory?.({ customerId: 'c-1' }))?.optedOutOf).toBeUndefined();
  });

  it("given a team credential › the inbox, actions as the credential's member, shipped changes and metrics", async () => {
    server = await startProtocolServer({ bearerAuth: true });
    const c1 = createHttpBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    await c1.submitResponse(response(1, 'c-1'));
    const team = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer team anna' },
    });
    const {
      items: [item],
    } = await team.listFeedback({ status: ['new'] });
    expect(item?.id).toBe('response-0001');
    const triaged = await team.act(
      'response-0001',
      { type: 'feedback.triage' },
      { kind: 'team', id: 'someone-else' },
    );
    expect(triaged.history.at(-1)).toMatchObject({ to: 'triaged', by: { id: 'anna' } });
    const conflict = await rejection(team.act('response-0001', { type: 'feedback.answer' }, anna));
    expect(conflict).toMatchObject({
      status: 409,
      code: 'lifecycle.teamReplyRequired',
      retryable: false,
    });
    const declineWithoutReason = await rejection(
      team.act('response-0001', { type: 'feedback.decline', reason: '' } as never, anna),
    ).catch((error: unknown) => error);
    expect(declineWithoutReason).toBeDefined();
    await team.shipChange(
      { id: 'fast-exports', weDid: 'Exports are fast now', itemIds: ['response-0001'] },
      anna,
    );
    expect((await c1.listImpact({ customerId: 'c-1' })).map((notice) => notice.weDid)).toEqual([
      'Exports are fast now',
    ]);
    expect(await team.listChanges()).toHaveLength(1);
    expect(await team.loopMetrics({ responseTargetHours: 24 })).toMatchObject({
      total: 1,
      unprocessed: 0,
    });
    expect(await rejection(team.getFeedback('response-9999'))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('given a team credential › the inbox facets over HTTP, as the backend counts them; a bad query is a 400 naming `query.limit`; a customer may not ask', async () => {
    server = await startProtocolServer({ bearerAuth: true });
    for (const [n, customerId, seats] of [
      [1, 'c-1', 12],
      [2, 'c-2', '12'],
      [3, 'c-3', 12],
    ] as const) {
      const c = createHttpBackend({
        baseUrl: server.url,
        headers: { authorization: `Bearer customer ${customerId}` },
      });
      await c.submitResponse({ ...response(n, customerId), segment: { seats } });
    }
    const team = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer team anna' },
    });
    const facets = await team.inboxFacets({ limit: 5 });
    expect(facets).toEqual(await server.backend.team.inboxFacets({ limit: 5 }));
    expect(facets.segments).toEqual([
      {
        key: 'seats',
        count: 3,
        values: [
          { value: 12, count: 2 },
          { value: '12', count: 1 },
        ],
        omitted: { values: 0, items: 0 },
      },
    ]);
    const answer = await fetch(`${server.url}/v1/team/feedback/facets`, {
      method: 'POST',
      headers: { authorization: 'Bearer team anna', 'content-type': 'application/json' },
      body: JSON.stringify({ protocol: 1, query: { limit: 1000 } }),
    });
    expect(answer.status).toBe(400);
    expect(
      ((await answer.json()) as { error: { problems: { path: string }[] } }).error.problems.map(
        (problem) => problem.path,
      ),
    ).toEqual(['query.limit']);
    const asCustomer = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    expect(await rejection(asCustomer.inboxFacets())).toMatchObject({ status: 403 });
  });

  it('given a team port without inboxFacets › the route answers 404 not_found, which a client can fall back from', async () => {
    const backend = createMemoryBackend();
    const { inboxFacets: _, ...withoutFacets } = backend.team;
    server = await startProtocolServer({ bearerAuth: true, backend, team: withoutFacets });
    const team = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer team anna' },
    });
    expect(await rejection(team.inboxFacets())).toMatchObject({
      status: 404,
      code: 'not_found',
      retryable: false,
    });
    expect((await team.listFeedback()).items).toEqual([]);
  });

  it('given a team credential › loop metrics take a response target of up to a million hours; another is a 400 naming `responseTargetHours`, never a 500', async () => {
    server = await startProtocolServer({ bearerAuth: true });
    const team = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer team anna' },
    });
    expect((await team.loopMetrics({ responseTargetHours: 1_000_000 })).total).toBe(0);
    for (const responseTargetHours of [0, -2, 1_000_001, 1e308, '48']) {
      const answer = await fetch(`${server.url}/v1/team/metrics`, {
        method: 'POST',
        headers: { authorization: 'Bearer team anna', 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 1, responseTargetHours }),
      });
      const body = (await answer.json()) as { error?: { problems?: { path: string }[] } };
      expect(answer.status, String(responseTargetHours)).toBe(400);
      expect(body.error?.problems?.map((problem) => problem.path)).toEqual(['responseTargetHours']);
    }
    const refused = await team
      .loopMetrics({ responseTargetHours: 0 })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
  });

  it('given a team credential › pages the inbox: `next` goes back as `cursor`; a bad cursor is a 400 naming `query.cursor`, never a 500', async () => {
    server = await startProtocolServer({ bearerAuth: true });
    const c1 = createHttpBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer customer c-1' },
    });
    for (let n = 1; n <= 5; n++) await c1.submitResponse(response(n, 'c-1'));
    const team = createHttpTeamBackend({
      baseUrl: server.url,
      headers: { authorization: 'Bearer team anna' },
    });
    const ids: string[] = [];
    let page = await team.listFeedback({ sort: 'oldest', limit: 2 });
    const sizes = [page.items.length];
    ids.push(...page.items.map((item) => item.id));
    while (page.next) {
      page = await team.listFeedback({ sort: 'oldest', limit: 2, cursor: page.next });
      sizes.push(page.items.length);
      ids.push(...page.items.map((item) => item.id));
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(ids).toEqual([1, 2, 3, 4, 5].map((n) => response(n).id));

    const post = async (query: unknown) => {
      const answer = await fetch(`${server.url}/v1/team/feedback/query`, {
        method: 'POST',
        headers: { authorization: 'Bearer team anna', 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 1, query }),
      });
      return {
        status: answer.status,
        body: (await answer.json()) as {
          error?: { code: string; problems?: { path: string }[] };
          next?: string;
        },
      };
    };
    const first = await post({ sort: 'newest', limit: 1 });
    expect(first.status).toBe(200);
    expect(first.body.next).toEqual(expect.any(String));
    for (const query of [
      { cursor: 'garbage' },
      { cursor: 42 },
      { sort: 'oldest', cursor: first.body.next },
      { cursor: `${first.body.next}x` },
    ]) {
      const bad = await post(query);
      expect(bad.status, JSON.stringify(query)).toBe(400);
      expect(bad.body.error?.code).toBe('invalid_request');
      expect(bad.body.error?.problems?.map((problem) => problem.path)).toEqual(['query.cursor']);
    }
    const tooMany = await post({ limit: 501 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error?.problems?.map((problem) => problem.path)).toEqual(['query.limit']);
    // The client checks before it sends: the same path, as a ValidationError.
    const refused = await team.listFeedback({ cursor: 'garbage' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems.map((problem) => problem.path)).toEqual([
      'query.cursor',
    ]);
  });
});
