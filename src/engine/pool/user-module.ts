import type { Candidate, MatchAlgorithm } from './match-algorithm.js';
import type { WindowPolicy } from './window.js';

/** What a matcher module's createMatcher is given besides its own options. */
export interface MatcherContext {
  readonly roomSize: number;
  /** Seconds between worker rounds. */
  readonly tickSeconds: number;
  /** The scenario's window policy (matcher.window, or linear at windowGrowth), for window-based matchers. */
  readonly window: WindowPolicy;
  /** The scenario has parties: requests may bring several players (Candidate.size), and the matcher must declare parties: true. */
  readonly parties: boolean;
}

/** The contract of a matcher module: `export function createMatcher(options, context) { return new MyPool(...) }`. */
export type CreateMatcher = (options: Readonly<Record<string, unknown>>, context: MatcherContext) => MatchAlgorithm<Candidate>;

/** Raised when a user's matcher throws: says which module and when. */
export class UserMatcherError extends Error {
  constructor(
    readonly module: string,
    readonly where: string,
    cause: unknown,
  ) {
    super(`${module}: ${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UserMatcherError';
  }
}

/**
 * Wraps a user's algorithm so that an exception names the module and the
 * call (add, remove, or match at which time) instead of surfacing as a bug
 * of the simulator.
 */
export function guardUserMatcher<T extends Candidate>(module: string, inner: MatchAlgorithm<T>): MatchAlgorithm<T> {
  const guard = <R>(where: string, call: () => R): R => {
    try {
      return call();
    } catch (error) {
      throw new UserMatcherError(module, where, error);
    }
  };
  return {
    get roomSize() {
      return inner.roomSize;
    },
    get parties() {
      return inner.parties;
    },
    get size() {
      return guard('size', () => inner.size);
    },
    add: (c) => guard('add', () => inner.add(c)),
    remove: (c) => guard('remove', () => inner.remove(c)),
    match: (now) => guard(`match at t=${now}`, () => inner.match(now)),
    waiting: () => guard('waiting', () => inner.waiting()),
  };
}
