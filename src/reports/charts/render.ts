import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart } from './chart.js';

export interface RenderedChart extends Chart {
  readonly svg: string;
}

export const CHARTS_DIR = 'charts';

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');
type Runtime = ReturnType<Vega['parse']>;

/**
 * Renders charts to SVG with vega in Node (no browser), writing each spec's
 * JSON beside its SVG in `dir`/charts. vega and vega-lite take a few hundred
 * milliseconds to load, so they are loaded here, only when charts are written,
 * once per thread.
 */
export async function renderCharts(charts: readonly Chart[], dir: string): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  const { vega, vegaLite } = await libraries();
  const out = join(dir, CHARTS_DIR);
  mkdirSync(out, { recursive: true });
  const rendered: RenderedChart[] = [];
  for (const chart of charts) {
    const { template, datasets } = separateData(chart.spec);
    const view = new vega.View(runtimeOf(template, vega, vegaLite), { renderer: 'none' });
    for (const [name, values] of datasets) view.data(name, values);
    const svg = ownIds(await view.toSVG(), chart.name);
    view.finalize();
    writeFileSync(join(out, `${chart.name}.vl.json`), JSON.stringify(chart.spec, null, 2) + '\n');
    writeFileSync(join(out, `${chart.name}.svg`), svg);
    rendered.push({ ...chart, svg });
  }
  return rendered;
}

let loaded: Promise<{ vega: Vega; vegaLite: VegaLite }> | undefined;
const libraries = () => (loaded ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite })));

/**
 * Compiled and parsed specs by template (a spec with its data taken out): the
 * runs of a sweep draw the same kinds of chart with other numbers, and
 * compiling (vega-lite) and parsing (vega, with its expression code) cost
 * more than drawing. Bounded, since a template may hold a run's own labels.
 */
const runtimes = new Map<string, Runtime>();
const MAX_RUNTIMES = 64;

function runtimeOf(template: unknown, vega: Vega, vegaLite: VegaLite): Runtime {
  const key = JSON.stringify(template);
  let runtime = runtimes.get(key);
  if (runtime === undefined) {
    runtime = vega.parse(vegaLite.compile(template as Parameters<VegaLite['compile']>[0]).spec);
    if (runtimes.size >= MAX_RUNTIMES) runtimes.delete(runtimes.keys().next().value as string);
    runtimes.set(key, runtime);
  }
  return runtime;
}

/** A spec with every inline dataset (`data: {values}`) replaced by a named one, and the values by name. */
function separateData(spec: unknown): { template: unknown; datasets: Array<[string, unknown[]]> } {
  const datasets: Array<[string, unknown[]]> = [];
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const data = value as { values?: unknown } | null;
      if (key === 'data' && typeof data === 'object' && data !== null && Array.isArray(data.values) && Object.keys(data).length === 1) {
        const name = `matchsim_data_${datasets.length}`;
        datasets.push([name, data.values]);
        out[key] = { name };
      } else {
        out[key] = walk(value);
      }
    }
    return out;
  };
  return { template: walk(spec), datasets };
}

/**
 * Vega names gradients and clip paths from counters kept per thread
 * ("gradient_0", "clip3"), so a chart's SVG would depend on what the thread
 * drew before, and two charts inline in one page would share an id. Each
 * becomes the chart's own, numbered in order of appearance.
 */
export function ownIds(svg: string, chart: string): string {
  // Most charts have neither: the whole text is not scanned for them.
  if (!svg.includes('url(#')) return svg;
  const renamed = new Map<string, string>();
  const own = (id: string) => {
    let name = renamed.get(id);
    if (name === undefined) renamed.set(id, (name = `${chart}-${renamed.size}`));
    return name;
  };
  return svg.replace(/(id="|url\(#)((?:gradient_|clip)\d+)(?=[")])/g, (_, before: string, id: string) => before + own(id));
}
