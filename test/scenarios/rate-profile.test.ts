import { describe, expect, it } from 'vitest';
import { rateFunction } from '../../src/scenarios/rate-profile.js';

describe('rateFunction', () => {
  it('interpolates a profile linearly, flat outside its points', () => {
    const r = rateFunction({ type: 'profile', points: [[100, 2], [200, 12], [300, 0]] });
    expect([0, 100, 150, 200, 250, 300, 1000].map(r.at)).toEqual([2, 2, 7, 12, 6, 0, 0]);
    expect(r.max).toBe(12);
  });

  it('repeats with a period', () => {
    const r = rateFunction({ type: 'profile', points: [[0, 1], [43200, 9], [86400, 1]], period: 86400 });
    expect(r.at(86400 + 21600)).toBe(r.at(21600));
    expect(r.at(2 * 86400 + 43200)).toBe(9);
  });

  it('adds bursts over [start, end), and counts them in the bound', () => {
    const r = rateFunction({ type: 'poisson', rate: 2, bursts: [{ start: 10, end: 20, rate: 5 }, { start: 15, end: 30, rate: 1 }] });
    expect([9.99, 10, 15, 19.99, 20, 29.99, 30].map(r.at)).toEqual([2, 7, 8, 8, 3, 3, 2]);
    expect(r.max).toBe(8);
  });
});
