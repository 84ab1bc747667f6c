import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expansion, matchAge } from '../../../src/engine/pool/expansion.js';
import { cappedWindow, exponentialWindow, linearWindow, steppedWindow } from '../../../src/engine/pool/window.js';

describe('expansions', () => {
  it('relax a setting with age in each shape', () => {
    expect([0, 1, 2.5].map(expansion({ type: 'linear', growth: 40, start: 100 }))).toEqual([100, 140, 200]);
    expect([0, 10, 100].map(expansion({ type: 'capped', growth: 10, cap: 50 }))).toEqual([0, 50, 50]);
    // FlexMatch's latency expansions: 50 ms at first, 100 after 10 s, 150 after 20 s.
    expect([0, 9.99, 10, 25].map(expansion({ type: 'steps', initial: 50, steps: [{ after: 10, value: 100 }, { after: 20, value: 150 }] }))).toEqual([50, 50, 100, 150]);
    expect([0, 1, 3].map(expansion({ type: 'exponential', initial: 20, factor: 2, cap: 60 }))).toEqual([0, 20, 60]);
  });

  it('give the score windows exactly, bit for bit (the windows are expansions of the score gap)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e4, noNaN: true }), (age, growth) => {
        expect(Object.is(linearWindow(growth)(age), age * growth)).toBe(true);
        expect(Object.is(cappedWindow(growth, 300)(age), Math.min(300, age * growth))).toBe(true);
        expect(Object.is(exponentialWindow(growth, 1.5, 400)(age), age <= 0 ? 0 : Math.min(400, growth * 1.5 ** (age - 1)))).toBe(true);
      }),
    );
    expect([0, 5, 30].map(steppedWindow([{ after: 5, window: 100 }, { after: 30, window: 300 }]))).toEqual([0, 100, 300]);
  });

  it("tell a match's age by its oldest or newest member", () => {
    expect(matchAge([3, 10, 1], 'oldest')).toBe(10);
    expect(matchAge([3, 10, 1], 'newest')).toBe(1);
    expect(matchAge([], 'oldest')).toBe(0);
  });
});
