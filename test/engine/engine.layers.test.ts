import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The engine's folders and the folders each one imports, type imports included, except type
 * imports of the backend port: the port is the contract the features' clients (`createPalaute`,
 * `createFlow`, the outbox) are given, so naming its type is no dependency on an adapter, and the
 * build erases it.
 */
function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  for (const file of files) {
    const folder = file.includes(sep) ? (file.split(sep)[0] as string) : '.';
    const edges = graph.get(folder) ?? new Set<string>();
    graph.set(folder, edges);
    const source = readFileSync(join(root, file), 'utf8');
    for (const match of source.matchAll(
      /(import type [^;]*?)?\bfrom\s+'(\.{1,2}\/[^']+)'|import\(\s*'(\.{1,2}\/[^']+)'/g,
    )) {
      const spec = (match[2] ?? match[3]) as string;
      if (match[1] && spec.endsWith('/backend/backend.port')) continue;
      const target = relative(root, resolve(root, file, '..', spec));
      const to = target.includes(sep) ? (target.split(sep)[0] as string) : '.';
      if (to !== folder) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle among the folders, as the folders on it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node) as number, low.get(to) as number));
      } else if (stack.includes(to)) {
        low.set(node, Math.min(low.get(node) as number, index.get(to) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the engine’s folders', () => {
  const root = resolve(import.meta.dirname, '../../packages/engine/src');
  const graph = folderGraph(root);

  it('given every import between folders › no folder imports one that imports it back', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('given the layers › shared/ and records/ import no feature folder', () => {
    expect([...(graph.get('shared') ?? [])]).toEqual([]);
    expect(
      [...(graph.get('records') ?? [])].filter((to) => to !== 'shared' && to !== 'survey'),
    ).toEqual([]);
  });

  it('given the folder barrels › none is left: the entry points name each module', () => {
    const barrels = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith(`${sep}index.ts`),
    );
    expect(barrels).toEqual([]);
  });

  it('given the cycle finder › it finds a planted cycle', () => {
    const planted = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(planted)).toEqual([['a', 'b', 'c']]);
  });
});
