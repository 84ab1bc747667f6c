import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenarios/load.js';
import { isSweep, partitionText, planSweep } from '../../src/sweep/plan.js';
import { seedScenario } from '../fixtures/helpers.js';

const plan = (extra: object) => {
  const document = { ...seedScenario, ...extra } as Record<string, unknown>;
  return planSweep('s.json', document, resolveScenario('s.json', document).scenario);
};

describe('planSweep', () => {
  it('expands the cartesian product, first key outermost, with a seed per replication', () => {
    const p = plan({ sweep: { 'matcher.windowGrowth': [10, 50], tick: [1, 0.5] }, replications: 3 });
    expect(p.points.map((x) => x.label)).toEqual([
      'matcher.windowGrowth=10, tick=1',
      'matcher.windowGrowth=10, tick=0.5',
      'matcher.windowGrowth=50, tick=1',
      'matcher.windowGrowth=50, tick=0.5',
    ]);
    // Hive partitions, a level per swept field, in the sweep's order.
    expect(p.points[1].dir).toBe('points/matcher.windowGrowth=10/tick=0.5');
    expect(p.points[3].document).toMatchObject({ tick: 0.5, matcher: { windowGrowth: 50 } });
    expect(p.points[3].document).not.toHaveProperty('sweep');
    expect(p.seeds).toEqual([11, 12, 13]);
    expect(p.tasks).toHaveLength(12);
    expect(p.tasks[4]).toEqual({ index: 4, point: 1, replication: 1, seed: 12, dir: 'points/matcher.windowGrowth=10/tick=0.5/seed=12' });
  });

  it('escapes a value as Hive does, and stands a value too long for a directory as a hash', () => {
    expect(['a b/c', 'x=y', '{"type":"linear"}', 'é', 'seed-legacy', '-0.5'].map(partitionText)).toEqual(['a%20b%2Fc', 'x%3Dy', '%7B%22type%22%3A%22linear%22%7D', '%C3%A9', 'seed-legacy', '-0.5']);
    const window = (g: number) => ({ type: 'exponential', initial: 1000.123456789 + g, factor: 1.123456789012, cap: 100000.123456789 });
    expect(partitionText(JSON.stringify(window(1))).length).toBeGreaterThan(120);
    const long = plan({ matcher: { algorithm: 'seed', roomSize: 3, window: window(0) }, sweep: { 'matcher.window': [window(1), window(2)] } });
    expect(long.points.map((x) => x.dir.split('/')[1])).toEqual([expect.stringMatching(/^matcher\.window=h-[0-9a-f]{16}$/), expect.stringMatching(/^matcher\.window=h-[0-9a-f]{16}$/)]);
    expect(new Set(long.points.map((x) => x.dir)).size).toBe(2);
  });

  it('treats replications alone as a sweep of one point', () => {
    const p = plan({ replications: 2 });
    expect(p.points.map((x) => x.label)).toEqual(['base']);
    expect(p.tasks.map((t) => t.dir)).toEqual(['points/seed=11', 'points/seed=12']);
  });

  it('is not a sweep without either', () => {
    expect(isSweep(resolveScenario('s.json', seedScenario).scenario)).toBe(false);
  });

  it('rejects a value a point cannot take, naming the sweep entry', () => {
    expect(() => plan({ sweep: { 'matcher.roomSize': [3, 1] } })).toThrow(/sweep matcher\.roomSize=1: matcher\.roomSize: roomSize must be an integer >= 2/);
  });

  it('steps into a list by an index it has (an expansion step of a rule set), and refuses an index that is not one', () => {
    const matcher = { algorithm: 'seed', roomSize: 3, window: { type: 'steps', steps: [{ after: 0, window: 10 }, { after: 5, window: 100 }] } };
    const p = plan({ matcher, sweep: { 'matcher.window.steps.1.window': [50, 200] } });
    expect(p.points.map((x) => (x.document.matcher as typeof matcher).window.steps[1].window)).toEqual([50, 200]);
    expect(p.points[0].dir).toBe('points/matcher.window.steps.1.window=50');
    expect(() => plan({ matcher, sweep: { 'matcher.window.steps.2.window': [50] } })).toThrow(/has no element 2 \(it has 2\)/);
    for (const key of ['matcher.window.steps.01.window', 'matcher.window.steps.-1.window', '0.matcher']) expect(() => resolveScenario('s.json', { ...seedScenario, matcher, sweep: { [key]: [1] } })).toThrow(/a sweep key must be a dotted field path/);
  });
});
