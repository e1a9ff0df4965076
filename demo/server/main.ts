import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemo } from './demo.server';

/**
 * `node demo/dist/server/main.js [--port 5173] [--data demo/.data] [--empty] [--without-history]`: starts the demo and prints its
 * address. Built by `npm run build -w demo` next to the browser app it serves. Outgoing webhooks
 * are on when `PALAUTE_WEBHOOK_URL` and `PALAUTE_WEBHOOK_SECRET` are set (`PALAUTE_WEBHOOK_RETRY_MS`:
 * the wait before the first retry).
 */
const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    data: { type: 'string', default: join(here, '../../.data') },
    // Start with an empty inbox instead of other customers' feedback of the last weeks.
    empty: { type: 'boolean', default: false },
    // The weeks' stories without the year of other customers' answers behind the CX page.
    'without-history': { type: 'boolean', default: false },
  },
});

/** The webhook receiver from the environment; exits with a message when it is half configured. */
function webhookFromEnv() {
  const url = process.env.PALAUTE_WEBHOOK_URL || undefined;
  const secret = process.env.PALAUTE_WEBHOOK_SECRET || undefined;
  const retry = process.env.PALAUTE_WEBHOOK_RETRY_MS || undefined;
  if (!url && !secret) return undefined;
  if (!url || !secret) {
    console.error(
      'PALAUTE_WEBHOOK_URL and PALAUTE_WEBHOOK_SECRET go together: set both or neither.',
    );
    process.exit(1);
  }
  const retryMs = retry === undefined ? undefined : Number(retry);
  if (retryMs !== undefined && !(Number.isInteger(retryMs) && retryMs >= 1)) {
    console.error(`PALAUTE_WEBHOOK_RETRY_MS: "${retry}" is not a whole number of milliseconds.`);
    process.exit(1);
  }
  return { url, secret, retryMs };
}

const port = values.port ?? process.env.PORT;
const webhook = webhookFromEnv();
const demo = await startDemo({
  staticDir: join(here, '../client'),
  dataDir: values.data,
  port: Number(port ?? 5173),
  // Nothing to configure: without an explicit port, a busy 5173 is no reason to fail.
  fallbackToFreePort: port === undefined,
  host: values.host,
  seed: !values.empty,
  history: !values['without-history'],
  webhook,
}).catch((error: unknown) => {
  // A bad webhook setting (a secret under 16 characters, a URL that is not http) says what is wrong.
  console.error(error instanceof TypeError ? error.message : error);
  process.exit(1);
});
// One line the e2e tests read; the rest is for people.
console.log(`Laskutin demo ready at ${demo.url}`);
if (webhook) console.log(`Webhooks go to ${webhook.url}.`);
console.log(
  'Switch between Anna, Ben and the customer team in the bar at the top. Ctrl+C stops it.',
);

const stop = () => {
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
