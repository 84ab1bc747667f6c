/**
 * What a run produces, as columnar batches: typed arrays that cross to a
 * worker thread without copying. Players and rooms are referred to by index
 * (the index-th arrival, the index-th room); ids are looked up only when rows
 * are written. NaN marks an empty cell, -1 an absent member.
 */

/** Consecutive players in arrival order, each written once its fate is settled (or the run ends). */
export interface PlayerBatch {
  /** Index of the first player in the batch. */
  readonly first: number;
  readonly count: number;
  readonly arrival: Float64Array;
  readonly score: Float64Array;
  /** When the worker moved the request into the pool. */
  readonly joined: Float64Array;
  readonly matchedAt: Float64Array;
  /** When the player's channel had received every create_player event of its room. */
  readonly notifiedAt: Float64Array;
  /** When the player gave up waiting. */
  readonly leftAt: Float64Array;
  /** The pool the player's request went to (index into matcher.pools), or -1. */
  readonly pool: Int16Array;
  /** The index of the first player of the player's party, or -1 for a player alone. */
  readonly party: Int32Array;
  /** count * roomSize: the members of each player's room in room order, or -1s (after its members, for a room smaller than roomSize). */
  readonly members: Int32Array;
  /** With teams: each player's team (0, 1, ...), or -1 when not in a room. */
  readonly team?: Int16Array;
  /** With role queues: the role each player played (an index into the run's roles), or -1; and the roles it queued for, in its order of preference, joined by spaces. */
  readonly role?: Int16Array;
  readonly roles?: readonly string[];
  /** With a population, where each request is a visit: the population's player who made it. */
  readonly player?: Int32Array;
  /**
   * With declared attributes (SimulationConfig.attributes), one column each,
   * in their order: numbers (NaN: absent), strings (null: absent), tags (1:
   * present).
   */
  readonly attributes?: ReadonlyArray<AttributeColumn>;
  /** With recorded numbers (SimulationConfig.recorded), one column each, in their order (NaN: not known). */
  readonly recorded?: readonly Float64Array[];
  /** With data centres: each player's lowest round trip to any of them, in milliseconds (NaN: none known). */
  readonly bestLatency?: Float64Array;
  /** With data centres: the data centre of the player's room (an index into them; -1: not matched), and the player's round trip there (NaN: not matched). */
  readonly dataCentre?: Int16Array;
  readonly latency?: Float64Array;
}

/** One attribute's values for a batch of players, by its kind. */
export type AttributeColumn = Float64Array | ReadonlyArray<string | null> | Uint8Array;

/** Consecutive rooms in creation order. */
export interface RoomBatch {
  readonly first: number;
  readonly count: number;
  readonly time: Float64Array;
  readonly minScore: Float64Array;
  readonly maxScore: Float64Array;
  /** With teams: the gap between the highest and lowest team mean score; NaN without. */
  readonly teamGap: Float64Array;
  /** With teams: count * teams, each room's team mean scores in team order; empty without. */
  readonly teamMeans: Float64Array;
  /** With teams: the favourite team's chance to win by the Elo logistic; NaN without. */
  readonly favouriteWin: Float64Array;
  /** count * roomSize: player indices in room order (with teams, team by team); a room smaller than roomSize ends with -1s. */
  readonly members: Int32Array;
  /** With teams, count * roomSize: each member's team (0, 1, ...), as its match's rosters say. */
  readonly memberTeams?: Int16Array;
  /** With role queues, count * roomSize: each member's role (an index into the run's roles), -1 for none. */
  readonly memberRoles?: Int16Array;
  /** Each room's data centre (an index into the run's; NaN without data centres), and its members' highest round trip there. */
  readonly dataCentre?: Float64Array;
  readonly maxLatency?: Float64Array;
  /** With expansions (EngineMatcher.expansions), count * expansions: the step each had reached, room by room. */
  readonly expansionSteps?: Int16Array;
}

/** Consecutive worker rounds. */
export interface TickBatch {
  readonly count: number;
  readonly time: Float64Array;
  /** Requests in the message queue when the round began. */
  readonly queue: Float64Array;
  /** Players left in the pool after the round. */
  readonly pool: Float64Array;
  readonly rooms: Float64Array;
  readonly matched: Float64Array;
  /** create_player messages delivered during the round. */
  readonly messages: Float64Array;
  /** With a population: count * 5, the players offline, queued, in the pool, in a match and gone after each round. */
  readonly states?: Float64Array;
}

/** Where a run's batches go. A sink may keep a batch: the simulation never touches it again. */
export interface RunSink {
  players(batch: PlayerBatch): void;
  rooms(batch: RoomBatch): void;
  ticks(batch: TickBatch): void;
}

/** How player ids are made: serialisable, so that a worker thread can rebuild them. */
export type IdScheme =
  | { readonly kind: 'sequence'; readonly prefix: string }
  | { readonly kind: 'list'; readonly ids: readonly string[] };

export function idLookup(scheme: IdScheme): (index: number) => string {
  if (scheme.kind === 'list') {
    const ids = scheme.ids;
    return (index) => ids[index];
  }
  const prefix = scheme.prefix;
  return (index) => prefix + (index + 1);
}
