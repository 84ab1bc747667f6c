import { quantileSorted } from 'simple-statistics';
import type { PopulationStats } from '../engine/population/population.js';
import { onlineOf, skillQuartile } from './population-summary.js';
import { round6 } from './numbers.js';
import type { Bin } from './run-report-data.js';
import type { Summary } from './summary.js';

/** What a population run's charts show, aggregated: kilobytes for a week of a hundred thousand players. */
export interface PopulationReportData {
  readonly convergence: ReadonlyArray<{ readonly time: number; readonly figure: string; readonly value: number }>;
  readonly calibration: ReadonlyArray<{ readonly predicted: number; readonly actual: number; readonly pairs: number }>;
  /** Mean players in each state per bucket of time. */
  readonly concurrency: ReadonlyArray<{ readonly time: number; readonly state: string; readonly players: number }>;
  /** Wait p50 and p95 of visits by how sure the ratings were of their player: by uncertainty where the system keeps one, else by matches played before. */
  readonly waitsByUncertainty: {
    readonly by: 'uncertainty' | 'matches';
    readonly bands: ReadonlyArray<{ readonly band: string; readonly order: number; readonly figure: string; readonly wait: number; readonly visits: number }>;
  };
  /** Rooms by the true-skill favourite's chance to win (%). */
  readonly favourite: readonly Bin[];
  /** With churn: the share of each skill quartile still playing, over time. */
  readonly retention?: ReadonlyArray<{ readonly time: number; readonly band: string; readonly share: number }>;
}

/** Buckets of time at most in the concurrency chart. */
const MAX_BUCKETS = 288;
/** Bands of matches played before a visit, for a rating system without uncertainty. */
const MATCH_BANDS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1, 2],
  [3, 5],
  [6, 10],
  [11, 20],
  [21, 50],
  [51, Number.POSITIVE_INFINITY],
];

export function populationReportData(summary: Summary, stats: PopulationStats, visitWaits: Float64Array, bins: (values: ArrayLike<number>, most: number) => Bin[]): PopulationReportData {
  const c = stats.convergence;
  const convergence: Array<{ time: number; figure: string; value: number }> = [];
  for (let i = 0; i < c.time.length; i++) {
    if (!Number.isNaN(c.correlation[i])) convergence.push({ time: c.time[i], figure: 'correlation', value: round6(c.correlation[i]) });
    convergence.push({ time: c.time[i], figure: 'RMSE', value: round6(c.rmse[i]) });
  }
  const calibration = (summary.population?.calibration.bins ?? [])
    .filter((b) => b.pairs > 0 && b.predicted !== null && b.actual !== null)
    .map((b) => ({ predicted: b.predicted as number, actual: b.actual as number, pairs: b.pairs }));
  const retention = summary.scenario.population?.churn ? retentionCurve(stats) : undefined;
  return {
    convergence,
    calibration,
    concurrency: concurrency(stats),
    waitsByUncertainty: waitsByUncertainty(stats, visitWaits),
    favourite: bins(Array.from(stats.played.favouriteWin, (x) => x * 100), 30),
    ...(retention ? { retention } : {}),
  };
}

function concurrency(stats: PopulationStats): PopulationReportData['concurrency'] {
  const { time, byState } = stats.concurrency;
  const [, queued, pool, match] = byState;
  const online = onlineOf(stats);
  const per = Math.max(1, Math.ceil(time.length / MAX_BUCKETS));
  const rows: Array<{ time: number; state: string; players: number }> = [];
  for (let from = 0; from < time.length; from += per) {
    const to = Math.min(time.length, from + per);
    const meanOf = (xs: Float64Array) => {
      let total = 0;
      for (let t = from; t < to; t++) total += xs[t];
      return round6(total / (to - from));
    };
    rows.push({ time: time[from], state: 'in a match', players: meanOf(match) });
    rows.push({ time: time[from], state: 'in the pool', players: meanOf(pool) });
    rows.push({ time: time[from], state: 'queued', players: meanOf(queued) });
    rows.push({ time: time[from], state: 'online', players: meanOf(online) });
  }
  return rows;
}

function waitsByUncertainty(stats: PopulationStats, visitWaits: Float64Array): PopulationReportData['waitsByUncertainty'] {
  const byUncertainty = stats.visitUncertainty.some((u) => !Number.isNaN(u));
  const groups = new Map<number, number[]>();
  const labels: string[] = [];
  let bandOf: (visit: number) => number;
  if (byUncertainty) {
    // Eight bands of equal width over the uncertainties seen, most certain first.
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const u of stats.visitUncertainty) {
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    const width = (hi - lo) / 8 || 1;
    for (let b = 0; b < 8; b++) labels.push(`${Math.round(lo + b * width)}-${Math.round(lo + (b + 1) * width)}`);
    bandOf = (v) => Math.min(7, Math.floor((stats.visitUncertainty[v] - lo) / width));
  } else {
    for (const [a, b] of MATCH_BANDS) labels.push(b === Number.POSITIVE_INFINITY ? `${a}+` : a === b ? String(a) : `${a}-${b}`);
    bandOf = (v) => MATCH_BANDS.findIndex(([, b]) => stats.visitMatchesBefore[v] <= b);
  }
  for (let v = 0; v < visitWaits.length; v++) {
    if (Number.isNaN(visitWaits[v])) continue;
    const band = bandOf(v);
    let group = groups.get(band);
    if (group === undefined) groups.set(band, (group = []));
    group.push(visitWaits[v]);
  }
  const bands: Array<{ band: string; order: number; figure: string; wait: number; visits: number }> = [];
  for (let b = 0; b < labels.length; b++) {
    const group = groups.get(b);
    if (group === undefined) continue;
    const sorted = group.sort((x, y) => x - y);
    bands.push({ band: labels[b], order: b, figure: 'p50', wait: round6(quantileSorted(sorted, 0.5)), visits: sorted.length });
    bands.push({ band: labels[b], order: b, figure: 'p95', wait: round6(quantileSorted(sorted, 0.95)), visits: sorted.length });
  }
  return { by: byUncertainty ? 'uncertainty' : 'matches', bands };
}

function retentionCurve(stats: PopulationStats): PopulationReportData['retention'] {
  const bandOf = skillQuartile(stats.skill);
  const names = ['Q1 (weakest)', 'Q2', 'Q3', 'Q4 (strongest)'];
  const players = [0, 0, 0, 0];
  for (let p = 0; p < stats.players; p++) players[bandOf(stats.skill[p])]++;
  const rows: Array<{ time: number; band: string; share: number }> = [];
  for (const time of stats.convergence.time) {
    const stayed = [0, 0, 0, 0];
    for (let p = 0; p < stats.players; p++) if (!(stats.quitAt[p] <= time)) stayed[bandOf(stats.skill[p])]++;
    for (let b = 0; b < 4; b++) if (players[b] > 0) rows.push({ time, band: names[b], share: round6(stayed[b] / players[b]) });
  }
  return rows;
}
