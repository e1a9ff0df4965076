/**
 * Global setup of the `e2e` project: builds what the demo needs when it is missing or older than
 * its sources (the packages with `npm run build`, then the demo with `npm run build -w demo`), so
 * `npm ci && npm test` works on a fresh clone and a second run costs nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './demo';

/** The newest modification time under `paths` (files or folders), skipping node_modules and dist. */
function newest(paths: string[]): number {
  let latest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) {
        if (entry !== 'node_modules' && entry !== 'dist' && !entry.startsWith('.')) {
          visit(join(path, entry));
        }
      }
    } else latest = Math.max(latest, stats.mtimeMs);
  };
  for (const path of paths) visit(join(repoRoot, path));
  return latest;
}

/** The oldest modification time of `files`, or 0 when one is missing. */
function oldest(files: string[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const file of files) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) return 0;
    earliest = Math.min(earliest, statSync(path).mtimeMs);
  }
  return earliest;
}

function run(args: string[]) {
  console.log(`[e2e] npm ${args.join(' ')}`);
  execFileSync('npm', args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
}

export default function setup() {
  const packages = [
    'packages/engine/dist/index.js',
    'packages/react/dist/index.js',
    'packages/react/dist/styles.css',
  ];
  if (oldest(packages) < newest(['packages/engine/src', 'packages/react/src', 'tsup.config.ts'])) {
    run(['run', 'build']);
  }
  const demo = ['demo/dist/client/index.html', 'demo/dist/server/main.js'];
  const demoInputs = [
    'demo/src',
    'demo/server',
    'demo/index.html',
    'demo/vite.config.ts',
    'demo/vite.server.config.ts',
    'packages/server/src',
    ...packages,
  ];
  if (oldest(demo) < newest(demoInputs)) run(['run', 'build', '-w', 'demo']);
}
