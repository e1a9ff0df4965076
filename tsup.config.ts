import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';
import { joinStyles } from './scripts/styles.mjs';

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Every dependency and peer of a package stays external, subpaths included (`zod/mini`, `react/jsx-runtime`). */
function externals(pkg: string): RegExp[] {
  const manifest = JSON.parse(readFileSync(`packages/${pkg}/package.json`, 'utf8')) as Manifest;
  const names = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return names.map((name) => new RegExp(`^${name.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')}(/.*)?$`));
}

/**
 * The engine's `import()` of `protocol/protocol.checks` stays an `import()` of the built entry beside it
 * (`./protocol-schemas.js` or `.cjs`), and its `import()` of `protocol/protocol.send` one of
 * `./protocol-send.js` (`buildProtocolSend`), so the main build neither bundles nor splits them.
 */
const lazyProtocolSchemas: Plugin = {
  name: 'lazy-protocol-schemas',
  setup(build) {
    const extension = build.initialOptions.outExtension?.['.js'] === '.cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /(^|\/)protocol\.(checks|send)$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? {
            path: `./${args.path.endsWith('checks') ? 'protocol-schemas' : 'protocol-send'}.${extension}`,
            external: true,
          }
        : undefined,
    );
  },
};

/**
 * `@palaute/engine/protocol-schemas` (`src/protocol-schemas.ts`: the customer routes' zod schemas
 * and their checks, and the durable outbox), built whole into one file (below, `buildWhole`). The
 * outbox validates its records with the records' schemas, so loading it always loaded the protocol's
 * schemas, and a page that asks a survey loads both anyway: the outbox with its first write, the
 * schemas with the first request. As two files, the outbox's took the records' schemas from the
 * other and the two compressed apart (the NPS dialog 0.45 KB brotli larger in all with esbuild,
 * 0.6 KB with Rolldown). The React package's outbox imports this entry, as the HTTP client does:
 * imported as `@palaute/engine/outbox` (a file re-exporting this one), a host's esbuild made two
 * lazy stubs and a shared chunk of it (0.37 KB brotli more in all). `outbox.js` re-exports the
 * outbox's part of it (`writeOutboxEntry`) for hosts. A page that sends with `createHttpBackend` and
 * no outbox loads the outbox's code with its first request.
 */
const buildProtocolSchemas = () =>
  buildWhole('packages/engine/src/protocol-schemas.ts', 'protocol-schemas');

/**
 * `dist/outbox.js` and `.cjs`: the outbox's exports (its value exports, read from
 * `src/outbox.ts` by esbuild), taken from `protocol-schemas`, which holds the outbox's code.
 */
async function writeOutboxEntry(): Promise<void> {
  const { metafile } = await esbuild({
    entryPoints: ['packages/engine/src/outbox.ts'],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'neutral',
    outfile: 'outbox.js',
    external: ['zod', 'zod/*', 'xstate'],
    logLevel: 'error',
  });
  const names = Object.values(metafile.outputs)[0]?.exports ?? [];
  if (names.length === 0) throw new Error('src/outbox.ts exports nothing');
  const banner = '// The durable outbox: its code is in protocol-schemas (see tsup.config.ts).\n';
  writeFileSync(
    'packages/engine/dist/outbox.js',
    `${banner}export { ${names.join(', ')} } from "./protocol-schemas.js";\n`,
  );
  writeFileSync(
    'packages/engine/dist/outbox.cjs',
    `${banner}"use strict";\nconst whole = require("./protocol-schemas.cjs");\n${names
      .map((name) => `exports.${name} = whole.${name};`)
      .join('\n')}\n`,
  );
}

/**
 * An engine entry built whole in ESM and CJS (zod and xstate stay external), loaded by the dialog
 * with `import()`, except the error classes, taken from the main build's own file
 * (`_/shared/shared.errors`) so `instanceof` holds across entries. A host's esbuild keeps on
 * the initial path every file that a file the page uses imports, lazy chunks included: split, such
 * an entry would share its modules with `index.js`, and they would load before the dialog could show.
 */
