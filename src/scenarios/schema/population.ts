import * as z from 'zod';
import { LIMITS, positive, positiveSeconds, seconds, weight, windowPoints } from '../fields.js';
import { patience } from './patience.js';
import { checkScores, score, scoresSchema } from './scores.js';
import type { AddIssue } from './section-issue.js';
import { BACKFILL_PRIORITIES } from '../../engine/pool/backfill.js';

/** The population section: a closed population of players who come back, the source of a run's arrivals instead of an arrivals stream. */

const ratingSystem = z
  .discriminatedUnion('system', [
    z
      .strictObject({
        system: z.literal('elo'),
        initial: score('initial').default(1500).describe('Every player\'s starting rating.'),
        k: positive('k').max(10000).default(32).describe('K: the most one match can move a rating (chess: 10 to 40).'),
        scale: positive('scale').max(LIMITS.window).default(400).describe('Rating points for 10:1 odds (chess: 400).'),
      })
      .describe('Elo: teams by their mean rating; a free-for-all as every pair of players playing once. Keeps the sum of ratings.'),
    z
      .strictObject({
        system: z.literal('glicko2'),
        initial: score('initial').default(1500),
        rd: positive('rd').max(LIMITS.window).default(350).describe("A new player's rating deviation (Glickman: 350)."),
        volatility: positive('volatility').max(10).default(0.06),
        tau: positive('tau').max(10).default(0.5).describe('How fast volatility may change (Glickman: 0.3 to 1.2).'),
      })
      .describe('Glicko-2 (the glicko2 package); each match a rating period of its own.'),
    z
      .strictObject({
        system: z.literal('openskill'),
        initial: score('initial').default(1500).describe("A new player's mu."),
        // At least a thousandth of a point: sigma and beta square into the library's c, which must not underflow to 0.
        sigma: positive('sigma').min(0.001, { error: 'sigma must be at least 0.001' }).max(LIMITS.window).default(500).describe("A new player's sigma (the library's 25/3, times 60)."),
        beta: positive('beta').min(0.001, { error: 'beta must be at least 0.001' }).max(LIMITS.window).default(250).describe('Performance spread (the library\'s 25/6, times 60).'),
        tau: z.number().nonnegative().max(LIMITS.window).default(5).describe('Added to sigma before each match (the library\'s 25/300, times 60).'),
      })
      .describe('Weng-Lin (the openskill package, Plackett-Luce); the matcher sees mu.'),
  ])
  .describe('How ratings move after each match.');

const chance = z.number().min(0, { error: 'a probability is from 0 to 1' }).max(1, { error: 'a probability is from 0 to 1' });

const backfill = z
  .strictObject({
    leave: z
      .strictObject({
        probability: chance.describe('Chance that a player (a party, together) leaves a match it plays, at a time uniform over the rest of the match; its session ends there.'),
        afterBlowout: chance.optional().describe('The chance instead for a player whose last match was a blowout it lost (default: probability).'),
      })
      .describe('Players who leave running matches.'),
    mode: z
      .enum(['automatic', 'manual', 'off'])
      .default('automatic')
      .describe("automatic: a match asks for players whenever a seat is empty and no request of its stands (FlexMatch's automatic backfill); manual: only once at least `missing` seats are empty; off: seats stay empty."),
    missing: z.int().min(1, { error: 'missing must be a whole number >= 1' }).max(1000).default(1).describe('With mode manual: empty seats before a match asks for players.'),
    timeoutSeconds: positiveSeconds('timeoutSeconds').default(60).describe('A request unfilled this long times out (an automatic match then asks again at once).'),
    stopBeforeEnd: seconds('stopBeforeEnd').default(0).describe('No request is made in a match\'s last this many seconds.'),
    priority: z
      .enum(BACKFILL_PRIORITIES)
      .optional()
      .describe("How requests stand against new matches in a round (FlexMatch's backfillPriority): high first, normal (the default) by age among the new matches' oldest tickets, low last. With algorithm flexmatch, the rule set's algorithm.backfillPriority decides: leave this out, or give the same."),
    missingPlayer: windowPoints('missingPlayer')
      .default(200)
      .describe("Skill points a side performs below its players' mean skill for each player it is short (on average over the match): a short-handed side is weaker."),
  })
  .describe('Players leave running matches and backfill requests refill their seats from the pool, under the rules a new match obeys.');

