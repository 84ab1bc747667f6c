import { max, mean, quantileSorted } from 'simple-statistics';
import { correlation, type PopulationStats } from '../engine/population/population.js';
import { STATES } from '../engine/population/states.js';
import { asNumbers, round6 } from './numbers.js';
import { distribution, type Distribution } from './distribution.js';

/** A bin of the calibration plot: pairs of sides whose favourite (by the ratings) had a predicted chance in [from, to). */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly pairs: number;
  /** The mean predicted chance of the favourite, and how often it won. */
  readonly predicted: number | null;
  readonly actual: number | null;
}

/** Of the players in one band of true skill (quartiles), how many were still playing at the end. */
export interface RetentionBand {
  readonly band: string;
  readonly minSkill: number;
  readonly maxSkill: number;
  readonly players: number;
  readonly stayed: number;
  readonly share: number | null;
}

/** summary.population: what a closed population's run says. */
export interface PopulationSummary {
  readonly players: number;
  readonly sessions: number;
  /** Played matches (rooms with a gone member are void and not played). */
  readonly matches: number;
  readonly voidRooms: number;
  readonly matchesPerSession: Distribution;
  /** Rating against true skill at the end of the run, after its last match (not at the last sample): Pearson's correlation, root mean square error; and how many samples ratings.csv holds. */
  readonly convergence: { readonly correlation: number | null; readonly rmse: number | null; readonly samples: number };
  readonly calibration: { readonly bins: readonly CalibrationBin[]; readonly error: number | null };
  /** Share of played matches whose winner out-performed the last side by at least outcome.blowout. */
  readonly blowoutRate: number | null;
  /** The true-skill favourite's chance of winning, per match. */
  readonly favouriteWin: Distribution;
  /** Waits of visits by players with fewer than newPlayerMatches matches (new) and the rest (established). */
  readonly waits: { readonly new: Distribution; readonly established: Distribution };
  /** Players in each state over the ticks: mean and peak. */
  readonly concurrency: Readonly<Record<'online' | (typeof STATES)[number], { readonly mean: number | null; readonly max: number | null }>>;
  /** Players still playing at the end (not quit) as a share of all, and by quartile of true skill. */
  readonly retention: number | null;
  readonly retentionBySkill: readonly RetentionBand[];
  /** The largest change of the sum of ratings one match made (Elo: 0 up to rounding). */
  readonly largestSumChange: number;
}

const sortedOf = (values: ArrayLike<number>): Float64Array => Float64Array.from(values).sort();

/** Calibration in bins of 0.05 of the favourite's predicted chance, from 0.5 to 1; error: the pair-weighted mean |predicted - actual|. */
export function calibrationBins(predicted: Float64Array, won: Uint8Array): { bins: CalibrationBin[]; error: number | null } {
  const width = 0.05;
  const count = 10;
  const sums = Array.from({ length: count }, () => ({ pairs: 0, predicted: 0, won: 0 }));
  for (let i = 0; i < predicted.length; i++) {
    // From the favourite's side: the side the ratings gave the better chance.
    const favourite = predicted[i] >= 0.5;
    const p = favourite ? predicted[i] : 1 - predicted[i];
    const w = favourite ? won[i] : 1 - won[i];
    const bin = Math.min(count - 1, Math.floor((p - 0.5) / width));
    sums[bin].pairs++;
    sums[bin].predicted += p;
    sums[bin].won += w;
  }
  let error = 0;
  const bins = sums.map((s, b) => {
    if (s.pairs > 0) error += Math.abs(s.predicted - s.won);
    return {
      from: round6(0.5 + b * width),
      to: round6(0.5 + (b + 1) * width),
      pairs: s.pairs,
      predicted: s.pairs === 0 ? null : round6(s.predicted / s.pairs),
      actual: s.pairs === 0 ? null : round6(s.won / s.pairs),
    };
  });
  return { bins, error: predicted.length === 0 ? null : round6(error / predicted.length) };
}

/** The quartile (0 to 3) of true skill a skill falls in, among the population's. */
export function skillQuartile(skill: Float64Array): (s: number) => number {
  const xs = asNumbers(sortedOf(skill));
  const cuts = [quantileSorted(xs, 0.25), quantileSorted(xs, 0.5), quantileSorted(xs, 0.75)];
  return (s) => (s < cuts[0] ? 0 : s < cuts[1] ? 1 : s < cuts[2] ? 2 : 3);
}

