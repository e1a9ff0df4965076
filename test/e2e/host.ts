/**
 * Serves host.tsx to a Playwright page as a host app would ship it: bundled (React in production
 * mode, the packages' sources) with the optional stylesheet, at an http origin of its own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright';
import { repoRoot } from '../support/stale';

/** The host page's address. */
export const hostUrl = 'http://host.test/';

/** Routes `hostUrl` on `page` to host.tsx, bundled, with the built packages/react/dist/styles.css (the
 * e2e setup builds it). */
export async function serveHost(page: Page): Promise<void> {
  const bundle = await build({
    entryPoints: [join(repoRoot, 'test/e2e/host.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: {
      '@palaute/engine/outbox': join(repoRoot, 'packages/engine/src/outbox.ts'),
      '@palaute/engine/protocol-schemas': join(repoRoot, 'packages/engine/src/protocol-schemas.ts'),
      '@palaute/engine/persisted-flow': join(repoRoot, 'packages/engine/src/flow/flow.restore.ts'),
      '@palaute/engine': join(repoRoot, 'packages/engine/src/index.ts'),
      '@palaute/react/devtools': join(repoRoot, 'packages/react/src/devtools/index.ts'),
      '@palaute/react': join(repoRoot, 'packages/react/src/index.ts'),
    },
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const styles = readFileSync(join(repoRoot, 'packages/react/dist/styles.css'), 'utf8');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/styles.css"><title>Invoices</title></head><body><div id="app"></div><script type="module" src="/host.js"></script></body></html>`;
  await page.route(`${hostUrl}**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/host.js') return route.fulfill({ body: script, contentType: 'text/javascript' });
    if (path === '/styles.css') return route.fulfill({ body: styles, contentType: 'text/css' });
    return route.fulfill({ body: html, contentType: 'text/html' });
  });
}
