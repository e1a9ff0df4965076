/**
 * A real HTTP server on loopback that serves the Palaute protocol through `createProtocolHandler`
 * over a memory backend, for tests: it counts what it receives (per route and per idempotency key)
 * and lets a test inject faults the way networks and servers fail.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Caller,
  createMemoryBackend,
  createProtocolHandler,
  type MemoryBackend,
  type ProtocolHandlerOptions,
} from '@palaute/engine';

/** What the next request meets. */
export type Fault =
  | { type: 'status'; status: 408 | 429 | 500 | 502 | 503; retryAfter?: string }
  /** The connection is cut before any answer. */
  | { type: 'drop' }
  /** The answer comes after `ms` (beyond the client's timeout). */
  | { type: 'delay'; ms: number }
  /** The write is processed, then the answer is lost (a 500): the client retries, the server sees a duplicate. */
  | { type: 'processThenFail' }
  /** The answer is not the protocol's JSON. */
  | { type: 'garbage' };

export interface ProtocolServer {
  url: string;
  backend: MemoryBackend;
  /** Requests received, in order: path and idempotency key. */
  requests: { path: string; key: string | undefined; status: number }[];
  /** Faults for the next requests, in order (or a function deciding per request). */
  faults: Fault[];
  decide?: ((path: string) => Fault | undefined) | undefined;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startProtocolServer(
  options: Partial<Omit<ProtocolHandlerOptions, 'backend'>> & {
    backend?: MemoryBackend;
    /** Authenticate from the Authorization header: `customer <id>` or `team <id>`. */
    bearerAuth?: boolean;
  } = {},
): Promise<ProtocolServer> {
  const backend = options.backend ?? createMemoryBackend();
  const handle = createProtocolHandler({
    backend,
    team: options.team ?? backend.team,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.bearerAuth
      ? {
          authenticate: (request): Caller => {
            const [, kind, id] =
              /^Bearer (customer|team) (\S+)$/.exec(request.headers.get('authorization') ?? '') ??
              [];
            if (kind === 'customer' && id) return { kind: 'customer', customerId: id };
            if (kind === 'team' && id) return { kind: 'team', member: { kind: 'team', id } };
            return { kind: 'anonymous' };
          },
        }
      : {}),
  });
  const state: ProtocolServer = {
    url: '',
    backend,
    requests: [],
    faults: [],
    close: async () => {},
  };
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const key = request.headers['idempotency-key'] as string | undefined;
    const body = await readBody(request);
    const fault = state.faults.shift() ?? state.decide?.(path);
    const log = (status: number) => state.requests.push({ path, key, status });
    if (fault?.type === 'drop') {
      log(0);
      request.socket.destroy();
      return;
    }
    if (fault?.type === 'status') {
      log(fault.status);
      response.writeHead(fault.status, {
        'content-type': 'application/json',
        ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}),
      });
      response.end(
        JSON.stringify({
          protocol: 1,
          error: {
            code:
              fault.status === 429
                ? 'rate_limited'
                : fault.status === 408
                  ? 'request_timeout'
                  : fault.status === 500
                    ? 'internal'
                    : 'unavailable',
            message: `injected ${fault.status}`,
          },
        }),
      );
      return;
    }
    if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const answer = await handle({
      method: request.method ?? 'GET',
      path,
      headers: {
        get: (name) => (request.headers[name.toLowerCase()] as string | undefined) ?? null,
      },
      body,
    });
    if (response.destroyed || request.socket.destroyed) return;
    if (fault?.type === 'processThenFail') {
      log(500);
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ protocol: 1, error: { code: 'internal', message: 'lost answer' } }),
      );
      return;
    }
    if (fault?.type === 'garbage') {
      log(200);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"protocol":1,"surprise":true}');
      return;
    }
    log(answer.status);
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.url = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
