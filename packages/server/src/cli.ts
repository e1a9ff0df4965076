#!/usr/bin/env node
// The `palaute-server` command: the reference server on its SQL storage, configured by environment
// variables (see the README). Built by tsup to dist/cli.js: Node 20 cannot run TypeScript.
import { ConfigError, readServerEnv } from './server.config';
import { listen } from './server.listen';
import { openServer } from './server.open';

async function main(): Promise<void> {
  let config: ReturnType<typeof readServerEnv>;
  try {
    config = readServerEnv(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `palaute-server: cannot start, the configuration has problems:\n${error.message}\n`,
    );
    process.exitCode = 2;
    return;
  }
  // The signal handlers go in before the storage opens: a SIGTERM that came while PGlite was still
  // starting (or just after the "listening" line) otherwise killed the process now and then without
  // running them, leaving open requests cut and the data folder's lock behind.
  let stopWith: ((signal: string) => void) | undefined;
  let stopRequested: string | undefined;
  const onSignal = (signal: string) => {
    if (stopWith) stopWith(signal);
    else stopRequested ??= signal;
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  const server = await openServer(config.server);
  const listening = await listen(server, { port: config.port, hostname: config.hostname });
  const storage =
    server.storage.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.server.dataDir}`;
  process.stdout.write(`palaute-server listening on ${listening.url} (${storage})\n`);
  let stopping = false;
  stopWith = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`palaute-server: ${signal}, shutting down\n`);
    listening.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`palaute-server: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  if (stopRequested) stopWith(stopRequested);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `palaute-server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
