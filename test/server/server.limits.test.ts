import { createHttpBackend, HttpError } from '@palaute/engine';
import { createRateLimiter } from '../../packages/server/src/index';
import { customer, responseOf, testServer } from './server.support';

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
