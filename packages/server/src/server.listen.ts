import type { AddressInfo } from 'node:net';
import { getRequestListener, serve } from '@hono/node-server';
import type { PalauteServer } from './server.app';

/**
 * The server as a Node request listener, for `node:http` and Express. Mount it before any body
 * parser (it reads the raw body itself); under Express, a mount path is stripped as usual.
 *
 * @example
 * import express from 'express';
 * const app = express();
 * app.use('/palaute', toNodeHandler(server));
 * // or: http.createServer(toNodeHandler(server)).listen(8787);
 */
export function toNodeHandler(server: Pick<PalauteServer, 'fetch'>) {
  return getRequestListener(server.fetch);
}

/** Options of {@link listen}. */
export interface ListenOptions {
  /** The port; 0 picks a free one. @default 8787 */
  port?: number;
  /** The address to listen on. @default '127.0.0.1' */
  hostname?: string;
  /**
   * How long one request may take to arrive, headers and body: a client that stops sending (a
   * body shorter than its `Content-Length`) is answered 408 and its connection closed. @default 30000
   */
  requestTimeoutMs?: number;
}

/** A listening server: its address, and `close()` to stop listening and close the storage. */
export interface Listening {
  /** E.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Stops taking connections, waits for open requests, then closes the server's storage. */
  close(): Promise<void>;
}

/**
 * Serves the server on Node's `http` (through `@hono/node-server`), resolving once it listens.
 *
 * @example
 * const { url, close } = await listen(server, { port: 8787 });
 */
export function listen(server: PalauteServer, options: ListenOptions = {}): Promise<Listening> {
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const requestTimeout = options.requestTimeoutMs ?? 30_000;
    const serverOptions = {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 60_000),
      // Node checks the timeouts this often (30 s by default, which would double a short one).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, requestTimeout / 4)),
    };
    const http = serve(
      { fetch: server.fetch, port: options.port ?? 8787, hostname, serverOptions },
      (info) => {
        const { port } = info as AddressInfo;
        const host = hostname.includes(':') ? `[${hostname}]` : hostname;
        resolve({
          url: `http://${host}:${port}`,
          port,
          close: () =>
            new Promise<void>((done, fail) => {
              http.close((error) => (error ? fail(error) : done()));
              // Idle keep-alive sockets would hold `close` open.
              (http as { closeIdleConnections?: () => void }).closeIdleConnections?.();
            }).then(() => server.close()),
        });
      },
    );
    http.once('error', reject);
  });
}
