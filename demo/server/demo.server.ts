import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import {
  createServer as createPalauteServer,
  openStorage,
  type ServerStorage,
  signCustomerId,
  toNodeHandler,
  type WebhookEndpoint,
} from '@palaute/server';
import { laskutinBoard } from '../src/board';
import { asks, policy, surveys, touchpoints } from '../src/journey';
import { findPersona, type Persona, personas } from '../src/personas';
import { seedHistory } from './demo.history';
import { seedDemo, seededProfiles } from './demo.seed';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Where the built browser app is (`vite build`'s output). */
  staticDir: string;
  /** Where the demo keeps its data: the PGlite database and the generated secrets. */
  dataDir: string;
  /** @default 0: any free port */
  port?: number;
  /** When `port` is taken, listen on any free port instead of failing. @default false */
  fallbackToFreePort?: boolean;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * On the first start of a data folder, fill the team's inbox with what other customers said over
   * the last weeks (`demo.seed.ts`), so the inbox and its loop metrics look lived in. Anna and Ben
   * start with a clean slate either way. @default true
   */
  seed?: boolean;
  /**
   * With `seed`, also write a year of other customers' displays, dismissals and answers in the
   * background after the demo is up (`demo.history.ts`), so the CX page has real trends. The e2e
   * tests that drive one customer's story turn it off to keep their inbox to the story. @default true
   */
  history?: boolean;
  /**
   * Outgoing webhooks to one receiver (`PALAUTE_WEBHOOK_URL` and `PALAUTE_WEBHOOK_SECRET` in
   * `main.ts`): every event (new feedback, a customer writing back, a status change, a shipped
   * change) is POSTed to `url`, signed with `secret`, and tried again after a failure, first after
   * `retryMs` (doubling from there). What the seed writes on a first start is the company's past,
   * not news: it is written before the webhooks are switched on, so the receiver never hears of it.
   */
  webhook?: DemoWebhook | undefined;
}

/** The demo's one webhook receiver. */
export interface DemoWebhook {
  /** Where events are POSTed (http or https). */
  url: string;
  /** The signing secret (at least 16 characters), which the receiver keeps to verify deliveries. */
  secret: string;
  /** The wait before the first retry, in ms; each later one doubles it. @default 30000 */
  retryMs?: number | undefined;
}

/** The running demo. */
export interface Demo {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /**
   * Settles when the seeded year of other customers' answers is written (at once when there is
   * none to write). The demo serves meanwhile; the CX page fills in as it goes.
   */
  history: Promise<void>;
  close(): Promise<void>;
}

/** Where the Palaute protocol is mounted; the browser's `createHttpBackend` uses the same path. */
const palautePrefix = '/api/palaute';

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

