import type { SweepSummary } from '../../reports/sweep-summary.js';
import { valueText } from '../../scenarios/sweep-value.js';
import { AXIS_FORMAT, CONFIG, SCHEMA, WIDTH, textWidth, type Chart } from '../../reports/charts/chart.js';

/** The trade-off chart's plot area, in pixels. */
const TRADE = { width: WIDTH, height: 360 } as const;

/** Points nearer than this many pixels are drawn as one dot, and its label names them all. */
const COINCIDE = 6;

interface TradePoint {
  readonly label: string;
  readonly series: string;
  /** Where the point sits along the swept number, to join the points in that order; null for categories. */
  readonly order: number | null;
  readonly wait: number;
  readonly waitLow: number;
  readonly waitHigh: number;
  readonly spread: number;
  readonly spreadLow: number;
  readonly spreadHigh: number;
}

/**
 * Wait against match quality, a dot per sweep point, labelled. With
 * replications, each dot has its 95% intervals both ways. Points along a
 * swept number are joined in its order; categories are not joined. Points
 * that coincide are one dot whose label names each.
 */
export function tradeoffChart(
  sweep: SweepSummary,
  how: { readonly numericX: boolean; readonly xField: string | undefined; readonly others: readonly string[]; readonly seriesOf: (params: Record<string, unknown>) => string },
): Chart | undefined {
  const replicated = sweep.seeds.length > 1;
  const points: TradePoint[] = sweep.points.flatMap((p) => {
    const w = p.figures['wait.p95'];
    const s = p.figures['spread.p95'];
    if (!w || !s) return [];
    const entries = Object.entries(p.params);
    return [
      {
        // Short labels: the last segment of each path (windowGrowth=200).
        label: entries.length > 0 ? entries.map(([k, v]) => `${k.split('.').pop()}=${valueText(v)}`).join(', ') : p.label,
        series: how.seriesOf(p.params),
        order: how.numericX && how.xField !== undefined ? (p.params[how.xField] as number) : null,
        wait: w.mean,
        waitLow: w.low ?? w.mean,
        waitHigh: w.high ?? w.mean,
        spread: s.mean,
        spreadLow: s.low ?? s.mean,
        spreadHigh: s.high ?? s.mean,
      },
    ];
  });
  if (points.length === 0) return undefined;
  const domains = {
    x: margin(Math.min(...points.map((p) => p.waitLow)), Math.max(...points.map((p) => p.waitHigh))),
    y: margin(Math.min(...points.map((p) => p.spreadLow)), Math.max(...points.map((p) => p.spreadHigh))),
  };
  const px = (p: TradePoint) => ({ x: ((p.wait - domains.x[0]) / (domains.x[1] - domains.x[0])) * TRADE.width, y: ((domains.y[1] - p.spread) / (domains.y[1] - domains.y[0])) * TRADE.height });
  const dots = merged(points, px);
  const places = labelPlaces(dots.map((d) => ({ ...px(d), label: d.label })));
  const data = dots.map((d, i) => ({ ...d, line: places[i].line, side: places[i].side }));
  // Domains as the label placement computed them (not rounded outwards): its pixels are the chart's.
  const enc = {
    x: { field: 'wait', type: 'quantitative', title: 'wait p95 (s)', scale: { domain: domains.x, nice: false, zero: false }, axis: { format: AXIS_FORMAT } },
    y: { field: 'spread', type: 'quantitative', title: 'spread p95', scale: { domain: domains.y, nice: false, zero: false }, axis: { format: AXIS_FORMAT } },
  };
  const color = how.others.length > 0 ? { field: 'series', type: 'nominal', title: how.others.join(', ') } : { value: '#555' };
  const joined = how.numericX && dots.length > 1;
  const coincide = dots.some((d) => d.label.includes(' & '));
  return {
    name: 'tradeoff',
    title: 'Trade-off: wait against match quality',
    caption: `Each point is a sweep point (labelled); down and to the left is better on both.${replicated ? ` The bars are each figure's 95% confidence interval over ${sweep.seeds.length} replications.` : ''}${
      joined ? ` The line joins the points in order of ${how.xField}.` : ''
    }${coincide ? ' Points that coincide are one dot, named together (&).' : ''}`,
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      width: TRADE.width,
      height: TRADE.height,
      data: { values: data },
      layer: [
        ...(joined ? [{ mark: { type: 'line', strokeDash: [3, 3], opacity: 0.6 }, encoding: { ...enc, order: { field: 'order' }, color, detail: { field: 'series' } } }] : []),
        ...(replicated
          ? [
              { mark: { type: 'rule', opacity: 0.5 }, encoding: { x: { ...enc.x, field: 'waitLow' }, x2: { field: 'waitHigh' }, y: enc.y, color } },
              { mark: { type: 'rule', opacity: 0.5 }, encoding: { x: enc.x, y: { ...enc.y, field: 'spreadLow' }, y2: { field: 'spreadHigh' }, color } },
            ]
          : []),
        { mark: { type: 'point', filled: true, size: 60, opacity: 1 }, encoding: { ...enc, color, tooltip: [{ field: 'label' }, { field: 'wait' }, { field: 'spread' }] } },
        // Points near one another get their labels one under another, or on their other side: a layer per place.
        ...[...new Set(data.map((t) => `${t.side} ${t.line}`))].sort().map((place) => {
          const [side, line] = place.split(' ');
          return {
            transform: [{ filter: `datum.side === '${side}' && datum.line === ${line}` }],
            mark: { type: 'text', align: side === 'right' ? 'left' : 'right', dx: side === 'right' ? 6 : -6, dy: -6 + 12 * Number(line), fontSize: 10 },
            encoding: { ...enc, text: { field: 'label' } },
          };
        }),
      ],
    },
  };
}

/** A domain with a margin around [lo, hi]. */
function margin(lo: number, hi: number): [number, number] {
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/** Points of one series that would be drawn on top of each other, as one: its label names each, and says whether they are the same. */
function merged(points: readonly TradePoint[], px: (p: TradePoint) => { x: number; y: number }): TradePoint[] {
  const groups: TradePoint[][] = [];
  for (const p of points) {
    const { x, y } = px(p);
    const group = groups.find((g) => g[0].series === p.series && Math.hypot(px(g[0]).x - x, px(g[0]).y - y) < COINCIDE);
    if (group) group.push(p);
    else groups.push([p]);
  }
  return groups.map((g) => {
    if (g.length === 1) return g[0];
    const identical = g.every((p) => p.wait === g[0].wait && p.spread === g[0].spread && p.waitLow === g[0].waitLow && p.spreadLow === g[0].spreadLow);
    return { ...g[0], label: `${g.map((p) => p.label).join(' & ')} (${identical ? 'identical' : 'nearly the same'})` };
  });
}

/** Where a point's label goes: to the right of the point (align 'left') or to its left, on a line (0: level with it, -1 above, 1, 2, ... below). */
interface LabelPlace {
  readonly side: 'left' | 'right';
  readonly line: number;
}

/**
 * A place for each point's label, chosen in order in one pass, so that a
 * label's box, in pixels as the chart will draw it (font size 10), stays
 * inside the plot and overlaps no earlier label and no point: beside the
 * point first, then the nearest free line above or below it, then the same
 * on its other side.
 */
function labelPlaces(points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly label: string }>): LabelPlace[] {
  const box = (j: number, { side, line }: LabelPlace) => {
    const width = (textWidth(points[j].label) * 10) / 11;
    const x = side === 'right' ? points[j].x + 6 : points[j].x - 6 - width;
    const y = points[j].y - 6 + 12 * line;
    return { left: x, right: x + width, top: y - 10, bottom: y + 2 };
  };
  type Box = ReturnType<typeof box>;
  const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const inside = (b: Box) => b.left >= 0 && b.right <= TRADE.width && b.top >= 0 && b.bottom <= TRADE.height;
  const dots = points.map((p) => ({ left: p.x - 4, right: p.x + 4, top: p.y - 4, bottom: p.y + 4 }));
  const placed: Box[] = [];
  const lines = [0, -1, 1, -2, 2, 3, 4, 5];
  const candidates: LabelPlace[] = (['right', 'left'] as const).flatMap((side) => lines.map((line) => ({ side, line })));
  const free = (j: number, place: LabelPlace) => {
    const b = box(j, place);
    return inside(b) && !placed.some((p) => overlaps(b, p)) && !dots.some((d, k) => k !== j && overlaps(b, d));
  };
  return points.map((_, j) => {
    const place = candidates.find((c) => free(j, c)) ?? { side: 'right' as const, line: 0 };
    placed.push(box(j, place));
    return place;
  });
}
