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
 * published example in the tests). Each match is a rating period of its own;
 * a member of a side plays every member of every other side once, winning
 * against those whose side finished below its own.
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

  winChance(match: PlayedMatch, a: number, b: number): number {
    // A side's chance is its members' mean chance against the other side's members.
    const players = this.load(match);
    const size = match.sideSize;
    let total = 0;
    for (let i = a * size; i < (a + 1) * size; i++) for (let j = b * size; j < (b + 1) * size; j++) total += players[i].predict(players[j]);
    return total / (size * size);
  }

  update(match: PlayedMatch): void {
    const players = this.load(match);
    const size = match.sideSize;
    const results: Match[] = [];
    for (let a = 0; a < match.sides; a++) {
      for (let b = a + 1; b < match.sides; b++) {
        const outcome = match.places[a] < match.places[b] ? 1 : 0;
        for (let i = a * size; i < (a + 1) * size; i++) for (let j = b * size; j < (b + 1) * size; j++) results.push([players[i], players[j], outcome]);
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
