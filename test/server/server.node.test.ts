import { request as httpRequest } from 'node:http';
import { listen } from '../../packages/server/src/index';
import { at, customer, responseOf, testServer } from './server.support';

/** What a client sees of an answer: status, the headers the server sets, and the body. */
interface Seen {
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

const HEADERS = [
  'content-type',
  'x-content-type-options',
  'content-security-policy',
  'cache-control',
  'retry-after',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
];

const seen = async (response: Response): Promise<Seen> => ({
  status: response.status,
  headers: Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)])),
  body: await response.text(),
});

/** One request as a test sends it: through the Node adapter, or to `fetch` as a web `Request`. */
interface Sent {
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Sent without a `Content-Length` (chunked) over HTTP. */
  chunked?: boolean;
}

/** POSTs over real HTTP with node:http, so a chunked body has no `Content-Length`. */
function overHttp(url: string, sent: Sent): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const target = new URL(sent.path, url);
    const request = httpRequest(
      target,
      {
        method: 'POST',
        headers: {
          ...sent.headers,
          origin: 'https://app.example',
          ...(sent.chunked ? {} : { 'content-length': String(Buffer.byteLength(sent.body)) }),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => {
          const header = (name: string) => {
            const value = response.headers[name];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          };
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(HEADERS.map((name) => [name, header(name)])),
            body,
          });
        });
      },
    );
    request.on('error', reject);
    if (sent.chunked) {
      // In pieces, so the body arrives as chunks.
      for (let at = 0; at < sent.body.length; at += 500)
        request.write(sent.body.slice(at, at + 500));
      request.end();
    } else request.end(sent.body);
  });
}

const body = (value: object) => JSON.stringify({ protocol: 1, ...value });

describe('the Node adapter against the fetch handler', () => {
  it('given good, bad, unauthorized, oversized, chunked, duplicate and batch requests › the same status, headers and body both ways', async () => {
    // Two servers alike, on a fixed clock: one served over HTTP, one given web `Request`s.
    const options = {
      maxBodyBytes: 4000,
      now: () => Date.parse(at),
      cors: { origin: 'https://app.example' },
    };
    const overNode = testServer(options).server;
    const overFetch = testServer(options).server;
    const listening = await listen(overNode, { port: 0 });
    const sequence: Sent[] = [
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: responseOf('response-0001', 'alice') }),
      },
      // The same response again: a duplicate, with its first receipt.
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: responseOf('response-0001', 'alice') }),
      },
      // Invalid: 400 naming the path.
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: { ...responseOf('response-0002', 'alice'), surveyVersion: 'x' } }),
      },
      // Another customer's signature, a wrong one, none.
      {
        path: '/v1/responses',
        headers: customer('bob'),
        body: body({ response: responseOf('response-0003', 'alice') }),
      },
      {
        path: '/v1/responses',
        headers: { ...customer('alice'), 'x-palaute-customer': 'alice.0000' },
        body: body({ response: responseOf('response-0004', 'alice') }),
      },
      {
        path: '/v1/responses',
        headers: { 'content-type': 'application/json' },
        body: body({ response: responseOf('response-0005', 'alice') }),
      },
      // Over the limit by its Content-Length, and chunked (no Content-Length) over and under it.
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: responseOf('response-0006', 'alice'), padding: 'x'.repeat(5000) }),
      },
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: responseOf('response-0007', 'alice'), padding: 'x'.repeat(5000) }),
        chunked: true,
      },
      {
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: responseOf('response-0008', 'alice') }),
        chunked: true,
      },
      // Over the limit and unsigned: refused for its size before anyone reads it.
      {
        path: '/v1/responses',
        headers: { ...customer('alice'), 'x-palaute-customer': 'alice.0000' },
        body: body({ response: responseOf('response-0013', 'alice'), padding: 'x'.repeat(5000) }),
      },
      {
        path: '/v1/responses',
        headers: { ...customer('alice'), 'x-palaute-customer': 'alice.0000' },
        body: body({ response: responseOf('response-0014', 'alice'), padding: 'x'.repeat(5000) }),
        chunked: true,
      },
      // Malformed JSON, a wrong content type.
      { path: '/v1/responses', headers: customer('alice'), body: '{"protocol":1,' },
      {
        path: '/v1/responses',
        headers: { ...customer('alice'), 'content-type': 'text/plain' },
        body: body({ response: responseOf('response-0009', 'alice') }),
      },
      // A batch: two stored, one invalid, one already stored.
      {
        path: '/v1/deliveries',
        headers: customer('alice'),
        body: body({
          items: [
            { kind: 'response', payload: responseOf('response-0010', 'alice') },
            { kind: 'response', payload: responseOf('response-0011', 'alice') },
            { kind: 'response', payload: { ...responseOf('response-0012', 'alice'), id: 7 } },
            { kind: 'response', payload: responseOf('response-0001', 'alice') },
          ],
        }),
      },
      { path: '/v1/nowhere', headers: customer('alice'), body: body({}) },
    ];
    try {
      for (const sent of sequence) {
        const node = await overHttp(listening.url, sent);
        const web = await seen(
          await overFetch.fetch(
            new Request(`http://localhost${sent.path}`, {
              method: 'POST',
              headers: { ...sent.headers, origin: 'https://app.example' },
              body: sent.body,
            }),
          ),
        );
        expect({ sent: sent.path, ...node }).toEqual({ sent: sent.path, ...web });
      }
    } finally {
      await listening.close();
    }
  });

  it('given what each request got over HTTP › the statuses and codes expected', async () => {
    const { server } = testServer({ maxBodyBytes: 4000 });
    const listening = await listen(server, { port: 0 });
    try {
      const send = (sent: Sent) => overHttp(listening.url, sent);
      const good = body({ response: responseOf('response-0001', 'alice') });
      const stored = await send({ path: '/v1/responses', headers: customer('alice'), body: good });
      expect(stored.status).toBe(200);
      expect(JSON.parse(stored.body)).toMatchObject({ duplicate: false });
      expect(stored.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'",
        'cache-control': 'no-store',
      });
      const again = await send({ path: '/v1/responses', headers: customer('alice'), body: good });
      expect(JSON.parse(again.body)).toMatchObject({ duplicate: true });
      const big = body({
        response: responseOf('response-0002', 'alice'),
        padding: 'x'.repeat(5000),
      });
      // By its length or its bytes, signed or not: the body is refused before the signature is read.
      for (const [chunked, headers] of [
        [false, customer('alice')],
        [true, customer('alice')],
        [false, { ...customer('alice'), 'x-palaute-customer': 'alice.0000' }],
        [true, { ...customer('alice'), 'x-palaute-customer': 'alice.0000' }],
      ] as const) {
        const refused = await send({ path: '/v1/responses', headers, body: big, chunked });
        expect([refused.status, JSON.parse(refused.body).error]).toEqual([
          413,
          { code: 'payload_too_large', message: 'The body is over 4000 bytes.' },
        ]);
      }
      const bad = await send({
        path: '/v1/responses',
        headers: customer('alice'),
        body: body({ response: { ...responseOf('response-0003', 'alice'), surveyVersion: 'x' } }),
      });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error.problems).toEqual([
        expect.objectContaining({ path: 'response.surveyVersion' }),
      ]);
      const unsigned = await send({
        path: '/v1/responses',
        headers: { ...customer('alice'), 'x-palaute-customer': 'alice.0000' },
        body: good,
      });
      expect(unsigned.status).toBe(401);
    } finally {
      await listening.close();
    }
  });
});
