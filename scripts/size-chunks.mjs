// `node scripts/size-chunks.mjs [entry] [all]`: bundles a host entry (default the NPS dialog's,
// `scripts/size/dialog.tsx`) with esbuild as `npm run size` does, and prints each chunk (content
// hashes in its name) with its brotli size, its imports (`dyn:` for `import()`) and the inputs of
// the metafile by `bytesInOutput` (the largest 15, or all with `all`); then the same entry as one
// file (`splitting: false`: esbuild inlines what `import()` loads), the size of everything the entry
// can load with nothing repeated across chunks, by package. Run after `npm run build`.
import { relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { brotli, esbuildOptions } from './size/host.mjs';

const entry = process.argv[2] ?? 'scripts/size/dialog.tsx';
const result = await build(esbuildOptions(entry));
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

// Everything in one file: no chunk repeats another's modules, and one file compresses better than
// several, so no way of splitting the entry loads less in all than this.
const whole = await build({
  ...esbuildOptions(entry),
  splitting: false,
  outdir: undefined,
  outfile: 'size-out/whole.js',
});
const [file] = whole.outputFiles;
const packages = new Map();
for (const [input, { bytesInOutput }] of Object.entries(
  whole.metafile.outputs['size-out/whole.js'].inputs,
)) {
  const name =
    /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ??
    /^packages\/(\w+)\//.exec(input)?.[1]?.replace(/^/, '@palaute/') ??
    input;
  packages.set(name, (packages.get(name) ?? 0) + bytesInOutput);
}
console.log(`\nAS ONE FILE brotli ${brotli(file.text)} raw ${file.text.length}`);
for (const [name, bytes] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`  ${bytes}\t${name}`);
