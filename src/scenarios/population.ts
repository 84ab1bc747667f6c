import { roleDrawer } from './roles.js';
import type { RolesSpec } from './schema/roles.js';
import { needOptionalPackage } from '../optional-package.js';
import { standardNormal, weightedPicker, type RandomStreams, type Uniform } from '../engine/rng.js';
import type { ChurnModel, PopulationConfig } from '../engine/population/population.js';
import type { RatingSystem } from '../engine/population/rating-system.js';
import { Elo } from '../engine/population/ratings/elo.js';
import { Glicko2 } from '../engine/population/ratings/glicko2.js';
import { OpenSkill } from '../engine/population/ratings/openskill.js';
import { patienceSampler } from './patience.js';
import { rateFunction } from './rate-profile.js';
import type { PartiesSpec } from './schema/parties.js';
import type { PatienceSpec } from './schema/patience.js';
import type { PopulationSpec } from './schema/population.js';
import { scoreSampler, type EmpiricalValues } from './scores.js';

export type { PopulationSpec };

/** Random streams of a population run; none is shared with an arrival stream's. */
export const POPULATION_STREAMS = {
  skill: 'population-skill',
  parties: 'population-parties',
  sessionStarts: 'session-starts',
  sessionLength: 'session-length',
  matchDuration: 'match-duration',
  outcomes: 'outcomes',
  churn: 'churn',
  warmStart: 'warm-start',
  backfillLeave: 'backfill-leave',
  roles: 'population-roles',
} as const;

const DAY = 86400;


export function ratingSystem(spec: PopulationSpec['rating'], players: number): RatingSystem {
  switch (spec.system) {
    case 'elo':
      return new Elo(players, spec);
    case 'glicko2':
      return new Glicko2(players, spec);
    case 'openskill':
      needOptionalPackage('openskill', 'population.rating.system openskill');
      return new OpenSkill(players, spec);
  }
}

/**
 * How often an offline party starts a session: perDay sessions a day, following
 * the daily profile's weights when given (scaled so that they average perDay),
 * with the peak rate the population's session process draws candidates at.
 */
export function sessionRate(spec: PopulationSpec['sessions']): { peak: number; rate: (t: number) => number } {
  const perSecond = spec.perDay / DAY;
  if (spec.profile === undefined) return { peak: perSecond, rate: () => perSecond };
  const weights = rateFunction({ type: 'profile', points: spec.profile, period: DAY });
  const mean = meanOverDay(weights.at);
  return { peak: (perSecond * weights.max) / mean, rate: (t) => (perSecond * weights.at(t)) / mean };
}

/** The mean of a daily curve that is linear between points: exact, by the trapezoid rule over each second's segment ends. */
function meanOverDay(at: (t: number) => number): number {
  // The curve is piecewise linear with breakpoints at whole seconds or not; 86400 one-second trapezoids are exact to rounding for breakpoints on whole seconds and close otherwise.
  let total = 0;
  for (let t = 0; t < DAY; t++) total += (at(t) + at(t + 1)) / 2;
  return total / DAY;
}

/**
 * The share of players online in the long run at time 0: a player alternates
 * offline spells of mean 1 / rate (the session rate at time 0 of the day)
 * with sessions of mean length L, so it is online L / (L + 1 / rate) of the time.
 */
export function onlineShare(rateAtStart: number, length: PatienceSpec, matchDuration: PatienceSpec): number {
  const online = onlineSeconds(length, matchDuration);
  return (rateAtStart * online) / (1 + rateAtStart * online);
}

/**
 * How long a session keeps its party online, on average: its length, and the
 * rest of the match it ends in (a session that ends mid-match lasts until the
 * match does). A party online is nearly always in a match (waits are short
 * beside matches), so that rest is a match's mean residual, E[D^2] / 2E[D].
 */
export function onlineSeconds(length: PatienceSpec, matchDuration: PatienceSpec): number {
  return meanSeconds(length) + meanResidual(matchDuration);
}

