import seedrandom from 'seedrandom';
import type { TraceRow } from './seed-pool-port.js';

/**
 * A random trace for oracle comparisons. Narrow score ranges give many ties
 * (testing the stable order); bursts give pools large enough for chains of rooms.
 */
export function randomTrace(seed: number, options: { players: number; maxPerTick: number; scoreRange: number; tickSeconds?: number }): TraceRow[] {
  const rng = seedrandom.alea(`trace:${seed}`);
  const tick = options.tickSeconds ?? 1;
  const rows: TraceRow[] = [];
  let t = 0;
  while (rows.length < options.players) {
    const burst = Math.floor(rng() * (options.maxPerTick + 1));
    for (let b = 0; b < burst && rows.length < options.players; b++) {
      // Some arrivals land exactly on a tick, the rest inside the interval.
      const offset = rng() < 0.3 ? 0 : rng() * tick;
      rows.push({ time: t + offset, id: `u${rows.length}`, score: Math.floor(rng() * options.scoreRange) });
    }
    t += tick;
  }
  rows.sort((a, b) => a.time - b.time);
  return rows;
}
