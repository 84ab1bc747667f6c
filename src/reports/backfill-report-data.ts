import type { BackfillStats, PopulationStats } from '../engine/population/population.js';
import { BACKFILL_OUTCOMES } from '../engine/population/running-match.js';
import type { BackfillSummary } from './backfill-summary.js';
import { round6 } from './numbers.js';
import { cdfPoints, type CdfPoint } from './cdf.js';

/** What the backfill charts show: how soon requests were filled, and how much of each match was played short-handed. */
export interface BackfillReportData {
  readonly summary: BackfillSummary;
  /** Share of every request filled within `seconds` of opening (a step at each fill): it tops out at the filled share, the rest timed out, ended with their match, or stand. */
  readonly filledWithin: ReadonlyArray<{ readonly seconds: number; readonly share: number }>;
  /** Matches a player left: the share of them (share) played with a seat empty for at most `percent` of their length. */
  readonly shortHanded: readonly CdfPoint[];
  /** The scenario's request timeout, the fill curve's right edge. */
  readonly timeout: number;
}

/** Points at most on the fill curve: every fill of a small run, evenly spaced ones of a big run's. */
const MAX_POINTS = 400;

export function backfillReportData(population: PopulationStats, backfill: BackfillStats, summary: BackfillSummary, timeout: number): BackfillReportData {
  const { requests } = backfill;
  const filled = BACKFILL_OUTCOMES.indexOf('filled');
  const times: number[] = [];
  for (let r = 0; r < requests.room.length; r++) if (requests.outcome[r] === filled) times.push(requests.closedAt[r] - requests.openedAt[r]);
  times.sort((a, b) => a - b);
  const total = requests.room.length;
  const filledWithin: Array<{ seconds: number; share: number }> = total > 0 ? [{ seconds: 0, share: 0 }] : [];
  const step = Math.max(1, Math.ceil(times.length / MAX_POINTS));
  for (let i = step - 1; i < times.length; i += step) filledWithin.push({ seconds: round6(times[i]), share: round6((i + 1) / total) });
  if (times.length > 0 && times.length % step !== 0) filledWithin.push({ seconds: round6(times[times.length - 1]), share: round6(times.length / total) });
  const shares: number[] = [];
  // A match that lost a player for its last instant, or whose players all stayed, has 0: every one drawn, the tail included.
  const { start, end, count } = population.played;
  for (let i = 0; i < count; i++) if (backfill.played.left[i] > 0 && end[i] > start[i]) shares.push((100 * backfill.played.shortSeconds[i]) / (end[i] - start[i]));
  return { summary, filledWithin, shortHanded: cdfPoints(Float64Array.from(shares).sort()), timeout };
}
