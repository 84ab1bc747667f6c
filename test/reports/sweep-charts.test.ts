import { describe, expect, it } from 'vitest';
import { sweepCharts } from '../../src/reports/charts/sweep-charts.js';
import type { SweepSummary } from '../../src/sweep/aggregate.js';

const figure = (mean: number) => ({ mean, low: mean - 1, high: mean + 1, n: 2, values: [mean - 0.5, mean + 0.5] });

function sweep(points: Array<[string, number, number]>): SweepSummary {
  return {
    matchsim: { sweepVersion: 1 },
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

  it('give points that coincide labels on different lines, and leave lone points their own line', () => {
    const trade = sweepCharts(sweep([['greedy', 12.72, 601.42], ['snake', 12.72, 601.42], ['far', 30, 100]]))[1];
    const values = (trade.spec.data as { values: Array<{ label: string; line: number }> }).values;
    const line = (label: string) => values.find((v) => v.label.endsWith(label))?.line;
    expect(line('greedy')).toBe(0);
    expect(line('snake')).not.toBe(0);
    expect(line('far')).toBe(0);
    // A text layer for every line in use.
    const texts = (trade.spec.layer as Array<{ mark: { type: string }; transform?: Array<{ filter: string }> }>).filter((l) => l.mark.type === 'text');
    expect(texts.map((t) => t.transform?.[0].filter).sort()).toEqual([...new Set(values.map((v) => `datum.line === ${v.line}`))].sort());
  });
});
