import type { SweepSummary } from '../../sweep/aggregate.js';
import { CONFIG, SCHEMA, type Chart } from './chart.js';

const PANELS: ReadonlyArray<[string, string]> = [
  ['wait.p50', 'wait p50 (s)'],
  ['wait.p95', 'wait p95 (s)'],
  ['spread.mean', 'spread mean'],
  ['spread.p95', 'spread p95'],
];

/**
 * The charts of a sweep. The first swept field is the x axis; the points that
 * differ in other fields are separate series. With replications, each figure
 * has its 95% confidence band.
 */
export function sweepCharts(sweep: SweepSummary): Chart[] {
  const [xField, ...others] = sweep.parameters;
  const replicated = sweep.seeds.length > 1;
  const numericX = xField !== undefined && sweep.points.every((p) => typeof p.params[xField] === 'number');
  const seriesOf = (params: Record<string, unknown>) => (others.length === 0 ? 'all' : others.map((k) => `${k}=${String(params[k])}`).join(', '));
  const rows = sweep.points.flatMap((p) =>
    PANELS.map(([key, title]) => {
      const e = p.figures[key];
      return {
        point: p.index + 1,
        label: p.label,
        x: xField === undefined ? p.label : p.params[xField],
        series: seriesOf(p.params),
        figure: title,
        mean: e?.mean ?? null,
        low: e?.low ?? null,
        high: e?.high ?? null,
      };
    }),
  );
  const x = { field: 'x', type: numericX ? 'quantitative' : 'ordinal', title: xField ?? 'point', sort: null };
  const color = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#1f78b4' };
  const layers: Record<string, unknown>[] = [];
  if (replicated) {
    layers.push({ mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: null }, y2: { field: 'high' }, color } });
  }
  layers.push({ mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } }, color } });
  const charts: Chart[] = [
    {
      name: 'sweep-figures',
      title: `Wait and spread against ${xField ?? 'the point'}`,
      caption: replicated
        ? `Means over ${sweep.seeds.length} replications with their 95% confidence bands.`
        : 'One run per point; add replications to see how much of a difference is noise.',
      spec: {
        $schema: SCHEMA,
        config: CONFIG,
        data: { values: rows },
        facet: { field: 'figure', type: 'nominal', title: null, sort: PANELS.map(([, t]) => t), header: { labelFontSize: 12 } },
        columns: 2,
        resolve: { scale: { y: 'independent' } },
        spec: { width: 260, height: 170, layer: layers },
      },
    },
  ];
  const trade = sweep.points
    .map((p) => ({
      point: p.index + 1,
      // Short labels: the last segment of each path (windowGrowth=200).
      label: p.params && Object.keys(p.params).length > 0 ? Object.entries(p.params).map(([k, v]) => `${k.split('.').pop()}=${String(v)}`).join(', ') : p.label,
      series: seriesOf(p.params),
      wait: p.figures['wait.p95']?.mean,
      spread: p.figures['spread.p95']?.mean,
    }))
    .filter((p) => p.wait !== undefined && p.spread !== undefined);
  if (trade.length > 0) {
    const enc = {
      x: { field: 'wait', type: 'quantitative', title: 'wait p95 (s)', scale: { zero: false } },
      y: { field: 'spread', type: 'quantitative', title: 'spread p95', scale: { zero: false } },
    };
    const lineColor = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#888' };
    charts.push({
      name: 'tradeoff',
      title: 'Trade-off: wait against match quality',
      caption: 'Each point is a sweep point (labelled); down and to the left is better on both. The line follows the sweep order.',
      spec: {
        $schema: SCHEMA,
        config: CONFIG,
        width: 560,
        height: 320,
        data: { values: trade },
        layer: [
          { mark: { type: 'line', strokeDash: [3, 3] }, encoding: { ...enc, order: { field: 'point' }, color: lineColor, detail: { field: 'series' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { ...enc, color: lineColor, tooltip: [{ field: 'label' }, { field: 'wait' }, { field: 'spread' }] } },
          { mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10 }, encoding: { ...enc, text: { field: 'label' } } },
        ],
      },
    });
  }
  return charts;
}
