import { join } from 'node:path';
import { mean, median, quantile, standardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/rng.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { scoreSampler } from '../../src/scenarios/scores.js';
import type { ScoresSpec } from '../../src/scenarios/schema.js';
import { writeFiles } from '../fixtures/helpers.js';

const N = 40000;
function draw(spec: object, seed = 1, empirical?: ReturnType<typeof resolveScenario>['empirical']): number[] {
  const sample = scoreSampler(spec as ScoresSpec, new RandomStreams(seed).stream('scores'), empirical);
  return Array.from({ length: N }, sample);
}

describe('score distributions', () => {
  it('are whole numbers', () => {
    for (const spec of [{ type: 'normal', mean: 1500, sd: 300 }, { type: 'lognormal', mu: 7, sigma: 0.3 }, { type: 'histogram', bins: [{ min: 0, max: 10, weight: 1 }] }]) {
      expect(draw(spec).every(Number.isInteger)).toBe(true);
    }
  });

  it('normal: mean and sd, clipped at 0 by default', () => {
    const xs = draw({ type: 'normal', mean: 1500, sd: 300 });
    expect(mean(xs)).toBeCloseTo(1500, -1);
    expect(standardDeviation(xs)).toBeCloseTo(300, -1);
    expect(Math.min(...draw({ type: 'normal', mean: 0, sd: 100 }))).toBe(0);
  });

  it('clip bounds apply to every distribution, and can allow negative scores', () => {
    const xs = draw({ type: 'normal', mean: 0, sd: 100, clip: { min: -50, max: 50 } });
    expect(Math.min(...xs)).toBe(-50);
    expect(Math.max(...xs)).toBe(50);
  });

  it('lognormal: the median is exp(mu)', () => {
    expect(median(draw({ type: 'lognormal', mu: 7, sigma: 0.5 }))).toBeCloseTo(Math.exp(7), -1);
  });

  it("constant: the seed's 150 for everybody", () => {
    expect(new Set(draw({ type: 'constant', value: 150 }))).toEqual(new Set([150]));
  });

  it('histogram: bins drawn in proportion to their weights, uniformly inside', () => {
    const xs = draw({ type: 'histogram', bins: [{ min: 0, max: 100, weight: 3 }, { min: 1000, max: 1100, weight: 1 }] });
    const low = xs.filter((x) => x <= 100).length / N;
    expect(low).toBeCloseTo(0.75, 1);
    expect(xs.every((x) => x <= 100 || (x >= 1000 && x <= 1100))).toBe(true);
    expect(quantile(xs.filter((x) => x <= 100), 0.5)).toBeCloseTo(50, -1);
  });

  it('mixture: each component in proportion to its weight', () => {
    const xs = draw({
      type: 'mixture',
      components: [
        { weight: 4, scores: { type: 'constant', value: 150 } },
        { weight: 1, scores: { type: 'normal', mean: 2000, sd: 100 } },
      ],
    });
    expect(xs.filter((x) => x === 150).length / N).toBeCloseTo(0.8, 1);
    expect(mean(xs.filter((x) => x !== 150))).toBeCloseTo(2000, -1);
  });

  it('empirical: resamples the values of a CSV column', () => {
    const dir = writeFiles({ 'ratings.csv': 'player,rating\na,100\nb,200\nc,200\nd,900\n' });
    const loaded = resolveScenario(join(dir, 's.json'), {
      name: 'e',
      seed: 1,
      duration: 10,
      arrivals: { type: 'poisson', rate: 1 },
      scores: { type: 'empirical', file: 'ratings.csv', column: 'rating' },
    });
    const xs = draw(loaded.scenario.scores!, 1, loaded.empirical);
    expect(new Set(xs)).toEqual(new Set([100, 200, 900]));
    expect(xs.filter((x) => x === 200).length / N).toBeCloseTo(0.5, 1);
  });

  it('empirical: a missing column or a bad value is an error naming the file and line', () => {
    const dir = writeFiles({ 'r.csv': 'rating\n100\nhigh\n' });
    const doc = (column: string) => ({ name: 'e', seed: 1, duration: 10, arrivals: { type: 'poisson', rate: 1 }, scores: { type: 'empirical', file: 'r.csv', column } });
    expect(() => resolveScenario(join(dir, 's.json'), doc('elo'))).toThrow(/r\.csv: line 1: no column "elo" \(columns: "rating"\)/);
    expect(() => resolveScenario(join(dir, 's.json'), doc('rating'))).toThrow(/r\.csv: line 3: "rating" "high" is not a number/);
  });

  it('rejects inconsistent parameters', () => {
    const doc = (scores: object) => ({ name: 'e', seed: 1, duration: 10, arrivals: { type: 'poisson', rate: 1 }, scores });
    expect(() => resolveScenario('s.json', doc({ type: 'histogram', bins: [{ min: 5, max: 5, weight: 1 }] }))).toThrow(/scores\.bins\.0\.max: must be above min/);
    expect(() => resolveScenario('s.json', doc({ type: 'normal', mean: 1, sd: 1, clip: { min: 10, max: 0 } }))).toThrow(/scores\.clip\.max: must be >= clip\.min/);
    expect(() =>
      resolveScenario('s.json', doc({ type: 'mixture', components: [{ weight: 1, scores: { type: 'uniform', min: 5, max: 4 } }] })),
    ).toThrow(/scores\.components\.0\.scores\.max: must be >= min/);
  });
});
