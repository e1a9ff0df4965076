import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type WebhookEvent,
  webhookDeliveriesPageSchema,
  webhookEventSchema,
} from '@palaute/engine';
import {
  type OpenServerOptions,
  openServer,
  verifyWebhook,
  webhookBackoff,
} from '../../packages/server/src/index';
import { readServerEnv } from '../../packages/server/src/server.config';
import { anna, customer, publishableKey, responseOf, secret, teamOf } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// Each test opens a database (PGlite takes seconds on a busy machine) and waits for deliveries.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const hookSecret = 'whsec-0123456789abcdef';

/** One request the receiver got. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1: answers each request as `answer` says (status, after a delay),
 * and keeps what it got.
 */
async function startReceiver(
  answer: (index: number) => { status: number; delayMs?: number } = () => ({ status: 200 }),
) {
  const received: Received[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const index = received.length;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, delayMs = 0 } = answer(index);
      setTimeout(() => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(status < 300 ? 'ok' : 'no');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/palaute`,
    received,
    /** The events received, each parsed and checked against the schema. */
    events: () => received.map((request) => webhookEventSchema.parse(JSON.parse(request.body))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A receiver that answers 200 to each request only once `held` resolves (calling `onAnswer`). */
async function startSlowReceiver(held: Promise<void>, onAnswer: () => void) {
  const received: Received[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      void held.then(() => {
        onAnswer();
        response.writeHead(200).end('ok');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slow`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('Timed out waiting.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Fast worker settings for tests: polls often, retries after 50–100 ms. */
const fastWorker = { pollMs: 20, backoffMs: 100, timeoutMs: 5000, random: () => 0 };

const storages = [
  { name: 'PGlite (in memory)', run: true, open: async () => ({ drop: async () => {} }) },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    open: async () => {
      const database = await freshDatabase(databaseUrl as string);
      return { databaseUrl: database.url, drop: database.drop };
    },
  },
];

describe.each(storages)('outgoing webhooks: $name', ({ run, open }) => {
  const it = run ? test : test.skip;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A server on this storage with one webhook endpoint. */
  const serverFor = async (url: string, webhooks: Partial<OpenServerOptions['webhooks']> = {}) => {
    const { drop, ...database } = await open();
    const server = await openServer({
      ...database,
      secret,
      publishableKey,
      teamTokens: [anna],
      rateLimits: { customer: false, ip: false },
      webhooks: {
        endpoints: [{ id: 'chat', url, secret: hookSecret }],
        worker: fastWorker,
        ...webhooks,
      },
    });
    cleanups.push(async () => {
      await server.close();
      // A database's own background worker may hold it for a moment.
      await drop().catch(async () =>
        new Promise((resolve) => setTimeout(resolve, 1000)).then(drop),
      );
    });
    const post = async (path: string, headers: Record<string, string>, body: object) => {
      const response = await server.fetch(
        new Request(`http://localhost${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ protocol: 1, ...body }),
        }),
      );
      return { status: response.status, body: (await response.json()) as Record<string, never> };
    };
    const get = (path: string, headers: Record<string, string>) =>
      server.fetch(new Request(`http://localhost${path}`, { headers }));
    return { server, post, get };
  };

  it('given the dialogue › the receiver gets each event once, signed, in order, with the item and who acted', async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { post } = await serverFor(receiver.url);
    const c1 = customer('c-1');
    expect(
      (await post('/v1/responses', c1, { response: responseOf('response-0001', 'c-1') })).status,
    ).toBe(200);
    const act = (action: object) =>
      post('/v1/team/feedback/act', teamOf(anna), { id: 'response-0001', action });
    expect(
      (await act({ type: 'reply.team', reply: { id: 'team-0001', body: 'Which?' } })).status,
    ).toBe(200);
    const reply = {
      itemId: 'response-0001',
      customerId: 'c-1',
      replyId: 'reply-0001',
      body: 'The CSV one',
      at: '2026-11-23T10:05:00.000Z',
    };
    expect((await post('/v1/replies', c1, { reply })).status).toBe(200);
    // A replay of the reply is one reply: no second event.
    expect((await post('/v1/replies', c1, { reply })).status).toBe(200);
    // The team's reply already triaged it (replying is handling, one status event): triaging
    // again is refused, and makes no event.
    expect((await act({ type: 'feedback.triage' })).status).toBe(409);
    // Tags change no status: no event.
    expect((await act({ type: 'tags.add', tags: ['exports'] })).status).toBe(200);
    const shipped = await post('/v1/team/changes', teamOf(anna), {
      change: { id: 'fast-exports', weDid: 'Exports are 10× faster', itemIds: ['response-0001'] },
    });
    expect(shipped.status).toBe(200);

    await until(() => receiver.received.length >= 5);
    // Nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(5);
    for (const { headers, body } of receiver.received) {
      expect(
        verifyWebhook({
          secret: hookSecret,
          body,
          signature: headers['palaute-signature'] as string,
        }),
      ).toBe(true);
      // Another secret, or the body changed, does not verify.
      expect(
        verifyWebhook({
          secret: 'another-secret-0123456789',
          body,
          signature: headers['palaute-signature'] as string,
        }),
      ).toBe(false);
      expect(
        verifyWebhook({
          secret: hookSecret,
          body: `${body} `,
          signature: headers['palaute-signature'] as string,
        }),
      ).toBe(false);
      expect(headers['content-type']).toBe('application/json');
      expect(headers['palaute-event-id']).toBe(JSON.parse(body).id);
      expect(headers['palaute-attempt']).toBe('1');
    }
    const events = receiver.events();
    expect(new Set(events.map((event) => event.id)).size).toBe(5);
    // Deliveries run at once, so the order they arrive in is not promised: compare as a set.
    const summary = (event: WebhookEvent) => {
      switch (event.type) {
        case 'feedback.created':
          return [event.type, event.data.item.id, event.data.item.text];
        case 'feedback.customer_replied':
          return [event.type, event.data.reply.body, event.data.item.replies.length];
        case 'feedback.status_changed':
          return [event.type, event.data.from, event.data.to, event.data.by.id];
        case 'change.shipped':
          return [event.type, event.data.change.id, event.data.by.id];
      }
    };
    expect(events.map(summary).sort()).toEqual(
      [
        ['feedback.created', 'response-0001', 'Exports are slow'],
        ['feedback.customer_replied', 'The CSV one', 2],
        ['feedback.status_changed', 'new', 'triaged', 'anna'],
        ['feedback.status_changed', 'triaged', 'shipped', 'anna'],
        ['change.shipped', 'fast-exports', 'anna'],
      ].sort(),
    );
  });

  it('given a receiver that answers 500 once › the event comes again with the same id, signed, and the log shows both attempts', async () => {
    const receiver = await startReceiver((index) => ({ status: index === 0 ? 500 : 204 }));
    cleanups.push(receiver.close);
    const { post, get } = await serverFor(receiver.url);
    await post('/v1/responses', customer('c-1'), { response: responseOf('response-0001', 'c-1') });
    await until(() => receiver.received.length >= 2);
    const [first, second] = receiver.events();
    expect(second?.id).toBe(first?.id);
    expect(receiver.received.map((request) => request.headers['palaute-attempt'])).toEqual([
      '1',
      '2',
    ]);
    for (const { headers, body } of receiver.received)
      expect(
        verifyWebhook({
          secret: hookSecret,
          body,
          signature: headers['palaute-signature'] as string,
        }),
      ).toBe(true);
    await until(async () => {
      const log = await (await get('/v1/team/webhooks/deliveries', teamOf(anna))).json();
      return (log as { deliveries: { state: string }[] }).deliveries[0]?.state === 'delivered';
    });
    const answer = await get('/v1/team/webhooks/deliveries', teamOf(anna));
    expect(answer.status).toBe(200);
    const log = webhookDeliveriesPageSchema.parse(await answer.json());
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({
      eventId: first?.id,
      eventType: 'feedback.created',
      endpoint: 'chat',
      state: 'delivered',
    });
    expect(log.deliveries[0]?.attempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [500, 'HTTP 500'],
      [204, undefined],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.received).toHaveLength(2);
  });

  it('given a receiver that always fails › stops after maxAttempts and logs it failed; the log filters and pages', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }));
    cleanups.push(receiver.close);
    const { post, get } = await serverFor(receiver.url, {
      worker: { ...fastWorker, maxAttempts: 3 },
    });
    await post('/v1/responses', customer('c-1'), { response: responseOf('response-0001', 'c-1') });
    await post('/v1/responses', customer('c-2'), { response: responseOf('response-0002', 'c-2') });
    const failed = async () =>
      webhookDeliveriesPageSchema.parse(
        await (await get('/v1/team/webhooks/deliveries?state=failed', teamOf(anna))).json(),
      );
    await until(async () => (await failed()).deliveries.length === 2);
    expect(receiver.received).toHaveLength(6);
    expect((await failed()).deliveries.every((delivery) => delivery.attempts.length === 3)).toBe(
      true,
    );
    const first = webhookDeliveriesPageSchema.parse(
      await (await get('/v1/team/webhooks/deliveries?limit=1', teamOf(anna))).json(),
    );
    expect(first.deliveries).toHaveLength(1);
    const rest = webhookDeliveriesPageSchema.parse(
      await (
        await get(`/v1/team/webhooks/deliveries?limit=1&cursor=${first.next}`, teamOf(anna))
      ).json(),
    );
    expect(rest.deliveries.map((delivery) => delivery.id)).not.toContain(first.deliveries[0]?.id);
    expect(rest.next).toBeUndefined();
    // A bad query names its path; a customer never reads the log.
    const bad = await get('/v1/team/webhooks/deliveries?limit=9999&state=lost', teamOf(anna));
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { error: { problems: { path: string }[] } }).error
      .problems;
    expect(problems.map((problem) => problem.path).sort()).toEqual(['limit', 'state']);
    expect((await get('/v1/team/webhooks/deliveries', customer('c-1'))).status).toBe(403);
    expect((await get('/v1/team/webhooks/deliveries', {})).status).toBe(401);
  });

  it('given a slow receiver › writes do not wait for it', async () => {
    // The receiver holds every answer until the test lets it go.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let answered = 0;
    cleanups.push(async () => release());
    const slow = await startSlowReceiver(held, () => {
      answered += 1;
    });
    cleanups.push(slow.close);
    const { post } = await serverFor(slow.url, { worker: { ...fastWorker, timeoutMs: 30_000 } });
    await post('/v1/responses', customer('c-1'), { response: responseOf('response-0001', 'c-1') });
    await until(() => slow.received.length >= 1);
    // The receiver holds the first delivery; more writes go through meanwhile.
    for (let index = 2; index <= 6; index += 1) {
      const answer = await post('/v1/responses', customer('c-1'), {
        response: responseOf(`response-000${index}`, 'c-1'),
      });
      expect(answer.status).toBe(200);
    }
    const triage = await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0002',
      action: { type: 'feedback.triage' },
    });
    expect(triage.status).toBe(200);
    // Every write is done, and the receiver has not answered one delivery yet.
    expect(answered).toBe(0);
    release();
    await until(() => answered >= 7, 30_000);
    expect(new Set(slow.received.map((request) => request.headers['palaute-event-id'])).size).toBe(
      7,
    );
  });

  it('given a customer deleted › the events about them go too', async () => {
    const receiver = await startReceiver(() => ({ status: 500 }));
    cleanups.push(receiver.close);
    const { post, get } = await serverFor(receiver.url, { worker: false });
    await post('/v1/responses', customer('c-1'), { response: responseOf('response-0001', 'c-1') });
    await post('/v1/responses', customer('c-2'), { response: responseOf('response-0002', 'c-2') });
    const count = async () =>
      webhookDeliveriesPageSchema.parse(
        await (await get('/v1/team/webhooks/deliveries', teamOf(anna))).json(),
      ).deliveries.length;
    expect(await count()).toBe(2);
    expect(
      (await post('/v1/team/customers/delete', teamOf(anna), { customerId: 'c-1' })).status,
    ).toBe(200);
    expect(await count()).toBe(1);
    // `worker: false`: this instance queues and never calls the network.
    expect(receiver.received).toHaveLength(0);
  });
});

