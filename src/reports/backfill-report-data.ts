import type { BackfillStats, PopulationStats } from '../engine/population/population.js';
import { BACKFILL_OUTCOMES, type BackfillRequestColumns } from '../engine/population/running-match.js';
import type { SessionBackfillStats } from '../engine/session-backfill-stats.js';
import type { BackfillSummary, SessionBackfillSummary, StreamBackfillSummary } from './backfill-summary.js';
import { round6 } from './numbers.js';
import { cdfPoints, type CdfPoint } from './cdf.js';

/** What the backfill charts show: how soon requests were filled; and how much of each match was played short-handed (a population), or how full sessions started and ended (sessions that start short). */
export interface BackfillReportData {
  readonly summary: Pick<BackfillSummary, 'requests' | 'timeToFill'>;
  /** Share of every request filled within `seconds` of opening (a step at each fill): it tops out at the filled share, the rest timed out, ended with their match, or stand. */
  readonly filledWithin: ReadonlyArray<{ readonly seconds: number; readonly share: number }>;
  /** The scenario's request timeout, the fill curve's right edge. */
  readonly timeout: number;
  /** What takes a standing request back besides its timeout (its match ending, its session stopping backfilling); absent: nothing (a stream's). */
  readonly takenBackWhen?: string;
  /** A population's: matches a player left, the share of them (share) played with a seat empty for at most `value`% of their length. */
  readonly shortHanded?: { readonly summary: BackfillSummary; readonly cdf: readonly CdfPoint[] };
  /** Sessions that start short: sessions by their players as formed and when they stopped backfilling. */
  readonly sessions?: { readonly summary: SessionBackfillSummary; readonly rows: ReadonlyArray<{ readonly players: number; readonly when: string; readonly sessions: number }> };
}

/** Points at most on the fill curve: every fill of a small run, evenly spaced ones of a big run's. */
const MAX_POINTS = 400;

/** The share of all requests filled within x seconds, a step at each fill (at most MAX_POINTS). */
function filledWithin(requests: BackfillRequestColumns['requests']): BackfillReportData['filledWithin'] {
  const filled = BACKFILL_OUTCOMES.indexOf('filled');
  const times: number[] = [];
  for (let r = 0; r < requests.room.length; r++) if (requests.outcome[r] === filled) times.push(requests.closedAt[r] - requests.openedAt[r]);
  times.sort((a, b) => a - b);
  const total = requests.room.length;
  const points: Array<{ seconds: number; share: number }> = total > 0 ? [{ seconds: 0, share: 0 }] : [];
  const step = Math.max(1, Math.ceil(times.length / MAX_POINTS));
  for (let i = step - 1; i < times.length; i += step) points.push({ seconds: round6(times[i]), share: round6((i + 1) / total) });
  if (times.length > 0 && times.length % step !== 0) points.push({ seconds: round6(times[times.length - 1]), share: round6(times.length / total) });
  return points;
}

/** A population's backfill charts' data. */
export function backfillReportData(population: PopulationStats, backfill: BackfillStats, summary: BackfillSummary, timeout: number): BackfillReportData {
  const shares: number[] = [];
  const { start, end, count } = population.played;
  // A match that lost a player for its last instant, or whose players all stayed, has 0: every one drawn, the tail included.
  for (let i = 0; i < count; i++) if (backfill.played.left[i] > 0 && end[i] > start[i]) shares.push((100 * backfill.played.shortSeconds[i]) / (end[i] - start[i]));
  return { summary, filledWithin: filledWithin(backfill.requests), timeout, takenBackWhen: 'their match ended', shortHanded: { summary, cdf: cdfPoints(Float64Array.from(shares).sort()) } };
}

/** The charts' data of sessions that start short: their fills, and sessions by players at forming and at the close of backfill. */
export function sessionBackfillReportData(stats: SessionBackfillStats, summary: SessionBackfillSummary, timeout: number): BackfillReportData {
  const rows: Array<{ players: number; when: string; sessions: number }> = [];
  const { startPlayers, finalPlayers } = stats.sessions;
  // Every count from the smallest session to a full one, none left out: the axis reads as numbers, even where no session had that many.
  let least = stats.seats;
  for (const n of startPlayers) least = Math.min(least, n);
  for (const [when, column] of [
    ['as formed', startPlayers],
    ['when backfill stopped', finalPlayers],
  ] as const) {
    const counts = new Array<number>(stats.seats + 1).fill(0);
    for (const n of column) counts[n]++;
    for (let players = least; players <= stats.seats; players++) rows.push({ players, when, sessions: counts[players] });
  }
  return { summary, filledWithin: filledWithin(stats.requests), timeout, takenBackWhen: 'their session stopped backfilling', sessions: { summary, rows } };
}

/** The chart data of a stream of backfill requests: its fills. */
export function streamBackfillReportData(stats: BackfillRequestColumns, summary: StreamBackfillSummary, timeout: number): BackfillReportData {
  return { summary, filledWithin: filledWithin(stats.requests), timeout };
}
