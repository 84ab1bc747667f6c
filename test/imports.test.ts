import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every module of src and what it imports from src (type imports too), as TypeScript reads the file. */
function importGraph(root: string): Map<string, string[]> {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => resolve(root, f));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
    graph.set(
      file,
      importedFiles.filter((i) => i.fileName.startsWith('.')).map((i) => resolve(dirname(file), i.fileName.replace(/\.js$/, '.ts'))),
    );
  }
  return graph;
}

/** The import cycles of a graph: its strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

describe('the modules of src', () => {
  const root = resolve('src');
  const graph = importGraph(root);

  it('import each other without cycles, type imports included', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.map((f) => relative(root, f)).sort())).toEqual([]);
  });

  it('finds a cycle when there is one (the check above can fail)', () => {
    const planted = new Map(graph);
    const a = join(root, 'reports/figure-catalogue.ts');
    const b = join(root, 'scenarios/expectations.ts');
    planted.set(a, [...(planted.get(a) ?? []), b]);
    expect(cycles(planted).map((c) => c.map((f) => relative(root, f)).sort())).toEqual([['reports/figure-catalogue.ts', 'scenarios/expectations.ts']]);
  });

  it('keep the scenario format free of what checks it, sweeps, tunes and the command line', () => {
    const scenarios = [...graph].filter(([file]) => relative(root, file).startsWith('scenarios/'));
    const upward = scenarios.flatMap(([file, deps]) => deps.filter((d) => /^(check|sweep|tune|cli)\//.test(relative(root, d))).map((d) => `${relative(root, file)} -> ${relative(root, d)}`));
    expect(upward).toEqual([]);
  });

  it('keep the reports (run reports, output formats, comparisons) free of sweeps, tunes, checks and the command line', () => {
    const reports = [...graph].filter(([file]) => relative(root, file).startsWith('reports/'));
    const upward = reports.flatMap(([file, deps]) => deps.filter((d) => /^(sweep|tune|check|cli)\//.test(relative(root, d))).map((d) => `${relative(root, file)} -> ${relative(root, d)}`));
    expect(upward).toEqual([]);
  });

  it('keep the engine free of everything above it: algorithms (it takes a pool factory), scenarios, reports and the command line', () => {
    const engine = [...graph].filter(([file]) => relative(root, file).startsWith('engine/'));
    // errors.ts is a leaf every layer shares (its error classes import nothing).
    expect(graph.get(join(root, 'errors.ts'))).toEqual([]);
    const outside = engine.flatMap(([file, deps]) => deps.filter((d) => !relative(root, d).startsWith('engine/') && relative(root, d) !== 'errors.ts').map((d) => `${relative(root, file)} -> ${relative(root, d)}`));
    expect(outside).toEqual([]);
  });
});
