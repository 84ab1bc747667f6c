import { mean } from 'simple-statistics';
import { estimate, exceedsBy } from '../reports/confidence.js';
import { figureOf, SHARE } from '../reports/figures.js';
import { round6 } from '../reports/numbers.js';
import { present, type ResultPoint, type ResultPoints } from '../reports/result-points.js';
import type { Bounds, Expectations } from '../scenarios/expectations.js';
import { allowance, describeTolerance, type Tolerance } from './tolerance.js';

/** One line of a check: an expectation or a baseline comparison of one figure at one point. */
export interface CheckRow {
  readonly point: string;
  readonly metric: string;
  readonly kind: 'expectation' | 'baseline';
  /** What was required, as people read it: "<= 30", ">= 95% of players", "<= 14.53 (baseline 13.21 + 10%)". */
  readonly expected: string;
  /** The figure (its mean over replications; a share for share bounds); null where no run had a value. */
  readonly actual: number | null;
  /** actual is a share of all players (shown as a percentage). */
  readonly share?: boolean;
  /** For a baseline comparison: the baseline's mean. */
  readonly baseline?: number | null;
  readonly verdict: 'pass' | 'fail' | 'skip';
  /** How the verdict was reached: replications and interval, or the test and its p-value. */
  readonly detail: string;
  /** For a baseline comparison with replications: the test used and its one-sided p-value. */
  readonly test?: 'paired t' | 'welch';
  readonly p?: number;
}

const fmt = (x: number): string => String(round6(x));

/** Each replication's share of all players (for minShare / maxShare), where both are known. */
function shares(point: ResultPoint, key: string): number[] {
  const counts = point.values[key] ?? [];
  const totals = point.values['players.total'] ?? [];
  const out: number[] = [];
  counts.forEach((c, i) => {
    const t = totals[i];
    if (c !== null && t !== null && t !== undefined && t > 0) out.push(c / t);
  });
  return out;
}

function describeBounds(b: Bounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`>= ${b.min}`);
  if (b.max !== undefined) parts.push(`<= ${b.max}`);
  if (b.minShare !== undefined) parts.push(`>= ${fmt(b.minShare * 100)}% of players`);
  if (b.maxShare !== undefined) parts.push(`<= ${fmt(b.maxShare * 100)}% of players`);
  return parts.join(' and ');
}

/** How a mean over replications was reached, for the detail column. */
function describeSample(values: readonly number[], unit: (x: number) => string = fmt, range?: readonly [number, number]): string {
  if (values.length < 2) return 'one run';
  const e = estimate(values, undefined, range);
  return `mean of ${values.length} runs, 95% interval [${unit(e.low as number)}, ${unit(e.high as number)}]`;
}

/**
 * Checks every expectation at every point. A value bound (min, max) is
 * checked against the figure's mean over replications; a share bound against
 * the mean share of players.total. A figure no run has a value for fails:
 * what cannot be measured cannot be vouched for.
 */
export function checkExpectations(result: ResultPoints, expectations: Expectations): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const point of result.points) {
    for (const [metric, b] of Object.entries(expectations)) {
      const values = present(point.values[metric]);
      const expected = describeBounds(b);
      const valueBounds = b.min !== undefined || b.max !== undefined;
      const shareBounds = b.minShare !== undefined || b.maxShare !== undefined;
      const share = shareBounds ? shares(point, metric) : [];
      if ((valueBounds && values.length === 0) || (shareBounds && share.length === 0)) {
        rows.push({ point: point.label, metric, kind: 'expectation', expected, actual: null, verdict: 'fail', detail: 'no run has a value for it' });
        continue;
      }
      const value = valueBounds ? mean(values) : null;
      const shareMean = shareBounds ? mean(share) : null;
      const ok =
        (b.min === undefined || (value as number) >= b.min) &&
        (b.max === undefined || (value as number) <= b.max) &&
        (b.minShare === undefined || (shareMean as number) >= b.minShare) &&
        (b.maxShare === undefined || (shareMean as number) <= b.maxShare);
      const details = [
        ...(valueBounds ? [describeSample(values, fmt, figureOf(metric)?.range)] : []),
        ...(shareBounds && valueBounds ? [`${fmt((shareMean as number) * 100)}% of players`] : []),
        ...(shareBounds && share.length > 1 ? [describeSample(share, (x) => `${fmt(x * 100)}%`, SHARE)] : []),
        ...(shareBounds && share.length === 1 ? ['one run'] : []),
      ];
      rows.push({
        point: point.label,
        metric,
        kind: 'expectation',
        expected,
        actual: round6((value ?? shareMean) as number),
        ...(valueBounds ? {} : { share: true }),
        verdict: ok ? 'pass' : 'fail',
        detail: details.join('; '),
      });
    }
  }
  return rows;
}

