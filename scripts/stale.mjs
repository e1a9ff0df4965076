// Whether built files are older than their sources: `npm start` (scripts/start.mjs) and the tests
// that run built code (through test/support/stale.ts) build only what is missing or stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The newest modification time under `paths` (files or folders), skipping node_modules, dist and
 * dot folders.
 * @param {string[]} paths
 * @returns {number}
 */
export function newest(paths) {
  let latest = 0;
  /** @param {string} path */
  const visit = (path) => {
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

/**
 * The oldest modification time of `files`, or 0 when one is missing.
 * @param {string[]} files
 * @returns {number}
 */
export function oldest(files) {
  let earliest = Number.POSITIVE_INFINITY;
  for (const file of files) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) return 0;
    earliest = Math.min(earliest, statSync(path).mtimeMs);
  }
  return earliest;
}

/**
 * Whether any of `outputs` is missing or older than anything under `inputs`.
 * @param {string[]} outputs
 * @param {string[]} inputs
 */
export const isStale = (outputs, inputs) => oldest(outputs) < newest(inputs);