describe('outgoing webhooks: durability', () => {
  it('given a server restarted before delivery (PGlite folder) › the queued event is delivered after the restart, once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'palaute-webhooks-'));
    const receiver = await startReceiver();
    try {
      const options = {
        dataDir,
        secret,
        publishableKey,
        teamTokens: [anna],
        rateLimits: { customer: false as const, ip: false as const },
      };
      const endpoints = [{ id: 'chat', url: receiver.url, secret: hookSecret }];
      // The first instance queues but does not deliver (another process would).
      const first = await openServer({ ...options, webhooks: { endpoints, worker: false } });
      const answer = await first.fetch(
        new Request('http://localhost/v1/responses', {
          method: 'POST',
          headers: customer('c-1'),
          body: JSON.stringify({ protocol: 1, response: responseOf('response-0001', 'c-1') }),
        }),
      );
      expect(answer.status).toBe(200);
      await first.close();
      expect(receiver.received).toHaveLength(0);
      const second = await openServer({ ...options, webhooks: { endpoints, worker: fastWorker } });
      try {
        await until(() => receiver.received.length >= 1);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(receiver.events().map((event) => [event.type, event.data])).toEqual([
          [
            'feedback.created',
            expect.objectContaining({ item: expect.objectContaining({ id: 'response-0001' }) }),
          ],
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('webhook signatures and settings', () => {
  it('verifies within the replay window only, and with any of several secrets (rotation)', () => {
    const body = '{"id":"e-1"}';
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    const t = Math.floor(now / 1000);
    const signature = (key: string, time = t) =>
      `t=${time},v1=${createHmac('sha256', key).update(`${time}.${body}`).digest('hex')}`;
    const check = (header: string, nowMs = now, keys: string | string[] = hookSecret) =>
      verifyWebhook({ secret: keys, body, signature: header, now: () => nowMs });
    expect(check(signature(hookSecret))).toBe(true);
    expect(check(signature(hookSecret), now + 299_000)).toBe(true);
    expect(check(signature(hookSecret), now + 301_000)).toBe(false);
    expect(check(signature(hookSecret), now - 301_000)).toBe(false);
    expect(
      check(signature('old-secret-0123456789'), now, ['old-secret-0123456789', hookSecret]),
    ).toBe(true);
    expect(check('')).toBe(false);
    expect(check(`t=${t}`)).toBe(false);
    expect(check(`t=soon,v1=abc`)).toBe(false);
  });

  it('backs off exponentially with jitter, up to the most', () => {
    const options = { backoffMs: 1000, maxBackoffMs: 10_000 };
    expect([1, 2, 3, 4, 5].map((n) => webhookBackoff(n, { ...options, random: () => 0 }))).toEqual([
      500, 1000, 2000, 4000, 5000,
    ]);
    expect(
      [1, 2, 3, 4, 5].map((n) => webhookBackoff(n, { ...options, random: () => 0.999999 })),
    ).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });

  it('reads PALAUTE_WEBHOOKS, naming each problem', () => {
    const base = { PALAUTE_SECRET: secret, PALAUTE_PUBLISHABLE_KEY: publishableKey };
    const config = readServerEnv({
      ...base,
      PALAUTE_WEBHOOKS: JSON.stringify([
        {
          id: 'chat',
          url: 'https://hooks.example.com/palaute',
          secret: hookSecret,
          events: ['feedback.created'],
        },
      ]),
    });
    expect(config.server.webhooks?.endpoints).toEqual([
      {
        id: 'chat',
        url: 'https://hooks.example.com/palaute',
        secret: hookSecret,
        events: ['feedback.created'],
      },
    ]);
    expect(() =>
      readServerEnv({
        ...base,
        PALAUTE_WEBHOOKS: JSON.stringify([
          { id: 'chat', url: 'ftp://x', secret: 'short', events: ['feedback.deleted'] },
          { id: 'chat', url: 'https://a.example', secret: hookSecret },
        ]),
      }),
    ).toThrow(
      /PALAUTE_WEBHOOKS\[0\]\.url: must be an absolute http\(s\) URL[\s\S]*PALAUTE_WEBHOOKS\[0\]\.secret[\s\S]*PALAUTE_WEBHOOKS\[0\]\.events\[0\]/,
    );
    expect(() => readServerEnv({ ...base, PALAUTE_WEBHOOKS: 'nope' })).toThrow(
      /PALAUTE_WEBHOOKS: is not JSON/,
    );
  });
});
