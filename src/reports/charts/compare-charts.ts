import { quantileSorted } from 'simple-statistics';
import { comparedPoint, type Comparison } from '../compare.js';
import { cdfPoints, cdfUpTo } from '../cdf.js';
import type { TableSamples } from '../compare-samples.js';
import { CONFIDENCE, estimate } from '../confidence.js';
import { displayScale, figureOf, scaledEstimate } from '../figures.js';
import { asNumbers } from '../numbers.js';
import { fmt } from '../html.js';
import { present, type ResultPoints } from '../result-points.js';
import { AXIS_FORMAT, categoryAxis, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';

/** The sides' colours, the same in every chart of a comparison, by the results' names (the baseline first). */
const COLOURS = ['#1f78b4', '#ff7f00', '#33a02c', '#6a3d9a'];
const sidesScale = (names: readonly string[]) => ({ domain: [...names], range: COLOURS.slice(0, names.length) });

/** The figures drawn as bars: what a designer weighs first. Teams' figures and the gave-up share only where a side has them. */
const KEY_FIGURES = ['wait.p50', 'wait.p95', 'spread.mean', 'spread.p95', 'throughput.roomsPerMinute', 'players.matchedPresentShare', 'abandonment.rate', 'teams.gap.mean', 'teams.favouriteWin.mean'];

/** Samples of each compared point, one per result (in the comparison's order); `missing` says why a result has none. */
export interface PointSamples {
  readonly point: string;
  readonly sides: ReadonlyArray<TableSamples | { readonly missing: string }>;
}

const hasSamples = (s: PointSamples['sides'][number]): s is TableSamples => 'waits' in s;

/** "A against B", "A, B and C": the results' names, as a title says them. */
export function sidesText(names: readonly string[]): string {
  return names.length === 2 ? `${names[0]} against ${names[1]}` : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The charts of a comparison: its key figures with their intervals, and the wait and spread CDFs of every result where their tables could be read. */
export function compareCharts(comparison: Comparison, sides: readonly ResultPoints[], samples: readonly PointSamples[]): Chart[] {
  const charts: Chart[] = [figureBars(comparison, sides)];
  const drawn = samples.filter((s) => s.sides.every(hasSamples));
  const names = comparison.names;
  if (drawn.length > 0) {
    charts.push(cdfChart('compare-wait-cdf', `Wait time distribution, ${sidesText(names)}`, 'wait (s)', 'share of matched players', drawn, names, (s) => s.waits));
    charts.push(cdfChart('compare-spread-cdf', `Score spread per room, ${sidesText(names)}`, 'score spread (max - min)', 'share of rooms', drawn, names, (s) => s.spreads));
  }
  return charts;
}

function figureBars(comparison: Comparison, sides: readonly ResultPoints[]): Chart {
  const names = comparison.names;
  const SIDES = sidesScale(names);
  const points = [...new Set(comparison.rows.map((r) => r.point))];
  const shown = KEY_FIGURES.filter((key) => comparison.rows.some((r) => r.figure === key && (r.a !== null || r.b !== null) && !(r.a === 0 && r.b === 0)));
  const rows = points.flatMap((label) =>
    shown.flatMap((key) =>
      names.flatMap((side, i) => {
        const values = present(comparedPoint(sides[i], label)?.values[key]);
        if (values.length === 0) return [];
        const figure = figureOf(key);
        const e = estimate(values, CONFIDENCE, figure?.range);
        const { factor, unit } = displayScale(key);
        return [{ point: label, figure: `${figure?.label ?? key}${unit ? ` (${unit})` : ''}`, side, ...scaledEstimate(e, factor) }];
      }),
    ),
  );
  const replicated = rows.some((r) => r.low !== null);
  const several = points.length > 1;
  // Points of one sweep differ in the same fields: their values label the axis, the fields title it.
  const fields = points.map((label) => shortLabel(label).split(', ').map((part) => part.split('=')[0]).join(', '));
  const sameFields = points.length > 1 && fields.every((f) => f === fields[0]) && points.every((label) => label.includes('='));
  const axisLabel = (label: string) => (sameFields ? shortLabel(label).split(', ').map((part) => part.slice(part.indexOf('=') + 1)).join(', ') : shortLabel(label));
  for (const row of rows) row.point = axisLabel(row.point);
  const width = Math.min(WIDTH - 40, several ? Math.max(180, 20 * names.length * points.length) : Math.max(180, 45 * names.length));
  const x = several ? { field: 'point', type: 'nominal', title: sameFields ? fields[0] : null, sort: null, axis: categoryAxis(points.map(axisLabel), width) } : { field: 'side', type: 'nominal', title: null, axis: null, sort: [...names] };
  const color = { field: 'side', type: 'nominal', scale: SIDES, legend: { title: null, orient: 'top' } };
  const y = { field: 'mean', type: 'quantitative', title: null, axis: { format: AXIS_FORMAT } };
  const layers: Record<string, unknown>[] = [{ mark: { type: 'bar' }, encoding: { x, ...(several ? { xOffset: { field: 'side', sort: SIDES.domain } } : {}), y, color } }];
  if (replicated) {
    layers.push({ mark: { type: 'errorbar', ticks: { size: 10 }, color: '#333' }, encoding: { x, ...(several ? { xOffset: { field: 'side', sort: SIDES.domain } } : {}), y: { ...y, field: 'low' }, y2: { field: 'high' } } });
  }
  return {
    name: 'compare-figures',
    title: `Key figures, ${sidesText(names)}`,
    caption: replicated
      ? `Means over the replications of each side, with their ${CONFIDENCE * 100}% confidence intervals (the table below says which differences are significant).`
      : 'One run on each side: the bars have no interval, and no difference can be called significant. Add replications to both scenarios to tell a difference from noise.',
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      data: { values: rows },
      facet: { field: 'figure', type: 'nominal', title: null, sort: [...new Set(rows.map((r) => r.figure))], header: { labelFontSize: 12 } },
      // As many panels a row as fit the page.
      columns: Math.max(1, Math.min(3, Math.floor((WIDTH + 60) / (width + 80)))),
      resolve: { scale: { y: 'independent' } },
      spec: { width, height: 150, layer: layers },
    },
  };
}

function cdfChart(name: string, title: string, xTitle: string, yTitle: string, samples: readonly PointSamples[], names: readonly string[], of: (s: TableSamples) => Float64Array): Chart {
  const SIDES = sidesScale(names);
  let cut = false;
  let longest = -Infinity;
  const values = samples.flatMap((s) => {
    const sides = names.map((side, i) => [side, of(s.sides[i] as TableSamples)] as const);
    // A long tail would squash both curves into the left edge: each point's curves stop at the larger of its two sides' 99.5th percentiles.
    const present = sides.filter(([, xs]) => xs.length > 0);
    if (present.length === 0) return [];
    const limit = Math.max(...present.map(([, xs]) => quantileSorted(asNumbers(xs), 0.995)));
    return present.flatMap(([side, xs]) => {
      const top = xs[xs.length - 1];
      longest = Math.max(longest, top);
      if (top > limit) cut = true;
      return cdfUpTo(cdfPoints(xs), limit, 'value').map((p) => ({ ...p, side, point: shortLabel(s.point) }));
    });
  });
  const several = samples.length > 1;
  const layer = {
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'value', type: 'quantitative', title: xTitle, axis: { format: AXIS_FORMAT } },
      y: { field: 'share', type: 'quantitative', title: yTitle, ...SHARE_SCALE },
      color: { field: 'side', type: 'nominal', scale: SIDES, legend: { title: null, orient: 'top' } },
    },
  };
  const tail = cut ? ` Each curve stops at the largest 99.5th percentile of the results${several ? ' at its point' : ''}; the longest reaches ${fmt(longest)}.` : '';
  return {
    name,
    title,
    caption: `Share at or below each value, ${sidesText(names)} overlaid${several ? ', a small panel per point, all on the same axes' : ''}: a curve further left and higher is lower everywhere.${tail}`,
    spec: several
      ? {
          $schema: SCHEMA,
          config: CONFIG,
          data: { values },
          // Small multiples on shared axes: points compare across panels at a glance, and a sweep of many points stays a page, not a column.
          facet: { field: 'point', type: 'nominal', title: null, sort: samples.map((s) => shortLabel(s.point)), header: { labelFontSize: 11, labelLimit: 0 } },
          columns: 3,
          spec: { width: WIDTH / 3 - 50, height: 110, ...layer },
        }
      : { $schema: SCHEMA, config: CONFIG, data: { values }, width: WIDTH, height: HEIGHT, ...layer },
  };
}

/** A point's label with each swept path cut to its last name: "windowGrowth=10, tick=0.5". */
function shortLabel(label: string): string {
  return label
    .split(', ')
    .map((part) => part.replace(/^[^=]*\.(?=[^.=]*=)/, ''))
    .join(', ');
}
