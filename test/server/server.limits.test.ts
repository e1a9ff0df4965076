import { createHttpBackend, HttpError } from '@palaute/engine';
import { createRateLimiter, createSqlRateLimiter } from '../../packages/server/src/index';
import { createSqlBackend } from '../../packages/server/src/storage/storage.backend';
import { migrate } from '../../packages/server/src/storage/storage.migrations';
import { openPglite, openPostgres, type Sql } from '../../packages/server/src/storage/storage.sql';
import { customer, responseOf, testServer } from './server.support';
import { databaseUrl, freshDatabase, postgresTitle } from './storage.fixtures';

describe('createRateLimiter', () => {
  it('given a burst of 3 at 1 per second › allows 3, then asks to wait, then refills', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perSecond: 1, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true);
    now += 1000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('given more keys than it keeps › forgets the longest idle, so memory stays bounded', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    // "a" was forgotten: a full bucket again; "c" is still known and empty.
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('c').allowed).toBe(false);
  });
});

const databases = [
  { name: 'PGlite (in memory)', run: true, open: () => openPglite() },
  {
    name: postgresTitle,
    run: Boolean(databaseUrl),
    open: async () => {
      const database = await freshDatabase(databaseUrl as string);
      const sql = await openPostgres(database.url);
      const close = sql.close.bind(sql);
      return Object.assign(sql, {
        close: async () => {
          await close();
          await database.drop();
        },
      });
    },
  },
];

describe.each(databases)('createSqlRateLimiter on $name', ({ run, open }) => {
  let sql: Sql;
  beforeAll(async () => {
    if (!run) return;
    sql = await open();
    await migrate(sql);
  }, 60_000);
  afterAll(async () => {
    await sql?.close();
  });
  const it = run ? test : test.skip;

  it('given a burst of 3 at 1 per second › allows 3, then asks to wait, then refills; scopes and keys apart', async () => {
    let now = 1_000_000;
    const limiter = createSqlRateLimiter(sql, {
      scope: 'customer',
      burst: 3,
      perSecond: 1,
      now: () => now,
    });
    const other = createSqlRateLimiter(sql, {
      scope: 'ip',
      burst: 3,
      perSecond: 1,
      now: () => now,
    });
    const take = async (key: string, from = limiter) => (await from.take(key)).allowed;
    expect([await take('a'), await take('a'), await take('a')]).toEqual([true, true, true]);
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await take('b')).toBe(true);
    expect(await take('a', other)).toBe(true);
    now += 1000;
    expect(await take('a')).toBe(true);
    expect(await take('a')).toBe(false);
    // A clock behind the bucket's never refills it early.
    now -= 60_000;
    expect(await take('a')).toBe(false);
  });

  it('given many takes at once from two limiters over one table › exactly the burst passes', async () => {
    const now = () => 5_000_000;
    const one = createSqlRateLimiter(sql, { scope: 'customer', burst: 5, perSecond: 0.001, now });
    const two = createSqlRateLimiter(sql, { scope: 'customer', burst: 5, perSecond: 0.001, now });
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, index) => (index % 2 ? one : two).take('crowd')),
    );
    expect(answers.filter((answer) => answer.allowed)).toHaveLength(5);
  });

  it('given a customer deleted (data rights) › their bucket goes too, another customer’s stays', async () => {
    const limiter = createSqlRateLimiter(sql, { scope: 'customer', burst: 1, perSecond: 0.001 });
    await limiter.take('forget-me');
    await limiter.take('keep-me');
    await createSqlBackend(sql, () => new Date()).deleteCustomer('forget-me');
    const keys = await sql.query<{ key: string }>(
      `SELECT key FROM palaute_rate_limits WHERE key IN ('forget-me', 'keep-me')`,
    );
    expect(keys.map((row) => row.key)).toEqual(['keep-me']);
  });

  it('sweeps buckets idle long enough to be full again, which changes nothing for them', async () => {
    let now = 9_000_000;
    const limiter = createSqlRateLimiter(sql, {
      scope: 'sweep',
      burst: 1,
      perSecond: 1,
      sweepEvery: 3,
      now: () => now,
    });
    await limiter.take('old');
    now += 10_000;
    await limiter.take('new');
    await limiter.take('new'); // the third take sweeps
    await vi.waitFor(async () => {
      const rows = await sql.query<{ key: string }>(
        `SELECT key FROM palaute_rate_limits WHERE scope = 'sweep' ORDER BY key`,
      );
      expect(rows.map((row) => row.key)).toEqual(['new']);
    });
    expect((await limiter.take('old')).allowed).toBe(true);
  });
});

describe('the server’s rate limits', () => {
  it('given a customer over their limit › 429 with Retry-After and the protocol error body', async () => {
    const { post } = testServer({
      rateLimits: { customer: { burst: 2, perSecond: 0.5 }, ip: false },
    });
    const query = { query: { customerId: 'alice' } };
    expect((await post('/v1/feedback/query', customer('alice'), query)).status).toBe(200);
    expect((await post('/v1/feedback/query', customer('alice'), query)).status).toBe(200);
    const limited = await post('/v1/feedback/query', customer('alice'), query);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.body).toEqual({
      protocol: 1,
      error: { code: 'rate_limited', message: expect.stringMatching(/customer; try again in 2 s/) },
    });
    // Bob is not held back by Alice.
    expect(
      (await post('/v1/feedback/query', customer('bob'), { query: { customerId: 'bob' } })).status,
    ).toBe(200);
  });

  it('given a limiter that cannot answer (its database is down) › the request goes through, never a 500', async () => {
    const { post } = testServer({
      rateLimits: { customer: { burst: 1, perSecond: 1 }, ip: false },
      rateLimiter: () => ({ take: () => Promise.reject(new Error('connection refused')) }),
    });
    const query = { query: { customerId: 'alice' } };
    expect((await post('/v1/feedback/query', customer('alice'), query)).status).toBe(200);
    expect((await post('/v1/feedback/query', customer('alice'), query)).status).toBe(200);
  });

  it('given one address over its limit › 429 for every credential from it', async () => {
    const { post } = testServer({
      rateLimits: { customer: false, ip: { burst: 1, perSecond: 0.1 } },
      clientIp: (request) => request.headers.get('x-test-ip') ?? undefined,
    });
    const from = (ip: string, who: string) => ({ ...customer(who), 'x-test-ip': ip });
    expect(
      (
        await post('/v1/feedback/query', from('10.0.0.1', 'alice'), {
          query: { customerId: 'alice' },
        })
      ).status,
    ).toBe(200);
    const limited = await post('/v1/feedback/query', from('10.0.0.1', 'bob'), {
      query: { customerId: 'bob' },
    });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '10']);
    expect(
      (await post('/v1/feedback/query', from('10.0.0.2', 'bob'), { query: { customerId: 'bob' } }))
        .status,
    ).toBe(200);
  });

  it("given the engine's HTTP client › a 429 is retryable after Retry-After, as the outbox reads it", async () => {
    const { server } = testServer({
      rateLimits: { customer: { burst: 1, perSecond: 0.2 }, ip: false },
    });
    const backend = createHttpBackend({
      baseUrl: 'http://localhost',
      fetch: async (url, init) =>
        server.fetch(
          new Request(url, { method: init.method, headers: init.headers, body: init.body }),
        ),
      headers: customer('alice'),
    });
    await backend.submitResponse(responseOf('response-0001', 'alice'));
    const error = await backend
      .submitResponse(responseOf('response-0002', 'alice'))
      .catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      status: 429,
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 5000,
    });
  });
});