async function buildWhole(
  entry: string | { contents: string; resolveDir: string },
  name: string,
): Promise<void> {
  for (const format of ['esm', 'cjs'] as const) {
    const extension = format === 'cjs' ? 'cjs' : 'js';
    await esbuild({
      ...(typeof entry === 'string'
        ? { entryPoints: [entry] }
        : { stdin: { ...entry, loader: 'ts' as const } }),
      outfile: `packages/engine/dist/${name}.${extension}`,
      bundle: true,
      format,
      platform: 'neutral',
      target: 'es2020',
      external: ['zod', 'zod/*', 'xstate'],
      logLevel: 'error',
      plugins: [
        {
          name: 'main-build-files',
          setup(build) {
            build.onResolve({ filter: /(^|\/)shared\.errors$/ }, () => ({
              path: `./_/shared/shared.errors.${extension}`,
              external: true,
            }));
          },
        },
      ],
    });
  }
}

/**
 * `@palaute/engine/persisted-flow` (the saved flow's check, `flow/flow.restore.ts`), built whole; the
 * NPS dialog loads it only when a flow was kept.
 */
const buildPersistedFlow = () =>
  buildWhole('packages/engine/src/flow/flow.restore.ts', 'persisted-flow');

/**
 * `dist/protocol-send.js` (not public): the HTTP client's `sendRequest` (`protocol/protocol.send.ts`),
 * which it loads with the protocol's schemas on its first request, built whole. Split, it imported
 * the main build's files of the retry rules (`protocol.errors`) and the protocol's utils, which
 * `index.js` imports too: a host's esbuild then kept them in a chunk of their own on the dialog's
 * first load (0.7 KB brotli) though the dialog uses one function of theirs (`digest`).
 */
const buildProtocolSend = () =>
  buildWhole('packages/engine/src/protocol/protocol.send.ts', 'protocol-send');

/**
 * Every module of the engine as an entry of its own (`_/<folder>/<file>`, not public: `exports` does
 * not name them), so the split build keeps each module in a file of its own. A host's bundler then
 * sees the engine file by file, as in its sources: esbuild keeps an import of every file a used file
 * imports, so a file holding both what the NPS dialog uses and a zod schema (as `index.js` and the
 * shared chunks did) loads zod before the dialog can show.
 */
function engineModules(): Record<string, string> {
  const root = 'packages/engine/src';
  const entries: Record<string, string> = {};
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts') || !file.includes('/')) continue;
    // Built whole on its own (below): the lazy entry shares no file with the main one.
    if (file === 'protocol/protocol.checks.ts' || file === 'protocol/protocol.send.ts') continue;
    entries[`_/${file.slice(0, -3)}`] = `${root}/${file}`;
  }
  return entries;
}

/**
 * Every module of the React package as an entry of its own (`_/<folder>/<file>`, not public), as the
 * engine's (see `engineModules`). Built into `index.js` and a few shared chunks, every module's
 * `import { … } from 'react'` stayed in a host's esbuild bundle even when the module's code was
 * shaken off (esbuild keeps imports of external modules), and a chunk kept whole modules the NPS
 * dialog never uses beside the ones it does. File by file, a module nothing uses falls away whole.
 */
function reactModules(): Record<string, string> {
  const root = 'packages/react/src';
  const entries: Record<string, string> = {};
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file) || file.endsWith('.d.ts') || !file.includes('/')) continue;
    // Built whole on its own (buildFlowParts); its `import()` stays one of `./flow-parts.js`.
    if (file === 'flow/flow.parts.ts') continue;
    if (file.startsWith('devtools/')) continue;
    entries[`_/${file.replace(/\.tsx?$/, '')}`] = `${root}/${file}`;
  }
  return entries;
}

/**
 * The React flow's `import()` of `flow.parts` stays an `import()` of the built file beside it
 * (`./flow-parts.js` or `.cjs`), so the main build neither bundles nor splits it.
 */
