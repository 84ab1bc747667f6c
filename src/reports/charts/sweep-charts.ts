import type { SweepSummary } from '../../sweep/aggregate.js';
import { valueText } from '../../sweep/sweep-value.js';
import { displayScale, scaledEstimate } from '../figures.js';
import { AXIS_FORMAT, CONFIG, SCHEMA, WIDTH, type Chart } from './chart.js';

const PANELS: ReadonlyArray<[string, string]> = [
  ['wait.p50', 'wait p50 (s)'],
  ['wait.p95', 'wait p95 (s)'],
  ['spread.mean', 'spread mean'],
  ['spread.p95', 'spread p95'],
];

/** With teams, what sets the ways of dealing them apart comes first: how even the teams are. */
const TEAM_PANELS: ReadonlyArray<[string, string]> = [
  ['teams.gap.mean', 'team mean gap'],
  ['teams.favouriteWin.mean', "favourite's win chance (%)"],
];

/** With a population, what a designer asks of it comes first: who stays, how fair the matches are, how well ratings learn. */
const POPULATION_PANELS: ReadonlyArray<[string, string]> = [
  ['population.retention', 'players kept (%)'],
  ['population.favouriteWin.mean', "favourite's win chance (%)"],
  ['population.convergence.correlation', 'rating-skill correlation'],
  ['population.blowoutRate', 'blowouts (%)'],
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
  const seriesOf = (params: Record<string, unknown>) => (others.length === 0 ? 'all' : others.map((k) => `${k}=${valueText(params[k])}`).join(', '));
  const teams = sweep.points.some((p) => p.figures['teams.gap.mean'] != null);
  const population = sweep.points.some((p) => p.figures['population.retention'] != null);
  const panels = [...(population ? POPULATION_PANELS : []), ...(teams ? TEAM_PANELS : []), ...PANELS];
  const rows = sweep.points.flatMap((p) =>
    panels.map(([key, title]) => {
      const estimate = p.figures[key];
      const e = estimate ? scaledEstimate(estimate, displayScale(key).factor) : undefined;
      return {
        point: p.index + 1,
        label: p.label,
        x: xField === undefined ? `${p.runs.length} runs` : numericX ? p.params[xField] : valueText(p.params[xField]),
        series: seriesOf(p.params),
        figure: title,
        mean: e?.mean ?? null,
        low: e?.low ?? null,
        high: e?.high ?? null,
      };
    }),
  );
  const x = { field: 'x', type: numericX ? 'quantitative' : 'ordinal', title: xField ?? null, sort: null, ...(numericX ? {} : { axis: { labelAngle: 0, labelLimit: 140 } }) };
  const color = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#1f78b4' };
  const y = { field: 'mean', type: 'quantitative', title: null, scale: { zero: false }, axis: { format: AXIS_FORMAT } };
  const layers: Record<string, unknown>[] = [];
  if (numericX) {
    // Along a number: a line, and the band of the intervals.
    if (replicated) layers.push({ mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
    layers.push({ mark: { type: 'line', point: true }, encoding: { x, y, color } });
  } else {
    // Categories (algorithms, balances) are not joined: a dot each, with its interval as an error bar.
    if (replicated) layers.push({ mark: { type: 'errorbar', ticks: { size: 14 } }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
    layers.push({ mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, color } });
  }
  const charts: Chart[] = [
    {
      name: 'sweep-figures',
      title: `${population ? 'Retention, fairness, wait and spread' : teams ? 'Team balance, wait and spread' : 'Wait and spread'} against ${xField ?? 'the point'}`,
      caption: replicated
        ? `Means over ${sweep.seeds.length} replications with their 95% confidence ${numericX ? 'bands' : 'intervals'}.`
        : 'One run per point; add replications to see how much of a difference is noise.',
      spec: {
        $schema: SCHEMA,
        config: CONFIG,
        data: { values: rows },
        facet: { field: 'figure', type: 'nominal', title: null, sort: panels.map(([, t]) => t), header: { labelFontSize: 12 } },
        columns: 2,
        resolve: { scale: { y: 'independent' } },
        spec: { width: WIDTH / 2 - 60, height: 170, layer: layers },
      },
    },
  ];
  const plotted = sweep.points
    .map((p) => ({
      point: p.index + 1,
      // Short labels: the last segment of each path (windowGrowth=200).
      label: p.params && Object.keys(p.params).length > 0 ? Object.entries(p.params).map(([k, v]) => `${k.split('.').pop()}=${valueText(v)}`).join(', ') : p.label,
      series: seriesOf(p.params),
      wait: p.figures['wait.p95']?.mean,
      spread: p.figures['spread.p95']?.mean,
    }))
    .filter((p) => p.wait !== undefined && p.spread !== undefined);
  const { domains, places } = labelPlaces(plotted);
  const trade = plotted.map((p, i) => ({ ...p, line: places[i].line, side: places[i].side }));
  if (trade.length > 0) {
    // Domains as the label placement computed them (not rounded outwards): its pixels are the chart's.
    const enc = {
      x: { field: 'wait', type: 'quantitative', title: 'wait p95 (s)', scale: { domain: domains.x, nice: false, zero: false }, axis: { format: AXIS_FORMAT } },
      y: { field: 'spread', type: 'quantitative', title: 'spread p95', scale: { domain: domains.y, nice: false, zero: false }, axis: { format: AXIS_FORMAT } },
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
          // Points that (nearly) coincide get their labels one under another, or on their other side: a layer per place.
          ...[...new Set(trade.map((t) => `${t.side} ${t.line}`))].sort().map((place) => {
            const [side, line] = place.split(' ');
            return {
              transform: [{ filter: `datum.side === '${side}' && datum.line === ${line}` }],
              mark: { type: 'text', align: side === 'right' ? 'left' : 'right', dx: side === 'right' ? 6 : -6, dy: -6 + 12 * Number(line), fontSize: 10 },
              encoding: { ...enc, text: { field: 'label' } },
            };
          }),
        ],
      },
    });
  }
  return charts;
}

