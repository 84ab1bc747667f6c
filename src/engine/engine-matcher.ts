import type { PoolSpec } from './pool/filters.js';
import type { MatchAlgorithm } from './pool/match-algorithm.js';
import type { AttributedCandidate } from './pool/partitioned-pool.js';
import type { TicketSlots } from './ticket/ticket-slots.js';

/** How the match service drives the pool: a worker round every tick (the reference server), or each request retrying on its own delayed events. */
export type ServiceSettings = { readonly type: 'rounds' } | { readonly type: 'retry'; readonly delay: number };

/**
 * The matcher as the engine runs it: what it needs to drive a pool, and a
 * factory for the pool itself. The caller builds it (matchsim's algorithm
 * registry does, with engineMatcher), so that the engine knows no algorithm
 * and imports nothing above it.
 */
export interface EngineMatcher {
  /** Players per room; with smallestRoom, the most a room holds. */
  readonly roomSize: number;
  /** Rooms hold from this many players up to roomSize (FlexMatch's teams between minPlayers and maxPlayers); absent: every room holds roomSize. */
  readonly smallestRoom?: number;
  readonly service: ServiceSettings;
  /** Pools by attribute filters: each request goes to the first whose filters it meets. */
  readonly pools?: readonly PoolSpec[];
  /** With rooms dealt into teams: their shape, for the team figures (gap, favourite's chance). */
  readonly teams?: { readonly count: number; readonly size: number; readonly eloScale?: number };
  /** Without team figures: the pool still gives each match's rosters (FlexMatch's teams), and each player's team is recorded (players.csv). */
  readonly rostered?: boolean;
  /** The pool's matches say which step each of its this many expansions had reached (FlexMatch's), for rooms.csv; absent: none. */
  readonly expansions?: number;
  /** The service gives a request up this many seconds after it was made (its arrival), unmatched (FlexMatch's requestTimeoutSeconds); absent: never. */
  readonly requestTimeout?: number;
  /** A user's module the pool comes from, named in an error it causes. */
  readonly moduleName?: string;
  /** A fresh pool, for a worker that runs a round every `tickSeconds`, seeing each request's ticket by its slot in the run's ticket table. */
  readonly createPool: <T extends AttributedCandidate>(tickSeconds: number, tickets: TicketSlots<T>) => MatchAlgorithm<T>;
}
