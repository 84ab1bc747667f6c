import type { Placement } from '../engine/run-tally.js';
import { distribution, type Distribution } from './distribution.js';
import { round6 } from './numbers.js';

/**
 * summary.json's latency: what matched players pinged in their room's data
 * centre (latency_ms), what placement cost them against their best data
 * centre (delta_ping_ms), the share placed at their best, and rooms per data
 * centre. Players matched after they had gone are left out, as from waits.
 */
export interface LatencySummary extends Distribution {
  readonly deltaPing: Distribution;
  /** Of the players counted, those placed at their lowest round trip; null with none. */
  readonly atBestShare: number | null;
  /** Rooms per data centre, in the scenario's order (a list: the names are the scenario's). */
  readonly rooms: ReadonlyArray<{ readonly dataCentre: string; readonly rooms: number }>;
  /** Each room's highest round trip in its data centre. */
  readonly roomMax: Distribution;
}

export function latencySummary(placement: Placement): LatencySummary {
  const counts = new Array<number>(placement.dataCentres.length).fill(0);
  for (const dc of placement.rooms) counts[dc]++;
  const sorted = (xs: Float64Array) => Float64Array.from(xs).sort();
  return {
    ...distribution(sorted(placement.latency)),
    deltaPing: distribution(sorted(placement.deltaPing)),
    atBestShare: placement.latency.length === 0 ? null : round6(placement.atBest / placement.latency.length),
    rooms: placement.dataCentres.map((dataCentre, i) => ({ dataCentre, rooms: counts[i] })),
    roomMax: distribution(sorted(placement.roomMaxLatency)),
  };
}
