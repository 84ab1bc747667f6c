import { createRequire } from 'node:module';
import type { Options, Rating } from 'openskill';
import { sideMembers, type PlayedMatch, type RatingSystem } from '../rating-system.js';

type OpenSkillLibrary = {
  rate: (teams: Rating[][], options: Options) => Rating[][];
  predictWin: (teams: Rating[][], options: Options) => number[];
};

/**
 * The openskill package, loaded on first use: it brings some 150 modules
 * (ramda, @stdlib) and a third of a second of loading, which a run that uses
 * another rating system (or none) should not pay.
 */
let library: OpenSkillLibrary | undefined;
function openskill(): OpenSkillLibrary {
  library ??= createRequire(import.meta.url)('openskill') as OpenSkillLibrary;
  return library;
}

export interface OpenSkillSettings {
  /** A new player's mu. */
  readonly initial: number;
  /** A new player's sigma. */
  readonly sigma: number;
  /** The spread of one performance around a player's skill. */
  readonly beta: number;
  /** Added to sigma before each match, so that ratings keep moving. */
  readonly tau: number;
}

/**
 * Weng-Lin (OpenSkill) by the openskill package, Plackett-Luce model (its
 * default; checked against its published example in the tests). The observed
 * rating is mu. The library's defaults (mu 25, sigma 25/3, beta 25/6, tau
 * 25/300) are a scale of their own; here every quantity is in rating points,
 * and epsilon is scaled with sigma, so a system 60 times the library's gives
 * exactly 60 times its ratings.
 */
export class OpenSkill implements RatingSystem {
  readonly rating: Float64Array;
  readonly keepsSum = false;
  private readonly sigma: Float64Array;
  private readonly options: Options;

  constructor(players: number, settings: OpenSkillSettings) {
    this.rating = new Float64Array(players).fill(settings.initial);
    this.sigma = new Float64Array(players).fill(settings.sigma);
    const scale = settings.sigma / (25 / 3);
    this.options = { mu: settings.initial, sigma: settings.sigma, beta: settings.beta, tau: settings.tau, epsilon: 0.1 * scale };
  }

  uncertainty(player: number): number {
    return this.sigma[player];
  }

  /**
   * The sides' ratings for the library, shifted so that the strongest side's
   * mean mu is 0: the library's Plackett-Luce takes exp(team mu / c) of
   * absolute ratings, which overflows to Infinity / Infinity = NaN once mu is
   * some 700 times c (ratings near the i32 limit, or a small sigma and beta).
   * Every side has the same size, so the shift changes no chance and no update.
   */
  private teams(match: PlayedMatch, sides: readonly number[]) {
    const members = sides.map((s) => sideMembers(match, s));
    let offset = -Infinity;
    for (const side of members) {
      let sum = 0;
      for (const p of side) sum += this.rating[p];
      offset = Math.max(offset, sum / side.length);
    }
    return { offset, teams: members.map((side) => side.map((p) => ({ mu: this.rating[p] - offset, sigma: this.sigma[p] }))) };
  }

  winChance(match: PlayedMatch, a: number, b: number): number {
    return openskill().predictWin(this.teams(match, [a, b]).teams, this.options)[0];
  }

  update(match: PlayedMatch): void {
    const sides = Array.from({ length: match.sides }, (_, s) => s);
    const { offset, teams } = this.teams(match, sides);
    const rated = openskill().rate(teams, { ...this.options, rank: match.places.map((place) => place + 1) });
    rated.forEach((team, s) =>
      team.forEach((r, m) => {
        const player = match.members[s * match.sideSize + m];
        this.rating[player] = r.mu + offset;
        this.sigma[player] = r.sigma;
      }),
    );
  }
}
