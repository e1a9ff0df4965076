/**
 * Whether built files are older than their sources, for tests that run built code (the
 * `palaute-server` command, the demo) and build it themselves, so `npm ci && npm test` passes on a
 * fresh clone and a second run builds nothing.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The newest modification time under `paths` (files or folders), skipping node_modules and dist. */
export function newest(paths: string[]): number {
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
export function oldest(files: string[]): number {
  let earliest = Number.POSITIVE_INFINITY;
  for (const file of files) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) return 0;
    earliest = Math.min(earliest, statSync(path).mtimeMs);
  }
  return earliest;
}

/** Whether any of `outputs` is missing or older than anything under `inputs`. */
export const isStale = (outputs: string[], inputs: string[]) => oldest(outputs) < newest(inputs);
