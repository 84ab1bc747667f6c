import { describe, expect, it } from 'vitest';
import { CONFIG, categoryAxis } from '../../../src/reports/charts/chart.js';
import { panelTitle, sweepCharts } from '../../../src/sweep/charts/sweep-charts.js';
import type { SweepSummary } from '../../../src/reports/sweep-summary.js';

const figure = (mean: number, half = 1) => ({ mean, low: mean - half, high: mean + half, n: 2, values: [mean - 0.5, mean + 0.5] });

type Figures = Record<string, ReturnType<typeof figure> | null>;

function sweep(points: Array<[unknown, Figures]>, parameters = ['matcher.algorithm'], seeds = [1, 2]): SweepSummary {
  return {
    matchsim: { sweepVersion: 1, version: '0.1.0' },
    scenario: { name: 's' } as SweepSummary['scenario'],
    parameters,
    seeds,
    confidence: 0.95,
    points: points.map(([value, figures], index) => {
      const params = Array.isArray(value) ? Object.fromEntries(parameters.map((p, i) => [p, value[i]])) : { [parameters[0]]: value };
      return {
        index,
        label: Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(', '),
        dir: `points/${index + 1}`,
        params,
        runs: seeds.map((seed) => ({ seed, dir: `seed=${seed}` })),
        figures,
      };
    }),
  };
}

const basic = (wait: number, spread: number): Figures => ({ 'wait.p50': figure(wait / 2), 'wait.p95': figure(wait), 'spread.mean': figure(spread / 2), 'spread.p95': figure(spread) });

interface Panel {
  title: string | { text: string; subtitle: string[] };
  data: { values: Array<{ x: unknown; series: string; mean: number }> };
  layer: Array<{ mark: { type: string }; encoding: { x: { scale?: Record<string, unknown>; axis?: Record<string, unknown> }; y?: { scale?: Record<string, unknown> } } }>;
}
const panelsOf = (s: SweepSummary) => (sweepCharts(s)[0].spec.concat as Panel[]);
const titleOf = (p: Panel) => (typeof p.title === 'string' ? p.title : p.title.text);

