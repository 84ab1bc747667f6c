import { describe, expect, it } from 'vitest';
import { sweepCharts } from '../../src/reports/charts/sweep-charts.js';
import type { SweepSummary } from '../../src/sweep/aggregate.js';

const figure = (mean: number) => ({ mean, low: mean - 1, high: mean + 1, n: 2, values: [mean - 0.5, mean + 0.5] });

function sweep(points: Array<[string, number, number]>): SweepSummary {
  return {
    matchsim: { sweepVersion: 1, version: '0.1.0' },
    scenario: { name: 's' } as SweepSummary['scenario'],
    parameters: ['matcher.algorithm'],
    seeds: [1, 2],
    confidence: 0.95,
    points: points.map(([name, wait, spread], index) => ({
      index,
      label: `matcher.algorithm=${name}`,
      dir: `points/${index + 1}`,
      params: { 'matcher.algorithm': name },
      runs: [{ seed: 1, dir: 'a' }, { seed: 2, dir: 'b' }],
      figures: { 'wait.p50': figure(wait / 2), 'wait.p95': figure(wait), 'spread.mean': figure(spread / 2), 'spread.p95': figure(spread) },
    })),
  };
}

describe('sweep charts', () => {
  it('draw a swept category as dots with error bars, not a line through unrelated categories', () => {
    const [panels] = sweepCharts(sweep([['seed', 13, 230], ['anchor', 7, 390]]));
    const layers = (panels.spec.spec as { layer: Array<{ mark: { type: string } }> }).layer.map((l) => l.mark.type);
    expect(layers).toEqual(['errorbar', 'point']);
  });

  it('write axis numbers as the tables do (601.42, not 601.420000)', () => {
    const [panels, trade] = sweepCharts(sweep([['greedy', 12.720422, 601.42], ['snake', 12.720422, 601.42]]));
    expect(JSON.stringify(panels.spec)).toContain('",.2~f"');
    expect(JSON.stringify(trade.spec)).toContain('",.2~f"');
  });

  it('give points that coincide labels in different places, keep every label inside the plot, and leave lone points their own line', () => {
    const trade = sweepCharts(sweep([['greedy', 12.72, 601.42], ['snake', 12.72, 601.42], ['far', 30, 100]]))[1];
    const values = (trade.spec.data as { values: Array<{ label: string; line: number; side: string }> }).values;
    const place = (label: string) => values.find((v) => v.label.endsWith(label));
    expect(place('greedy')).toMatchObject({ side: 'right', line: 0 });
    expect(place('snake')).not.toMatchObject({ side: 'right', line: 0 });
    // The far point is at the right edge: its label goes to its left, level with it.
    expect(place('far')).toMatchObject({ side: 'left', line: 0 });
    // A text layer for every place in use, aligned to its side.
    const texts = (trade.spec.layer as Array<{ mark: { type: string; align?: string }; transform?: Array<{ filter: string }> }>).filter((l) => l.mark.type === 'text');
    expect(texts.map((t) => t.transform?.[0].filter).sort()).toEqual([...new Set(values.map((v) => `datum.side === '${v.side}' && datum.line === ${v.line}`))].sort());
    expect(texts.find((t) => t.transform?.[0].filter.includes("'left'"))?.mark.align).toBe('right');
  });
});
