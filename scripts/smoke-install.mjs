// `npm run smoke:install`: installs the three packages as a host would — from their packed tarballs into
// an empty project, dependencies from the registry — and uses them there: the engine and the React
// package from ESM and CommonJS, the server as a library (a signed customer's request answered, the
// OpenAPI document served) and as the `palaute-server` command. Catches what lint:pkg cannot see: a
// file left out of `files`, a dependency used but not declared, a path that only resolves inside the
// workspace. Run after `npm run build`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const host = mkdtempSync(join(tmpdir(), 'palaute-host-'));
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: 'pipe' });
const node = (file) =>
  execFileSync(process.execPath, [file], { cwd: host, encoding: 'utf8', stdio: 'pipe' });

/** Starts the installed `palaute-server` command and resolves with its address once it listens. */
function startCommand() {
  const bin = join(host, 'node_modules', '.bin', 'palaute-server');
  // PGlite, as a host trying it out would get it: no DATABASE_URL.
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(bin, [], {
    cwd: host,
    env: {
      ...env,
      PORT: '0',
      PALAUTE_DATA_DIR: join(host, 'data'),
      PALAUTE_SECRET: 'smoke-secret-0123456789',
      PALAUTE_PUBLISHABLE_KEY: 'pk_smoke',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no address in 60 s:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk;
      const address = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!address) return;
      clearTimeout(timer);
      done({
        address,
        // Resolves once it has closed its database, before the folder is removed.
        stop: () =>
          new Promise((closed) => {
            child.removeAllListeners('exit');
            child.on('exit', closed);
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`palaute-server exited with ${code}:\n${output}`));
    });
  });
}

try {
  const tarballs = ['engine', 'react', 'server'].map((name) => {
    const [packed] = JSON.parse(
      npm(['pack', '--json', '--pack-destination', host], resolve('packages', name)),
    );
    return join(host, packed.filename);
  });
  writeFileSync(
    join(host, 'package.json'),
    JSON.stringify({ name: 'palaute-smoke-host', private: true, type: 'module' }),
  );
  console.log(`Installing ${tarballs.length} tarballs into ${host} …`);
  npm(['install', '--no-audit', '--no-fund', 'react@19', 'react-dom@19', ...tarballs], host);

  writeFileSync(
    join(host, 'esm.mjs'),
    `import { createMemoryBackend, defineSurvey, ValidationError } from '@palaute/engine';
import { parsePersistedFlow } from '@palaute/engine/persisted-flow';
import { FeedbackForm, PalauteProvider } from '@palaute/react';
import { createServer, listen, signCustomerId } from '@palaute/server';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';

const survey = defineSurvey({
  id: 'smoke-nps', touchpointId: 'dashboard', title: 'A quick question',
  questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' }],
});
const html = renderToString(
  createElement(PalauteProvider, { backend: createMemoryBackend(), customer: { id: 'c-1' } },
    createElement(FeedbackForm, { survey })),
);
if (!html.includes('How likely are you to recommend us?')) throw new Error('SSR rendered no question');
// The saved flow's check, its own entry built whole, refuses with the main entry's error class.
const saved = parsePersistedFlow({ version: 1 }, survey);
if (saved.success || !(saved.error instanceof ValidationError))
  throw new Error('@palaute/engine/persisted-flow: no ValidationError of the main entry');

const secret = 'smoke-secret-0123456789';
const server = createServer({ secret, publishableKey: 'pk_smoke' });
const { url, close } = await listen(server, { port: 0 });
try {
  const openapi = await fetch(url + '/openapi.json');
  if (openapi.status !== 200 || !(await openapi.json()).openapi) throw new Error('no OpenAPI document');
  const ask = (customerId) =>
    fetch(url + '/v1/feedback/query', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-palaute-key': 'pk_smoke',
        'x-palaute-customer': signCustomerId(secret, 'c-1'),
      },
      body: JSON.stringify({ protocol: 1, query: { customerId } }),
    });
  const own = await ask('c-1');
  if (own.status !== 200) throw new Error('own feedback: ' + own.status + ' ' + (await own.text()));
  const other = await ask('c-2');
  if (other.status !== 403) throw new Error('another customer’s feedback: ' + other.status);
} finally {
  await close();
  await server.close();
}
console.log('ESM: engine, react (server-rendered form) and server (HTTP, customers kept apart) work');
`,
  );
  writeFileSync(
    join(host, 'cjs.cjs'),
    `const engine = require('@palaute/engine');
const react = require('@palaute/react');
const survey = engine.parseSurvey({ id: 'x', touchpointId: 't', title: 'T', questions: [] });
if (survey.success) throw new Error('an empty survey was accepted');
const saved = require('@palaute/engine/persisted-flow').parsePersistedFlow({}, {});
if (saved.success || !(saved.error instanceof engine.ValidationError))
  throw new Error('@palaute/engine/persisted-flow: no ValidationError of the main entry (CJS)');
if (typeof react.FeedbackDialog !== 'function' && typeof react.FeedbackDialog !== 'object')
  throw new Error('no FeedbackDialog');
console.log('CommonJS: engine and react load');
`,
  );
  process.stdout.write(node('esm.mjs'));
  process.stdout.write(node('cjs.cjs'));

  const command = await startCommand();
  try {
    const health = await fetch(`${command.address}/openapi.json`);
    if (health.status !== 200) throw new Error(`palaute-server: /openapi.json ${health.status}`);
  } finally {
    await command.stop();
  }
  console.log(`palaute-server: installed command listened on ${command.address}`);
  console.log('\nSmoke install: the packed packages work in a fresh host project.');
} catch (error) {
  console.error(`\nSmoke install failed:\n${error.stderr || error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(host, { recursive: true, force: true });
}
