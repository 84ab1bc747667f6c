/**
 * A rating system: what the matcher sees of each player (its observed
 * rating), and how a match's result moves it. Players are indices 0..N-1;
 * a match is its members side by side (the population seats them by the
 * rosters of the match that formed the room), cut into `sides` equal sides
 * (teams, or one player each in a free-for-all), and the place of each side
 * (0 first). No ties: the outcome model never draws one.
 */
export interface RatingSystem {
  /** The observed rating of every player, by index: what the matcher sees. Updated in place. */
  readonly rating: Float64Array;
  /** A match never changes the sum of ratings (Elo): checked after every match. */
  readonly keepsSum: boolean;
  /** How unsure the system is of a player's rating (Glicko-2's RD, OpenSkill's sigma); NaN for Elo, which keeps none. */
  uncertainty(player: number): number;
  /** Updates the ratings of a match's members from its result. */
  update(match: PlayedMatch): void;
  /** The system's own prediction that side a beats side b, from the ratings before the match. */
  winChance(match: PlayedMatch, a: number, b: number): number;
}

/** One match, as the rating systems and the outcome model read it. */
export interface PlayedMatch {
  /** The players in room order, side by side. */
  readonly members: readonly number[];
  readonly sides: number;
  /** Players per side: members.length / sides. */
  readonly sideSize: number;
  /** places[s]: where side s finished, 0 the winner. */
  readonly places: readonly number[];
}

/** The members of side s. */
export function sideMembers(match: PlayedMatch, s: number): readonly number[] {
  return match.members.slice(s * match.sideSize, (s + 1) * match.sideSize);
}

/** The mean of `values` over side s's members. */
export function sideMean(match: PlayedMatch, s: number, values: Float64Array): number {
  let total = 0;
  for (let m = s * match.sideSize; m < (s + 1) * match.sideSize; m++) total += values[match.members[m]];
  return total / match.sideSize;
}
