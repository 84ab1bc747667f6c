import type { ArrivalSlot, ArrivalSource } from '../arrival-source.js';

/**
 * The arrivals of a population run: each time a player (or a party) queues,
 * the population pushes its request here and the simulation takes it at
 * once, as it takes the next arrival of a stream. Visits are named v1, v2, ...
 */
export class VisitSource implements ArrivalSource {
  readonly ids = { kind: 'sequence', prefix: 'v' } as const;
  private time = 0;
  /** The scores of the visit being taken: the population's own array, which it reuses only for its next visit, once this one is taken (push checks). */
  private scores: readonly number[] = [];
  private count = 0;
  private taken = 0;

  /** A party (or a player alone) queues now with these scores, first player first. */
  push(time: number, scores: readonly number[]): void {
    if (this.taken < this.count) throw new Error(`a visit was pushed before the last one was taken (${this.taken} of ${this.count})`);
    this.time = time;
    this.scores = scores;
    this.count = scores.length;
    this.taken = 0;
  }

  next(slot: ArrivalSlot): boolean {
    if (this.taken >= this.count) return false;
    const k = this.taken++;
    slot.time = this.time;
    slot.score = this.scores[k];
    slot.attributes = undefined;
    // A player alone is a party of 1 (deleting the field instead would turn the shared slot into a slow dictionary object).
    slot.party = k === 0 ? this.count : 0;
    return true;
  }
}