/** A team member's token: derived from the demo's secret, so only the server can make it. */
function teamTokenOf(secrets: Secrets, member: Extract<Persona, { kind: 'team' }>): string {
  return `team_${createHmac('sha256', secrets.teamToken).update(member.memberId).digest('hex')}`;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Where the page's nonce goes: Vite writes this placeholder (`html.cspNonce` in vite.config.ts)
 * into `<meta property="csp-nonce" nonce="…">` and its script and stylesheet tags; each response
 * replaces it.
 */
const noncePlaceholder = 'PALAUTE_DEMO_CSP_NONCE';

/**
 * A strict policy: the demo and Palaute need no inline script or style, nor anything remote. The
 * one `<style>` element, Radix Dialog's scroll lock while a dialog is open, carries this response's
 * nonce: the page reads it from its meta tag and passes it to `setStyleNonce` (src/main.tsx).
 */
const contentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' 'report-sample'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

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
  // PGlite (embedded PostgreSQL) in the data folder: answers survive a restart. Its clock is the
  // real one, except while the seed writes the weeks before today.
  let seedClock: Date | undefined;
  // The seeded year's team actions run while the demo serves: their clock is set for them alone
  // (their async context), so a live request is never stamped with a day of last year.
  const teamClock = new AsyncLocalStorage<Date>();
  const atTime = <T>(at: Date, work: () => Promise<T>) => teamClock.run(at, work);
  // Checked by the storage when it opens (a `TypeError` naming what is wrong).
  const endpoints: WebhookEndpoint[] = options.webhook
    ? [{ id: 'demo', url: options.webhook.url, secret: options.webhook.secret }]
    : [];
  const open = (webhooks: boolean) =>
    openStorage({
      dataDir: join(dataDir, 'pglite'),
      now: () => teamClock.getStore() ?? seedClock ?? new Date(),
      // The CX report's scores: the surveys' NPS, CSAT and CES questions, the touchpoints' stages.
      cx: { surveys, touchpoints },
      // Laskutin's public board: its statuses and categories.
      board: laskutinBoard,
      ...(webhooks && endpoints.length > 0 ? { webhooks: { endpoints } } : {}),
    });
  const seeded = join(dataDir, 'demo-seeded');
  const historyDone = join(dataDir, 'demo-history-seeded');
  const seedStories = options.seed !== false && !existsSync(seeded);
  const seedYear = options.seed !== false && options.history !== false && !existsSync(historyDone);
  const writeStories = async (storage: ServerStorage) => {
    try {
      await seedDemo(storage, (at) => {
        seedClock = at;
      });
    } finally {
      seedClock = undefined;
    }
    await writeFile(seeded, `${new Date().toISOString()}\n`);
  };
  if (endpoints.length > 0 && (seedStories || seedYear)) {
    // The seeded past goes in before the webhooks are on: a receiver hears of what happens from
    // now on, not of a year it never took part in. The year is written in the foreground then.
    const quiet = await open(false);
    try {
      if (seedStories) await writeStories(quiet);
      if (seedYear && (await seedHistory(quiet, { atTime })))
        await writeFile(historyDone, `${new Date().toISOString()}\n`);
    } finally {
      await quiet.close();
    }
  }
  const storage = await open(true);
  if (seedStories && !existsSync(seeded)) await writeStories(storage);
  const signedUpAt = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const customers = new Map(
    personas.flatMap((persona) =>
      persona.kind === 'customer' ? [[persona.customerId, persona]] : [],
    ),
  );
  if (endpoints.length > 0) {
    const retryMs = options.webhook?.retryMs ?? 30_000;
    // Polled often enough that a short retry (as in the tests) is not held up by the poll.
    storage.startWebhooks({ backoffMs: retryMs, pollMs: Math.min(1000, Math.max(50, retryMs)) });
  }
  const palaute = createPalauteServer({
    backend: storage.backend,
    team: storage.team,
    customerData: storage,
    exclusive: storage.exclusive,
    // The delivery log (`GET /v1/team/webhooks/deliveries`), when webhooks are on.
    ...(endpoints.length > 0 ? { webhookDeliveries: storage.webhookDeliveries } : {}),
    onClose: () => storage.close(),
    basePath: palautePrefix,
    secret: secrets.secret,
    publishableKey: secrets.publishableKey,
    // Each team member has a token of their own, so customers see who answered them.
    teamTokens: personas.flatMap((persona) =>
      persona.kind === 'team'
        ? [{ token: teamTokenOf(secrets, persona), id: persona.memberId, name: persona.name }]
        : [],
    ),
    // The same journey the browser runs: the server enforces its contact policy too.
    journey: { surveys, touchpoints, asks, policy },
    // Who said it, for the team's inbox: Laskutin's own records (never a customer's route).
    customerProfile: (customerId) => {
      const persona = customers.get(customerId);
      return persona
        ? { name: persona.name, company: persona.company }
        : seededProfiles.get(customerId);
    },
    attributes: (customerId) => {
      const customer = customers.get(customerId);
      return customer
        ? { plan: customer.plan, signedUpAt: signedUpAt(customer.daysSinceSignUp) }
        : {};
    },
  });
  const palauteHandler = toNodeHandler(palaute);

  const session = (key: string | null, out: ServerResponse) => {
    const persona = findPersona(key);
    if (!persona) return sendJson(out, 404, { error: `No persona "${key ?? ''}"` });
    if (persona.kind === 'team') {
      return sendJson(out, 200, {
        kind: 'team',
        persona,
        teamToken: teamTokenOf(secrets, persona),
      });
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
    const headers = {
      'content-type': type,
      'x-content-type-options': 'nosniff',
      'cache-control': file.includes(`${sep}assets${sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    };
    if (!type.startsWith('text/html')) {
      out.writeHead(200, headers).end(body);
      return;
    }
    // A fresh nonce for every page: one an attacker saw on another response is worth nothing here.
    const nonce = randomBytes(16).toString('base64');
    out.writeHead(200, { ...headers, 'content-security-policy': contentSecurityPolicy(nonce) });
    out.end(body.toString('utf8').replaceAll(noncePlaceholder, nonce));
  };

  const http = createHttpServer(async (request, out) => {
    try {
      const url = new URL(request.url ?? '/', 'http://demo.local');
      if (url.pathname === '/demo/session' && request.method === 'GET') {
        return session(url.searchParams.get('as'), out);
      }
      if (url.pathname === palautePrefix || url.pathname.startsWith(`${palautePrefix}/`)) {
        return await palauteHandler(request, out);
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

  const listen = (port: number) =>
    new Promise<void>((done, fail) => {
      http.once('error', fail);
      http.listen(port, options.host ?? '127.0.0.1', () => {
        http.off('error', fail);
        done();
      });
    });
  try {
    await listen(options.port ?? 0).catch((error: NodeJS.ErrnoException) => {
      // The usual port is taken (another demo, a Vite dev server): any free one will do.
      if (error.code === 'EADDRINUSE' && options.fallbackToFreePort) return listen(0);
      throw error;
    });
  } catch (error) {
    await palaute.close();
    throw error;
  }
  const { port, address } = http.address() as AddressInfo;
  // A year of other customers' displays, dismissals and score-only answers, and the team's work on
  // them, written after the demo is up (thousands of writes would keep a first start waiting). Every
  // write has its idempotency key and every team step is taken only from where the item stands, so a
  // start that stops half-way finishes the year on the next one without doubling it.
  let closing = false;
  const history =
    seedYear && !existsSync(historyDone)
      ? seedHistory(storage, { stopped: () => closing, atTime }).then(
          async (done) => {
            if (done) await writeFile(historyDone, `${new Date().toISOString()}\n`);
          },
          (error: unknown) => {
            if (!closing) console.error('The demo history could not be seeded:', error);
          },
        )
      : Promise.resolve();
  return {
    url: `http://${address}:${port}`,
    history,
    async close() {
      closing = true;
      await history;
      await new Promise<void>((done) => {
        http.close(() => done());
        http.closeAllConnections();
      });
      // Closes the storage too (onClose).
      await palaute.close();
    },
  };
}
