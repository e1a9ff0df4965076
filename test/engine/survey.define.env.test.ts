import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { rolldown } from 'rolldown';

// `defineSurvey` reads the bundler constant `process.env.NODE_ENV`: a production bundle keeps no
// schema for it, and a page without a bundler (no `process` at all) does not throw.
const entry = fileURLToPath(
  new URL('../../packages/engine/src/survey/survey.define.ts', import.meta.url),
);
const production = { 'process.env.NODE_ENV': '"production"' };

const input = {
  id: 'nps',
  touchpointId: 'dashboard',
  title: { en: 'Quick question' },
  questions: [{ id: 'nps', type: 'nps', title: 'How likely are you to recommend us?' }],
};

async function withEsbuild(define?: Record<string, string>) {
  const result = await build({
    stdin: {
      contents: `export { defineSurvey } from ${JSON.stringify(entry)};`,
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
    ...(define ? { define } : {}),
  });
  return result.outputFiles[0]?.text ?? '';
}

async function withRolldown(define?: Record<string, string>) {
  const only = join(mkdtempSync(join(tmpdir(), 'palaute-define-')), 'entry.ts');
  writeFileSync(only, `export { defineSurvey } from ${JSON.stringify(entry)};`);
  const bundle = await rolldown({
    input: only,
    platform: 'browser',
    logLevel: 'silent',
    ...(define ? { transform: { define } } : {}),
  });
  const { output } = await bundle.generate({ format: 'es', minify: true });
  await bundle.close();
  return output[0].code;
}

/** Runs an ES module bundle as a script in a fresh realm without `process`, returning its exports. */
async function runWithoutProcess(code: string) {
  const script = (
    await build({
      stdin: { contents: code, loader: 'js' },
      format: 'iife',
      globalName: 'engine',
      write: false,
      logLevel: 'silent',
    })
  ).outputFiles[0]?.text;
  const context: { engine?: { defineSurvey: (value: unknown) => unknown }; hasProcess?: boolean } =
    {};
  runInNewContext(`${script}\nthis.hasProcess = typeof process !== 'undefined';`, context);
  return context;
}

describe('defineSurvey and process.env.NODE_ENV', () => {
  it.each([
    ['esbuild', withEsbuild],
    ['Rolldown', withRolldown],
  ] as const)(
    'a production %s bundle drops the schemas; a development one keeps them',
    async (_, bundle) => {
      const [inProduction, inDevelopment] = await Promise.all([
        bundle(production),
        bundle({ 'process.env.NODE_ENV': '"development"' }),
      ]);
      expect(inDevelopment).toContain('_zod');
      expect(inProduction).not.toContain('_zod');
      expect(inProduction.length).toBeLessThan(inDevelopment.length / 4);
    },
  );

  it('without a bundler (no process), defineSurvey does not throw and fills the defaults in', async () => {
    const { engine, hasProcess } = await runWithoutProcess(await withEsbuild());
    expect(hasProcess).toBe(false);
    const survey = engine?.defineSurvey(input) as {
      version: number;
      defaultLocale: string;
      questions: { required: boolean }[];
    };
    expect(survey.version).toBe(1);
    expect(survey.defaultLocale).toBe('en');
    expect(survey.questions[0]?.required).toBe(true);
  });

  it('in development (Node, tests) a bad definition still throws with its path', async () => {
    const { defineSurvey } = await import('@palaute/engine');
    expect(() => defineSurvey({ ...input, questions: [] } as never)).toThrow(/questions/);
  });
});
