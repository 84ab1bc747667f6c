import { describe, expect, it } from 'vitest';
import { cappedWindow, exponentialWindow, linearWindow, steppedWindow, windowPolicy } from '../../../src/engine/pool/window.js';

describe('window policies', () => {
  it('linear: the seed, growth per second', () => {
    expect([0, 1, 2.5].map(linearWindow(50))).toEqual([0, 50, 125]);
  });
  it('capped: linear up to the cap', () => {
    expect([0, 1, 3, 100].map(cappedWindow(50, 120))).toEqual([0, 50, 120, 120]);
  });
  it('steps: FlexMatch-style expansions', () => {
    const w = steppedWindow([
      { after: 0, window: 10 },
      { after: 5, window: 100 },
      { after: 20, window: 400 },
    ]);
    expect([0, 4.9, 5, 19, 20, 1e6].map(w)).toEqual([10, 10, 100, 100, 400, 400]);
    expect(steppedWindow([{ after: 3, window: 50 }])(2)).toBe(0);
  });
  it('exponential: 0 for a newcomer, then initial times factor per second, capped', () => {
    expect([0, 1, 2, 3, 10].map(exponentialWindow(20, 2, 100))).toEqual([0, 20, 40, 80, 100]);
  });
  it('builds from a scenario spec', () => {
    expect(windowPolicy({ type: 'capped', growth: 10, cap: 25 })(10)).toBe(25);
  });
});
