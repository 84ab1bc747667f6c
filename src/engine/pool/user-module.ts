import { MatchsimError } from '../../errors.js';
import { matchesOne, requestSize, type Candidate, type MatchAlgorithm, type SingleRequestMatching } from './match-algorithm.js';
import type { PoolClock } from './clock.js';
import type { TicketSlots } from '../ticket/ticket-slots.js';
import type { WindowPolicy } from './window.js';
import type { LatencyCapSpec } from './latency-cap.js';
import type { Match, MatchForming } from './match.js';

/** What a matcher module's createMatcher is given besides its own options. */
export interface MatcherContext {
  readonly roomSize: number;
  /** Seconds between worker rounds. */
  readonly tickSeconds: number;
  /** The scenario's window policy (matcher.window, or linear at windowGrowth), for window-based matchers. */
  readonly window: WindowPolicy;
  /** The scenario has parties: requests may bring several players (Candidate.size), and the matcher must declare parties: true. */
  readonly parties: boolean;
  /**
   * Whose time waiting follows (matcher.clock): stamp a request when it is
   * added (`clock.stamp(request, round)`), read the clock once a round
   * (`clock.reading(round, now)`), and a request's wait in seconds is
   * `clock.age(stamp, reading)`: rounds, or seconds since it was queued.
   */
  readonly clock: PoolClock<Candidate>;
  /** The run's tickets, by slot: `tickets.table` holds each ticket's queue time, attributes, latency and roles as columns; `tickets.slot(request)` is a request's row. */
  readonly tickets?: TicketSlots<Candidate>;
  /**
   * The run's data centres (latency.dataCentres; empty without). A module
   * that places rooms returns matches from matches(now), each naming its
   * dataCentre; one that names none has each room placed at the best data
   * centre all its players have a round trip to. Round trips are the columns
   * tickets.table.latency, in this order (NaN: none measured).
   */
  readonly dataCentres: readonly string[];
  /** The matcher's latency setting, for a module that honours it (matchsim checks only that every player has a round trip to the data centre named). */
  readonly latency?: LatencyCapSpec;
}

/** The contract of a matcher module: `export function createMatcher(options, context) { return new MyPool(...) }`. */
export type CreateMatcher = (options: Readonly<Record<string, unknown>>, context: MatcherContext) => MatchAlgorithm<Candidate>;

