/**
 * Global setup of the `e2e` project: builds what the demo needs when it is missing or older than
 * its sources (the packages with `npm run build`, then the demo with `npm run build -w demo`), so
 * `npm ci && npm test` works on a fresh clone and a second run costs nothing.
 */
import { execFileSync } from 'node:child_process';
import { isStale, repoRoot } from '../support/stale';

function run(args: string[]) {
  console.log(`[e2e] npm ${args.join(' ')}`);
  execFileSync('npm', args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
}

export default function setup() {
  const packages = [
    'packages/engine/dist/index.js',
    'packages/react/dist/index.js',
    'packages/react/dist/styles.css',
    'packages/server/dist/index.js',
  ];
  const sources = ['packages/engine/src', 'packages/react/src', 'packages/server/src'];
  if (isStale(packages, [...sources, 'tsup.config.ts'])) {
    run(['run', 'build']);
  }
  const demo = ['demo/dist/client/index.html', 'demo/dist/server/main.js'];
  const demoInputs = [
    'demo/src',
    'demo/server',
    'demo/index.html',
    'demo/vite.config.ts',
    'demo/vite.server.config.ts',
    ...packages,
  ];
  if (isStale(demo, demoInputs)) run(['run', 'build', '-w', 'demo']);
}
