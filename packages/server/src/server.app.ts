import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  type BackendPort,
  createMemoryBackend,
  createProtocolHandler,
  type TeamPort,
} from '@palaute/engine';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createAuthenticate, Unauthorized } from './server.auth';

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** Storage for customer operations. @default createMemoryBackend() */
  backend?: BackendPort;
  /** Storage for team operations. @default the memory backend's `team` */
  team?: TeamPort;
  /** Signs customer ids (see `signCustomerId`). */
  secret: string;
  /** The team's bearer token. */
  teamToken: string;
  /** The publishable key customer requests carry in `x-palaute-key`. */
  publishableKey: string;
  /** Origins allowed by CORS; none when absent. */
  cors?: { origin: string | string[] };
  /** Larger bodies are refused with 413. @default 256 KB */
  maxBodyBytes?: number;
}

/** The engine's committed OpenAPI document, read once. */
function loadOpenApi(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve('@palaute/engine/openapi.json'), 'utf8');
}

/**
 * The reference server: the engine's protocol on Hono, with signed customer ids and a team token.
 *
 * @example
 * const server = createServer({ secret, teamToken, publishableKey });
 * export const GET = server.fetch; // any fetch host
 */
export function createServer(options: ServerOptions) {
  const memory = createMemoryBackend();
  const backend = options.backend ?? memory;
  const team = options.team ?? memory.team;
  const authenticate = createAuthenticate(options);
  const handler = createProtocolHandler({
    backend,
    team,
    authenticate,
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  let openapi: string | undefined;
  const app = new Hono();
  if (options.cors) {
    app.use(
      '*',
      cors({
        origin: options.cors.origin,
        allowHeaders: [
          'content-type',
          'authorization',
          'idempotency-key',
          'x-palaute-key',
          'x-palaute-customer',
        ],
      }),
    );
  }
  app.get('/openapi.json', (c) => {
    openapi ??= loadOpenApi();
    return c.body(openapi, 200, { 'content-type': 'application/json' });
  });
  app.all('/v1/*', async (c) => {
    const request = {
      method: c.req.method,
      path: c.req.path,
      headers: { get: (name: string) => c.req.header(name) },
      body: c.req.method === 'GET' || c.req.method === 'HEAD' ? '' : await c.req.text(),
    };
    try {
      authenticate(request);
    } catch (error) {
      if (error instanceof Unauthorized) {
        return c.json(
          { protocol: 1, error: { code: 'unauthorized', message: error.message } },
          401,
        );
      }
      throw error;
    }
    const answer = await handler(request);
    return c.body(answer.body, answer.status as 200, answer.headers);
  });
  return { app, fetch: app.fetch, close: async () => {} };
}
