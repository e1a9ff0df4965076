import { parseJourneyConfig } from '@palaute/engine';
import { createServer, type PalauteServer, type ServerOptions } from './server.app';
import { openStorage, type ServerStorage, type StorageOptions } from './storage/storage.open';

/** Options of {@link openServer}: the server's, with its storage opened from `databaseUrl` / `dataDir`. */
export type OpenServerOptions = Omit<
  ServerOptions,
  'backend' | 'team' | 'customerData' | 'exclusive' | 'rateLimiter' | 'onClose'
> &
  StorageOptions;

/**
 * Opens the SQL storage (PGlite in `dataDir` by default, PostgreSQL when `databaseUrl` is set),
 * then creates the server on it — its policy checks and, on PostgreSQL, its rate limits shared with
 * every instance on the database; `close()` closes both.
 *
 * @example
 * const server = await openServer({ dataDir: './data', secret, publishableKey, teamTokens });
 */
export async function openServer(
  options: OpenServerOptions,
): Promise<PalauteServer & { storage: ServerStorage }> {
  const { databaseUrl, dataDir, cx, board, ...rest } = options;
  // The journey's surveys and touchpoints are what the CX report counts and orders by.
  const journey = rest.journey ? parseJourneyConfig(rest.journey) : undefined;
  const storage = await openStorage({
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(board ? { board } : {}),
    ...(journey || cx
      ? { cx: { surveys: journey?.surveys, touchpoints: journey?.touchpoints, ...cx } }
      : {}),
  });
  try {
    const server = createServer({
      ...rest,
      backend: storage.backend,
      team: storage.team,
      customerData: storage,
      exclusive: storage.exclusive,
      rateLimiter: storage.rateLimiter,
      onClose: () => storage.close(),
    });
    return { ...server, storage };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
