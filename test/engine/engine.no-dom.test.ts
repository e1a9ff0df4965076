import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { fixtureNow } from '../fixtures/flows';
import { npsSurvey } from '../fixtures/surveys';

const root = fileURLToPath(new URL('../../', import.meta.url));
const engineSource = join(root, 'packages/engine/src');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Browser-only (and Node-only) globals the engine must never touch. */
const forbiddenGlobals = new Set([
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'HTMLElement',
  'process',
  'Buffer',
]);

/**
 * The one place the engine may name `process`: `defineSurvey` reads the bundler constant
 * `process.env.NODE_ENV` (bare, so every bundler replaces it and drops the schemas in production),
 * beside the ambient declaration that types it. Nothing else of `process`, anywhere.
 */
const environmentFile = 'survey/survey.define.ts';

/** Whether this `process` identifier is the object of exactly `process.env.NODE_ENV`. */
function isNodeEnv(node: ts.Identifier): boolean {
  const env = node.parent;
  if (!ts.isPropertyAccessExpression(env) || env.expression !== node || env.name.text !== 'env')
    return false;
  const nodeEnv = env.parent;
  return (
    ts.isPropertyAccessExpression(nodeEnv) &&
    nodeEnv.expression === env &&
    nodeEnv.name.text === 'NODE_ENV'
  );
}

/** Whether this `process` identifier names the ambient `declare const process` of the file. */
function isAmbientDeclaration(node: ts.Identifier): boolean {
  const declaration = node.parent;
  return (
    ts.isVariableDeclaration(declaration) &&
    declaration.name === node &&
    ts.isVariableDeclarationList(declaration.parent) &&
    ts.isVariableStatement(declaration.parent.parent) &&
    (declaration.parent.parent.modifiers ?? []).some(
      (modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword,
    )
  );
}

/** What one engine file imports and which forbidden globals it names, read from its syntax tree. */
function scan(file: string, text = readFileSync(file, 'utf8')) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const allowsNodeEnv = relative(engineSource, file) === environmentFile;
  const imports: string[] = [];
  const globals: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      imports.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [specifier] = node.arguments;
      if (specifier && ts.isStringLiteral(specifier)) imports.push(specifier.text);
    }
    if (
      ts.isIdentifier(node) &&
      forbiddenGlobals.has(node.text) &&
      !(allowsNodeEnv && node.text === 'process' && (isNodeEnv(node) || isAmbientDeclaration(node)))
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      globals.push(`${node.text} (line ${line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, globals };
}

const files = sourceFiles(engineSource);

describe('@palaute/engine has no DOM and no React', () => {
  it('finds the engine sources to scan', () => {
    expect(files.map((file) => relative(engineSource, file))).toEqual(
      expect.arrayContaining([
        'index.ts',
        'flow/flow.machine.ts',
        'survey/survey.schema.ts',
        'backend/backend.memory.ts',
      ]),
    );
  });

  it.each(files.map((file) => [relative(engineSource, file), file]))(
    '%s imports only zod, xstate and engine files',
    (_, file) => {
      const outside = scan(file).imports.filter(
        (specifier) =>
          !specifier.startsWith('./') &&
          !specifier.startsWith('../') &&
          !/^(zod|xstate)(\/|$)/.test(specifier),
      );
      expect(outside).toEqual([]);
    },
  );

  it.each(files.map((file) => [relative(engineSource, file), file]))(
    '%s names no browser or Node global',
    (_, file) => {
      expect(scan(file).globals).toEqual([]);
    },
  );

  it('names process.env.NODE_ENV once, in survey.define.ts, and nothing else of process', () => {
    const [file] = files.filter((path) => relative(engineSource, path) === environmentFile);
    const text = readFileSync(file as string, 'utf8');
    const source = ts.createSourceFile(environmentFile, text, ts.ScriptTarget.Latest, true);
    const uses: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && node.text === 'process')
        uses.push(
          isNodeEnv(node)
            ? 'process.env.NODE_ENV'
            : isAmbientDeclaration(node)
              ? 'declare'
              : 'other',
        );
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(uses.sort()).toEqual(['declare', 'process.env.NODE_ENV']);
    const others = files.filter(
      (path) =>
        relative(engineSource, path) !== environmentFile &&
        /process\.env/.test(readFileSync(path, 'utf8')),
    );
    expect(others).toEqual([]);
  });

  it('still forbids every other use of process, even in survey.define.ts', () => {
    const file = join(engineSource, environmentFile);
    const probes = [
      'process.env.OTHER;',
      'process.cwd();',
      "const env = process.env; env['NODE_ENV'];",
      "typeof process !== 'undefined';",
      'const { env } = process;',
      'declare const process: unknown; process.env.NODE_ENV;\nlet process2 = process;',
    ];
    expect(probes.map((probe) => scan(file, probe).globals.length > 0)).toEqual(
      probes.map(() => true),
    );
    expect(scan(file, 'process.env.NODE_ENV;').globals).toEqual([]);
    expect(scan(join(engineSource, 'index.ts'), 'process.env.NODE_ENV;').globals).toEqual([
      'process (line 1)',
    ]);
  });

  it('the scan does see forbidden code (it is not vacuous)', () => {
    const probe = ts.createSourceFile(
      'probe.ts',
      "import { useState } from 'react';\nwindow.localStorage.getItem('x');",
      ts.ScriptTarget.Latest,
      true,
    );
    const names: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isIdentifier(node) && forbiddenGlobals.has(node.text)) names.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(probe);
    expect(names).toEqual(['window', 'localStorage']);
  });

  it('the engine is compiled without DOM types', () => {
    const config = JSON.parse(
      readFileSync(join(root, 'packages/engine/tsconfig.json'), 'utf8'),
    ) as {
      compilerOptions: { lib: string[]; types: string[] };
    };
    expect(config.compilerOptions.lib.some((lib) => /dom/i.test(lib))).toBe(false);
    expect(config.compilerOptions.types).toEqual([]);
  });

  it('given a Node runtime without window or document › runs a flow to done', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const { connect, createFlow, createMemoryBackend } = await import('@palaute/engine');
    const backend = createMemoryBackend();
    const flow = createFlow({
      survey: npsSurvey,
      backend,
      customer: { id: 'c-node' },
      locale: 'fi-FI',
      now: () => new Date(fixtureNow),
    });
    flow.start();
    const api = () => connect(flow.getSnapshot(), flow.send);
    api().answer('nps', 9);
    api().next();
    await new Promise<void>((resolve) => {
      const subscription = flow.subscribe((snapshot) => {
        if (snapshot.matches('acknowledging')) {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    api().next();
    await new Promise<void>((resolve) => {
      if (flow.getSnapshot().status === 'done') resolve();
      else flow.subscribe({ complete: resolve });
    });
    expect(flow.getSnapshot().value).toBe('done');
    // The default id comes from Web Crypto, present in Node without any DOM.
    expect(backend.responses()[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(backend.responses()[0]?.answers).toEqual({ nps: 9 });
  });
});
