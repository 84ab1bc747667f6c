import type { ArrivalSlot, ArrivalSource } from '../arrival-source.js';

/**
 * The arrivals of a population run: each time a player (or a party) queues,
 * the population pushes its request here and the simulation takes it at
 * once, as it takes the next arrival of a stream. Visits are named v1, v2, ...
 */
export class VisitSource implements ArrivalSource {
  readonly ids = { kind: 'sequence', prefix: 'v' } as const;
  private time = 0;
  /** The scores of the visit being taken, copied: the population reuses its array. */
  private readonly scores: number[] = [];
  private taken = 0;

  /** A party (or a player alone) queues now with these scores, first player first. */
  push(time: number, scores: readonly number[]): void {
    if (this.taken < this.scores.length) throw new Error(`a visit was pushed before the last one was taken (${this.taken} of ${this.scores.length})`);
    this.time = time;
    this.scores.length = 0;
    for (const score of scores) this.scores.push(score);
    this.taken = 0;
  }

  next(slot: ArrivalSlot): boolean {
    if (this.taken >= this.scores.length) return false;
    const k = this.taken++;
    slot.time = this.time;
    slot.score = this.scores[k];
    slot.attributes = undefined;
    if (this.scores.length > 1) slot.party = k === 0 ? this.scores.length : 0;
    else delete slot.party;
    return true;
  }
}
