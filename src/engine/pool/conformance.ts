import seedrandom from 'seedrandom';
import type { Attributes } from './filters.js';
import { requestSize, type Candidate, type MatchAlgorithm } from './match-algorithm.js';
import { roundMatches, type Match } from './match.js';

/** What the conformance check feeds an algorithm: plain, frozen requests. */
export interface TestCandidate extends Candidate {
  readonly id: string;
  readonly attributes?: Attributes;
}

export interface ConformanceOptions {
  /** Random traces to run (default 50). */
  readonly traces?: number;
  /** Rounds per trace (default 60). */
  readonly rounds?: number;
  /** Attributes to give requests, e.g. for pooled algorithms (drawn per request). */
  readonly attributes?: (draw: () => number) => Attributes | undefined;
  /**
   * For an algorithm that declares parties: the largest party to send (default
   * min(3, roomSize)); requests are parties of 1 to this many players, half of
   * them single. Algorithms without parties get single players only.
   */
  readonly largestParty?: number;
  /** An algorithm's own rule for a room it formed at `round`, given when each member joined; a message when broken. */
  readonly checkRoom?: (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) => string | undefined;
}

/**
 * Checks that a match algorithm keeps the MatchAlgorithm contract on random
 * traces, and returns every violation found (none: conforms): no request in
 * two rooms, none after its removal, rooms of exactly roomSize players (or
 * smallestRoom to roomSize, when it declares smallestRoom)
 * (parties whole, when it declares parties), waiting() and size kept up to
 * date, its own rule for rooms (checkRoom) kept, the same rooms from the same
 * input, and frozen inputs left alone. It does not
 * depend on a test framework, so an algorithm of your own can be checked from
 * any: `expect(checkConformance(() => new MyPool())).toEqual([])`.
 */
export function checkConformance(make: () => MatchAlgorithm<TestCandidate>, options: ConformanceOptions = {}): string[] {
  const violations: string[] = [];
  const traces = options.traces ?? 50;
  for (let t = 0; t < traces && violations.length < 20; t++) {
    const first = runTrace(make(), t, options, violations);
    const second = runTrace(make(), t, options, []);
    if (JSON.stringify(first) !== JSON.stringify(second)) violations.push(`trace ${t}: two runs on the same input formed different rooms`);
  }
  return violations;
}

/** Runs one random trace and returns the rooms it formed (ids), recording violations. */
function runTrace(pool: MatchAlgorithm<TestCandidate>, trace: number, options: ConformanceOptions, violations: string[]): string[][][] {
  const rng = seedrandom.alea(`conformance:${trace}`);
  const rounds = options.rounds ?? 60;
  const scoreRange = [10, 200, 3000][trace % 3];
  const largestParty = pool.parties === true ? (options.largestParty ?? Math.min(3, pool.roomSize)) : 1;
  const partySize = (): number => (largestParty === 1 || rng() < 0.5 ? 1 : 1 + Math.ceil(rng() * (largestParty - 1)));
  const waiting = new Map<string, TestCandidate>();
  const joinedAt = new Map<string, number>();
  const matched = new Set<string>();
  const removed = new Set<string>();
  const out: string[][][] = [];
  let next = 0;
  const fail = (message: string) => violations.push(`trace ${trace}: ${message}`);
  /** Calls into the algorithm; an exception is a violation (frozen inputs make a mutation throw). */
  const attempt = <R>(what: string, round: number, call: () => R): { ok: true; value: R } | { ok: false } => {
    try {
      return { ok: true, value: call() };
    } catch (error) {
      fail(`${what} threw at round ${round}: ${(error as Error).message}`);
      return { ok: false };
    }
  };
  for (let round = 0; round < rounds; round++) {
    const arrivals = Math.floor(rng() * 6);
    for (let a = 0; a < arrivals; a++) {
      const id = `c${next++}`;
      const size = partySize();
      const candidate: TestCandidate = Object.freeze({
        id,
        score: Math.floor(rng() * scoreRange),
        ...(size > 1 ? { size } : {}),
        ...(options.attributes ? { attributes: Object.freeze(options.attributes(rng)) } : {}),
      });
      if (!attempt('add', round, () => pool.add(candidate)).ok) return out;
      waiting.set(id, candidate);
      joinedAt.set(id, round);
    }
    if (rng() < 0.2 && waiting.size > 0) {
      // Withdraw a waiting request, as a cancelled ticket.
      const ids = [...waiting.keys()];
      const victim = waiting.get(ids[Math.floor(rng() * ids.length)]) as TestCandidate;
      const removal = attempt('remove', round, () => pool.remove(victim));
      if (!removal.ok) return out;
      if (!removal.value) fail(`remove(${victim.id}) of a waiting request returned false`);
      waiting.delete(victim.id);
      removed.add(victim.id);
    }
    // A pool that forms matches is held to them (rosters and all); one that forms rooms, to its rooms.
    const matching = attempt('match', round, () => roundMatches(pool, round));
    if (!matching.ok) return out;
    const rooms = matching.value.map((m) => m.tickets);
    out.push(rooms.map((room) => room.map((c) => c.id)));
    for (const m of matching.value) {
      const problem = rosterProblem(m);
      if (problem) fail(`round ${round}: ${problem}`);
    }
    for (const room of rooms) {
      const players = room.reduce((n, c) => n + requestSize(c), 0);
      const smallest = pool.smallestRoom ?? pool.roomSize;
      if (players > pool.roomSize || players < smallest) fail(`a room of ${players} players at round ${round}, rooms hold ${smallest === pool.roomSize ? `roomSize, ${pool.roomSize}` : `${smallest} to ${pool.roomSize}`}`);
      for (const c of room) {
        if (matched.has(c.id)) fail(`${c.id} matched twice`);
        if (removed.has(c.id)) fail(`${c.id} matched after it was removed`);
        if (!waiting.has(c.id) && !matched.has(c.id) && !removed.has(c.id)) fail(`${c.id} was never added`);
        matched.add(c.id);
        waiting.delete(c.id);
      }
      const problem = options.checkRoom?.(room, round, joinedAt);
      if (problem) fail(`round ${round}: ${problem}`);
    }
    const left = pool.waiting().map((c) => c.id).sort();
    const expected = [...waiting.keys()].sort();
    if (JSON.stringify(left) !== JSON.stringify(expected)) fail(`after round ${round}, waiting() holds ${left.length} requests, expected ${expected.length}`);
    if (pool.size !== expected.length) fail(`after round ${round}, size is ${pool.size}, expected ${expected.length}`);
  }
  return out;
}

/** What is wrong with a match's rosters: each ticket on exactly one, and the tickets team by team in roster order. */
function rosterProblem(match: Match<TestCandidate>): string | undefined {
  if (match.rosters === undefined) return undefined;
  const onRosters = match.rosters.flat();
  if (onRosters.length !== match.tickets.length || new Set(onRosters).size !== onRosters.length) return 'a match whose rosters do not hold each of its tickets once';
  if (onRosters.some((ticket, i) => ticket !== match.tickets[i])) return "a match whose tickets are not its rosters' tickets, team by team";
  return undefined;
}
