import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenarios/load.js';
import { isSweep, planSweep } from '../../src/sweep/plan.js';
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
    expect(p.points[1].dir).toBe('points/2-matcher.windowGrowth=10,tick=0.5');
    expect(p.points[3].document).toMatchObject({ tick: 0.5, matcher: { windowGrowth: 50 } });
    expect(p.points[3].document).not.toHaveProperty('sweep');
    expect(p.seeds).toEqual([11, 12, 13]);
    expect(p.tasks).toHaveLength(12);
    expect(p.tasks[4]).toEqual({ index: 4, point: 1, replication: 1, seed: 12, dir: 'points/2-matcher.windowGrowth=10,tick=0.5/seed-12' });
  });

  it('treats replications alone as a sweep of one point', () => {
    const p = plan({ replications: 2 });
    expect(p.points.map((x) => x.label)).toEqual(['base']);
    expect(p.tasks.map((t) => t.dir)).toEqual(['points/1-base/seed-11', 'points/1-base/seed-12']);
  });

  it('is not a sweep without either', () => {
    expect(isSweep(resolveScenario('s.json', seedScenario).scenario)).toBe(false);
  });

  it('rejects a value a point cannot take, naming the sweep entry', () => {
    expect(() => plan({ sweep: { 'matcher.roomSize': [3, 1] } })).toThrow(/sweep matcher\.roomSize=1: matcher\.roomSize: roomSize must be an integer >= 2/);
  });
});
