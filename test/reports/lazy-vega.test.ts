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
});
