import { quantileSorted } from 'simple-statistics';
import { asNumbers, round6 } from './numbers.js';

/** A point of a CDF: a value, and the share of samples at or below it. */
export interface CdfPoint {
  readonly value: number;
  readonly share: number;
}

/** A CDF as points at `steps` evenly spaced shares: enough for a picture, whatever the sample size. */
export function cdfPoints(sorted: Float64Array, steps = 200): CdfPoint[] {
  if (sorted.length === 0) return [];
  const xs = asNumbers(sorted);
  const points: CdfPoint[] = [];
  for (let k = 0; k <= steps; k++) points.push({ value: round6(quantileSorted(xs, k / steps)), share: k / steps });
  return points;
}

/**
 * The points whose `key` (the value) is at or below `limit` (a long tail would squash the curve into
 * the left edge), and, where they stop short of it, one more at the limit
 * with the last share: a curve cut at the edge reaches it. Its points are
 * cut rather than the mark clipped: vega numbers clip paths per thread.
 */
export function cdfUpTo<K extends string, P extends Readonly<Record<K, number>> & { readonly share: number }>(points: readonly P[], limit: number, key: K): Array<P | (Record<K, number> & { share: number })> {
  const within = points.filter((p) => p[key] <= limit);
  const last = within.at(-1);
  return last && last[key] < limit ? [...within, { [key]: limit, share: last.share } as Record<K, number> & { share: number }] : within;
}