const lazyFlowParts: Plugin = {
  name: 'lazy-flow-parts',
  setup(build) {
    const extension = build.initialOptions.outExtension?.['.js'] === '.cjs' ? 'cjs' : 'js';
    build.onResolve({ filter: /^\.\/flow\.parts$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: `./flow-parts.${extension}`, external: true }
        : undefined,
    );
  },
};

/**
 * What `flow.parts` shares with the main entry, read from src/flow/flow.shared.ts (its only list):
 * each module (resolved, or a package name) with the names it gives. That is what must exist once on
 * a page (the provider's context, the scale question) or is in the main entry anyway; the rest (the
 * question frame, the delivery status, date formats) is built into `flow-parts.js`, so the dialog's
 * first load does not carry it.
 */
function flowShared(): Map<string, string[]> {
  const file = 'packages/react/src/flow/flow.shared.ts';
  const shared = new Map<string, string[]>();
  for (const [, names = '', from = ''] of readFileSync(file, 'utf8').matchAll(
    /^export \{([^}]*)\} from '([^']+)';$/gm,
  ))
    shared.set(
      from.startsWith('.') ? resolve('packages/react/src/flow', from) : from,
      names.split(',').map((name) => name.trim()),
    );
  return shared;
}

/**
 * One import of `react` for the whole ESM build: every file's
 * `import { … } from 'react'` becomes an import of `_/react.js`, which re-exports the names the
 * build uses. React is CommonJS, and a host's esbuild gives every ESM file that imports it a copy
 * of its namespace (`__toESM(require_react())`: a getter, its closure and its context per export,
 * about 45 exports): with a file per module, the NPS dialog's page held about 20 such copies of
 * ours, some 60 KB of heap. Through one file, it holds one. The CJS build is left as it is, and so
 * is `react/jsx-runtime` (three exports a copy; through one file too, Rolldown's first load grew
 * by 54 B, over CI's ceiling, for about 7 KB of heap).
 */
function importReactOnce(dist: string): void {
  const modules = { react: '_/react.js' };
  const names = new Map<string, Set<string>>(Object.keys(modules).map((from) => [from, new Set()]));
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.js') && !Object.values(modules).includes(file),
  );
  const from = Object.keys(modules)
    .map((name) => name.replace('/', '\\/'))
    .join('|');
  const pattern = new RegExp(`^import \\{([^}]*)\\} from "(${from})";$`, 'gm');
  for (const file of files) {
    const path = resolve(dist, file);
    const code = readFileSync(path, 'utf8');
    const rewritten = code.replace(pattern, (_, imported: string, module: keyof typeof modules) => {
      for (const name of imported.split(','))
        if (name.trim()) names.get(module)?.add(name.trim().split(/\s+as\s+/)[0] as string);
      const target = relative(dirname(path), resolve(dist, modules[module]));
      return `import {${imported}} from "${target.startsWith('.') ? target : `./${target}`}";`;
    });
    if (new RegExp(`from "(${from})"`).test(rewritten))
      throw new Error(`${file}: an import of react that importReactOnce does not rewrite`);
    if (rewritten !== code) writeFileSync(path, rewritten);
  }
  for (const [from, file] of Object.entries(modules))
    writeFileSync(
      resolve(dist, file),
      `export { ${[...(names.get(from) ?? [])].sort().join(', ')} } from "${from}";\n`,
    );
}

/**
 * `dist/flow-parts.js` (and `.cjs`): the flow's parts beyond a scale question, built whole and
 * importing nothing of the main build. What it shares with the main entry (the provider's context,
 * the delivery status, the scale question, the question frame: one copy of each on a page) it
 * receives when loaded: its imports of those modules become the bindings of a module generated here,
 * which `bindFlowShared(shared)` fills, and `loadFlowParts` calls it with `flow.shared.ts` before
 * any part renders. A host's esbuild puts every file that both the main entry and a lazy file import
 * in a chunk of its own, loaded before the dialog can show: importing the main build, the lazy parts
 * split the dialog's first load in two files, which compress worse than one.
 */
