import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart } from './chart.js';

export interface RenderedChart extends Chart {
  readonly svg: string;
}

export const CHARTS_DIR = 'charts';

/**
 * Renders charts to SVG with vega in Node (no browser), writing each spec's
 * JSON beside its SVG in `dir`/charts. vega and vega-lite take a few hundred
 * milliseconds to load, so they are loaded here, only when charts are written.
 */
export async function renderCharts(charts: readonly Chart[], dir: string): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const out = join(dir, CHARTS_DIR);
  mkdirSync(out, { recursive: true });
  const rendered: RenderedChart[] = [];
  for (const chart of charts) {
    const compiled = vegaLite.compile(chart.spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    writeFileSync(join(out, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 2) + '\n');
    writeFileSync(join(out, `${chart.name}.svg`), svg);
    rendered.push({ ...chart, svg });
  }
  return rendered;
}
