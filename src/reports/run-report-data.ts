import { quantileSorted } from 'simple-statistics';
import type { RunStats } from '../engine/run-tally.js';
import { cdfPoints } from './cdf.js';
import { asNumbers, round6 } from './numbers.js';
import type { ScoreBand } from './breakdowns.js';
import type { SortedSamples, Summary } from './summary.js';

export interface Bin {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

export interface Mark {
  readonly name: string;
  readonly value: number;
}

export interface Beyond {
  readonly limit: number;
  readonly count: number;
}

/** What a run's charts show, aggregated so that a run of millions of players charts in kilobytes. */
export interface RunReportData {
  readonly waitBins: readonly Bin[];
  /** Waits beyond the last bin, left out of the histogram so that outliers do not flatten it. */
  readonly waitsBeyond: Beyond;
  readonly waitCdf: ReadonlyArray<{ readonly wait: number; readonly share: number }>;
  /** The longest wait, for the caption of a CDF whose axis stops at the histogram's limit. */
  readonly waitMax: number | null;
  readonly waitMarks: readonly Mark[];
  readonly spreadBins: readonly Bin[];
  readonly spreadsBeyond: Beyond;
  readonly spreadMarks: readonly Mark[];
  /** Per bucket of ticks: rooms per minute in the bucket, the same over the minute up to it (a round-to-round rate jumps), and the pool. */
  readonly timeline: ReadonlyArray<{ readonly time: number; readonly roomsPerMinute: number; readonly roomsPerMinuteAvg: number; readonly pool: number }>;
  readonly scoreBands: readonly ScoreBand[];
}


/** The smallest of 1, 2, 5 x 10^k that is at least `x`: a bin width people read easily. */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * power >= x) return m * power;
  return 10 * power;
}

/**
 * A histogram of ascending `values` from 0 to their 99.5th percentile, in at
 * most 40 bins of a nice width; what lies beyond is counted, not drawn, so
 * that a few outliers do not flatten the picture.
 */
function clippedHistogram(values: readonly number[]): { bins: Bin[]; beyond: Beyond } {
  if (values.length === 0) return { bins: [], beyond: { limit: 0, count: 0 } };
  const bins = histogram(values, Math.max(quantileSorted(values as number[], 0.995), 1e-6), 40);
  const limit = bins[bins.length - 1].end;
  let count = 0;
  for (let i = values.length - 1; i >= 0 && values[i] > limit; i--) count++;
  return { bins, beyond: { limit, count } };
}

/** Counts of `values` (ascending) in bins of a nice width from 0 up to `limit`. */
function histogram(values: readonly number[], limit: number, maxBins: number): Bin[] {
  const step = niceStep(limit / maxBins);
  const count = Math.max(1, Math.ceil(limit / step + 1e-9));
  const counts = new Array<number>(count).fill(0);
  for (const v of values) {
    if (v > count * step) break;
    counts[Math.min(count - 1, Math.floor(v / step))]++;
  }
  return counts.map((c, i) => ({ start: round6(i * step), end: round6((i + 1) * step), count: c }));
}

export function runReportData(summary: Summary, stats: RunStats, sorted: SortedSamples): RunReportData {
  const waits = asNumbers(sorted.waits);
  const spreads = asNumbers(sorted.spreads);
  const marks = (pairs: Array<[string, number | null]>): Mark[] =>
    pairs.filter((p): p is [string, number] => p[1] !== null).map(([name, value]) => ({ name, value }));

  const waitHistogram = clippedHistogram(waits);
  const spreadHistogram = clippedHistogram(spreads);
  // The CDF covers every wait, outliers included.
  const waitCdf = cdfPoints(sorted.waits).map((p) => ({ wait: p.value, share: p.share }));

  return {
    waitBins: waitHistogram.bins,
    waitsBeyond: waitHistogram.beyond,
    waitCdf,
    waitMax: summary.wait.max,
    waitMarks: marks([['p50', summary.wait.p50], ['p95', summary.wait.p95], ['p99', summary.wait.p99]]),
    spreadBins: spreadHistogram.bins,
    spreadsBeyond: spreadHistogram.beyond,
    spreadMarks: marks([['mean', summary.spread.mean], ['p95', summary.spread.p95]]),
    timeline: timelineBuckets(stats),
    scoreBands: summary.breakdowns.scoreBands,
  };
}

/** Rooms per minute and mean pool size in at most 400 buckets of whole ticks. */
function timelineBuckets(stats: RunStats): RunReportData['timeline'] {
  const { time, pool, rooms } = stats.byTick;
  const n = time.length;
  if (n === 0) return [];
  const per = Math.ceil(n / 400);
  const tick = n > 1 ? time[1] - time[0] : 1;
  // Rooms formed up to each tick, for the trailing one-minute average.
  const formed = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) formed[i + 1] = formed[i] + rooms[i];
  const window = Math.max(1, Math.round(60 / tick));
  const out: Array<{ time: number; roomsPerMinute: number; roomsPerMinuteAvg: number; pool: number }> = [];
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    let r = 0;
    let p = 0;
    for (let i = start; i < end; i++) {
      r += rooms[i];
      p += pool[i];
    }
    const from = Math.max(0, end - window);
    const avg = ((formed[end] - formed[from]) / ((end - from) * tick)) * 60;
    out.push({ time: time[start], roomsPerMinute: round6((r / ((end - start) * tick)) * 60), roomsPerMinuteAvg: round6(avg), pool: round6(p / (end - start)) });
  }
  return out;
}
