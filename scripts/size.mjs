// `npm run size`: bundles host entries against the built packages (minified, production, React
// external) and checks the budget and tree-shaking. Run after `npm run build` (it builds if needed).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** The target from the issue: an NPS dialog in at most 36 KB brotli. Not met yet (see README). */
const TARGET_BROTLI = 36 * 1024;
/**
 * The ratchet CI enforces until the target is met: the size measured, plus a little room. Lower it
 * whenever the bundle shrinks; never raise it without saying why in the commit.
 * Raised from 46.5 KB to 50 KB by issue 4: the provider now ships the durable outbox by default
 * (record validation, IndexedDB / localStorage / memory storage, Web Locks): +3.4 KB brotli. Raised
 * to 53 KB when the page switched from a hand-written fetch backend to `createHttpBackend` (every
 * request and answer validated by the protocol's schemas, retries classified): +2.9 KB. Raised to
 * 53.3 KB by issue 14: the dialog keeps itself inside the visual viewport on any host, ignores the
 * second press of a double click after a step change, and scrolls the focus trap's wrap into view
 * (+0.25 KB; the inline form's own strings moved to a catalogue of their own to pay for part of it).
 * Raised to 55 KB by issues 13 and 14 together: drafts kept on dismissal and partial responses, the
 * unanswered-display rule and the customer's own initiative in the journey, bare scores in the
 * customer's history, and the engine's entry points sharing one copy of every module (+1.6 KB over
 * 53.3 KB). Raised to 56.5 KB by the rest of issue 14: "Don't ask me again" asks what it covers,
 * confirms and offers its undo (the scope, the contact-choice write in the outbox's records, the
 * strings), and CSAT faces drawn as inline SVG (+1.3 KB; turning opt-outs back on later,
 * ContactChoices, stays out of the dialog's imports). Raised to 57 KB when the team's inbox and the
 * customer's thread became engine machines (issue 15): 56.7 KB measured once their machines and the
 * inbox's React root were marked pure (unmarked, the whole inbox landed in the dialog: 71.8 KB).
 * Issue 18 takes the dialog down to its 36 KB target and this ceiling with it.
 */
const CEILING_BROTLI = 57 * 1024;

if (!existsSync('packages/react/dist/index.js') || !existsSync('packages/engine/dist/index.js')) {
  execSync('npm run build', { stdio: 'inherit' });
}

async function bundle(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: {
      '@palaute/engine': './packages/engine/dist/index.js',
      '@palaute/react/devtools': './packages/react/dist/devtools.js',
      '@palaute/react': './packages/react/dist/index.js',
    },
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  return {
    code: Buffer.from(code).toString('utf8'),
    raw: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const dialog = await bundle('scripts/size/dialog.tsx');
const surveyOnly = await bundle('scripts/size/survey-only.ts');
const dashboard = await bundle('scripts/size/dashboard.tsx');
const board = await bundle('scripts/size/board.tsx');
const css = readFileSync('packages/react/dist/styles.css');

console.table({
  'NPS dialog (define + provider + dialog)': {
    raw: kb(dialog.raw),
    gzip: kb(dialog.gzip),
    brotli: kb(dialog.brotli),
  },
  'CX dashboard (HTTP client + provider + dashboard)': {
    raw: kb(dashboard.raw),
    gzip: kb(dashboard.gzip),
    brotli: kb(dashboard.brotli),
  },
  'Board (HTTP board client + provider + board, roadmap, changelog)': {
    raw: kb(board.raw),
    gzip: kb(board.gzip),
    brotli: kb(board.brotli),
  },
  'parseSurvey only': {
    raw: kb(surveyOnly.raw),
    gzip: kb(surveyOnly.gzip),
    brotli: kb(surveyOnly.brotli),
  },
  'styles.css (optional)': {
    raw: kb(css.length),
    gzip: kb(gzipSync(css, { level: 9 }).length),
    brotli: kb(brotliCompressSync(css).length),
  },
});

const problems = [];
if (dialog.brotli > CEILING_BROTLI)
  problems.push(
    `the NPS dialog is ${kb(dialog.brotli)} brotli, over the ${kb(CEILING_BROTLI)} ceiling`,
  );
// Tree-shaking: the dialog must not carry the inline form, and validating a survey must not carry the flow.
if (dialog.code.includes('palaute-FeedbackForm'))
  problems.push('the dialog bundle contains FeedbackForm');
// The dashboard is its own entry: not a byte of it (components, charts, strings, the report's
// statistics) may reach a page that only asks a survey.
for (const marker of [
  'palaute-CxDashboard',
  'palaute-TrendChart',
  'palaute-MetricCard',
  'Show as table',
])
  if (dialog.code.includes(marker))
    problems.push(`the dialog bundle contains the dashboard (${marker})`);
// The board is its own entry too: none of its components, strings, machine or routes on a page
// that only asks a survey.
for (const marker of [
  'palaute-FeedbackBoard',
  'palaute-Roadmap',
  'palaute-Changelog',
  'palauteBoard',
  'Is it one of these?',
  '/v1/board/',
])
  if (dialog.code.includes(marker))
    problems.push(`the dialog bundle contains the board (${marker})`);
// The developer tools are their own entry (`@palaute/react/devtools`): the explain panel and its
// strings never reach a page that only asks a survey.
for (const marker of ['palaute-ExplainPanel', 'why surveys show'])
  if (dialog.code.includes(marker))
    problems.push(`the dialog bundle contains the devtools (${marker})`);
if (!board.code.includes('palaute-FeedbackBoard'))
  problems.push('the board entry does not contain the board');
if (!dashboard.code.includes('palaute-CxDashboard'))
  problems.push('the dashboard entry does not contain the dashboard');
if (/xstate\.|palauteFlow/.test(surveyOnly.code))
  problems.push('parseSurvey alone pulls in the flow machine (xstate)');
if (surveyOnly.code.includes('useState')) problems.push('parseSurvey alone pulls in React code');

if (problems.length > 0) {
  console.error(`\nSize check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const gap = dialog.brotli - TARGET_BROTLI;
console.log(
  gap > 0
    ? `\nSize: ${kb(dialog.brotli)} brotli (${dialog.brotli} B of ${CEILING_BROTLI} B), under the ${kb(CEILING_BROTLI)} ceiling but ${kb(gap)} over the ${kb(TARGET_BROTLI)} target. Tree-shaking holds.`
    : `\nSize: ${kb(dialog.brotli)} brotli, within the ${kb(TARGET_BROTLI)} target. Tree-shaking holds.`,
);
