import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/** PGlite's data folder is already served by another process (see {@link lockDataDir}). */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
}

/** Whether process `pid` on this machine is alive (signal 0 checks without sending anything). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes PGlite's data folder for this process, or throws a {@link DataDirInUseError} naming the
 * process that has it: PGlite serves one process per folder, and two would corrupt it. The lock is
 * a file beside the folder (`<folder>.lock`, holding the owner's pid and host): one left by a
 * process that died (kill -9, a crash) names a pid no longer alive and is taken over, so a crash
 * never leaves the folder locked. Resolves with the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  const folder = resolve(dataDir);
  const path = `${folder}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  const mine = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: { pid?: unknown; host?: unknown } = {};
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
      owner = JSON.parse(text) as typeof owner;
    } catch {
      // Unreadable or half-written: a process that died while writing it, or one writing it now.
    }
    const pid = typeof owner.pid === 'number' ? owner.pid : undefined;
    if (pid !== undefined && (owner.host !== hostname() || isAlive(pid)))
      throw new DataDirInUseError(
        `PGlite's data folder ${folder} is in use by process ${pid}${owner.host === hostname() ? '' : ` on ${String(owner.host)}`} (lock file ${path}). PGlite serves one process per folder: stop that process first, or run several instances on PostgreSQL (DATABASE_URL).`,
      );
    // Left by a process that is gone: take it over (only if it is still the file we judged).
    try {
      if (readFileSync(path, 'utf8') === text) unlinkSync(path);
    } catch {
      // Someone else took it over first; try again.
    }
  }
  throw new DataDirInUseError(
    `PGlite's data folder ${folder} is being taken by another process (lock file ${path}); try again.`,
  );
}
