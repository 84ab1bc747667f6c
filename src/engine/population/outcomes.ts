import type { Uniform } from '../rng.js';
import { sideMean, type PlayedMatch } from './rating-system.js';
import { eloWinChances } from '../pool/teams.js';
import { eloExpected } from './ratings/elo.js';

/*
 * How a match is decided, from its members' true skills. Each side performs
 * at its members' mean true skill plus Gumbel noise of scale beta = scale /
 * ln 10, and sides finish in order of performance. For two sides this is
 * exactly the Elo logistic: side a beats side b with chance
 * 1 / (1 + 10^((skill_b - skill_a) / scale)); for more sides it is the
 * Plackett-Luce ranking, side s winning with chance softmax(skill / beta).
 */

export interface OutcomeModel {
  /** Skill points for 10:1 odds between two sides (the Elo scale: 400). */
  readonly scale: number;
  /** A match is a blowout when the winner out-performs the last side by at least this many points. */
  readonly blowout: number;
}

export interface Outcome {
  /** The performance margin between the first side and the last. */
  margin: number;
  /** The chance the true-skill favourite had of winning, before the match. */
  favouriteWin: number;
}

const LN10 = Math.log(10);
/** Arrays drawOutcome reuses from match to match. */
const scratch = { means: [] as number[], order: [] as number[] };

/**
 * Draws the places of a match's sides into `places`, from the outcomes stream
 * alone (each side at its members' mean skill, or at `strengths` where the
 * caller worked them out: a match whose seats changed hands): one uniform for two sides (the difference of their Gumbel
 * performances is logistic, so one draw gives the winner and the margin), one
 * per side for more.
 */
export function drawOutcome(match: PlayedMatch & { places: number[] }, skill: Float64Array, model: OutcomeModel, uniform: Uniform, performance: number[], out: Outcome, strengths?: readonly number[]): void {
  const beta = model.scale / LN10;
  const { sides } = match;
  if (sides === 2) {
    const a = strengths === undefined ? sideMean(match, 0, skill) : strengths[0];
    const b = strengths === undefined ? sideMean(match, 1, skill) : strengths[1];
    // u in (0, 1): alea never gives 0 in practice; guard anyway.
    const u = uniform() || 2 ** -53;
    const lead = a - b + beta * Math.log(u / (1 - u));
    if (match.places.length !== 2) match.places.length = 2;
    // An exact tie (never seen) goes to the first side, as with more sides.
    match.places[0] = lead >= 0 ? 0 : 1;
    match.places[1] = lead >= 0 ? 1 : 0;
    out.margin = Math.abs(lead);
    out.favouriteWin = eloExpected(Math.max(a, b), Math.min(a, b), model.scale);
    return;
  }
  // Lengths are set only when they change: setting one, even to itself, costs a call into V8's runtime.
  if (performance.length !== sides) performance.length = sides;
  const means = scratch.means;
  const order = scratch.order;
  if (means.length !== sides) means.length = sides;
  if (order.length !== sides) order.length = sides;
  for (let s = 0; s < sides; s++) {
    const mean = strengths === undefined ? sideMean(match, s, skill) : strengths[s];
    means[s] = mean;
    order[s] = s;
    // 1 - u lies in (0, 1]: -log(-log(1)) is +Infinity only for u = 0 exactly, which alea's 53 bits never give in practice; guard anyway.
    const u = 1 - uniform();
    performance[s] = mean - beta * Math.log(-Math.log(u === 1 ? 1 - 2 ** -53 : u));
  }
  // Places by performance, best first (insertion sort: a few sides); an exact tie (never seen) keeps the lower side index first.
  for (let i = 1; i < sides; i++) {
    const side = order[i];
    let j = i - 1;
    while (j >= 0 && performance[order[j]] < performance[side]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = side;
  }
  if (match.places.length !== sides) match.places.length = sides;
  for (let place = 0; place < sides; place++) match.places[order[place]] = place;
  out.margin = performance[order[0]] - performance[order[sides - 1]];
  // The Plackett-Luce chance of the side of highest mean skill to finish first: its Elo strength's share.
  out.favouriteWin = Math.max(...eloWinChances(means, model.scale));
}