async function buildFlowParts(): Promise<void> {
  const shared = flowShared();
  const names = [...shared.values()].flat();
  for (const format of ['esm', 'cjs'] as const) {
    const extension = format === 'cjs' ? 'cjs' : 'js';
    await esbuild({
      stdin: {
        contents: `export { flowParts } from './flow.parts';\nexport { bindFlowShared } from 'palaute:flow-shared';\n`,
        resolveDir: resolve('packages/react/src/flow'),
        loader: 'ts',
      },
      outfile: `packages/react/dist/flow-parts.${extension}`,
      bundle: true,
      format,
      platform: 'neutral',
      target: 'es2020',
      jsx: 'automatic',
      plugins: [
        {
          name: 'flow-shared',
          setup(build) {
            build.onResolve({ filter: /^palaute:flow-shared$/ }, () => ({
              path: 'flow-shared',
              namespace: 'palaute',
            }));
            build.onResolve({ filter: /^\./ }, (args) => {
              const target = resolve(args.resolveDir, args.path).replace(/\.tsx?$/, '');
              return shared.has(target) ? { path: 'flow-shared', namespace: 'palaute' } : undefined;
            });
            build.onResolve({ filter: /^[^.]/ }, (args) =>
              args.kind === 'entry-point'
                ? undefined
                : shared.has(args.path)
                  ? { path: 'flow-shared', namespace: 'palaute' }
                  : { path: args.path, external: true },
            );
            build.onLoad({ filter: /.*/, namespace: 'palaute' }, () => ({
              contents: [
                `export let ${names.join(', ')};`,
                `export function bindFlowShared(shared) { ({ ${names.join(', ')} } = shared); }`,
              ].join('\n'),
              loader: 'js',
            }));
          },
        },
      ],
      logLevel: 'error',
    });
  }
}

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // esbuild tree-shakes while bundling; tsup's extra Rollup pass would strip the 'use client' directive.
  target: 'es2020',
  sourcemap: false,
  splitting: false,
  outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
};

