import type { IdScheme } from '../engine/records.js';
import type { AttributeDeclaration } from '../engine/ticket/attribute-kinds.js';

/** What the formatter needs to know of a run: serialisable, so a worker thread can be given it. */
export interface TableContext {
  readonly ids: IdScheme;
  readonly roomSize: number;
  /** Names of matcher.pools, for the pool column; empty without pools. */
  readonly pools: readonly string[];
  /** Players per team, when rooms are of teams (listed team by team). */
  readonly teams?: { readonly count: number; readonly size: number };
  /** Without teams: the name of each roster a match gives, in order (a FlexMatch rule set's teams): players.csv's team column holds the name. */
  readonly teamNames?: readonly string[];
  /** The pool's expansions whose step each room records (a FlexMatch rule set's targets, in order): rooms.csv gets a column expansion_<k>_step for each. */
  readonly expansions?: readonly string[];
  /** The run has parties: players.csv gets a party column. */
  readonly parties?: boolean;
  /** The run is of a population: requests are visits (visits.csv, with their player), and the timeline counts players by state. */
  readonly population?: boolean;
  /** The attributes the players carry, as declared: players.csv gets a column attr_<name> for each, in this order. */
  readonly attributes?: readonly AttributeDeclaration[];
  /** What the arrivals' source recorded of each ticket (a replayed log's observed wait): players.csv gets a column observed_<name> for each. */
  readonly recorded?: readonly string[];
  /** The scenario's data centres (latency.dataCentres): players.csv gets each player's best latency. */
  readonly dataCentres?: readonly string[];
  /** The run's roles (role queues), in order: players.csv gets the roles each player queued for and the one it played. */
  readonly roles?: readonly string[];
}

/** A population's player id: its index from 1, as p1, p2, ... */
export function populationPlayerId(index: number): string {
  return 'p' + (index + 1);
}
