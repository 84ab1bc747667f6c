import { describe, expect, it } from 'vitest';
import { expectationsSchema } from '../../src/scenarios/expectations.js';
import { parseTolerance } from '../../src/check/tolerance.js';
import { checkBaseline, checkExpectations } from '../../src/check/verdicts.js';
import type { ResultPoints } from '../../src/reports/result-points.js';

/** A result of one point whose figures have these values per replication (seeds 1..n). */
const result = (values: Record<string, number[]>, label = 'run', dir = 'now'): ResultPoints => {
  const n = Math.max(...Object.values(values).map((v) => v.length));
  return { dir, points: [{ label, seeds: Array.from({ length: n }, (_, i) => i + 1), values }] };
};
const expectations = (doc: unknown) => expectationsSchema.parse(doc);

describe('checkExpectations', () => {
  it('checks bounds on the mean over replications, and shares of players', () => {
    const r = result({ 'wait.p95': [10, 12, 14], 'players.matched': [95, 97, 99], 'players.total': [100, 100, 100] });
    const rows = checkExpectations(r, expectations({ 'wait.p95': { max: 12.5 }, 'players.matched': { minShare: 0.98 } }));
    expect(rows.map((x) => [x.metric, x.actual, x.verdict])).toEqual([
      ['wait.p95', 12, 'pass'],
      ['players.matched', 0.97, 'fail'],
    ]);
    expect(rows[0].detail).toMatch(/mean of 3 runs, 95% interval \[/);
    expect(rows[1].expected).toBe('>= 98% of players');
  });

  it('fails a figure no run has a value for', () => {
    const rows = checkExpectations(result({ 'wait.p95': [] }), expectations({ 'wait.p95': { max: 5 } }));
    expect(rows[0]).toMatchObject({ verdict: 'fail', actual: null, detail: 'no run has a value for it' });
  });

  it('rejects unknown figures, share bounds on non-counts, and empty bounds', () => {
    const issues = (doc: unknown) => expectationsSchema.safeParse(doc).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(issues({ 'wait.p96': { max: 1 } })[0]).toMatch(/^wait\.p96: not a figure; expected one of wait\.mean/);
    expect(issues({ 'wait.p95': { minShare: 0.5 } })[0]).toMatch(/minShare and maxShare are for counts of players/);
    expect(issues({ 'wait.p95': {} })[0]).toMatch(/give min, max, minShare or maxShare/);
    expect(issues({ 'wait.p95': { min: 5, max: 1 } })[0]).toMatch(/wait\.p95\.max: must be >= min \(5\)/);
  });
});

describe('checkBaseline', () => {
  const tol = (text: string) => new Map([parseTolerance(text)]);

  it('single runs: fails when the figure moved the wrong way by more than the tolerance', () => {
    const base = result({ 'wait.p95': [10], 'throughput.roomsPerMinute': [40] }, 'run', 'base');
    const now = (p95: number, rpm = 40) => result({ 'wait.p95': [p95], 'throughput.roomsPerMinute': [rpm] });
    expect(checkBaseline(now(10.9), base, tol('wait.p95=10%'), 0.95)[0].verdict).toBe('pass');
    expect(checkBaseline(now(11.1), base, tol('wait.p95=10%'), 0.95)[0]).toMatchObject({ verdict: 'fail', expected: '<= 11 (baseline 10 + 10%)', actual: 11.1, baseline: 10 });
    // Better is never a failure; for rooms per minute, better is up.
    expect(checkBaseline(now(5), base, tol('wait.p95=0%'), 0.95)[0].verdict).toBe('pass');
    expect(checkBaseline(now(10, 38), base, tol('throughput.roomsPerMinute=1'), 0.95)[0]).toMatchObject({ verdict: 'fail', expected: '>= 39 (baseline 40 - 1)' });
  });

  it('fails a figure that has gone, and skips, saying so, one the baseline never recorded (added to matchsim since)', () => {
    const base = result({ 'wait.p95': [10], 'players.matchedPresentShare': [] }, 'run', 'base');
    const gone = checkBaseline(result({ 'wait.p95': [] }), base, tol('wait.p95=10%'), 0.95)[0];
    expect(gone).toMatchObject({ verdict: 'fail', detail: 'no value now' });
    const added = checkBaseline(result({ 'wait.p95': [10], 'players.matchedPresentShare': [0.99] }), base, tol('players.matchedPresentShare=0%'), 0.95)[0];
    expect(added).toMatchObject({ verdict: 'skip', actual: 0.99, baseline: null });
    expect(added.detail).toMatch(/no value in the baseline .*--update-baseline records it/);
  });

  it('with replications: fails only when the regression beyond tolerance is significant', () => {
    const base = result({ 'wait.p95': [10, 11, 12, 10.5, 11.5] }, 'run', 'base');
    // Worse by ~2.0 on every seed: significant (paired t on the same seeds).
    const worse = checkBaseline(result({ 'wait.p95': [12, 13, 14, 12.5, 13.5] }), base, tol('wait.p95=5%'), 0.95)[0];
    expect(worse).toMatchObject({ verdict: 'fail', test: 'paired t' });
    expect(worse.p).toBeLessThan(0.05);
    expect(worse.detail).toMatch(/significantly worse: paired t, one-sided p = .* at the 95% level \(n = 5 vs 5\)/);
    // Worse on average, but noisy: not significant, so it passes and says why.
    const noisy = checkBaseline(result({ 'wait.p95': [9, 14, 10, 13, 12] }), base, tol('wait.p95=5%'), 0.95)[0];
    expect(noisy).toMatchObject({ verdict: 'pass' });
    expect(noisy.detail).toMatch(/worse, but not significantly/);
    // Other seeds: Welch's test.
    const other: ResultPoints = { dir: 'now', points: [{ label: 'run', seeds: [6, 7, 8, 9, 10], values: { 'wait.p95': [12, 13, 14, 12.5, 13.5] } }] };
    expect(checkBaseline(other, base, tol('wait.p95=5%'), 0.95)[0]).toMatchObject({ verdict: 'fail', test: 'welch' });
  });

  it('matches sweep points by label and skips points the baseline lacks', () => {
    const base: ResultPoints = { dir: 'base', points: [{ label: 'G=10', seeds: [1], values: { 'wait.p95': [20] } }] };
    const now: ResultPoints = {
      dir: 'now',
      points: [
        { label: 'G=10', seeds: [1], values: { 'wait.p95': [21] } },
        { label: 'G=20', seeds: [1], values: { 'wait.p95': [15] } },
      ],
    };
    const rows = checkBaseline(now, base, tol('wait.p95=1'), 0.95);
    expect(rows.map((r) => [r.point, r.verdict])).toEqual([
      ['G=10', 'pass'],
      ['G=20', 'skip'],
    ]);
  });
});

describe('parseTolerance', () => {
  it('reads relative and absolute tolerances, and refuses anything else', () => {
    expect(parseTolerance('wait.p95=10%')).toEqual(['wait.p95', { relative: 0.1 }]);
    expect(parseTolerance('spread.mean=2.5')).toEqual(['spread.mean', { absolute: 2.5 }]);
    expect(() => parseTolerance('wait.p95')).toThrow(/expected FIGURE=N%/);
    expect(() => parseTolerance('wait.p96=1%')).toThrow(/wait\.p96 is not a figure/);
  });
});

describe('the sample expectations in docs/', () => {
  it('are valid expectations', async () => {
    const { readExpectations } = await import('../../src/check/run-check.js');
    expect(Object.keys(readExpectations('docs/growth-sweep.expect.json'))).toEqual(['wait.p95', 'players.matched']);
  });
});
