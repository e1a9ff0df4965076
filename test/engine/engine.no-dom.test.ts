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

/** What one engine file imports and which forbidden globals it names, read from its syntax tree. */
function scan(file: string) {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
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
    if (ts.isIdentifier(node) && forbiddenGlobals.has(node.text)) {
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
