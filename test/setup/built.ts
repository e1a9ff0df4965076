/**
 * Global setup of the `server-built` project: builds the engine and the server when their builds are
 * missing or older than their sources, so the suites that run on the built packages (as a host runs
 * them) never test a stale build, and `npm ci && npm test` works on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { isStale, repoRoot } from '../support/stale';

function build(name: string) {
  console.log(`[server-built] building @palaute/${name}`);
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/tsup/dist/cli-default.js')], {
    cwd: repoRoot,
    env: { ...process.env, PALAUTE_PACKAGE: name },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

export default function setup() {
  const engine = [
    'packages/engine/dist/index.js',
    'packages/engine/dist/internal.js',
    'packages/engine/dist/index.cjs',
    'packages/engine/dist/internal.cjs',
  ];
  const engineStale = isStale(engine, ['packages/engine/src', 'tsup.config.ts']);
  if (engineStale) build('engine');
  const server = ['packages/server/dist/index.js', 'packages/server/dist/cli.js'];
  if (engineStale || isStale(server, ['packages/server/src', 'tsup.config.ts'])) build('server');
}
