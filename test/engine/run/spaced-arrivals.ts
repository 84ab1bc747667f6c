import type { ArrivalSlot, ArrivalSource } from '../../../src/engine/arrival-source.js';

/** `players` arrivals `gap` seconds apart from 0, the i-th at `score(i)`: a stream a test can work out by hand. */
export function spacedArrivals(players: number, gap: number, score: (i: number) => number): ArrivalSource {
  let i = 0;
  return {
    ids: { kind: 'sequence', prefix: 'p' },
    next(slot: ArrivalSlot) {
      if (i >= players) return false;
      slot.time = i * gap;
      slot.score = score(i);
      i++;
      return true;
    },
  };
}
