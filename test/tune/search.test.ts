import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RandomStreams, standardNormal } from '../../src/engine/rng.js';
import { estimate } from '../../src/reports/confidence.js';
import { bisectBoundary, boundaryOrSearch, design, halton, meets, successiveHalving, valueAt, type Candidate, type Evaluate, type Goal, type Parameter } from '../../src/tune/search.js';

/** The same noise for the same seed, whatever the candidate: common random numbers, as the simulator's seeds give. */
const noise = (seed: number) => standardNormal(new RandomStreams(seed).stream('noise'));
const seedsFrom = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** A synthetic "scenario": figures as functions of the candidate plus noise, counting the runs spent. */
function synthetic(figures: Record<string, (c: Candidate, seed: number) => number>): { evaluate: Evaluate; runs: () => number } {
  let runs = 0;
  const evaluate: Evaluate = async (candidates, seeds) => {
    runs += candidates.length * seeds.length;
    return candidates.map((candidate) => new Map(Object.entries(figures).map(([name, f]) => [name, seeds.map((seed) => f(candidate, seed))])));
  };
  return { evaluate, runs: () => runs };
}

describe('meets', () => {
  it('counts a constraint as met only when its whole 95% interval is on the right side of the limit', () => {
    const e = estimate([9, 10, 11]);
    expect(e.high).toBeGreaterThan(12);
    expect(meets(e, { figure: 'x', op: '<=', limit: 11 })).toBe(false);
    expect(meets(e, { figure: 'x', op: '<=', limit: (e.high as number) + 1e-9 })).toBe(true);
    expect(meets(e, { figure: 'x', op: '>=', limit: 9 })).toBe(false);
    expect(meets(estimate([10]), { figure: 'x', op: '<=', limit: 10 })).toBe(true);
    expect(meets(null, { figure: 'x', op: '<=', limit: 10 })).toBe(false);
  });
});

describe('design', () => {
  it('spreads one parameter evenly along its scale, ends included, and rounds integers', () => {
    const growth: Parameter = { path: 'g', low: 1, high: 100, scale: 'log' };
    expect(design([growth], 3).map((c) => c.get('g'))).toEqual([1, 10, 100]);
    expect(design([{ path: 'n', low: 1, high: 4, scale: 'linear', integer: true }], 7).map((c) => c.get('n'))).toEqual([1, 2, 3, 4]);
    expect(valueAt(growth, 0.5)).toBe(10);
  });

  it('covers two parameters with a Halton design, the same every time', () => {
    expect(halton(0, 2)).toEqual([0.5, 1 / 3]);
    const a = design([{ path: 'a', low: 0, high: 1, scale: 'linear' }, { path: 'b', low: 0, high: 1, scale: 'linear' }], 16);
    expect(a).toEqual(design([{ path: 'a', low: 0, high: 1, scale: 'linear' }, { path: 'b', low: 0, high: 1, scale: 'linear' }], 16));
    // Every quarter of each axis holds some of the 16 points.
    for (const path of ['a', 'b']) for (let q = 0; q < 4; q++) expect(a.some((c) => Math.floor((c.get(path) as number) * 4) === q)).toBe(true);
  });
});

describe('bisectBoundary', () => {
  // Waits fall as the window grows faster; spread rises: the best growth is the smallest that keeps waits within the limit.
  const wait = (c: Candidate, seed: number) => 100 / (c.get('g') as number) + noise(seed);
  const spread = (c: Candidate, seed: number) => 2 * (c.get('g') as number) + noise(seed + 1000);
  const goal: Goal = { objective: { figure: 'spread', direction: 'minimize' }, constraints: [{ figure: 'wait', op: '<=', limit: 10 }] };
  const growth: Parameter = { path: 'g', low: 1, high: 200, scale: 'log' };

  it('finds the smallest growth whose waits are within the limit by their whole interval, in few runs', async () => {
    const { evaluate, runs } = synthetic({ wait, spread });
    const [answer] = await bisectBoundary(growth, goal, evaluate, { budget: 100, replications: 5, seeds: seedsFrom });
    // With the same five seeds everywhere, the interval's upper bound is 100/g plus a constant: the boundary is known.
    const offsets = seedsFrom(5).map(noise);
    const bound = estimate(offsets).high as number;
    const exact = 100 / (10 - bound);
    expect(answer.feasible).toBe(true);
    expect(answer.candidate.get('g')).toBeGreaterThanOrEqual(exact);
    expect(answer.candidate.get('g')).toBeLessThan(exact * 1.03);
    expect(runs()).toBeLessThanOrEqual(100);
  });

  it('gives the same answer twice, and stops within its budget', async () => {
    const one = await bisectBoundary(growth, goal, synthetic({ wait, spread }).evaluate, { budget: 30, replications: 5, seeds: seedsFrom });
    const two = await bisectBoundary(growth, goal, synthetic({ wait, spread }).evaluate, { budget: 30, replications: 5, seeds: seedsFrom });
    expect(one.map((e) => e.candidate.get('g'))).toEqual(two.map((e) => e.candidate.get('g')));
    expect(one.length * 5).toBeLessThanOrEqual(30);
  });

  it('answers with the better end when the boundary is outside the range', async () => {
    const { evaluate } = synthetic({ wait, spread });
    const [answer] = await bisectBoundary({ ...growth, low: 50 }, goal, evaluate, { budget: 50, replications: 3, seeds: seedsFrom });
    // Every growth from 50 up meets the limit: the smallest has the least spread.
    expect(answer.candidate.get('g')).toBe(50);
  });
});

