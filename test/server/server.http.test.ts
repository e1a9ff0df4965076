import { connect } from 'node:net';
import { listen } from '../../packages/server/src/index';
import { anna, customer, responseOf, teamOf, testServer } from './server.support';

// HTTP robustness on real sockets (loopback): bodies that lie about their length, oversize bodies
// next to valid writes, load shedding, the security headers, and a 404 that says nothing back.

/** Sends raw bytes on a fresh connection; resolves with what came back and how long it took. */
function raw(port: number, bytes: string, waitMs: number) {
  return new Promise<{ text: string; ms: number }>((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => resolve({ text, ms: Date.now() - started });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('close', done);
    socket.on('error', done);
    socket.write(bytes);
    setTimeout(() => socket.destroy(), waitMs);
  });
}

describe('the server over HTTP', () => {
  it('given a body shorter than its Content-Length › answers 408 within the request timeout, and serves others meanwhile', async () => {
    const { server } = testServer();
    const listening = await listen(server, { port: 0, requestTimeoutMs: 1000 });
    try {
      const lying = raw(
        listening.port,
        'POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"protocol":1',
        10_000,
      );
      const other = await fetch(`${listening.url}/v1/responses`, {
        method: 'POST',
        headers: customer('alice'),
        body: JSON.stringify({ protocol: 1, response: responseOf('response-0001', 'alice') }),
      });
      expect(other.status).toBe(200);
      const { text, ms } = await lying;
      expect(text).toMatch(/^HTTP\/1\.1 (408|400) /);
      expect(ms).toBeLessThan(5000);
    } finally {
      await listening.close();
    }
  }, 20_000);

  it('given 300 KB bodies amid valid writes on one connection pool › each gets its 413, every valid write its 200', async () => {
    const { server } = testServer();
    const listening = await listen(server, { port: 0 });
    try {
      const big = JSON.stringify({ protocol: 1, padding: 'x'.repeat(300 * 1024) });
      const answers = await Promise.all(
        Array.from({ length: 60 }, async (_, n) => {
          try {
            const response = await fetch(`${listening.url}/v1/responses`, {
              method: 'POST',
              headers: customer('alice'),
              body:
                n % 3 === 0
                  ? big
                  : JSON.stringify({
                      protocol: 1,
                      response: responseOf(`response-${String(n).padStart(4, '0')}`, 'alice'),
                    }),
            });
            await response.text();
            return `${n % 3 === 0 ? 'big' : 'small'} ${response.status}`;
          } catch (error) {
            return `${n % 3 === 0 ? 'big' : 'small'} ${String((error as Error).cause ?? error)}`;
          }
        }),
      );
      const tally = answers.reduce<Record<string, number>>((counts, answer) => {
        counts[answer] = (counts[answer] ?? 0) + 1;
        return counts;
      }, {});
      expect(tally).toEqual({ 'big 413': 20, 'small 200': 40 });
    } finally {
      await listening.close();
    }
  }, 30_000);

  it('given more requests in flight than it queues › answers the rest 503 with Retry-After at once', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { server } = testServer({
      maxInFlight: 4,
      rateLimits: { customer: { burst: 100, perSecond: 100 }, ip: false },
      // A slow store (a database under load): every request waits on it.
      rateLimiter: () => ({
        take: async () => {
          await gate;
          return { allowed: true };
        },
      }),
    });
    const send = (n: number) =>
      server.fetch(
        new Request('http://localhost/v1/responses', {
          method: 'POST',
          headers: customer('alice'),
          body: JSON.stringify({
            protocol: 1,
            response: responseOf(`response-${String(n).padStart(4, '0')}`, 'alice'),
          }),
        }),
      );
    const waiting = Array.from({ length: 4 }, (_, n) => send(n));
    const shed = await Promise.all(Array.from({ length: 6 }, (_, n) => send(10 + n)));
    for (const answer of shed) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    }
    release();
    expect((await Promise.all(waiting)).map((answer) => answer.status)).toEqual([
      200, 200, 200, 200,
    ]);
    // Once the queue is free, requests are served again.
    expect((await send(20)).status).toBe(200);
  });

  it('given any answer › nosniff on all, a CSP of none on JSON, no-store on the protocol’s; a 404 says nothing back', async () => {
    const { server } = testServer();
    const answers = [
      await server.fetch(
        new Request('http://localhost/v1/responses', {
          method: 'POST',
          headers: customer('alice'),
          body: JSON.stringify({ protocol: 1, response: responseOf('response-0001', 'alice') }),
        }),
      ),
      await server.fetch(
        new Request('http://localhost/v1/responses', { method: 'POST', body: '{' }),
      ),
      await server.fetch(new Request('http://localhost/<script>alert(1)</script>')),
      await server.fetch(new Request('http://localhost/v1/%3Cscript%3E')),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 415, 404, 404]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'");
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
    for (const answer of answers.slice(2)) {
      const text = await answer.text();
      expect(text).not.toMatch(/script/i);
      expect(JSON.parse(text)).toEqual({
        protocol: 1,
        error: { code: 'not_found', message: 'No such route.' },
      });
    }
    const openapi = await server.fetch(new Request('http://localhost/openapi.json'));
    expect(openapi.headers.get('x-content-type-options')).toBe('nosniff');
    expect(openapi.headers.get('content-security-policy')).toBe("default-src 'none'");
  });

  it('given answers the routes make and answers made around them › each carries the headers its type needs', async () => {
    const { server } = testServer({ cors: { origin: 'https://app.example' } });
    const get = (path: string, headers: Record<string, string> = {}) =>
      server.fetch(new Request(`http://localhost${path}`, { headers }));
    const headersOf = (answer: Response) =>
      Object.fromEntries(
        ['x-content-type-options', 'content-security-policy', 'cache-control'].map((name) => [
          name,
          answer.headers.get(name),
        ]),
      );
    // A file: nosniff and no-store, no document policy (it is not JSON).
    const csv = await get('/v1/team/inbox.csv', teamOf(anna));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headersOf(csv)).toEqual({
      'x-content-type-options': 'nosniff',
      'content-security-policy': null,
      'cache-control': 'no-store',
    });
    // An answer that names its own caching keeps it.
    const openapi = await get('/openapi.json');
    expect(headersOf(openapi)).toEqual({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'public, max-age=300',
    });
    // The CORS preflight and a protocol answer with CORS headers added after it was made.
    const preflight = await server.fetch(
      new Request('http://localhost/v1/responses', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(headersOf(preflight)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    const stored = await server.fetch(
      new Request('http://localhost/v1/responses', {
        method: 'POST',
        headers: { ...customer('alice'), origin: 'https://app.example' },
        body: JSON.stringify({ protocol: 1, response: responseOf('response-0001', 'alice') }),
      }),
    );
    expect(stored.status).toBe(200);
    expect(stored.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(headersOf(stored)).toEqual({
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'cache-control': 'no-store',
    });
  });
});
