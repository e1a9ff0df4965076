import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The subpath comes first: an alias also matches `<key>/…`, and the first match wins.
const alias = {
  '@palaute/engine/internal': root('./packages/engine/src/internal.ts'),
  '@palaute/engine/outbox': root('./packages/engine/src/outbox.ts'),
  '@palaute/engine/protocol-schemas': root('./packages/engine/src/protocol-schemas.ts'),
  '@palaute/engine/persisted-flow': root('./packages/engine/src/flow/flow.restore.ts'),
  '@palaute/engine': root('./packages/engine/src/index.ts'),
  '@palaute/react/devtools': root('./packages/react/src/devtools/index.ts'),
  '@palaute/react': root('./packages/react/src/index.ts'),
};

/** The suites that run on the built packages (the `server-built` project): the server's, and one of the engine's. */
const builtSuites = [
  'test/server/server.build.test.ts',
  'test/server/server.refusals.test.ts',
  'test/server/server.security.test.ts',
  'test/server/server.hostile.test.ts',
  'test/server/server.races.test.ts',
  'test/server/server.crash.test.ts',
  'test/server/server.faults.test.ts',
  // The engine's schemas in the heap of a page that loads the built outbox and protocol schemas.
  'test/engine/schemas.built.test.ts',
];
/** In `server-built`, the tests' imports of the server's sources load its build instead. */
const builtServer = [
  {
    find: /^(\.\.\/)+packages\/server\/src\/index$/,
    replacement: root('./packages/server/dist/index.js'),
  },
];

const react18 = root('./test/react18/node_modules/');
const react18Alias = [
  { find: /^react$/, replacement: `${react18}react/index.js` },
  { find: /^react\/(.*)$/, replacement: `${react18}react/$1` },
  { find: /^react-dom$/, replacement: `${react18}react-dom/index.js` },
  { find: /^react-dom\/(.*)$/, replacement: `${react18}react-dom/$1` },
];

const chromium = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** Browser mode in Debian's Chromium; each project names its instance, as Vitest requires. */
const browser = (name: string) => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromium }),
  instances: [{ browser: 'chromium' as const, name }],
});

const jsdomFiles = ['test/**/*.test.tsx'];
const notJsdom = ['test/**/*.browser.test.tsx', 'test/**/*.ssr.test.tsx', '**/node_modules/**'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'engine',
          environment: 'node',
          globals: true,
          include: ['test/**/*.test.ts'],
          // schemas.built reads the build: it runs in `server-built`, which builds it when stale.
          exclude: ['test/server/**', 'test/engine/schemas.built.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'server',
          environment: 'node',
          globals: true,
          include: ['test/server/**/*.test.ts'],
          // These read or spawn the build itself, so they run in `server-built` only.
          exclude: [
            'test/server/server.build.test.ts',
            'test/server/server.crash.test.ts',
            '**/node_modules/**',
          ],
        },
      },
      {
        // The server's HTTP suites on the BUILT packages, loaded by Node from packages/*/dist as a
        // host loads them (not transformed, not aliased to the sources): what the build gets wrong
        // (an entry point with its own copy of a module) only shows there.
        resolve: { alias: builtServer },
        test: {
          name: 'server-built',
          environment: 'node',
          globals: true,
          include: builtSuites,
          globalSetup: ['test/setup/built.ts'],
          server: { deps: { external: [/\/packages\/(engine|server)\/dist\//] } },
        },
      },
      {
        // The demo end to end (test/e2e/*.e2e.ts): Playwright's library drives Debian's Chromium
        // against the built demo; the global setup builds it when missing or stale.
        test: {
          name: 'e2e',
          environment: 'node',
          globals: true,
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'react',
          environment: 'jsdom',
          globals: true,
          include: jsdomFiles,
          exclude: notJsdom,
          setupFiles: ['test/setup/jsdom.ts'],
          env: { PALAUTE_REACT: '19' },
        },
      },
      {
        resolve: {
          alias: [
            ...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })),
            ...react18Alias,
          ],
        },
        test: {
          name: 'react18',
          environment: 'jsdom',
          globals: true,
          // The server-rendering tests run here too: renderToString with React 18's react-dom/server.
          include: [...jsdomFiles, 'test/**/*.ssr.test.tsx'],
          exclude: ['test/**/*.browser.test.tsx', '**/node_modules/**'],
          setupFiles: ['test/setup/jsdom.ts'],
          env: { PALAUTE_REACT: '18' },
          // Dependencies are pre-bundled so the React 18 aliases reach them, CommonJS requires included.
          deps: {
            optimizer: {
              client: {
                enabled: true,
                include: [
                  '@testing-library/react',
                  '@testing-library/dom',
                  '@testing-library/user-event',
                  '@radix-ui/react-dialog',
                ],
              },
            },
          },
          server: { deps: { inline: true } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'ssr',
          environment: 'node',
          globals: true,
          include: ['test/**/*.ssr.test.tsx'],
          env: { PALAUTE_REACT: '19' },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          globals: true,
          include: ['test/**/*.browser.test.tsx'],
          browser: browser('browser (chromium)'),
        },
      },
      {
        // Type tests (`*.test-d.ts`): expectTypeOf and @ts-expect-error, checked by tsc with the root tsconfig.
        resolve: { alias },
        test: {
          name: 'types',
          globals: true,
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: root('./tsconfig.json'),
            ignoreSourceErrors: false,
          },
        },
      },
      {
        // Every story is a test in headless Chromium; the preview sets a11y.test = 'error'.
        plugins: [storybookTest({ configDir: root('./.storybook') })],
        // Stories drive flows against a backend with 300 ms latency; on a loaded 2-core machine a
        // step can take seconds, so waits allow 10 s and a story 30 s before it counts as failed.
        test: {
          name: 'storybook',
          globals: true,
          testTimeout: 30_000,
          browser: browser('storybook (chromium)'),
        },
      },
    ],
  },
});