export const population = z
  .strictObject({
    players: z.int().min(2, { error: 'players must be a whole number >= 2' }).max(10_000_000).describe('Players in the population, all known from the start.'),
    skill: scoresSchema.describe("Players' true skill, which decides their matches (on the outcome's scale)."),
    rating: ratingSystem.prefault({ system: 'elo' }),
    matchOn: z.enum(['rating', 'skill']).default('rating').describe('What the matcher sees as a score: the observed rating (the real case) or the true skill (a matcher that knew it).'),
    sessions: z.strictObject({
      perDay: positive('perDay').max(1000).describe('Sessions a player starts per day, on average (while offline).'),
      profile: z
        .array(z.tuple([seconds('a time').max(86400, { error: 'a time of day is at most 86400' }), weight()]))
        .min(1)
        .max(10000)
        .optional()
        .describe('[time of day (s), relative weight] points: session starts follow this daily curve (linear between points), averaging perDay.'),
      length: patience.describe('How long a session lasts, in seconds.'),
      cancel: z.boolean().default(true).describe('A session that ends while its player waits withdraws the request (true) or leaves a ghost in the pool (false).'),
      warmStart: z
        .boolean()
        .default(true)
        .describe('Begin with the long-run share of players online, their first visits spread over a match\'s mean length (false: everybody offline at 0, a server filling up).'),
    }),
    matchDuration: patience.describe('How long a match lasts, in seconds.'),
    outcome: z
      .strictObject({
        scale: positive('scale').max(LIMITS.window).default(400).describe('Skill points for 10:1 odds between two sides (Elo: 400).'),
        blowout: windowPoints('blowout').default(400).describe('A match is a blowout when the winner out-performs the last side by at least this many points.'),
      })
      .prefault({})
      .describe('How a match is decided from true skill: performance = side mean skill + Gumbel noise, which for two sides is exactly the Elo logistic.'),
    churn: z
      .strictObject({
        intercept: z.number().min(-50).max(50).describe('Log-odds of quitting after an even, quick win.'),
        loss: z.number().min(-50).max(50).default(0).describe('Added to the log-odds after a loss.'),
        blowout: z.number().min(-50).max(50).default(0).describe('Added after a blowout (either side).'),
        waitMinutes: z.number().min(-50).max(50).default(0).describe('Added per minute waited for the match.'),
      })
      .optional()
      .describe('Players who quit for good after a match, with chance 1 / (1 + exp(-(intercept + loss L + blowout B + waitMinutes W))). Off when absent.'),
    backfill: backfill.optional(),
    newPlayerMatches: z.int().min(1).max(100000).default(10).describe('A player with fewer matches than this counts as new (its waits are reported apart).'),
    sampleEvery: positiveSeconds('sampleEvery').optional().describe('Seconds between samples of rating convergence; default a hundredth of the duration.'),
  })
  .describe('A closed population of players who come back, instead of an arrival stream.');

export type PopulationSpec = z.output<typeof population>;

export function checkPopulation(spec: PopulationSpec, issue: AddIssue): void {
  const profile = spec.sessions.profile ?? [];
  profile.forEach(([t], i) => {
    if (i > 0 && t <= profile[i - 1][0]) issue(['population', 'sessions', 'profile', i, 0], `time ${t} is not after the previous point's ${profile[i - 1][0]}`);
  });
  if (profile.length > 0 && profile.every(([, w]) => w === 0)) issue(['population', 'sessions', 'profile'], 'every weight is 0: nobody would play');
  checkScores(spec.skill, ['population', 'skill'], issue);
}