/** The mean of what is left of a duration seen at a random moment within it (the renewal residual): E[X^2] / 2E[X]. */
export function meanResidual(spec: PatienceSpec): number {
  switch (spec.type) {
    case 'exponential':
      return spec.mean;
    case 'constant':
      return spec.value / 2;
    case 'uniform':
      return spec.min + spec.max > 0 ? (spec.min * spec.min + spec.min * spec.max + spec.max * spec.max) / (3 * (spec.min + spec.max)) : 0;
    case 'lognormal':
      return Math.exp(spec.mu + 1.5 * spec.sigma * spec.sigma) / 2;
  }
}

/**
 * Draws what is left of a duration seen at a random moment within it: the
 * equilibrium residual, a uniform fraction of a length-biased draw (a longer
 * session is likelier to be the one in progress): for an exponential, the
 * same exponential; for a constant v, uniform on [0, v]; for a uniform on
 * [a, b], sqrt(a^2 + U (b^2 - a^2)) times U'; for a lognormal (mu, sigma),
 * lognormal (mu + sigma^2, sigma) times U'.
 */
export function residualSampler(spec: PatienceSpec, uniform: Uniform): () => number {
  switch (spec.type) {
    case 'exponential':
      // Memoryless: what is left of one is another.
      return patienceSampler(spec, uniform);
    case 'constant': {
      const { value } = spec;
      return () => uniform() * value;
    }
    case 'uniform': {
      const { min, max } = spec;
      return () => Math.sqrt(min * min + uniform() * (max * max - min * min)) * uniform();
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return () => Math.exp(mu + sigma * sigma + sigma * standardNormal(uniform)) * uniform();
    }
  }
}

/** Mean of a seconds distribution. */
export function meanSeconds(spec: PatienceSpec): number {
  switch (spec.type) {
    case 'exponential':
      return spec.mean;
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'lognormal':
      return Math.exp(spec.mu + (spec.sigma * spec.sigma) / 2);
  }
}

/** Party sizes of a population: consecutive players, sizes drawn by weight; a size at each party's first player, 0 on the rest. */
function partySizes(players: number, sizes: Record<string, number>, uniform: () => number): Uint16Array {
  const entries = Object.entries(sizes).filter(([, w]) => w > 0);
  const pick = weightedPicker(entries.map(([, w]) => w), uniform);
  const out = new Uint16Array(players);
  for (let p = 0; p < players; ) {
    // The last party is cut to the players left.
    const size = Math.min(Number(entries[pick()][0]), players - p);
    out[p] = size;
    p += size;
  }
  return out;
}

/** A population run's settings, with fresh random streams (the same draws on every call). */
export function populationConfig(
  scenario: { readonly population: PopulationSpec; readonly duration: number; readonly parties?: PartiesSpec; readonly roles?: RolesSpec },
  random: RandomStreams,
  empirical?: EmpiricalValues,
): PopulationConfig {
  const spec = scenario.population;
  const sessions = sessionRate(spec.sessions);
  const drawSkill = scoreSampler(spec.skill, random.stream(POPULATION_STREAMS.skill), empirical);
  const skill = new Float64Array(spec.players);
  for (let p = 0; p < spec.players; p++) skill[p] = drawSkill();
  const churn = spec.churn;
  const churnModel: ChurnModel | undefined = churn && {
    quit: (lost, blowout, wait) => 1 / (1 + Math.exp(-(churn.intercept + (lost ? churn.loss : 0) + (blowout ? churn.blowout : 0) + churn.waitMinutes * (wait / 60)))),
    uniform: random.stream(POPULATION_STREAMS.churn),
  };
  return {
    skill,
    ...(scenario.parties ? { partySize: partySizes(spec.players, scenario.parties.sizes, random.stream(POPULATION_STREAMS.parties)) } : {}),
    ratings: ratingSystem(spec.rating, spec.players),
    matchOn: spec.matchOn,
    sessions: { ...sessions, uniform: random.stream(POPULATION_STREAMS.sessionStarts) },
    sessionLength: patienceSampler(spec.sessions.length, random.stream(POPULATION_STREAMS.sessionLength)),
    matchDuration: patienceSampler(spec.matchDuration, random.stream(POPULATION_STREAMS.matchDuration)),
    cancel: spec.sessions.cancel,
    outcome: { ...spec.outcome, uniform: random.stream(POPULATION_STREAMS.outcomes) },
    ...(churnModel ? { churn: churnModel } : {}),
    ...(spec.sessions.warmStart ? { warmStart: warmStart(spec, sessions.rate(0), random.stream(POPULATION_STREAMS.warmStart)) } : {}),
    horizon: scenario.duration,
    sampleEvery: spec.sampleEvery ?? scenario.duration / 100,
    newPlayerMatches: spec.newPlayerMatches,
    ...(spec.backfill !== undefined ? { backfill: backfillConfig(spec.backfill, random.stream(POPULATION_STREAMS.backfillLeave)) } : {}),
    ...(scenario.roles?.shares !== undefined ? { roles: playerRoles(spec.players, { ...scenario.roles, shares: scenario.roles.shares }, random.stream(POPULATION_STREAMS.roles)) } : {}),
    ...(scenario.roles?.priorityPass !== undefined ? { priorityPass: scenario.roles.priorityPass } : {}),
  };
}

