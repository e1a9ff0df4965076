import fc from 'fast-check';
import { createServer, openServer } from '../../packages/server/src/index';
import { anna, customer, publishableKey, responseOf, secret, teamOf } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

// Every team refusal over HTTP, the same on the memory backend, PGlite and PostgreSQL: what the
// lifecycle refuses is a 409 `lifecycle.<code>`, an unknown item a 404, never a 5xx. The `server`
// project runs it on the sources; the `server-built` project runs it on the built packages
// (packages/*/dist, loaded by Node as a host loads them), where each entry point of the engine
// once carried its own copy of the error classes and every refusal from SQL storage was a 500.

type Post = (
  path: string,
  headers: Record<string, string>,
  body?: object,
) => Promise<{ status: number; code: string | undefined; body: Record<string, unknown> }>;

interface Opened {
  post: Post;
  close(): Promise<void>;
}

const options = {
  secret,
  publishableKey,
  teamTokens: [anna],
  rateLimits: { customer: false, ip: false },
} as const;

function poster(fetch: (request: Request) => Response | Promise<Response>): Post {
  return async (path, headers, body = {}) => {
    const response = await fetch(
      new Request(`http://localhost${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ protocol: 1, ...body }),
      }),
    );
    const json = (await response.json()) as Record<string, unknown> & {
      error?: { code: string };
    };
    return { status: response.status, code: json.error?.code, body: json };
  };
}

const storages = [
  {
    name: 'the memory backend',
    run: true,
    open: async (): Promise<Opened> => {
      const server = createServer(options);
      return { post: poster(server.fetch), close: () => server.close() };
    },
  },
  {
    name: 'PGlite',
    run: true,
    open: async (): Promise<Opened> => {
      const server = await openServer(options);
      return { post: poster(server.fetch), close: () => server.close() };
    },
  },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    open: async (): Promise<Opened> => {
      const database = await freshDatabase(databaseUrl as string);
      const server = await openServer({ ...options, databaseUrl: database.url });
      return {
        post: poster(server.fetch),
        close: async () => {
          await server.close();
          await database.drop();
        },
      };
    },
  },
];

let serial = 0;
/** A fresh item of `customerId` (one per call), consenting to contact or not. */
async function itemOf(post: Post, customerId: string, contact = true): Promise<string> {
  serial += 1;
  const id = `response-${String(serial).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}`;
  const answer = await post('/v1/responses', customer(customerId), {
    response: responseOf(id, customerId, {
      answers: { nps: 3, why: 'Exports are slow', contact },
    }),
  });
  expect(answer.status).toBe(200);
  return id;
}

const act = (post: Post, id: string, action: object) =>
  post('/v1/team/feedback/act', teamOf(anna), { id, action });

describe.each(storages)('team refusals on $name', ({ run, open }) => {
  let opened: Opened;
  beforeAll(async () => {
    if (run) opened = await open();
  }, 180_000);
  afterAll(async () => {
    await opened?.close();
  });
  const it = run ? test : test.skip;

  it('given a move its status does not allow › 409 lifecycle.notFromStatus', async () => {
    const id = await itemOf(opened.post, 'alice');
    expect((await act(opened.post, id, { type: 'feedback.triage' })).status).toBe(200);
    const again = await act(opened.post, id, { type: 'feedback.triage' });
    expect([again.status, again.code]).toEqual([409, 'lifecycle.notFromStatus']);
    const reopen = await act(opened.post, await itemOf(opened.post, 'alice'), {
      type: 'feedback.reopen',
    });
    expect([reopen.status, reopen.code]).toEqual([409, 'lifecycle.notFromStatus']);
  });

  it('given a response whose kind is not one of idea, problem, praise or other › 400 naming response.kind; a known kind reaches the item', async () => {
    const bad = await opened.post('/v1/responses', customer('alice'), {
      response: responseOf('response-kind-bad-01', 'alice', {
        answers: { why: 'Exports are slow' },
        kind: 'complaint' as never,
      }),
    });
    expect([bad.status, bad.code]).toEqual([400, 'invalid_request']);
    expect(JSON.stringify(bad.body)).toContain('response.kind');
    const good = await opened.post('/v1/responses', customer('alice'), {
      response: responseOf('response-kind-good-01', 'alice', {
        answers: { why: 'Exports are slow' },
        kind: 'problem',
      }),
    });
    expect(good.status).toBe(200);
    const got = await opened.post('/v1/team/feedback/get', teamOf(anna), {
      id: 'response-kind-good-01',
    });
    expect((got.body as { item: { kind?: string } }).item.kind).toBe('problem');
  });

  it('given "answered" before any team reply › 409 lifecycle.teamReplyRequired', async () => {
    const id = await itemOf(opened.post, 'alice');
    const answered = await act(opened.post, id, { type: 'feedback.answer' });
    expect([answered.status, answered.code]).toEqual([409, 'lifecycle.teamReplyRequired']);
  });

  it('given a decline whose reason is only blanks › 409 lifecycle.reasonRequired', async () => {
    const id = await itemOf(opened.post, 'alice');
    const declined = await act(opened.post, id, { type: 'feedback.decline', reason: '   ' });
    expect([declined.status, declined.code]).toEqual([409, 'lifecycle.reasonRequired']);
  });

  it('given a reply to a customer who did not consent › 409 lifecycle.noConsent', async () => {
    const id = await itemOf(opened.post, 'bob', false);
    const reply = await act(opened.post, id, {
      type: 'reply.team',
      reply: { id: 'reply-team-0001', body: 'Thanks!' },
    });
    expect([reply.status, reply.code]).toEqual([409, 'lifecycle.noConsent']);
  });

  it('given an unknown item id › 404 not_found naming the id, for act, get and ship', async () => {
    const acted = await act(opened.post, 'response-unknown', { type: 'feedback.triage' });
    const got = await opened.post('/v1/team/feedback/get', teamOf(anna), {
      id: 'response-unknown',
    });
    const shipped = await opened.post('/v1/team/changes', teamOf(anna), {
      change: { id: 'change-0001', weDid: { en: 'Faster exports' }, itemIds: ['response-unknown'] },
    });
    for (const answer of [acted, got, shipped]) {
      expect([answer.status, answer.code]).toEqual([404, 'not_found']);
      expect(JSON.stringify(answer.body)).toContain('is not a feedback item');
    }
  });
});

/** Every team action, valid or not, as the act route takes it. */
const actionArbitrary = fc.oneof(
  fc.constantFrom(
    { type: 'feedback.triage' },
    { type: 'feedback.plan' },
    { type: 'feedback.start' },
    { type: 'feedback.reopen', reason: 'Again' },
    { type: 'feedback.answer' },
    { type: 'feedback.decline', reason: 'Not for us' },
    { type: 'feedback.decline', reason: ' ' },
    { type: 'reply.read' },
  ),
  fc.nat({ max: 999 }).map((n) => ({
    type: 'reply.team',
    reply: { id: `reply-${String(n).padStart(4, '0')}`, body: 'We hear you' },
  })),
);

/** One step of the property: an action on one of the run's items, a read, or a shipped change. */
const stepArbitrary = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('act' as const),
      item: fc.nat({ max: 2 }),
      action: actionArbitrary,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('get' as const), item: fc.nat({ max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ship' as const),
      items: fc.uniqueArray(fc.nat({ max: 2 }), { minLength: 1, maxLength: 3 }),
    }),
  },
);

describe('every team route and refusal on every storage (property)', () => {
  const running = storages.filter((storage) => storage.run);
  let opened: Opened[] = [];
  beforeAll(async () => {
    opened = await Promise.all(running.map((storage) => storage.open()));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(opened.map((one) => one.close()));
  });

  it('given random action sequences › each storage answers the same status and code, never a 5xx', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 8 }),
        async (consents, steps) => {
          run += 1;
          // Item 2 is never created: every route meets an unknown id too.
          const ids = [0, 1, 2].map((n) => `response-prop-${run}-${n}`);
          const seen: string[][] = opened.map(() => []);
          for (const [index, one] of opened.entries()) {
            for (const [n, contact] of consents.entries()) {
              const stored = await one.post('/v1/responses', customer(`carol-${n}`), {
                response: responseOf(ids[n] as string, `carol-${n}`, {
                  answers: { nps: 5, why: 'Search misses things', contact },
                }),
              });
              expect(stored.status).toBe(200);
            }
            for (const [s, step] of steps.entries()) {
              const answer =
                step.kind === 'act'
                  ? await act(one.post, ids[step.item] as string, step.action)
                  : step.kind === 'get'
                    ? await one.post('/v1/team/feedback/get', teamOf(anna), {
                        id: ids[step.item],
                      })
                    : await one.post('/v1/team/changes', teamOf(anna), {
                        change: {
                          id: `change-${run}-${s}`,
                          weDid: { en: 'Better search' },
                          itemIds: step.items.map((item) => ids[item]),
                        },
                      });
              expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
              seen[index]?.push(`${answer.status} ${answer.code ?? ''}`);
            }
          }
          for (const other of seen.slice(1)) expect(other).toEqual(seen[0]);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
