/** What a pool needs to know of a request: its score, and how many players it brings. Everything else rides along untouched. */
export interface Candidate {
  readonly score: number;
  /**
   * Players in the request: a party queues as one request and is never split.
   * Absent means 1. For a party, `score` is the party's score (matchsim uses
   * the mean of its members, or their maximum).
   */
  readonly size?: number;
}

/**
 * A test a pool puts to a group before it forms a room of it, besides its own
 * rules: the group's requests and their waits in seconds, in the same order
 * (a latency cap of the room as a whole, in one data centre's pool).
 */
export type RoomCondition<T> = (members: readonly T[], ages: readonly number[]) => boolean;

/** Players a request brings. */
export function requestSize(candidate: Candidate): number {
  return candidate.size ?? 1;
}

/**
 * A match pool as a production worker uses it: requests are added as they
 * are drained from the queue, and match() is called once per worker round.
 * It knows nothing of scenarios, recorders or files.
 */
export interface MatchAlgorithm<T extends Candidate> {
  /** Players per room (not requests: a party of 2 fills two places); with smallestRoom, the most a room holds. */
  readonly roomSize: number;
  /** Rooms hold from this many players up to roomSize; absent: each room holds exactly roomSize. */
  readonly smallestRoom?: number;
  /**
   * True when the algorithm takes requests of several players (parties) and
   * fills each room (roomSize players, or smallestRoom up to roomSize) without splitting one.
   * Absent or false: every request must be a single player.
   */
  readonly parties?: boolean;
  /** Requests waiting, including those added since the last round. */
  readonly size: number;
  /** Adds a request; it joins the pool with a waiting time of zero rounds. */
  add(candidate: T): void;
  /** Takes a waiting request out of the pool (a cancelled ticket); false if it is not waiting. */
  remove(candidate: T): boolean;
  /** Runs one matching round and returns the rooms it formed, in creation order, members in room order. */
  match(now: number): T[][];
  /** The requests still waiting, in pool order. */
  waiting(): T[];
}

/**
 * A pool that can also let one request try on its own, for a service that
 * retries each request after a delay (seed 004's delayed events) instead of
 * matching the whole pool once a round.
 */
export interface SingleRequestMatching<T extends Candidate> {
  /** Tries to form a room around `candidate` with the window of `waitSeconds` of waiting; its members leave the pool. */
  matchOne(candidate: T, waitSeconds: number): T[] | undefined;
}

/** True when a pool can let one request try on its own (it offers matchOne). */
export function matchesOne<T extends Candidate>(pool: MatchAlgorithm<T>): pool is MatchAlgorithm<T> & SingleRequestMatching<T> {
  return typeof (pool as Partial<SingleRequestMatching<T>>).matchOne === 'function';
}
