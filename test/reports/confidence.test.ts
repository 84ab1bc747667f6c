import { describe, expect, it } from 'vitest';
import { estimate, pairedT, welch } from '../../src/reports/confidence.js';

describe('estimate', () => {
  it('is the mean with a Student-t 95% interval', () => {
    // mean 3, sd 1.5811, t(0.975, 4) = 2.7764: half-width 1.9632
    const e = estimate([1, 2, 3, 4, 5]);
    expect(e.mean).toBe(3);
    expect(e.low).toBeCloseTo(3 - 1.9632, 3);
    expect(e.high).toBeCloseTo(3 + 1.9632, 3);
    expect(e.n).toBe(5);
  });
  it('has no interval for a single value', () => {
    expect(estimate([7])).toEqual({ mean: 7, low: null, high: null, n: 1 });
  });
});

describe('welch', () => {
  it("matches scipy's ttest_ind(equal_var=False)", () => {
    // t = 2, df = 8, p = 0.0805
    const r = welch([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])!;
    expect(r.t).toBeCloseTo(2, 6);
    expect(r.df).toBeCloseTo(8, 6);
    expect(r.p).toBeCloseTo(0.0805, 3);
  });
  it('handles constant samples and too few values', () => {
    expect(welch([1, 1], [1, 1])!.p).toBe(1);
    expect(welch([1, 1], [2, 2])!.p).toBe(0);
    expect(welch([1], [2, 3])).toBeNull();
  });
});

describe('pairedT', () => {
  it("matches scipy's ttest_rel", () => {
    // differences 1, 2, 2, 3: mean 2, sd 0.8165, t = 4.899, df 3, p = 0.0163
    const r = pairedT([10, 11, 12, 13], [11, 13, 14, 16])!;
    expect(r.t).toBeCloseTo(4.899, 3);
    expect(r.df).toBe(3);
    expect(r.p).toBeCloseTo(0.0163, 3);
  });
  it('needs equal lengths of at least two', () => {
    expect(pairedT([1, 2], [1])).toBeNull();
    expect(pairedT([1], [1])).toBeNull();
  });
});

describe('intervals of shares', () => {
  it('stay inside [0, 1]: a matched share near 100% is never given an upper bound above it', () => {
    const values = [0.9991, 1, 0.9975, 1, 0.9998];
    const open = estimate(values);
    expect(open.high as number).toBeGreaterThan(1);
    const clipped = estimate(values, undefined, [0, 1]);
    expect(clipped.high).toBe(1);
    expect(clipped.low).toBe(open.low);
    expect(clipped.mean).toBe(open.mean);
    expect(estimate([0, 0.001, 0, 0.002], undefined, [0, 1]).low).toBe(0);
  });
});
