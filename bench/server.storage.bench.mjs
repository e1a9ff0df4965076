// The storage's own CPU per response, two builds side by side in one process (not a test): each
// build's `openStorage` on PGlite in a fresh data folder, and `backend.deliver` as the protocol
// handler calls it (one response, or a batch of 20 of one customer), timed with
// `process.cpuUsage` in alternating rounds, so a loaded machine touches both alike. Prints each
// build's median and the paired ratio (B / A, per round), with its interquartile range.
//
//   PALAUTE_SERVER_A=/tmp/before/packages/server/dist/index.js node bench/server.storage.bench.mjs
//   BENCH_MODE=batch BENCH_N=4 BENCH_ROUNDS=16 … (B defaults to this tree's build)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  alternating,
  benchResponse,
  cpuAround,
  loadAverage,
  median,
  pairedRatio,
} from './bench.shared.mjs';

const here = fileURLToPath(new URL('../packages/server/dist/index.js', import.meta.url));
const builds = { A: process.env.PALAUTE_SERVER_A ?? here, B: process.env.PALAUTE_SERVER_B ?? here };
const MODE = process.env.BENCH_MODE ?? 'single';
const N = Number(process.env.BENCH_N ?? (MODE === 'single' ? 30 : 4));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 16);
const PER = MODE === 'single' ? 1 : 20;
const run = Date.now().toString(36);
let counter = 0;
const response = (n, customerId = `customer-${n % 200}`) => benchResponse(run, n, customerId);

const stores = {};
for (const [name, path] of Object.entries(builds)) {
  const { openStorage } = await import(`${path}?${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'palaute-storage-bench-'));
  stores[name] = { storage: await openStorage({ dataDir: join(dir, 'db') }), dir };
}
const write = ({ storage }) => {
  if (MODE === 'single')
    return storage.backend.deliver([{ kind: 'response', payload: response(counter++) }]);
  const customerId = `batch-customer-${counter % 200}`;
  return storage.backend.deliver(
    Array.from({ length: PER }, () => ({
      kind: 'response',
      payload: response(counter++, customerId),
    })),
  );
};
// Warm-up (plans, JIT), not measured.
for (const store of Object.values(stores)) for (let i = 0; i < 40; i += 1) await write(store);
const cpu = { A: [], B: [] };
await alternating(['A', 'B'], ROUNDS, async (name) => {
  const used = await cpuAround(undefined, undefined, async () => {
    for (let i = 0; i < N; i += 1) await write(stores[name]);
  });
  cpu[name].push(used.process / (N * PER));
});
console.log(
  `${MODE}: A ${median(cpu.A).toFixed(3)} ms per response, B ${median(cpu.B).toFixed(3)} ms; B / A paired median ${pairedRatio(cpu.B, cpu.A, 3)}; load ${loadAverage()}`,
);
for (const { storage, dir } of Object.values(stores)) {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
