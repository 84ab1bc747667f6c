import { describe, expect, it } from 'vitest';
import { MAX_DIFFERENCES, scenarioDiff } from '../../src/scenarios/scenario-diff.js';

describe('scenarioDiff', () => {
  it('lists each field that differs, by path, with its value in each scenario; objects field by field, arrays whole', () => {
    const a = { name: 's', seed: 1, matcher: { algorithm: 'seed', window: { type: 'linear', growth: 50 } }, sweep: { x: [1, 2] }, description: 'a' };
    const b = { name: 's', seed: 1, matcher: { algorithm: 'seed', window: { type: 'linear', growth: 100 }, teams: { count: 2 } }, sweep: { x: [1, 3] }, description: 'b' };
    expect(scenarioDiff([a, b]).fields).toEqual([
      { path: 'matcher.window.growth', values: ['50', '100'] },
      { path: 'matcher.teams', values: [null, '{"count":2}'] },
      { path: 'sweep.x', values: ['[1,2]', '[1,3]'] },
    ]);
    expect(scenarioDiff([a, a, a]).fields).toEqual([]);
  });

  it('walks own fields only, and lists at most MAX_DIFFERENCES, counting the rest', () => {
    const hostile = JSON.parse('{"__proto__": {"x": 1}, "a": 1}');
    expect(scenarioDiff([hostile, { a: 2 }]).fields).toEqual([{ path: 'a', values: ['1', '2'] }]);
    const many = (v: number) => Object.fromEntries(Array.from({ length: MAX_DIFFERENCES + 5 }, (_, i) => [`f${i}`, v]));
    const d = scenarioDiff([many(1), many(2)]);
    expect(d.fields).toHaveLength(MAX_DIFFERENCES);
    expect(d.more).toBe(5);
  });
});