/** Raised when a user's matcher throws: says which module and when. */
export class UserMatcherError extends MatchsimError {
  constructor(
    readonly module: string,
    readonly where: string,
    cause: unknown,
  ) {
    super('E_MODULE', `${module}: ${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Wraps a user's algorithm so that an exception, or a breach of the
 * MatchAlgorithm contract, names the module and the call (add, remove, or
 * match at which time) instead of surfacing as a bug of the simulator or a
 * broken account of players. The wrapper keeps its own set of the requests
 * the module holds, and checks every answer against it:
 * - remove returns a boolean: true exactly when the request was held;
 * - match returns an array of rooms, each an array of requests the module
 *   holds, none twice, with exactly roomSize players (a party counts its size);
 * - size is the number of requests held; waiting() lists exactly those.
 */
export function guardUserMatcher<T extends Candidate>(module: string, inner: MatchAlgorithm<T>): MatchAlgorithm<T> & Partial<SingleRequestMatching<T>> {
  const held = new Set<T>();
  const guard = <R>(where: string, call: () => R): R => {
    try {
      return call();
    } catch (error) {
      throw new UserMatcherError(module, where, error);
    }
  };
  const breach = (where: string, what: string) => new UserMatcherError(module, where, `${what} (see the MatchAlgorithm contract in the README)`);
  const describe = (x: unknown) => (x === null ? 'null' : Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : typeof x === 'string' ? 'a string' : String(x));
  const roomSize = inner.roomSize;
  /** Checks rooms a call returned against the requests held, then lets their members go. */
  const seat = (where: string, rooms: readonly T[][]): void => {
    const seated = new Set<T>();
    rooms.forEach((room, r) => {
      if (!Array.isArray(room)) throw breach(where, `room ${r + 1} is ${describe(room)}, not an array of requests`);
      let players = 0;
      for (const member of room) {
        if (!held.has(member)) throw breach(where, `room ${r + 1} holds a request the module does not hold (never added, already matched, or removed)`);
        if (seated.has(member)) throw breach(where, `a request is in two places in the rooms returned`);
        seated.add(member);
        players += requestSize(member);
      }
      if (players !== roomSize) throw breach(where, `room ${r + 1} has ${players} players; a room has exactly roomSize = ${roomSize}`);
    });
    for (const member of seated) held.delete(member);
  };
  // Offered only when the module offers it: the retry service asks for it.
  const matchOne: Partial<SingleRequestMatching<T>> = matchesOne(inner)
      ? {
          matchOne: (candidate, waitSeconds) => {
            const where = `matchOne at a wait of ${waitSeconds} s`;
            if (!held.has(candidate)) throw breach(where, 'was asked about a request it does not hold');
            const room = guard(where, () => inner.matchOne(candidate, waitSeconds));
            if (room === undefined) return undefined;
            if (!Array.isArray(room)) throw breach(where, `returned ${describe(room)}; it must return a room (an array of requests) or undefined`);
            if (!room.includes(candidate)) throw breach(where, 'returned a room without the request it was asked about');
            seat(where, [room]);
            return room;
          },
        }
      : {};
  // Offered only when the module offers it: a module that places its rooms (or deals teams) returns matches.
  const forming = inner as MatchAlgorithm<T> & Partial<MatchForming<T>>;
  const matches: Partial<MatchForming<T>> =
    typeof forming.matches === 'function'
      ? {
          matches: (now) => {
            const where = `matches at t=${now}`;
            const made = guard(where, () => (forming.matches as (now: number) => Match<T>[])(now));
            if (!Array.isArray(made)) throw breach(where, `returned ${describe(made)}; it must return an array of matches, each {tickets, dataCentre?}`);
            made.forEach((m, i) => {
              if (typeof m !== 'object' || m === null || !Array.isArray(m.tickets)) throw breach(where, `match ${i + 1} is ${describe(m)}, not {tickets: [requests], ...}`);
              if (m.dataCentre !== undefined && typeof m.dataCentre !== 'string') throw breach(where, `match ${i + 1} names a dataCentre that is ${describe(m.dataCentre)}, not a string`);
              if (m.rosters !== undefined) throw breach(where, `match ${i + 1} has rosters: a module's matches do not deal teams yet`);
            });
            seat(where, made.map((m) => m.tickets as T[]));
            return made.map((m) => (m.dataCentre === undefined ? { tickets: m.tickets } : { tickets: m.tickets, dataCentre: m.dataCentre }));
          },
        }
      : {};
  return {
    ...matchOne,
    ...matches,
    get roomSize() {
      return roomSize;
    },
    get parties() {
      return inner.parties;
    },
    get size() {
      const size = guard('size', () => inner.size);
      if (size !== held.size) throw breach('size', `is ${describe(size)}, but the module holds ${held.size} requests (added, and not matched or removed)`);
      return size;
    },
    add: (c) => {
      guard('add', () => inner.add(c));
      held.add(c);
    },
    remove: (c) => {
      const removed = guard('remove', () => inner.remove(c));
      if (typeof removed !== 'boolean') throw breach('remove', `returned ${describe(removed)}; it must return true (the request was waiting and is taken out) or false`);
      if (removed !== held.has(c)) throw breach('remove', `returned ${removed} for a request it ${held.has(c) ? 'holds' : 'does not hold'}`);
      held.delete(c);
      return removed;
    },
    match: (now) => {
      const where = `match at t=${now}`;
      const rooms = guard(where, () => inner.match(now));
      if (!Array.isArray(rooms)) throw breach(where, `returned ${describe(rooms)}; it must return an array of rooms, each an array of requests`);
      seat(where, rooms);
      return rooms;
    },
    waiting: () => {
      const waiting = guard('waiting', () => inner.waiting());
      if (!Array.isArray(waiting)) throw breach('waiting', `returned ${describe(waiting)}; it must return an array of the requests waiting`);
      const listed = new Set(waiting);
      if (listed.size !== waiting.length) throw breach('waiting', 'lists a request twice');
      const missing = held.size - waiting.filter((w) => held.has(w)).length;
      if (listed.size !== held.size || missing > 0) {
        throw breach('waiting', `lists ${waiting.length} requests, but the module holds ${held.size} (added, and not matched or removed)${missing > 0 ? `; ${missing} of them missing` : ''}`);
      }
      return waiting;
    },
  };
}
