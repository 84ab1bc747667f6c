import type { EngineMatcher } from '../engine-matcher.js';
import type { FaultConfig } from '../faults.js';
import type { PopulationConfig } from '../population/population.js';
import type { AttributeDeclaration } from '../ticket/attribute-kinds.js';
import type { BackfillStreamConfig, SessionBackfillConfig } from '../session-backfill-stats.js';

export interface SimulationConfig {
  /** Seconds between worker rounds (with retries: between samples of the timeline). */
  readonly tick: number;
  /** Rounds run at 0, tick, 2 tick, ... up to and including this time; no retry runs after it. */
  readonly end: number;
  /** The matcher, with its pool factory (see EngineMatcher; matchsim's registry builds it with engineMatcher). */
  readonly matcher: EngineMatcher;
  readonly roomTtl?: number;
  readonly groupExpiry?: number;
  /**
   * Players who give up: each request draws a patience at arrival; with
   * `cancel` the service withdraws it. With `recorded`, a request's patience
   * is instead what its source recorded in that column (a replayed log's
   * observed wait before leaving) times `scale`; NaN: it never gives up.
   */
  readonly abandonment?: { readonly patience: () => number; readonly cancel: boolean; readonly recorded?: { readonly column: number; readonly scale: number } };
  /**
   * Players accept each match before it is made (FlexMatch's
   * acceptanceRequired): `timeout` seconds to answer; each player's answer
   * (`accepts`: true to accept) comes `response()` seconds after the proposal,
   * or never when that is later than the timeout.
   */
  readonly acceptance?: { readonly timeout: number; readonly accepts: () => boolean; readonly response: () => number };
  /** A party's score from its members' scores (default: their mean). */
  readonly partyScore?: 'mean' | 'max';
  readonly faults?: FaultConfig;
  /** The attributes the arrivals carry, as the scenario or its source declares them: each a column of players.csv. */
  readonly attributes?: readonly AttributeDeclaration[];
  /** The per-ticket numbers the source recorded (ArrivalSlot.recorded), by name: each kept in the ticket table and a column of players.csv. */
  readonly recorded?: readonly string[];
  /** The scenario's data centres, by name: each ticket's latency to each (ArrivalSlot.latency) is kept in the ticket table. */
  readonly dataCentres?: readonly string[];
  /** The run's roles (role queues), in order: each ticket carries the roles its player queues for. Absent: none. */
  readonly roles?: readonly string[];
  /** Sessions that start short ask for players once up (automatic backfill with open arrivals); absent: none. */
  readonly sessionBackfill?: SessionBackfillConfig;
  /** Running sessions the run does not form ask for players (a stream of backfill requests with open arrivals); absent: none. */
  readonly backfillStream?: BackfillStreamConfig;
  /** Told after every tick how far the run is (simulated time, players arrived): for a progress line, never for a result. */
  readonly progress?: RunProgress;
  /**
   * A closed population instead of an arrival stream: its players' visits are
   * the arrivals (the source passed to simulate must then be a VisitSource),
   * and a room's sides are `sides` (teams, or each player alone).
   */
  readonly population?: PopulationConfig & {
    readonly sides: number;
    /** With data centres: each population player's round trips at a visit, into `out` (SimulationConfig.dataCentres order); a player keeps its place across sessions, so only the measurement's jitter changes. */
    readonly roundTrips?: (player: number, out: Float64Array) => Float64Array;
  };
}

/** Where a run is: its simulated time and the players arrived so far. */
export type RunProgress = (now: number, players: number) => void;
