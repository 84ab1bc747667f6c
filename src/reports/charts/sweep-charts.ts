import type { SweepSummary } from '../../sweep/aggregate.js';
import { CONFIG, SCHEMA, type Chart } from './chart.js';

/** Axis numbers as the tables write them: at most two decimals, trailing zeros dropped (601.42, not 601.420000). */
const AXIS_FORMAT = ',.2~f';

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
        x: xField === undefined ? `${p.runs.length} runs` : p.params[xField],
        series: seriesOf(p.params),
        figure: title,
        mean: e?.mean ?? null,
        low: e?.low ?? null,
        high: e?.high ?? null,
      };
    }),
  );
  const x = { field: 'x', type: numericX ? 'quantitative' : 'ordinal', title: xField ?? null, sort: null };
  const color = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#1f78b4' };
  const y = { field: 'mean', type: 'quantitative', title: null, scale: { zero: false }, axis: { format: AXIS_FORMAT } };
  const layers: Record<string, unknown>[] = [];
  if (numericX) {
    // Along a number: a line, and the band of the intervals.
    if (replicated) layers.push({ mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
    layers.push({ mark: { type: 'line', point: true }, encoding: { x, y, color } });
  } else {
    // Categories (algorithms, balances) are not joined: a dot each, with its interval as an error bar.
    if (replicated) layers.push({ mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
    layers.push({ mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, color } });
  }
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
  const plotted = sweep.points
    .map((p) => ({
      point: p.index + 1,
      // Short labels: the last segment of each path (windowGrowth=200).
      label: p.params && Object.keys(p.params).length > 0 ? Object.entries(p.params).map(([k, v]) => `${k.split('.').pop()}=${String(v)}`).join(', ') : p.label,
      series: seriesOf(p.params),
      wait: p.figures['wait.p95']?.mean,
      spread: p.figures['spread.p95']?.mean,
    }))
    .filter((p) => p.wait !== undefined && p.spread !== undefined);
  const lines = labelLines(plotted);
  const trade = plotted.map((p, i) => ({ ...p, line: lines[i] }));
  if (trade.length > 0) {
    const enc = {
      x: { field: 'wait', type: 'quantitative', title: 'wait p95 (s)', scale: { zero: false }, axis: { format: AXIS_FORMAT } },
      y: { field: 'spread', type: 'quantitative', title: 'spread p95', scale: { zero: false }, axis: { format: AXIS_FORMAT } },
    };
    const lineColor = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#888' };
    charts.push({
      name: 'tradeoff',
      title: 'Trade-off: wait against match quality',
      caption: 'Each point is a sweep point (labelled); down and to the left is better on both. The line follows the sweep order.',
      spec: {
        $schema: SCHEMA,
        config: CONFIG,
        width: TRADE.width,
        height: TRADE.height,
        data: { values: trade },
        layer: [
          { mark: { type: 'line', strokeDash: [3, 3] }, encoding: { ...enc, order: { field: 'point' }, color: lineColor, detail: { field: 'series' } } },
          { mark: { type: 'point', filled: true, size: 60 }, encoding: { ...enc, color: lineColor, tooltip: [{ field: 'label' }, { field: 'wait' }, { field: 'spread' }] } },
          // Points that (nearly) coincide get their labels one under another instead of on top of each other: a layer per line.
          ...[...new Set(trade.map((t) => t.line))].sort((a, b) => a - b).map((line) => ({
            transform: [{ filter: `datum.line === ${line}` }],
            mark: { type: 'text', align: 'left', dx: 6, dy: -6 + 12 * line, fontSize: 10 },
            encoding: { ...enc, text: { field: 'label' } },
          })),
        ],
      },
    });
  }
  return charts;
}

/** The trade-off chart's plot area, in pixels. */
const TRADE = { width: 560, height: 320 } as const;

/**
 * The line each point's label takes (0: beside its point; -1 above it, 1, 2,
 * ... below), placed in order in one pass, so that a label's box, in pixels
 * as the chart will draw it (about 6 px a character at font size 10),
 * overlaps no earlier label and no point.
 */
function labelLines(points: ReadonlyArray<{ readonly wait?: number; readonly spread?: number; readonly label: string }>): number[] {
  const xs = points.map((p) => p.wait as number);
  const ys = points.map((p) => p.spread as number);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const px = (p: (typeof points)[number]) => ((p.wait as number) - x0) / (x1 - x0 || 1) * TRADE.width;
  const py = (p: (typeof points)[number]) => (y1 - (p.spread as number)) / (y1 - y0 || 1) * TRADE.height;
  const box = (j: number, line: number) => {
    const x = px(points[j]) + 6;
    const y = py(points[j]) - 6 + 12 * line;
    return { left: x, right: x + 6 * points[j].label.length, top: y - 10, bottom: y + 2 };
  };
  const overlaps = (a: ReturnType<typeof box>, b: { left: number; right: number; top: number; bottom: number }) =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const dots = points.map((p) => ({ left: px(p) - 4, right: px(p) + 4, top: py(p) - 4, bottom: py(p) + 4 }));
  // Labels already placed.
  const placed: Array<ReturnType<typeof box>> = [];
  // Beside the point first, then the nearest free line above or below it.
  const candidates = [0, -1, 1, -2, 2, 3, 4, 5];
  const free = (j: number, line: number) => !placed.some((b) => overlaps(box(j, line), b)) && !dots.some((d, k) => k !== j && overlaps(box(j, line), d));
  return points.map((_, j) => {
    const line = candidates.find((c) => free(j, c)) ?? 0;
    placed.push(box(j, line));
    return line;
  });
}
