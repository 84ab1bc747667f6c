import { max, mean, quantileSorted } from 'simple-statistics';
import { asNumbers, round6 } from './numbers.js';

export interface Distribution {
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/**
 * Figures of ascending samples. Percentiles use linear interpolation between
 * order statistics (numpy's default, R's type 7), via simple-statistics. A
 * figure with no samples is null.
 */
export function distribution(sorted: Float64Array): Distribution {
  if (sorted.length === 0) return { mean: null, p50: null, p90: null, p95: null, p99: null, max: null };
  const xs = asNumbers(sorted);
  return {
    mean: round6(mean(xs)),
    p50: round6(quantileSorted(xs, 0.5)),
    p90: round6(quantileSorted(xs, 0.9)),
    p95: round6(quantileSorted(xs, 0.95)),
    p99: round6(quantileSorted(xs, 0.99)),
    max: round6(max(xs)),
  };
}
