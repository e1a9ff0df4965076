import { parseJourneyConfig } from '@palaute/engine';
import { createServer, type PalauteServer, type ServerOptions } from './server.app';
import type { WebhookEndpoint } from './server.webhooks';
import { openStorage, type ServerStorage, type StorageOptions } from './storage/storage.open';
import type { WebhookWorkerOptions } from './storage/storage.webhooks';

/** Options of {@link openServer}: the server's, with its storage opened from `databaseUrl` / `dataDir`. */
export type OpenServerOptions = Omit<
  ServerOptions,
  | 'backend'
  | 'team'
  | 'customerData'
  | 'exclusive'
  | 'rateLimiter'
  | 'onClose'
  | 'webhookDeliveries'
> &
  Omit<StorageOptions, 'webhooks'> & {
    /**
     * Outgoing webhooks: where events go (`endpoints`), and how the worker delivers them. Events
     * are queued in the database with the write that caused them; this instance delivers them
     * unless `worker` is `false` (another instance, or a process of its own, does).
     */
    webhooks?:
      | {
          endpoints: readonly WebhookEndpoint[];
          worker?: false | (WebhookWorkerOptions & { fetch?: typeof fetch; random?: () => number });
        }
      | undefined;
  };

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
  const { databaseUrl, dataDir, cx, webhooks, board, ...rest } = options;
  // The journey's surveys and touchpoints are what the CX report counts and orders by.
  const journey = rest.journey ? parseJourneyConfig(rest.journey) : undefined;
  const storage = await openStorage({
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(dataDir ? { dataDir } : {}),
    ...(board ? { board } : {}),
    ...(journey || cx
      ? { cx: { surveys: journey?.surveys, touchpoints: journey?.touchpoints, ...cx } }
      : {}),
    ...(webhooks ? { webhooks: { endpoints: webhooks.endpoints } } : {}),
  });
  try {
    const server = createServer({
      ...rest,
      backend: storage.backend,
      team: storage.team,
      customerData: storage,
      exclusive: storage.exclusive,
      rateLimiter: storage.rateLimiter,
      ...(webhooks ? { webhookDeliveries: storage.webhookDeliveries } : {}),
      onClose: () => storage.close(),
    });
    if (webhooks && webhooks.endpoints.length > 0 && webhooks.worker !== false)
      storage.startWebhooks(webhooks.worker ?? {});
    return { ...server, storage };
  } catch (error) {
    await storage.close();
    throw error;
  }
}
