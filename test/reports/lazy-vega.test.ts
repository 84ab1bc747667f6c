import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('vega and vega-lite', () => {
  it('are imported only dynamically, by the chart renderer, so runs without charts never load them', () => {
    const importers = sources('src').filter((f) => /from ['"]vega(-lite)?['"]|import\(['"]vega(-lite)?['"]\)/.test(readFileSync(f, 'utf8')));
    expect(importers).toEqual([join('src', 'reports', 'charts', 'render.ts')]);
    const render = readFileSync(importers[0], 'utf8');
    expect(render).not.toMatch(/^import .* from ['"]vega/m);
    expect(render).toMatch(/import\('vega'\)/);
  });

  it('are not in the static import graph of the bundled CLI (dist/bundle): their chunks load only when charts are drawn', () => {
    const dir = join('dist', 'bundle');
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/^(?:import|export)\b[^;]*?from\s*"\.\/([^"]+)"|^import\s*"\.\/([^"]+)"/gm)) visit(m[1] ?? m[2]);
    };
    visit('matchsim.js');
    // The entry loads the program with one dynamic import (so that a start without file descriptors ends in one line): what that reaches statically is loaded at every start too.
    const program = /import\("\.\/(start-[^"]+)"\)/.exec(readFileSync(join(dir, 'matchsim.js'), 'utf8'));
    expect(program).not.toBeNull();
    visit((program as RegExpExecArray)[1]);
    expect(reached.size).toBeGreaterThan(2);
    const vegaChunks = readdirSync(dir).filter((f) => readFileSync(join(dir, f), 'utf8').includes('vega-lite'));
    expect(vegaChunks.length).toBeGreaterThan(0);
    for (const file of reached) expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/function compile\(inputSpec|vega-scenegraph/);
  });
});
