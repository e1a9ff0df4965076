import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createServer as createPalauteServer, openStorage, signCustomerId } from '@palaute/server';
import { findPersona } from '../src/personas';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Where the built browser app is (`vite build`'s output). */
  staticDir: string;
  /** Where the demo keeps its data: the PGlite database and the generated secrets. */
  dataDir: string;
  /** @default 0: any free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
}

/** The running demo. */
export interface Demo {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Where the Palaute protocol is mounted; the browser's `createHttpBackend` uses the same path. */
const palautePrefix = '/api/palaute';
const maxBodyBytes = 512 * 1024;

interface Secrets {
  secret: string;
  teamToken: string;
  publishableKey: string;
}

/**
 * The demo's secrets: made on first start and kept in the data folder, so a restart keeps the same
 * identities. A real host reads them from its secret store.
 */
async function loadSecrets(dataDir: string): Promise<Secrets> {
  const file = join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Secrets;
  const secrets: Secrets = {
    secret: randomBytes(32).toString('hex'),
    teamToken: `team_${randomBytes(24).toString('hex')}`,
    publishableKey: `pk_demo_${randomBytes(12).toString('hex')}`,
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A strict policy: the demo and Palaute need no inline script or style, nor anything remote. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'report-sample'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Reads a request body, refusing more than {@link maxBodyBytes}. */
async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sends a fetch `Response` through Node's `ServerResponse`. */
async function sendResponse(response: Response, out: ServerResponse) {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  out.writeHead(response.status, headers);
  out.end(Buffer.from(await response.arrayBuffer()));
}

function sendJson(out: ServerResponse, status: number, body: unknown) {
  out.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  out.end(JSON.stringify(body));
}

/**
 * Starts Laskutin's demo server on one port: the Palaute protocol under `/api/palaute`, the session
 * endpoint (`/demo/session?as=anna`) that signs the customer's id the way a host's own backend
 * would, and the built browser app with a strict Content-Security-Policy.
 *
 * @example
 * const demo = await startDemo({ staticDir: 'demo/dist/client', dataDir: 'demo/.data', port: 5173 });
 * console.log(demo.url);
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const dataDir = resolve(options.dataDir);
  const staticDir = resolve(options.staticDir);
  await mkdir(dataDir, { recursive: true });
  const secrets = await loadSecrets(dataDir);
  // PGlite (embedded PostgreSQL) in the data folder: answers survive a restart.
  const storage = await openStorage({ dataDir: join(dataDir, 'pglite') });
  const palaute = createPalauteServer({
    backend: storage.backend,
    team: storage.team,
    secret: secrets.secret,
    teamToken: secrets.teamToken,
    publishableKey: secrets.publishableKey,
  });
  const signedUpAt = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  const session = (key: string | null, out: ServerResponse) => {
    const persona = findPersona(key);
    if (!persona) return sendJson(out, 404, { error: `No persona "${key ?? ''}"` });
    if (persona.kind === 'team') {
      return sendJson(out, 200, { kind: 'team', persona, teamToken: secrets.teamToken });
    }
    return sendJson(out, 200, {
      kind: 'customer',
      persona,
      credential: signCustomerId(secrets.secret, persona.customerId),
      publishableKey: secrets.publishableKey,
      signedUpAt: signedUpAt(persona.daysSinceSignUp),
    });
  };

  const serveStatic = async (pathname: string, out: ServerResponse) => {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticDir, relative);
    if (!file.startsWith(staticDir + sep) && file !== staticDir) {
      out.writeHead(404).end();
      return;
    }
    const found = await stat(file).catch(() => null);
    // Unknown paths get the app (it routes by query and hash), never a directory listing.
    if (!found?.isFile()) file = join(staticDir, 'index.html');
    const body = await readFile(file).catch(() => null);
    if (!body) {
      out
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Not built: run npm run build -w demo');
      return;
    }
    const type = types[extname(file)] ?? 'application/octet-stream';
    out.writeHead(200, {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(type.startsWith('text/html') ? { 'content-security-policy': contentSecurityPolicy } : {}),
    });
    out.end(body);
  };

  const http = createHttpServer(async (request, out) => {
    try {
      const url = new URL(request.url ?? '/', 'http://demo.local');
      if (url.pathname === '/demo/session' && request.method === 'GET') {
        return session(url.searchParams.get('as'), out);
      }
      if (url.pathname === palautePrefix || url.pathname.startsWith(`${palautePrefix}/`)) {
        const body =
          request.method === 'GET' || request.method === 'HEAD'
            ? undefined
            : await readBody(request);
        if (body === null) return sendJson(out, 413, { error: 'Request body too large' });
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
          else if (Array.isArray(value)) headers.set(name, value.join(', '));
        }
        const forwarded = new Request(
          `http://demo.local${url.pathname.slice(palautePrefix.length) || '/'}${url.search}`,
          {
            method: request.method ?? 'GET',
            headers,
            ...(body ? { body: new Uint8Array(body) } : {}),
          },
        );
        return await sendResponse(await palaute.fetch(forwarded), out);
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        out.writeHead(405).end();
        return;
      }
      return await serveStatic(url.pathname, out);
    } catch (error) {
      console.error(error);
      if (!out.headersSent) sendJson(out, 500, { error: 'Internal error' });
      else out.end();
    }
  });

  await new Promise<void>((done) =>
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', done),
  );
  const { port, address } = http.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    async close() {
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
      await palaute.close();
      await storage.close();
    },
  };
}