/** The baseline's point for a result point: the same label, or the only point of each when both have one. */
function baselinePoint(baseline: ResultPoints, result: ResultPoints, point: ResultPoint): ResultPoint | undefined {
  if (baseline.points.length === 1 && result.points.length === 1) return baseline.points[0];
  return baseline.points.find((p) => p.label === point.label);
}

/**
 * Compares each toleranced figure with the baseline. A figure fails when it
 * moved the wrong way (up for a wait, down for a matched share; either way
 * for a figure with no better side) by more than its tolerance allows and,
 * with two or more replications on both sides, when that is also
 * statistically significant: a one-sided t-test of H0 "it got worse by at
 * most the tolerance" at `level`, paired when both sides ran the same seeds
 * (common random numbers), Welch's otherwise. Single runs are deterministic,
 * so there the difference itself decides.
 */
export function checkBaseline(result: ResultPoints, baseline: ResultPoints, tolerances: ReadonlyMap<string, Tolerance>, level: number): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const point of result.points) {
    const base = baselinePoint(baseline, result, point);
    for (const [metric, tolerance] of tolerances) {
      const row = { point: point.label, metric, kind: 'baseline' as const };
      if (base === undefined) {
        rows.push({ ...row, expected: `within ${describeTolerance(tolerance)} of the baseline`, actual: null, baseline: null, verdict: 'skip', detail: `point not in the baseline ${baseline.dir}` });
        continue;
      }
      const a = present(base.values[metric]);
      const b = present(point.values[metric]);
      if (a.length === 0 || b.length === 0) {
        rows.push({
          ...row,
          expected: `within ${describeTolerance(tolerance)} of the baseline`,
          actual: b.length === 0 ? null : round6(mean(b)),
          baseline: a.length === 0 ? null : round6(mean(a)),
          // A figure gone is a regression; one the baseline lacks is new (a figure added since the baseline was recorded), with nothing to compare it with.
          verdict: a.length === b.length || a.length === 0 ? 'skip' : 'fail',
          detail: a.length === b.length ? 'no value on either side' : b.length === 0 ? 'no value now' : 'no value in the baseline (a figure it did not record): --update-baseline records it',
        });
        continue;
      }
      rows.push({ ...row, ...compareToBaseline(metric, a, b, base.seeds, point.seeds, tolerance, level) });
    }
  }
  return rows;
}

function compareToBaseline(
  metric: string,
  a: number[],
  b: number[],
  seedsA: readonly number[],
  seedsB: readonly number[],
  tolerance: Tolerance,
  level: number,
): Pick<CheckRow, 'expected' | 'actual' | 'baseline' | 'verdict' | 'detail' | 'test' | 'p'> {
  const higherIsBetter = figureOf(metric)?.higherIsBetter;
  const ma = mean(a);
  const mb = mean(b);
  const allowed = allowance(tolerance, ma);
  const tol = describeTolerance(tolerance);
  // Worse is up for most figures, down for those where more is better; with no better side, the way it moved.
  const direction = higherIsBetter === true ? -1 : higherIsBetter === false ? 1 : mb >= ma ? 1 : -1;
  const worse = (mb - ma) * direction;
  const expected =
    higherIsBetter === undefined
      ? `within ${fmt(ma - allowed)}..${fmt(ma + allowed)} (baseline ${fmt(ma)} ± ${tol})`
      : direction === 1
        ? `<= ${fmt(ma + allowed)} (baseline ${fmt(ma)} + ${tol})`
        : `>= ${fmt(ma - allowed)} (baseline ${fmt(ma)} - ${tol})`;
  const common = { expected, actual: round6(mb), baseline: round6(ma) };
  if (a.length < 2 || b.length < 2) {
    return { ...common, verdict: worse > allowed ? 'fail' : 'pass', detail: `single run${a.length === b.length ? 's' : ''}: no test; worse by ${fmt(Math.max(0, worse))}` };
  }
  const paired = a.length === b.length && seedsA.length === a.length && seedsB.length === b.length && seedsA.every((s, i) => s === seedsB[i]);
  const signed = (xs: number[]) => xs.map((x) => x * direction);
  const test = exceedsBy(signed(a), signed(b), allowed, paired);
  const p = test === null ? 1 : test.p;
  const significant = p < 1 - level;
  const name = paired ? 'paired t' : 'welch';
  const verdict = worse > allowed && significant ? 'fail' : 'pass';
  const why = worse <= allowed ? 'within tolerance' : significant ? 'significantly worse' : 'worse, but not significantly';
  return {
    ...common,
    verdict,
    detail: `${why}: ${name}, one-sided p = ${fmt(p)} at the ${fmt(level * 100)}% level (n = ${a.length} vs ${b.length})`,
    test: name,
    p: round6(p),
  };
}
