// `npm run size`: bundles host entries against the BUILT packages (minified, production, browser, ESM,
// React external), prints raw/gzip/brotli sizes, enforces the brotli budget and checks tree-shaking.
// Builds first when a dist is missing.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Budget for the host page in scripts/size-entry.tsx (one survey in the dialog), brotli. */
const BUDGET_BROTLI = 36 * 1024;

/**
 * Strings that must NOT appear in a bundle that imports only FeedbackDialog + defineSurvey: markers
 * (class names) of parts that bundle does not use. Each must appear in the everything-bundle, or the
 * check would prove nothing; add a marker here when a component becomes optional.
 */
const UNUSED_BY_DIALOG = ['palaute-FeedbackForm'];

/** Patterns that must NOT appear when only `parseSurvey` is imported (validation without the flow). */
const UNUSED_BY_PARSE_SURVEY = [/xstate\./, /palauteFlow/, /useState/];

const dist = {
  engine: resolve('packages/engine/dist/index.js'),
  react: resolve('packages/react/dist/index.js'),
};

if (!existsSync('packages/react/src/index.ts')) {
  console.error('size: packages/react/src/index.ts does not exist yet; nothing to measure.');
  process.exit(1);
}
if (!existsSync(dist.engine) || !existsSync(dist.react)) {
  console.log('size: a dist is missing, running `npm run build` first.\n');
  execSync('npm run build', { stdio: 'inherit' });
}

/** Bundles a file, or `{ contents }` given as stdin, the way a host's production build would. */
async function bundle(entry) {
  const input =
    typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, loader: 'tsx', resolveDir: process.cwd() } };
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { '@palaute/engine': dist.engine, '@palaute/react': dist.react },
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  return {
    code: Buffer.from(bytes).toString('utf8'),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

let host;
let dialogOnly;
let everything;
let parseOnly;
try {
  host = await bundle('scripts/size-entry.tsx');
  dialogOnly = await bundle({
    contents: `export { defineSurvey } from '@palaute/engine';\nexport { FeedbackDialog } from '@palaute/react';\n`,
  });
  everything = await bundle({
    contents: `export * from '@palaute/engine';\nexport * from '@palaute/react';\n`,
  });
  parseOnly = await bundle({ contents: `export { parseSurvey } from '@palaute/engine';\n` });
} catch (error) {
  console.error(`size: bundling failed (is the React API in place and built?)\n${error.message}`);
  process.exit(1);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const row = (b) => ({ raw: kb(b.raw), gzip: kb(b.gzip), brotli: kb(b.brotli) });
const rows = {
  'host page (scripts/size-entry.tsx)': row(host),
  'FeedbackDialog + defineSurvey': row(dialogOnly),
  'everything (both packages)': row(everything),
  'parseSurvey only': row(parseOnly),
};
const css = 'packages/react/dist/styles.css';
if (existsSync(css)) {
  const bytes = readFileSync(css);
  rows['styles.css (optional)'] = row({
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
  });
}
console.table(rows);

const problems = [];
if (host.brotli > BUDGET_BROTLI)
  problems.push(
    `the host page is ${kb(host.brotli)} brotli, ${kb(host.brotli - BUDGET_BROTLI)} over the ${kb(BUDGET_BROTLI)} budget`,
  );
if (dialogOnly.raw >= everything.raw)
  problems.push('importing only FeedbackDialog is not smaller than importing everything');
for (const marker of UNUSED_BY_DIALOG) {
  if (!everything.code.includes(marker))
    problems.push(`marker '${marker}' is not in the full bundle; update UNUSED_BY_DIALOG`);
  else if (dialogOnly.code.includes(marker))
    problems.push(`the FeedbackDialog bundle contains '${marker}', which it does not use`);
}
for (const pattern of UNUSED_BY_PARSE_SURVEY)
  if (pattern.test(parseOnly.code))
    problems.push(`the parseSurvey-only bundle matches ${pattern} (flow or React code came along)`);

if (problems.length > 0) {
  console.error(`\nsize: FAILED\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `\nsize: ok. Host page ${kb(host.brotli)} brotli (budget ${kb(BUDGET_BROTLI)}); tree-shaking holds.`,
);
