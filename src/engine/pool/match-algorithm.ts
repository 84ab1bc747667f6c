/** What a pool needs to know of a request: its score. Everything else rides along untouched. */
export interface Candidate {
  readonly score: number;
}

/**
 * A match pool as a production worker uses it: requests are added as they
 * are drained from the queue, and match() is called once per worker round.
 * It knows nothing of scenarios, recorders or files.
 */
export interface MatchAlgorithm<T extends Candidate> {
  readonly roomSize: number;
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