/** Quartiles of true skill, each with the players who had not quit by `time`. */
export function retentionBySkill(skill: Float64Array, quitAt: Float64Array, time: number): RetentionBand[] {
  const bandOf = skillQuartile(skill);
  const bands = [0, 1, 2, 3].map((b) => ({ players: 0, stayed: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, b }));
  for (let p = 0; p < skill.length; p++) {
    const band = bands[bandOf(skill[p])];
    band.players++;
    if (!(quitAt[p] <= time)) band.stayed++;
    band.min = Math.min(band.min, skill[p]);
    band.max = Math.max(band.max, skill[p]);
  }
  return bands
    .filter((b) => b.players > 0)
    .map((b) => ({ band: `Q${b.b + 1}`, minSkill: round6(b.min), maxSkill: round6(b.max), players: b.players, stayed: b.stayed, share: round6(b.stayed / b.players) }));
}

/**
 * The values of ascending `all` that are not in ascending `part`, a sub-multiset
 * of it, in order: the rest of a sorted sample without sorting it again.
 */
export function sortedWithout(all: Float64Array, part: Float64Array): Float64Array {
  const rest = new Float64Array(all.length - part.length);
  let j = 0;
  let k = 0;
  for (let i = 0; i < all.length; i++) {
    if (j < part.length && all[i] === part[j]) j++;
    else rest[k++] = all[i];
  }
  if (j !== part.length || k !== rest.length) throw new Error(`sortedWithout: ${part.length - j} of the part's values are not in the whole`);
  return rest;
}

/**
 * summary.population from a run's population, its per-visit waits (NaN: not
 * matched) and those waits' non-NaN values sorted (the run's summary sorts
 * them anyway: the established players' waits are they less the new players').
 */
export function populationSummary(stats: PopulationStats, visitWaits: Float64Array, sortedWaits: Float64Array, newPlayerMatches: number, end: number): PopulationSummary {
  let fresh = 0;
  for (let v = 0; v < visitWaits.length; v++) if (!Number.isNaN(visitWaits[v]) && stats.visitMatchesBefore[v] < newPlayerMatches) fresh++;
  const freshWaits = new Float64Array(fresh);
  fresh = 0;
  for (let v = 0; v < visitWaits.length; v++) if (!Number.isNaN(visitWaits[v]) && stats.visitMatchesBefore[v] < newPlayerMatches) freshWaits[fresh++] = visitWaits[v];
  freshWaits.sort();
  const c = stats.convergence;
  const played = stats.played;
  let blowouts = 0;
  for (let i = 0; i < played.count; i++) blowouts += played.blowout[i];
  const concurrency = Object.fromEntries(
    [...STATES.map((state, s) => [state, stats.concurrency.byState[s]] as const), ['online', onlineOf(stats)] as const].map(([state, values]) => [
      state,
      values.length === 0 ? { mean: null, max: null } : { mean: round6(mean(asNumbers(values))), max: max(asNumbers(values)) },
    ]),
  ) as PopulationSummary['concurrency'];
  let stayed = 0;
  for (let p = 0; p < stats.players; p++) if (Number.isNaN(stats.quitAt[p])) stayed++;
  return {
    players: stats.players,
    sessions: stats.sessions.reduce((a, b) => a + b, 0),
    matches: played.count,
    voidRooms: stats.voidRooms,
    matchesPerSession: distribution(sortedOf(stats.matchesPerSession)),
    convergence: finalConvergence(stats.rating, stats.skill, c.time.length),
    calibration: calibrationBins(stats.calibration.predicted, stats.calibration.won),
    blowoutRate: played.count === 0 ? null : round6(blowouts / played.count),
    favouriteWin: distribution(sortedOf(played.favouriteWin)),
    waits: { new: distribution(freshWaits), established: distribution(sortedWithout(sortedWaits, freshWaits)) },
    concurrency,
    retention: round6(stayed / stats.players),
    retentionBySkill: retentionBySkill(stats.skill, stats.quitAt, end),
    largestSumChange: stats.largestSumChange,
  };
}

/** Players online (queued, in the pool or in a match) at each tick. */
export function onlineOf(stats: PopulationStats): Float64Array {
  const [, queued, pool, match] = stats.concurrency.byState;
  return queued.map((q, t) => q + pool[t] + match[t]);
}

/** Ratings against true skill as the run ends: every match played, the drain's included (samples stop at the duration). */
function finalConvergence(rating: Float64Array, skill: Float64Array, samples: number): PopulationSummary['convergence'] {
  if (rating.length === 0) return { correlation: null, rmse: null, samples };
  let squares = 0;
  for (let p = 0; p < rating.length; p++) squares += (rating[p] - skill[p]) ** 2;
  const r = rating.length > 1 ? correlation(rating, skill) : Number.NaN;
  return { correlation: Number.isNaN(r) ? null : round6(r), rmse: round6(Math.sqrt(squares / rating.length)), samples };
}