describe('sweep charts', () => {
  it('draw a swept category as dots with error bars, not a line through unrelated categories', () => {
    const [panel] = panelsOf(sweep([['seed', basic(13, 230)], ['anchor', basic(7, 390)]]));
    expect(panel.layer.map((l) => l.mark.type)).toEqual(['errorbar', 'point']);
  });

  it('name every category: no label is thinned out or cut short, and long ones are turned upright instead', () => {
    expect(CONFIG.axisDiscrete).toEqual({ labelOverlap: false, labelLimit: 0 });
    expect(categoryAxis(['seed', 'anchor'], 350)).toEqual({ labelAngle: 0 });
    expect(categoryAxis(['seed', 'seed-legacy', 'anchor', 'teams', 'profiles', 'retry'], 350).labelAngle).toBe(270);
    const [panel] = panelsOf(sweep(['seed', 'seed-legacy', 'anchor', 'teams', 'profiles', 'retry'].map((a, i) => [a, basic(10 + i, 200)])));
    // Every category is in the axis's domain, in the sweep's order, even where a panel has no value for it.
    expect(panel.layer[1].encoding.x.scale).toEqual({ domain: ['seed', 'seed-legacy', 'anchor', 'teams', 'profiles', 'retry'] });
    expect(panel.layer[1].encoding.x.axis?.labelAngle).toBe(270);
  });

  it('draw a share from 0 to 100%, a correlation from -1 to 1, and every other figure from 0', () => {
    const panels = panelsOf(
      sweep([
        ['greedy', { ...basic(12, 600), 'teams.gap.mean': figure(52), 'teams.favouriteWin.mean': figure(0.571, 0.01), 'population.retention': figure(0.9, 0.01), 'population.convergence.correlation': figure(0.05, 0.01) }],
        ['snake', { ...basic(13, 610), 'teams.gap.mean': figure(60), 'teams.favouriteWin.mean': figure(0.581, 0.01), 'population.retention': figure(0.92, 0.01), 'population.convergence.correlation': figure(0.052, 0.01) }],
      ]),
    );
    const scaleOf = (title: string) => panels.find((p) => titleOf(p) === title)?.layer[1].encoding.y?.scale;
    expect(scaleOf(panelTitle('teams.favouriteWin.mean'))).toEqual({ domain: [0, 100], nice: false });
    expect(scaleOf(panelTitle('population.retention'))).toEqual({ domain: [0, 100], nice: false });
    expect(scaleOf('rating-skill correlation')).toEqual({ domain: [-1, 1], nice: false });
    expect(scaleOf('wait p95 (s)')).toEqual({ zero: true });
    // The two win chances are two measures: two names, neither a prefix of the other's panel.
    expect(panelTitle('teams.favouriteWin.mean')).not.toBe(panelTitle('population.favouriteWin.mean'));
  });

  it('lead a sweep of backfill with what refilling buys and costs: short-handed time, time to fill, new matches\' waits; a mode that asks for nothing says so', () => {
    const population = { 'population.retention': figure(0.9, 0.01), 'population.blowoutRate': figure(0.27, 0.02) };
    const panels = panelsOf(
      sweep(
        [
          ['off', { ...basic(12, 60), ...population, 'backfill.shortHandedShare': figure(0.37, 0.03), 'backfill.waits.newMatches.p95': figure(37), 'backfill.timeToFill.p50': null }],
          ['automatic', { ...basic(11, 60), ...population, 'backfill.shortHandedShare': figure(0.017, 0.001), 'backfill.waits.newMatches.p95': figure(36), 'backfill.timeToFill.p50': figure(1.6, 0.1) }],
        ],
        ['population.backfill.mode'],
      ),
    );
    expect(panels.slice(0, 3).map(titleOf)).toEqual([panelTitle('backfill.shortHandedShare'), panelTitle('backfill.timeToFill.p50'), panelTitle('backfill.waits.newMatches.p95')]);
    expect(panels[0].layer[1].encoding.y?.scale).toEqual({ domain: [0, 100], nice: false });
    expect(panels[1].title).toEqual({ text: panelTitle('backfill.timeToFill.p50'), subtitle: ['no value at off'] });
    expect(sweepCharts(sweep([['off', basic(1, 2)]], ['population.backfill.mode']))[0].title).not.toContain('Backfill');
  });

  it('put a swept number spanning ten times or more on a log axis, with the swept values as its ticks', () => {
    const panels = panelsOf(sweep([[2, basic(14, 100)], [20, basic(5, 300)], [200, basic(2, 600)]], ['matcher.windowGrowth']));
    expect(panels[0].layer.map((l) => l.mark.type)).toEqual(['errorband', 'line']);
    expect(panels[0].layer[1].encoding.x.scale).toMatchObject({ type: 'log' });
    expect(panels[0].layer[1].encoding.x.axis?.values).toEqual([2, 20, 200]);
    const linear = panelsOf(sweep([[10, basic(14, 100)], [50, basic(5, 300)]], ['matcher.windowGrowth']));
    expect(linear[0].layer[1].encoding.x.scale?.type).toBeUndefined();
  });

  it('draw a figure the same at every point once, in words, and a series the same as another once, with a note', () => {
    const same = { 'wait.p50': figure(3.84), 'wait.p95': figure(12.97), 'spread.mean': figure(365), 'spread.p95': figure(605) };
    const [chart] = sweepCharts(sweep([['greedy', { ...same, 'teams.gap.mean': figure(52) }], ['snake', { ...same, 'teams.gap.mean': figure(60) }]], ['matcher.teams.balance']));
    const panels = chart.spec.concat as Panel[];
    expect(panels.map(titleOf)).toEqual(['team mean gap']);
    expect(chart.caption).toContain('The same at every point, so not drawn: wait p50 3.84 s; wait p95 12.97 s; spread mean 365; spread p95 605.');
    // Two series (cap=100 and cap=200) with the same waits: drawn once, and the subtitle says so.
    const twoSeries = sweep(
      [
        [[10, 100], basic(10, 100)],
        [[20, 100], basic(8, 150)],
        [[10, 200], { ...basic(10, 100), 'spread.p95': figure(120) }],
        [[20, 200], { ...basic(8, 150), 'spread.p95': figure(170) }],
      ],
      ['matcher.window.growth', 'matcher.window.cap'],
    );
    const wait = panelsOf(twoSeries).find((p) => titleOf(p) === 'wait p95 (s)') as Panel;
    expect(wait.title).toEqual({ text: 'wait p95 (s)', subtitle: ['matcher.window.cap=200: the same as matcher.window.cap=100'] });
    expect(new Set(wait.data.values.map((v) => v.series))).toEqual(new Set(['matcher.window.cap=100']));
    const spread = panelsOf(twoSeries).find((p) => titleOf(p) === 'spread p95') as Panel;
    expect(new Set(spread.data.values.map((v) => v.series)).size).toBe(2);
  });

  it('say where a figure only some points have is missing', () => {
    const panels = panelsOf(sweep([['seed', basic(13, 230)], ['teams', { ...basic(7, 390), 'teams.gap.mean': figure(150) }]]));
    expect(panels[0].title).toEqual({ text: 'team mean gap', subtitle: ['no value at seed'] });
  });
});

