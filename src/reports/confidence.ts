import jstat from 'jstat';
import { mean, sampleStandardDeviation, sampleVariance } from 'simple-statistics';
import { CONFIDENCE } from './confidence-level.js';
export { CONFIDENCE };

// jStat is CommonJS: its object comes as the default export.
const { jStat } = jstat;

/** A figure over replications: its mean and a two-sided confidence interval for that mean. */
export interface Estimate {
  readonly mean: number;
  /** Interval bounds; null with fewer than two values. */
  readonly low: number | null;
  readonly high: number | null;
  readonly n: number;
}

/**
 * Mean and Student-t confidence interval of independent replications. A
 * figure that cannot leave a range (a share: [0, 1]) gets its interval
 * clipped to it: a matched share is never "up to 100.03%".
 */
export function estimate(values: readonly number[], level = CONFIDENCE, range?: readonly [number, number]): Estimate {
  const n = values.length;
  if (n === 0) throw new RangeError('estimate needs at least one value');
  const m = mean(values as number[]);
  if (n < 2) return { mean: m, low: null, high: null, n };
  const half = jStat.studentt.inv(1 - (1 - level) / 2, n - 1) * (sampleStandardDeviation(values as number[]) / Math.sqrt(n));
  const [lo, hi] = range ?? [-Infinity, Infinity];
  return { mean: m, low: Math.max(lo, m - half), high: Math.min(hi, m + half), n };
}

export interface TestResult {
  readonly t: number;
  readonly df: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/** The two-sided p-value of t with df degrees of freedom; a zero standard error gives 1 or 0. */
function twoSided(diff: number, standardError: number, df: number): TestResult {
  if (standardError === 0) return { t: diff === 0 ? 0 : Infinity * Math.sign(diff), df, p: diff === 0 ? 1 : 0 };
  const t = diff / standardError;
  return { t, df, p: 2 * (1 - jStat.studentt.cdf(Math.abs(t), df)) };
}

/** The one-sided p-value P(T >= t) of diff / standardError, for H1: the true difference is above 0. */
function upper(diff: number, standardError: number, df: number): TestResult {
  if (standardError === 0) return { t: diff === 0 ? 0 : Infinity * Math.sign(diff), df, p: diff > 0 ? 0 : 1 };
  const t = diff / standardError;
  return { t, df, p: 1 - jStat.studentt.cdf(t, df) };
}

/** Welch's difference of means (b - a), its standard error and degrees of freedom; null with fewer than two values on a side. */
function welchParts(a: readonly number[], b: readonly number[]): { diff: number; se: number; df: number } | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = sampleVariance(a as number[]) / a.length;
  const vb = sampleVariance(b as number[]) / b.length;
  const df = va + vb === 0 ? a.length + b.length - 2 : (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { diff: mean(b as number[]) - mean(a as number[]), se: Math.sqrt(va + vb), df };
}

/** The paired differences b - a, their mean, standard error and degrees of freedom; null unless both have the same length of at least two. */
function pairedParts(a: readonly number[], b: readonly number[]): { diff: number; se: number; df: number } | null {
  if (a.length !== b.length || a.length < 2) return null;
  const d = b.map((x, i) => x - a[i]);
  return { diff: mean(d), se: sampleStandardDeviation(d) / Math.sqrt(d.length), df: d.length - 1 };
}

/**
 * Welch's unequal-variance t-test of two independent samples' means (b - a).
 * Null with fewer than two values on a side.
 */
export function welch(a: readonly number[], b: readonly number[]): TestResult | null {
  const w = welchParts(a, b);
  return w && twoSided(w.diff, w.se, w.df);
}

/**
 * Paired t-test of b - a, for samples taken with the same random numbers
 * (replication i of each side used the same seed). Null unless both have the
 * same length of at least two.
 */
export function pairedT(a: readonly number[], b: readonly number[]): TestResult | null {
  const d = pairedParts(a, b);
  return d && twoSided(d.diff, d.se, d.df);
}

/**
 * One-sided test that the mean of b exceeds the mean of a by more than
 * `margin` (H0: b - a <= margin): paired when `paired` (same seeds, same
 * lengths), Welch otherwise. p is P(T >= t). Null when the samples are too small.
 */
export function exceedsBy(a: readonly number[], b: readonly number[], margin: number, paired: boolean): TestResult | null {
  const parts = paired ? pairedParts(a, b) : welchParts(a, b);
  return parts && upper(parts.diff - margin, parts.se, parts.df);
}