/** The trade-off chart's plot area, in pixels. */
const TRADE = { width: WIDTH, height: 360 } as const;

/** Where a point's label goes: to the right of the point (align 'left') or to its left, on a line (0: level with it, -1 above, 1, 2, ... below). */
interface LabelPlace {
  readonly side: 'left' | 'right';
  readonly line: number;
}

/**
 * The axes' domains (the points' range with a margin), and a place for each
 * point's label, chosen in order in one pass, so that a label's box, in
 * pixels as the chart will draw it (about 6 px a character at font size 10),
 * stays inside the plot and overlaps no earlier label and no point: beside
 * the point first, then the nearest free line above or below it, then the
 * same on its other side.
 */
function labelPlaces(points: ReadonlyArray<{ readonly wait?: number; readonly spread?: number; readonly label: string }>): {
  domains: { x: [number, number]; y: [number, number] };
  places: LabelPlace[];
} {
  const xs = points.map((p) => p.wait as number);
  const ys = points.map((p) => p.spread as number);
  const margin = (lo: number, hi: number): [number, number] => {
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = margin(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = margin(Math.min(...ys), Math.max(...ys));
  const px = (p: (typeof points)[number]) => (((p.wait as number) - x0) / (x1 - x0)) * TRADE.width;
  const py = (p: (typeof points)[number]) => ((y1 - (p.spread as number)) / (y1 - y0)) * TRADE.height;
  const box = (j: number, { side, line }: LabelPlace) => {
    const width = 6 * points[j].label.length;
    const x = side === 'right' ? px(points[j]) + 6 : px(points[j]) - 6 - width;
    const y = py(points[j]) - 6 + 12 * line;
    return { left: x, right: x + width, top: y - 10, bottom: y + 2 };
  };
  type Box = ReturnType<typeof box>;
  const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const inside = (b: Box) => b.left >= 0 && b.right <= TRADE.width && b.top >= 0 && b.bottom <= TRADE.height;
  const dots = points.map((p) => ({ left: px(p) - 4, right: px(p) + 4, top: py(p) - 4, bottom: py(p) + 4 }));
  const placed: Box[] = [];
  const lines = [0, -1, 1, -2, 2, 3, 4, 5];
  const candidates: LabelPlace[] = (['right', 'left'] as const).flatMap((side) => lines.map((line) => ({ side, line })));
  const free = (j: number, place: LabelPlace) => {
    const b = box(j, place);
    return inside(b) && !placed.some((p) => overlaps(b, p)) && !dots.some((d, k) => k !== j && overlaps(b, d));
  };
  const places = points.map((_, j) => {
    const place = candidates.find((c) => free(j, c)) ?? { side: 'right' as const, line: 0 };
    placed.push(box(j, place));
    return place;
  });
  return { domains: { x: [x0, x1], y: [y0, y1] }, places };
}
