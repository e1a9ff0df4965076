import { protocolRoutes } from '@palaute/engine';
import fc from 'fast-check';
import { openStorage } from '../../packages/server/src/index';
import { anna, customer, displayOf, responseOf, teamOf, testServer } from './server.support';

const paths = Object.values(protocolRoutes).map((route) => route.path);
const SCRIPT = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';

/** JSON-ish values that attack parsers: deep nesting, long strings, prototype keys, scripts. */
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(SCRIPT, '__proto__', '', '\u0000', '\ud800', 'constructor'),
    fc.string({ maxLength: 50 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'protocol'), fc.string()),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** Raw bodies: valid-looking envelopes with hostile parts, broken JSON, huge and deep documents. */
const hostileBody = fc.oneof(
  hostileValue.map((value) => JSON.stringify({ protocol: 1, items: [value], response: value })),
  hostileValue.map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string({ maxLength: 200 }),
  fc.nat({ max: 100_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc
    .nat({ max: 5000 })
    .map((depth) => `{"protocol":1,"query":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`),
  fc.constant(`{"protocol":1,"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}`),
  fc.constant(`{"protocol":1,"response":"${'x'.repeat(300_000)}"}`),
);

const headerSets = [
  customer('alice'),
  teamOf(anna),
  { 'content-type': 'application/json' },
  { ...customer('alice'), 'content-type': 'text/plain' },
  { ...customer('alice'), 'content-type': 'application/json; charset=utf-16' },
];

describe('hostile requests', () => {
  it('given random and hostile bodies on every route, any method and credential › never a 5xx, always a protocol error body', async () => {
    const { server } = testServer();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths, '/v1/nope', '/v1/team/../responses', '/v1/'),
        fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'GET', 'DELETE'),
        fc.constantFrom(...headerSets),
        hostileBody,
        async (path, method, headers, body) => {
          const response = await server.fetch(
            new Request(`http://localhost${path}`, {
              method,
              headers,
              ...(method === 'GET' ? {} : { body }),
            }),
          );
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) {
            const answer = (await response.json()) as { error: { code: string; message: string } };
            expect(answer.error.message.length).toBeGreaterThan(0);
          }
          expect(({} as Record<string, unknown>).admin).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it('given batches mixing valid writes with malformed ones (non-strings where a string belongs, reserved keys, nulls) › on memory and PGlite, one verdict per item in order, each malformed one rejected naming its path, never a 5xx', async () => {
    const storage = await openStorage();
    try {
      const servers = [
        testServer(),
        testServer({ backend: storage.backend, team: storage.team, customerData: storage }),
      ];
      const reserved = fc.constantFrom('__proto__', 'constructor', 'prototype');
      const field = fc.constantFrom('id', 'customerId', 'surveyId', 'locale', 'startedAt');
      const notAString = fc.constantFrom<unknown>(
        { toString: 'x' },
        { valueOf: 1 },
        ['x'],
        12,
        true,
        null,
      );
      /** A malformed item, as raw JSON (so `__proto__` stays a key), and the path it must name. */
      type Made = { json: string; path: string | undefined };
      const malformed = fc.oneof(
        fc.tuple(field, notAString).map(
          ([name, value]) =>
            (id: string): Made => ({
              json: JSON.stringify({
                kind: 'response',
                payload: { ...responseOf(id, 'alice'), [name]: value },
              }),
              path: `payload.${name}`,
            }),
        ),
        fc
          .tuple(fc.constantFrom('segment', 'answers'), reserved)
          .map(([where, key]) => (id: string): Made => {
            const json = JSON.stringify({ kind: 'response', payload: responseOf(id, 'alice') });
            return {
              json:
                where === 'segment'
                  ? json.replace('"locale"', `"segment":{"${key}":{"admin":true}},"locale"`)
                  : json.replace('"nps":4', `"${key}":"x","nps":4`),
              path: `payload.${where}.${key}`,
            };
          }),
        fc
          .constantFrom<unknown>(null, 'x', 12, [], {}, { kind: 'display' })
          .map((value) => (): Made => ({ json: JSON.stringify(value), path: '' })),
      );
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constant(undefined), malformed), { minLength: 1, maxLength: 6 }),
          fc.constantFrom(0, 1),
          async (entries, which) => {
            const made = entries.map((make): Made => {
              n += 1;
              const id = `response-hostile-${n}`;
              return make
                ? make(id)
                : {
                    json: JSON.stringify({ kind: 'display', payload: displayOf(id, 'alice') }),
                    path: undefined,
                  };
            });
            const response = await (servers[which] as (typeof servers)[number]).server.fetch(
              new Request('http://localhost/v1/deliveries', {
                method: 'POST',
                headers: customer('alice'),
                body: `{"protocol":1,"items":[${made.map((item) => item.json).join(',')}]}`,
              }),
            );
            expect(response.status).toBe(200);
            const { results } = (await response.json()) as {
              results: { outcome: string; error?: { message: string } }[];
            };
            expect(results).toHaveLength(made.length);
            made.forEach((item, index) => {
              const result = results[index];
              if (item.path === undefined) expect(result?.outcome).toBe('stored');
              else {
                expect(result?.outcome).toBe('rejected');
                expect(result?.error?.message).toContain(
                  item.path ? `items[${index}].${item.path}` : `items[${index}]`,
                );
              }
            });
            expect(({} as Record<string, unknown>).admin).toBeUndefined();
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      await storage.close();
    }
  }, 120_000);

  it('given a script payload in every text field › stores it inert and gives it back verbatim as a JSON string', async () => {
    const { post } = testServer();
    const stored = await post('/v1/responses', customer('alice'), {
      response: responseOf('response-0001', 'alice', {
        answers: {
          nps: 2,
          why: SCRIPT,
          plan: { selected: ['other'], other: SCRIPT },
          contact: true,
        },
      }),
    });
    expect(stored.status).toBe(200);
    await post('/v1/follow-ups', customer('alice'), {
      followUp: {
        responseId: 'response-0001',
        followUpId: 'more',
        questionId: 'more',
        answer: SCRIPT,
        answeredAt: '2026-11-23T10:01:00.000Z',
      },
    });
    await post('/v1/team/feedback/act', teamOf(anna), {
      id: 'response-0001',
      action: { type: 'reply.team', reply: { id: 'team-reply-1', body: SCRIPT } },
    });
    const replied = await post('/v1/replies', customer('alice'), {
      reply: {
        itemId: 'response-0001',
        customerId: 'alice',
        replyId: 'reply-0001',
        body: SCRIPT,
        at: '2026-11-23T11:00:00.000Z',
      },
    });
    expect(replied.status).toBe(200);
    const mine = await post('/v1/feedback/query', customer('alice'), {
      query: { customerId: 'alice' },
    });
    expect(mine.headers.get('content-type')).toMatch(/^application\/json/);
    const [item] = mine.body.items as {
      answers: Record<string, unknown>;
      replies: { body: string }[];
    }[];
    expect(item?.answers.why).toBe(SCRIPT);
    expect(item?.answers.plan).toEqual({ selected: ['other'], other: SCRIPT });
    expect(item?.answers.more).toBe(SCRIPT);
    expect(item?.replies.map((reply) => reply.body)).toEqual([SCRIPT, SCRIPT]);
    const inbox = await post('/v1/team/feedback/get', teamOf(anna), { id: 'response-0001' });
    expect((inbox.body.item as { text: string }).text).toContain(SCRIPT);
    // The display route takes the same payload shape: scripts in ids are refused or kept as text.
    const display = await post('/v1/displays', customer('alice'), {
      display: { ...displayOf('response-0002', 'alice'), surveyId: SCRIPT },
    });
    expect(display.status).toBe(400);
  });

  it('given a body over the limit (by Content-Length or by its bytes) › 413 naming the limit', async () => {
    const { server } = testServer({ maxBodyBytes: 1000 });
    const response = await server.fetch(
      new Request('http://localhost/v1/responses', {
        method: 'POST',
        headers: customer('alice'),
        body: JSON.stringify({ protocol: 1, padding: 'x'.repeat(2000) }),
      }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      protocol: 1,
      error: { code: 'payload_too_large', message: 'The body is over 1000 bytes.' },
    });
  });

  it('given malformed JSON or a wrong content type › 400 / 415 naming the problem', async () => {
    const { server } = testServer();
    const send = (body: string, type: string) =>
      server.fetch(
        new Request('http://localhost/v1/responses', {
          method: 'POST',
          headers: { ...customer('alice'), 'content-type': type },
          body,
        }),
      );
    const broken = await send('{"protocol":1,', 'application/json');
    expect([
      broken.status,
      ((await broken.json()) as { error: { message: string } }).error.message,
    ]).toEqual([400, 'The body is not valid JSON.']);
    const form = await send('protocol=1', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
  });
});
