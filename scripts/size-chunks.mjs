// `node scripts/size-chunks.mjs [entry] [all]`: bundles a host entry (default the NPS dialog's,
// `scripts/size/dialog.tsx`) with esbuild as `npm run size` does, and prints each chunk (content
// hashes in its name) with its brotli size, its imports (`dyn:` for `import()`) and the inputs of
// the metafile by `bytesInOutput` (the largest 15, or all with `all`). Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const external = ['react', 'react-dom', 'react/*', 'react-dom/*'];
const alias = {
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
const brotli = (code) =>
  brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const entry = process.argv[2] ?? 'scripts/size/dialog.tsx';
const result = await build({
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
  define: { 'process.env.NODE_ENV': '"production"' },
  alias,
  logLevel: 'error',
});
let total = 0;
const detail = process.argv[3] ?? '';
for (const file of result.outputFiles) {
  const name = relative(resolve('size-out'), file.path);
  const meta = result.metafile.outputs[`size-out/${name}`];
  const b = brotli(file.text);
  total += b;
  console.log(
    `\n== ${name} raw ${file.text.length} brotli ${b} imports: ${meta.imports
      .filter((i) => !i.external)
      .map((i) => `${i.kind === 'dynamic-import' ? 'dyn:' : ''}${relative('size-out', i.path)}`)
      .join(', ')}`,
  );
  const inputs = Object.entries(meta.inputs).sort(
    (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
  );
  const n = detail === 'all' ? 1000 : 15;
  for (const [input, { bytesInOutput }] of inputs.slice(0, n))
    if (bytesInOutput > 0) console.log(`  ${bytesInOutput}\t${input}`);
}
console.log('\nTOTAL brotli', total);