describe('successiveHalving', () => {
  it('finds a known optimum of two parameters under noise, within the budget', async () => {
    const f = (c: Candidate, seed: number) => ((c.get('a') as number) - 30) ** 2 / 100 + ((c.get('b') as number) - 0.5) ** 2 * 40 + 0.3 * noise(seed);
    const { evaluate, runs } = synthetic({ f });
    const goal: Goal = { objective: { figure: 'f', direction: 'minimize' }, constraints: [] };
    const parameters: Parameter[] = [
      { path: 'a', low: 0, high: 100, scale: 'linear' },
      { path: 'b', low: 0, high: 1, scale: 'linear' },
    ];
    const all = await successiveHalving(parameters, goal, evaluate, { budget: 400, replications: 2, seeds: seedsFrom });
    const [best] = all;
    // The answer is among those run longest, not a lucky candidate of a first round.
    expect(best.seeds.length).toBe(Math.max(...all.map((e) => e.seeds.length)));
    expect(best.seeds.length).toBeGreaterThan(2);
    expect(Math.abs((best.candidate.get('a') as number) - 30)).toBeLessThan(15);
    expect(Math.abs((best.candidate.get('b') as number) - 0.5)).toBeLessThan(0.2);
    expect(runs()).toBeLessThanOrEqual(400);
  });

  it('prefers a feasible candidate to a better infeasible one, and among the infeasible the nearest miss', async () => {
    const { evaluate } = synthetic({ cost: (c) => c.get('x') as number, wait: (c, seed) => 50 / (c.get('x') as number) + 0.1 * noise(seed) });
    const goal: Goal = { objective: { figure: 'cost', direction: 'minimize' }, constraints: [{ figure: 'wait', op: '<=', limit: 5 }] };
    const all = await successiveHalving([{ path: 'x', low: 1, high: 100, scale: 'log' }], goal, evaluate, { budget: 60, replications: 3, seeds: seedsFrom });
    const [best] = all;
    expect(best.feasible).toBe(true);
    expect(best.candidate.get('x')).toBeGreaterThanOrEqual(10);
    // Every candidate evaluated cheaper than the answer missed the constraint.
    for (const e of all) if ((e.candidate.get('x') as number) < (best.candidate.get('x') as number)) expect(e.feasible).toBe(false);
  });
});

describe('valueAt', () => {
  it('never leaves the range it searches, whatever the range and scale, up to the documented maximum (2^32)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 2 ** 32, noNaN: true }),
        fc.double({ min: 1e-6, max: 2 ** 32, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('linear', 'log'),
        fc.boolean(),
        (a, b, u, scale, integer) => {
          const [low, high] = a < b ? [a, b] : [b, a];
          fc.pre(low < high && (!integer || Math.ceil(low) <= Math.floor(high)));
          const p = { path: 'matcher.windowGrowth', low, high, scale: scale as 'linear' | 'log', ...(integer ? { integer: true } : {}) };
          const v = valueAt(p, u);
          expect(v).toBeGreaterThanOrEqual(low);
          expect(v).toBeLessThanOrEqual(high);
          if (integer) expect(Number.isInteger(v)).toBe(true);
        },
      ),
    );
    expect(valueAt({ path: 'x', low: 1, high: 2 ** 32, scale: 'log' }, 1)).toBe(2 ** 32);
    expect(valueAt({ path: 'x', low: 1, high: 2 ** 32, scale: 'log' }, 0.9999999)).toBeLessThanOrEqual(2 ** 32);
  });
});

describe('boundaryOrSearch', () => {
  const cap: Parameter = { path: 'cap', low: 10, high: 100, scale: 'linear' };
  const goal: Goal = { objective: { figure: 'wait', direction: 'minimize' }, constraints: [{ figure: 'ping', op: '<=', limit: 5 }] };

  it('bisects where the ends bracket the boundary', async () => {
    const { evaluate } = synthetic({ wait: (c) => 100 - (c.get('cap') as number), ping: (c, seed) => (c.get('cap') as number) / 10 + 0.05 * noise(seed) });
    const { method, evaluated } = await boundaryOrSearch(cap, goal, evaluate, { budget: 60, replications: 5, seeds: seedsFrom });
    expect(method).toBe('bisection');
    expect(evaluated[0].feasible).toBe(true);
    expect(evaluated[0].candidate.get('cap') as number).toBeGreaterThan(45);
  });

  it('searches the whole range where neither end is feasible (a figure not monotone in the parameter), and finds the feasible middle', async () => {
    // Feasible only for caps of about 33 to 77: what a latency p95 against a first cap looks like.
    const { evaluate, runs } = synthetic({ wait: (c) => 100 - (c.get('cap') as number), ping: (c, seed) => ((c.get('cap') as number) - 55) ** 2 / 100 + 0.05 * noise(seed) });
    const { method, evaluated } = await boundaryOrSearch(cap, goal, evaluate, { budget: 120, replications: 5, seeds: seedsFrom });
    expect(method).toBe('successive halving');
    const [answer] = evaluated;
    expect(answer.feasible).toBe(true);
    expect(answer.candidate.get('cap') as number).toBeGreaterThan(60);
    expect(answer.candidate.get('cap') as number).toBeLessThan(78);
    expect(runs()).toBeLessThanOrEqual(120);
  });
});
