import { weightedPicker, type Uniform } from '../engine/rng.js';
import type { ArrivalSlot, ArrivalSource } from '../engine/arrival-source.js';

/** Party size -> weight, as a scenario gives it: {"1": 6, "2": 3, "3": 1}. */
export type PartySizes = Readonly<Record<string, number>>;

/**
 * Turns each arrival of `source` into a party: its size is drawn from
 * `sizes`, and the further members arrive with it (same time, same
 * attributes), each with a score of its own: `memberScore(first member's
 * score)`. Party sizes come from a stream of their own, so the arrival times
 * are the same draws whatever the sizes.
 */
export function partyArrivals(source: ArrivalSource, sizes: PartySizes, uniform: Uniform, memberScore: (leader: number) => number): ArrivalSource {
  const values = Object.keys(sizes).map(Number);
  const pick = weightedPicker(Object.values(sizes), uniform);
  let pending = 0;
  let leader = 0;
  return {
    next(slot: ArrivalSlot): boolean {
      if (pending > 0) {
        pending--;
        slot.score = memberScore(leader);
        slot.party = 0;
        return true;
      }
      if (!source.next(slot)) return false;
      leader = slot.score;
      slot.party = values[pick()];
      pending = slot.party - 1;
      return true;
    },
    ids: source.ids,
  };
}

/** The largest party size a scenario can draw (weight above 0). */
export function largestParty(sizes: PartySizes): number {
  return Math.max(...Object.entries(sizes).filter(([, w]) => w > 0).map(([s]) => Number(s)));
}
