import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listen, toNodeHandler } from '../../packages/server/src/index';
import { customer, responseOf, testServer } from './server.support';

describe('the Node adapters', () => {
  it('given listen on loopback › serves the protocol over real HTTP, then closes the storage', async () => {
    let closed = false;
    const { server } = testServer({
      onClose: () => {
        closed = true;
      },
    });
    const listening = await listen(server, { port: 0 });
    try {
      expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const stored = await fetch(`${listening.url}/v1/responses`, {
        method: 'POST',
        headers: customer('alice'),
        body: JSON.stringify({ protocol: 1, response: responseOf('response-0001', 'alice') }),
      });
      expect(stored.status).toBe(200);
      const openapi = await fetch(`${listening.url}/openapi.json`);
      expect(((await openapi.json()) as { openapi: string }).openapi).toBe('3.1.0');
    } finally {
      await listening.close();
    }
    expect(closed).toBe(true);
  });

  it("given toNodeHandler in node:http › limits each socket's address (per-IP limit) and refuses a large body", async () => {
    const { server } = testServer({
      rateLimits: { customer: false, ip: { burst: 2, perSecond: 0.01 } },
      maxBodyBytes: 2048,
    });
    const http = createHttpServer(toNodeHandler(server));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const big = await fetch(`${url}/v1/responses`, {
        method: 'POST',
        headers: customer('alice'),
        body: JSON.stringify({ protocol: 1, padding: 'x'.repeat(10_000) }),
      });
      expect(big.status).toBe(413);
      const query = () =>
        fetch(`${url}/v1/feedback/query`, {
          method: 'POST',
          headers: customer('alice'),
          body: JSON.stringify({ protocol: 1, query: { customerId: 'alice' } }),
        });
      expect((await query()).status).toBe(200);
      const limited = await query();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