const configs: Options[] = [
  {
    ...shared,
    name: 'engine',
    // `internal`: the pure pieces @palaute/server's SQL storage shares with the memory backend.
    // `outbox`: the durable outbox, loaded with its first write (`import()`); its code is built whole
    // into `protocol-schemas.js` (below, in onSuccess), and `outbox.js` re-exports it.
    // `protocol-schemas`: the customer routes' zod schemas, which `createHttpBackend` loads with its
    // first request (`import()`), so zod is not loaded before a survey can show. It is built on its
    // own (below, in onSuccess), not split with the others: a host's bundler splits at files, and
    // any chunk file the lazy entry shared with the main one (the schemas sit beside `deliveryKey`,
    // `END`, the error classes) would load before the survey shows, zod with it.
    // `persisted-flow`: the saved flow's check, which the dialog loads only when a flow was kept
    // (built whole, below).
    entry: {
      index: 'packages/engine/src/index.ts',
      internal: 'packages/engine/src/internal.ts',
      ...engineModules(),
    },
    dts: {
      entry: {
        index: 'packages/engine/src/index.ts',
        internal: 'packages/engine/src/internal.ts',
        outbox: 'packages/engine/src/outbox.ts',
        'protocol-schemas': 'packages/engine/src/protocol-schemas.ts',
        'persisted-flow': 'packages/engine/src/flow/flow.restore.ts',
      },
    },
    esbuildPlugins: [lazyProtocolSchemas],
    outDir: 'packages/engine/dist',
    tsconfig: 'packages/engine/tsconfig.json',
    external: externals('engine'),
    // Both entry points share one copy of every module (chunks), in ESM and in CJS (tsup splits
    // CJS too when asked): two copies of the error classes made every `instanceof` across entries
    // fail, and the server's refusals from SQL storage answered 500.
    splitting: true,
    async onSuccess() {
      await buildProtocolSchemas();
      await writeOutboxEntry();
      await buildPersistedFlow();
      await buildProtocolSend();
      // The outbox's entry links against protocol-schemas (a name missing fails the import here),
      // and its CJS twin gives every name defined.
      const outbox = (await import(
        `${pathToFileURL(resolve('packages/engine/dist/outbox.js')).href}?t=${Date.now()}`
      )) as Record<string, unknown>;
      const outboxCjs = createRequire(import.meta.url)(
        resolve('packages/engine/dist/outbox.cjs'),
      ) as Record<string, unknown>;
      for (const name of Object.keys(outbox))
        if (outboxCjs[name] === undefined) throw new Error(`outbox.cjs does not give ${name}`);
      // The published JSON Schema of a survey definition, generated from the zod schema.
      const built = `${pathToFileURL(resolve('packages/engine/dist/index.js')).href}?t=${Date.now()}`;
      const engine = (await import(built)) as {
        getSurveyJsonSchema: () => unknown;
      };
      writeFileSync(
        'packages/engine/dist/survey.schema.json',
        `${JSON.stringify(engine.getSurveyJsonSchema(), null, 2)}\n`,
      );
    },
  },
  {
    ...shared,
    name: 'react',
    // `devtools`: the explain panel, for the host's developers only.
    entry: {
      index: 'packages/react/src/index.ts',
      devtools: 'packages/react/src/devtools/index.ts',
      ...reactModules(),
    },
    dts: {
      entry: {
        index: 'packages/react/src/index.ts',
        devtools: 'packages/react/src/devtools/index.ts',
      },
    },
    esbuildPlugins: [lazyFlowParts],
    outDir: 'packages/react/dist',
    tsconfig: 'packages/react/tsconfig.json',
    external: externals('react'),
    // Both entry points share one copy of every module: two copies of the provider's context would
    // leave the devtools reading none.
    splitting: true,
    // The entry's 'use client' survives at the top of the ESM output; in CJS it would follow
    // "use strict", so put it first there too.
    banner: ({ format }) => (format === 'cjs' ? { js: "'use client';" } : {}),
    async onSuccess() {
      await buildFlowParts();
      importReactOnce('packages/react/dist');
      // Every rewritten file still links (a name `_/react.js` lacked would be a SyntaxError here).
      await import(
        `${pathToFileURL(resolve('packages/react/dist/index.js')).href}?t=${Date.now()}`
      );
      // What the lazy parts receive must be there: a name `flow.shared.ts` lost would be undefined
      // in them, not an error.
      const shared = (await import(
        `${pathToFileURL(resolve('packages/react/dist/_/flow/flow.shared.js')).href}?t=${Date.now()}`
      )) as Record<string, unknown>;
      for (const name of [...flowShared().values()].flat())
        if (shared[name] === undefined) throw new Error(`flow.shared.ts does not give ${name}`);
      // Split CJS output starts with tsup's "use strict" and interop line, which would leave the
      // banner's directive in the middle of the file, where it means nothing: put it first.
      for (const entry of ['index', 'devtools']) {
        const file = `packages/react/dist/${entry}.cjs`;
        if (!existsSync(file)) continue;
        const code = readFileSync(file, 'utf8');
        if (!code.startsWith("'use client';")) writeFileSync(file, `'use client';\n${code}`);
      }
      // The stylesheet, written per feature, reaches hosts as one file (scripts/styles.mjs).
      writeFileSync('packages/react/dist/styles.css', joinStyles('packages/react/src/styles.css'));
    },
  },
  {
    ...shared,
    name: 'server',
    // The library (`createServer`, `openServer`, `openStorage`, …) and the `palaute-server` command,
    // for Node ≥ 20.19, ESM only: PGlite is ESM, and Node 20.19+ can `require()` it anyway.
    entry: { index: 'packages/server/src/index.ts', cli: 'packages/server/src/cli.ts' },
    format: ['esm'],
    // The command and the library share one chunk instead of two copies.
    splitting: true,
    dts: { entry: { index: 'packages/server/src/index.ts' } },
    target: 'node20',
    outDir: 'packages/server/dist',
    tsconfig: 'packages/server/tsconfig.json',
    external: externals('server'),
  },
];

// `npm run build` builds the engine first: the React package's types import the engine's built types.
const only = process.env.PALAUTE_PACKAGE;
export default defineConfig(only ? configs.filter((config) => config.name === only) : configs);
