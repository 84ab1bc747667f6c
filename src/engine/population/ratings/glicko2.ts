import { Glicko2 as Glicko2Library, type Match, type Player } from 'glicko2';
import type { PlayedMatch, RatingSystem } from '../rating-system.js';

export interface Glicko2Settings {
  readonly initial: number;
  /** A new player's rating deviation (Glickman: 350). */
  readonly rd: number;
  readonly volatility: number;
  /** The system constant: how fast volatility may change (Glickman: 0.3 to 1.2). */
  readonly tau: number;
}

/**
 * Glicko-2 by the glicko2 package (Glickman's algorithm, checked against his
 * published example in the tests). Each match is a rating period of its own.
 * Players alone (1v1, free-for-all) play each other once, as Glickman's
 * games. In team matches each member plays one game against each other side's
 * composite (the "composite opponent" of team adaptations of Glicko: the
 * side's mean rating, and the root mean square of its deviations), winning
 * when its side finished above: rating each member against every opponent as
 * if in separate games counted one match as many and made the ratings drift
 * from true skill with play.
 */
export class Glicko2 implements RatingSystem {
  readonly rating: Float64Array;
  readonly keepsSum = false;
  private readonly rd: Float64Array;
  private readonly volatility: Float64Array;
  private readonly library: Glicko2Library;
  private readonly players: Player[] = [];

  constructor(players: number, settings: Glicko2Settings) {
    this.rating = new Float64Array(players).fill(settings.initial);
    this.rd = new Float64Array(players).fill(settings.rd);
    this.volatility = new Float64Array(players).fill(settings.volatility);
    this.library = new Glicko2Library({ tau: settings.tau, rating: settings.initial, rd: settings.rd, vol: settings.volatility });
  }

  uncertainty(player: number): number {
    return this.rd[player];
  }

  /** The library's players for a match's members, as rated now (set explicitly: makePlayer takes a rating of 0 for "default"). */
  private load(match: PlayedMatch): Player[] {
    this.library.removePlayers();
    const players = this.players;
    players.length = 0;
    for (const member of match.members) {
      const player = this.library.makePlayer();
      player.setRating(this.rating[member]);
      player.setRd(this.rd[member]);
      player.setVol(this.volatility[member]);
      players.push(player);
    }
    return players;
  }

  /** A side as one opponent: its mean rating, the root mean square of its deviations, its mean volatility. */
  private composite(match: PlayedMatch, side: number): Player {
    const size = match.sideSize;
    let rating = 0;
    let variance = 0;
    let volatility = 0;
    for (let i = side * size; i < (side + 1) * size; i++) {
      const member = match.members[i];
      rating += this.rating[member];
      variance += this.rd[member] ** 2;
      volatility += this.volatility[member];
    }
    const player = this.library.makePlayer();
    player.setRating(rating / size);
    player.setRd(Math.sqrt(variance / size));
    player.setVol(volatility / size);
    return player;
  }

  winChance(match: PlayedMatch, a: number, b: number): number {
    const players = this.load(match);
    if (match.sideSize === 1) return players[a].predict(players[b]);
    return this.composite(match, a).predict(this.composite(match, b));
  }

  update(match: PlayedMatch): void {
    const players = this.load(match);
    const size = match.sideSize;
    const results: Match[] = [];
    if (size === 1) {
      for (let a = 0; a < match.sides; a++) for (let b = a + 1; b < match.sides; b++) results.push([players[a], players[b], match.places[a] < match.places[b] ? 1 : 0]);
    } else {
      // The composites are built from the ratings before this match; what the library makes of them afterwards is not kept.
      const composites = Array.from({ length: match.sides }, (_, side) => this.composite(match, side));
      for (let a = 0; a < match.sides; a++) {
        for (let b = 0; b < match.sides; b++) {
          if (a === b) continue;
          const outcome = match.places[a] < match.places[b] ? 1 : 0;
          for (let i = a * size; i < (a + 1) * size; i++) results.push([players[i], composites[b], outcome]);
        }
      }
    }
    this.library.updateRatings(results);
    match.members.forEach((member, i) => {
      this.rating[member] = players[i].getRating();
      this.rd[member] = players[i].getRd();
      this.volatility[member] = players[i].getVol();
    });
  }
}