interface TradeRow {
  label: string;
  line: number;
  side: string;
}
const tradeOf = (s: SweepSummary) => sweepCharts(s).find((c) => c.name === 'tradeoff') as ReturnType<typeof sweepCharts>[number];

describe('the trade-off chart', () => {
  it('writes axis numbers as the tables do (601.42, not 601.420000)', () => {
    expect(JSON.stringify(tradeOf(sweep([['greedy', basic(12.720422, 601.42)], ['snake', basic(13, 500)]])).spec)).toContain('",.2~f"');
  });

  it('draws points that coincide as one dot named for each, keeps every label inside the plot, and leaves lone points their own line', () => {
    const trade = tradeOf(sweep([['greedy', basic(12.72, 601.42)], ['snake', basic(12.72, 601.42)], ['near', basic(20, 400)], ['farthest-of-all', basic(30, 100)]]));
    const values = (trade.spec.data as { values: TradeRow[] }).values;
    expect(values.map((v) => v.label)).toEqual(['algorithm=greedy & algorithm=snake (identical)', 'algorithm=near', 'algorithm=farthest-of-all']);
    expect(trade.caption).toContain('Points that coincide are one dot');
    // The far point is at the right edge: its label goes to its left, level with it.
    expect(values[2]).toMatchObject({ side: 'left', line: 0 });
    // A text layer for every place in use, aligned to its side.
    const texts = (trade.spec.layer as Array<{ mark: { type: string; align?: string }; transform?: Array<{ filter: string }> }>).filter((l) => l.mark.type === 'text');
    expect(texts.map((t) => t.transform?.[0].filter).sort()).toEqual([...new Set(values.map((v) => `datum.side === '${v.side}' && datum.line === ${v.line}`))].sort());
    expect(texts.find((t) => t.transform?.[0].filter.includes("'left'"))?.mark.align).toBe('right');
  });

  it("draws each point's intervals both ways with replications, and joins points only along a swept number", () => {
    const marks = (s: SweepSummary) => (tradeOf(s).spec.layer as Array<{ mark: { type: string }; encoding: Record<string, { field?: string }> }>).map((l) => `${l.mark.type}${l.encoding.x2 ? ':x' : l.encoding.y2 ? ':y' : ''}`);
    const categories = sweep([['seed', basic(13, 230)], ['anchor', basic(7, 390)]]);
    expect(marks(categories)).toEqual(['rule:x', 'rule:y', 'point', 'text']);
    const numbers = sweep([[10, basic(13, 230)], [50, basic(7, 390)]], ['matcher.windowGrowth']);
    expect(marks(numbers)).toEqual(['line', 'rule:x', 'rule:y', 'point', 'text']);
    expect(tradeOf(numbers).caption).toContain('The line joins the points in order of matcher.windowGrowth.');
    const once = sweep([['seed', basic(13, 230)], ['anchor', basic(7, 390)]], ['matcher.algorithm'], [1]);
    expect(marks(once)).toEqual(['point', 'text']);
  });
});
