import { describe, expect, it } from 'vitest';
import { matcherLabel } from '../../src/reports/matcher-label.js';

describe('matcherLabel', () => {
  it('names a module by its file, and an algorithm by its name and its window policy, not always G', () => {
    const base = { algorithm: 'seed', window: { type: 'linear' as const, growth: 50 }, roomSize: 3 };
    expect(matcherLabel(base)).toBe('seed, G=50, rooms of 3');
    expect(matcherLabel({ ...base, module: './mine.mjs' })).toBe('module ./mine.mjs, rooms of 3');
    expect(matcherLabel({ ...base, window: { type: 'capped', growth: 20, cap: 300 } })).toBe('seed, G=20 up to 300, rooms of 3');
    expect(matcherLabel({ ...base, window: { type: 'steps', steps: [{ after: 10, window: 100 }, { after: 30, window: 300 }] } })).toBe('seed, steps 100@10s 300@30s, rooms of 3');
    expect(matcherLabel({ ...base, algorithm: 'anchor', window: { type: 'exponential', initial: 20, factor: 1.5 } })).toBe('anchor, x1.5 from 20, rooms of 3');
    expect(matcherLabel({ ...base, algorithm: 'anchor', service: { type: 'retry' } })).toBe('anchor, G=50, rooms of 3, retry service');
    // A rule set relaxes by its own expansions: no window to name.
    expect(matcherLabel({ ...base, algorithm: 'flexmatch', roomSize: 10 })).toBe('flexmatch rule set, rooms of 10');
  });
});
