import { sideMean, type PlayedMatch, type RatingSystem } from '../rating-system.js';

export interface EloSettings {
  readonly initial: number;
  /** Points a result can move a rating: K. */
  readonly k: number;
  /** Rating points for 10:1 odds (400 in chess). */
  readonly scale: number;
}

/** Elo's expected score of a side rated `a` against one rated `b`. */
export function eloExpected(a: number, b: number, scale: number): number {
  return 1 / (1 + 10 ** ((b - a) / scale));
}

/**
 * Elo, for teams and free-for-all: a side is rated by its members' mean, and
 * a match of several sides is every pair of sides playing once, each side's
 * change the mean of its pairwise changes (K / (sides - 1) each); every
 * member of a side moves by the side's change. Pairs are antisymmetric and
 * sides equal in size, so a match never changes the sum of ratings (checked
 * after every match by the population).
 */
export class Elo implements RatingSystem {
  readonly rating: Float64Array;
  readonly keepsSum = true;
  private readonly change: number[] = [];

  constructor(
    players: number,
    private readonly settings: EloSettings,
  ) {
    this.rating = new Float64Array(players).fill(settings.initial);
  }

  uncertainty(): number {
    return Number.NaN;
  }

  winChance(match: PlayedMatch, a: number, b: number): number {
    return eloExpected(sideMean(match, a, this.rating), sideMean(match, b, this.rating), this.settings.scale);
  }

  update(match: PlayedMatch): void {
    const { sides, places } = match;
    const change = this.change;
    if (change.length !== sides) change.length = sides;
    change.fill(0);
    const k = this.settings.k / (sides - 1);
    for (let a = 0; a < sides; a++) {
      for (let b = a + 1; b < sides; b++) {
        const delta = k * ((places[a] < places[b] ? 1 : 0) - this.winChance(match, a, b));
        change[a] += delta;
        change[b] -= delta;
      }
    }
    for (let s = 0; s < sides; s++) {
      for (let m = s * match.sideSize; m < (s + 1) * match.sideSize; m++) this.rating[match.members[m]] += change[s];
    }
  }
}
