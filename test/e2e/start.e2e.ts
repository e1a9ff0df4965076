/**
 * `npm start` on a checkout whose packages and demo are built (the global setup saw to that): it builds
 * nothing and the demo is ready in seconds, not after a rebuild of every package.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './demo';

it('given nothing changed since the last build › npm start builds nothing and is ready without a rebuild', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'palaute-start-'));
  const started = Date.now();
  const child = spawn('npm', ['start', '--', '--port', '0', '--data', dataDir], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own: npm, the start script and the server are stopped together.
    detached: true,
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (/ready at http:\/\/\S+/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}):\n${output}`));
      });
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(`[e2e] npm start ready after ${seconds.toFixed(1)} s`);
    expect(output).not.toContain('building');
    expect(output.match(/up to date/g)).toHaveLength(4);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-(child.pid as number), 'SIGTERM');
    await exited;
    // The server may still be closing its database when npm has exited.
    await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});
