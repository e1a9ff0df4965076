import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const alias = {
  '@palaute/engine': root('./packages/engine/src/index.ts'),
  '@palaute/react': root('./packages/react/src/index.ts'),
};

const react18 = root('./test/react18/node_modules/');
const react18Alias = [
  { find: /^react$/, replacement: `${react18}react/index.js` },
  { find: /^react\/(.*)$/, replacement: `${react18}react/$1` },
  { find: /^react-dom$/, replacement: `${react18}react-dom/index.js` },
  { find: /^react-dom\/(.*)$/, replacement: `${react18}react-dom/$1` },
];

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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

const jsdomFiles = ['test/**/*.test.tsx'];
const notJsdom = ['test/**/*.browser.test.tsx', 'test/**/*.ssr.test.tsx', '**/node_modules/**'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'engine', environment: 'node', globals: true, include: ['test/**/*.test.ts'] },
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
        resolve: { alias: [...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })), ...react18Alias] },
        test: {
          name: 'react18',
          environment: 'jsdom',
          globals: true,
          include: jsdomFiles,
          exclude: notJsdom,
          setupFiles: ['test/setup/jsdom.ts'],
          env: { PALAUTE_REACT: '18' },
          // Dependencies must go through Vite so the React 18 aliases reach them too.
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
        resolve: { alias: [...Object.entries(alias).map(([find, replacement]) => ({ find, replacement })), ...react18Alias] },
        test: {
          name: 'ssr18',
          environment: 'node',
          globals: true,
          include: ['test/**/*.ssr.test.tsx'],
          env: { PALAUTE_REACT: '18' },
          server: { deps: { inline: true } },
        },
      },
    ],
  },
});
