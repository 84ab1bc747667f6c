import { quantileSorted } from 'simple-statistics';
import type { RunStats } from '../engine/recorder.js';
import { round6 } from './numbers.js';
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

export interface ScoreBand {
  readonly band: number;
  readonly label: string;
  readonly players: number;
  readonly matched: number;
  readonly waitP50: number | null;
  readonly waitP95: number | null;
  readonly spreadMean: number | null;
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
  readonly waitMarks: readonly Mark[];
  readonly spreadBins: readonly Bin[];
  readonly spreadsBeyond: Beyond;
  readonly spreadMarks: readonly Mark[];
  readonly timeline: ReadonlyArray<{ readonly time: number; readonly roomsPerMinute: number; readonly pool: number }>;
  readonly scoreBands: readonly ScoreBand[];
}

// simple-statistics only indexes its input, so a typed array serves as well as number[].
const asNumbers = (xs: Float64Array): number[] => xs as unknown as number[];

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
  const waitCdf =
    waits.length > 0 ? Array.from({ length: 201 }, (_, i) => ({ wait: round6(quantileSorted(waits, i / 200)), share: i / 200 })) : [];

  return {
    waitBins: waitHistogram.bins,
    waitsBeyond: waitHistogram.beyond,
    waitCdf,
    waitMarks: marks([['p50', summary.wait.p50], ['p95', summary.wait.p95], ['p99', summary.wait.p99]]),
    spreadBins: spreadHistogram.bins,
    spreadsBeyond: spreadHistogram.beyond,
    spreadMarks: marks([['mean', summary.spread.mean], ['p95', summary.spread.p95]]),
    timeline: timelineBuckets(stats),
    scoreBands: scoreBands(stats),
  };
}

/** Rooms per minute and mean pool size in at most 400 buckets of whole ticks. */
function timelineBuckets(stats: RunStats): RunReportData['timeline'] {
  const { time, pool, rooms } = stats.byTick;
  const n = time.length;
  if (n === 0) return [];
  const per = Math.ceil(n / 400);
  const tick = n > 1 ? time[1] - time[0] : 1;
  const out: Array<{ time: number; roomsPerMinute: number; pool: number }> = [];
  for (let start = 0; start < n; start += per) {
    const end = Math.min(n, start + per);
    let r = 0;
    let p = 0;
    for (let i = start; i < end; i++) {
      r += rooms[i];
      p += pool[i];
    }
    out.push({ time: time[start], roomsPerMinute: round6((r / ((end - start) * tick)) * 60), pool: round6(p / (end - start)) });
  }
  return out;
}

/**
 * Players by decile of the score distribution: band k holds scores from the
 * (k-1)th to the kth decile. Where many players share a score, deciles
 * coincide and the empty bands are left out.
 */
function scoreBands(stats: RunStats): ScoreBand[] {
  const { score, wait, roomSpread } = stats.byPlayer;
  if (score.length === 0) return [];
  const scores = asNumbers(Float64Array.from(score).sort());
  const cuts = Array.from({ length: 9 }, (_, k) => quantileSorted(scores, (k + 1) / 10));
  const bandOf = (s: number): number => {
    let b = 0;
    while (b < 9 && s > cuts[b]) b++;
    return b;
  };
  // Two passes over typed arrays: count per band, then fill; millions of players stay cheap.
  const band = new Uint8Array(score.length);
  const players = new Array<number>(10).fill(0);
  const matched = new Array<number>(10).fill(0);
  for (let i = 0; i < score.length; i++) {
    const b = (band[i] = bandOf(score[i]));
    players[b]++;
    if (!Number.isNaN(wait[i])) matched[b]++;
  }
  const waits = matched.map((n) => new Float64Array(n));
  const spreadSums = new Array<number>(10).fill(0);
  const filled = new Array<number>(10).fill(0);
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(wait[i])) continue;
    const b = band[i];
    waits[b][filled[b]++] = wait[i];
    spreadSums[b] += roomSpread[i];
  }
  const bounds = [scores[0], ...cuts, scores[scores.length - 1]];
  const out: ScoreBand[] = [];
  for (let b = 0; b < 10; b++) {
    if (players[b] === 0) continue;
    const w = asNumbers(waits[b].sort());
    out.push({
      band: b + 1,
      label: `${Math.round(bounds[b])}-${Math.round(bounds[b + 1])}`,
      players: players[b],
      matched: matched[b],
      waitP50: matched[b] > 0 ? round6(quantileSorted(w, 0.5)) : null,
      waitP95: matched[b] > 0 ? round6(quantileSorted(w, 0.95)) : null,
      spreadMean: matched[b] > 0 ? round6(spreadSums[b] / matched[b]) : null,
    });
  }
  return out;
}