/** Each player's roles, drawn once: a population's players queue for the same roles every visit. */
function playerRoles(players: number, spec: RolesSpec & { readonly shares: Readonly<Record<string, number>> }, uniform: Uniform): Array<readonly string[]> {
  const draw = roleDrawer(spec, uniform);
  const roles: Array<readonly string[]> = [];
  for (let p = 0; p < players; p++) {
    const own: string[] = [];
    draw(own);
    roles.push(own);
  }
  return roles;
}

/** Backfill's settings, its leave draws on a stream of their own (a run without leavers draws none). */
function backfillConfig(spec: NonNullable<PopulationSpec['backfill']>, uniform: Uniform): NonNullable<PopulationConfig['backfill']> {
  return {
    leave: { probability: spec.leave.probability, afterBlowout: spec.leave.afterBlowout ?? spec.leave.probability, uniform },
    mode: spec.mode,
    missing: spec.missing,
    timeout: spec.timeoutSeconds,
    stopBefore: spec.stopBeforeEnd,
    missingPlayer: spec.missingPlayer,
    priority: spec.priority ?? 'normal',
  };
}

/** A run that begins as if it had always been running: the long-run share online, each in a match begun before it, and the rest of its session (see PopulationConfig.warmStart). */
function warmStart(spec: PopulationSpec, rateAtStart: number, uniform: Uniform): NonNullable<PopulationConfig['warmStart']> {
  const { length } = spec.sessions;
  return {
    online: onlineShare(rateAtStart, length, spec.matchDuration),
    // Of the time online, the share spent in the match a session ends in, after the session's own length.
    lastMatch: meanResidual(spec.matchDuration) / onlineSeconds(length, spec.matchDuration),
    matchLeft: residualSampler(spec.matchDuration, uniform),
    sessionLeft: residualSampler(length, uniform),
    uniform,
  };
}

/**
 * Visits (requests) a population is expected to make: each session, a visit
 * per match it has time for, plus one. A party makes a session per cycle of
 * time offline (1 / rate, at the mean rate) and time online (onlineSeconds),
 * so a population always in session is counted by its sessions' length, not
 * by a rate it never has the time offline for; a warm start adds the sessions
 * in progress at 0.
 */
export function estimateVisits(spec: PopulationSpec, duration: number): number {
  const rate = spec.sessions.perDay / DAY;
  const online = onlineSeconds(spec.sessions.length, spec.matchDuration);
  const cycles = (spec.players * duration) / (1 / rate + online);
  const warm = spec.sessions.warmStart ? spec.players * ((rate * online) / (1 + rate * online)) : 0;
  return Math.ceil((cycles + warm) * (1 + meanSeconds(spec.sessions.length) / meanSeconds(spec.matchDuration)));
}
