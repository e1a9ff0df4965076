// `npm start`: builds what is missing or older than its sources (each package, then the demo), then
// starts the demo server. A fresh clone builds everything once; a second start builds nothing.
// Arguments go to the server (`npm start -- --port 8080`).
import { execFileSync, spawn } from 'node:child_process';
import { isStale, repoRoot } from './stale.mjs';

const shared = ['tsup.config.ts', 'tsconfig.base.json', 'package-lock.json'];
const dist = (name) => [`packages/${name}/dist/index.js`, `packages/${name}/dist/index.d.ts`];
const steps = [
  {
    name: 'engine',
    outputs: dist('engine'),
    inputs: ['packages/engine/src', 'packages/engine/package.json', ...shared],
    build: ['npx', ['tsup'], { PALAUTE_PACKAGE: 'engine' }],
  },
  {
    name: 'react',
    outputs: [...dist('react'), 'packages/react/dist/styles.css'],
    inputs: ['packages/react/src', 'packages/react/package.json', ...dist('engine'), ...shared],
    build: ['npx', ['tsup'], { PALAUTE_PACKAGE: 'react' }],
  },
  {
    name: 'server',
    outputs: dist('server'),
    inputs: ['packages/server/src', 'packages/server/package.json', ...dist('engine'), ...shared],
    build: ['npx', ['tsup'], { PALAUTE_PACKAGE: 'server' }],
  },
  {
    name: 'demo',
    outputs: ['demo/dist/client/index.html', 'demo/dist/server/main.js'],
    inputs: [
      'demo/src',
      'demo/server',
      'demo/index.html',
      'demo/package.json',
      'demo/vite.config.ts',
      'demo/vite.server.config.ts',
      ...dist('engine'),
      ...dist('react'),
      'packages/react/dist/styles.css',
      ...dist('server'),
    ],
    build: ['npm', ['run', 'build', '-w', 'demo'], {}],
  },
];

for (const { name, outputs, inputs, build } of steps) {
  if (!isStale(outputs, inputs)) {
    console.log(`[start] ${name}: up to date`);
    continue;
  }
  const [command, args, env] = build;
  console.log(`[start] ${name}: building`);
  execFileSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
}

// The server is a child of this script: a signal for one (Ctrl+C, a supervisor's SIGTERM) stops both.
const server = spawn(process.execPath, ['demo/dist/server/main.js', ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
