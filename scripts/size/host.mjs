// How `npm run size` and `scripts/size-chunks.mjs` build a host's page over the built packages:
// React left to the host, `@palaute/*` (every subpath export of the engine too) resolved to the
// built files, a production build; and brotli as a CDN serves it (quality 11).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** The host's own dependencies, left out of every measured bundle. */
const external = ['react', 'react-dom', 'react/*', 'react-dom/*'];

/** `@palaute/engine`, its subpath exports (`@palaute/engine/outbox`, …) and `@palaute/react`, built. */
export const alias = {
  '@palaute/engine': resolve('packages/engine/dist/index.js'),
  '@palaute/react/devtools': resolve('packages/react/dist/devtools.js'),
  '@palaute/react': resolve('packages/react/dist/index.js'),
};
const engineExports = JSON.parse(readFileSync('packages/engine/package.json', 'utf8')).exports;
for (const [subpath, target] of Object.entries(engineExports))
  if (subpath !== '.' && typeof target === 'object')
    alias[`@palaute/engine/${subpath.slice(2)}`] = resolve(
      'packages/engine',
      target.import.default,
    );

/** A production build, as hosts ship. */
export const define = { 'process.env.NODE_ENV': '"production"' };

/** Brotli's size of `code` at quality 11. */
export const brotli = (code) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** esbuild's options for `entry`, as tsup and most hand-written host builds use it: minified, split at `import()`. */
export const esbuildOptions = (entry) => ({
  entryPoints: [entry],
  bundle: true,
  minify: true,
  splitting: true,
  write: false,
  outdir: 'size-out',
  metafile: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  jsx: 'automatic',
  external,
  define,
  alias,
  logLevel: 'error',
});
