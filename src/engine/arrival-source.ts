import type { Attributes } from './pool/filters.js';
import type { IdScheme } from './records.js';

/*
 * The engine's input contract: who arrives when, with what score. Scenarios
 * (generated streams, recorded traces, parties) implement it; the
 * simulation only reads it.
 */

/** One arrival, written into by ArrivalSource.next so that no object is made per player. */
export interface ArrivalSlot {
  time: number;
  score: number;
  /** The player's attributes, when the scenario gives players any. */
  attributes?: Attributes;
  /**
   * With parties: on a party's first player, its size (1 for a player alone);
   * 0 on each further member, which comes next, at the same time, with the
   * same attributes. Absent: every arrival is a player alone.
   */
  party?: number;
  /**
   * What a recorded source knows of the ticket besides its arrival (a replayed
   * log's observed wait), one number per name in SimulationConfig.recorded,
   * in that order (NaN: not known for this ticket). Absent: none.
   */
  recorded?: readonly number[];
  /**
   * The player's measured round trip to each data centre, in milliseconds, in
   * SimulationConfig.dataCentres order; NaN where it has none (it cannot be
   * placed there, as FlexMatch treats a missing latency). Absent: no latency.
   */
  latency?: Float64Array;
  /** The roles the player queues for, in its order of preference (role queues); read at once, the array may be reused. Absent: none. */
  roles?: readonly string[];
}

/** The players who arrive, in arrival order. Player `index` is the index-th arrival (from 0). */
export interface ArrivalSource {
  /** Fills `slot` with the next arrival and returns true, or returns false when there are no more. */
  next(slot: ArrivalSlot): boolean;
  /** How the index-th player's id is made. */
  readonly ids: IdScheme;
}
