import { describe, expect, it } from 'vitest';
import type { Candidate, MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import { guardUserMatcher, UserMatcherError } from '../../../src/engine/pool/user-module.js';

type R = Candidate & { id: number };
const req = (id: number, size = 1): R => ({ id, score: 100, size });

/** A correct first-come pool, with one behaviour replaced. */
function pool(change: Partial<MatchAlgorithm<R>> = {}): MatchAlgorithm<R> {
  const queue: R[] = [];
  const base: MatchAlgorithm<R> = {
    roomSize: 2,
    get size() {
      return queue.length;
    },
    add: (c) => void queue.push(c),
    remove: (c) => {
      const at = queue.indexOf(c);
      if (at < 0) return false;
      queue.splice(at, 1);
      return true;
    },
    match: () => (queue.length >= 2 ? [queue.splice(0, 2)] : []),
    waiting: () => [...queue],
  };
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(change)) as MatchAlgorithm<R>;
}

function breach(inner: MatchAlgorithm<R>, steps: (p: MatchAlgorithm<R>) => void): string {
  const guarded = guardUserMatcher('./mine.mjs', inner);
  try {
    steps(guarded);
  } catch (error) {
    expect(error).toBeInstanceOf(UserMatcherError);
    expect((error as UserMatcherError).code).toBe('E_MODULE');
    return (error as Error).message;
  }
  return 'no breach';
}

describe('a user matcher is held to the MatchAlgorithm contract, and a breach names the module and the call', () => {
  it('lets a correct module through, every call checked', () => {
    const p = guardUserMatcher('./mine.mjs', pool());
    const [a, b, c] = [req(1), req(2), req(3)];
    p.add(a);
    p.add(b);
    p.add(c);
    expect(p.remove(c)).toBe(true);
    expect(p.remove(c)).toBe(false);
    expect(p.size).toBe(2);
    expect(p.waiting()).toEqual([a, b]);
    expect(p.match(1)).toEqual([[a, b]]);
    expect(p.size).toBe(0);
  });

  it('remove: a boolean, true exactly for a request it holds', () => {
    expect(breach(pool({ remove: () => undefined as unknown as boolean }), (p) => (p.add(req(1)), p.remove(req(1))))).toBe(
      './mine.mjs: remove: returned undefined; it must return true (the request was waiting and is taken out) or false (see the MatchAlgorithm contract in the README)',
    );
    expect(breach(pool({ remove: () => true }), (p) => p.remove(req(9)))).toMatch(/^\.\/mine\.mjs: remove: returned true for a request it does not hold/);
    const a = req(1);
    expect(breach(pool({ remove: () => false }), (p) => (p.add(a), p.remove(a)))).toMatch(/remove: returned false for a request it holds/);
  });

  it('match: an array of rooms of requests it holds, each once, each roomSize players', () => {
    expect(breach(pool({ match: () => undefined as unknown as R[][] }), (p) => p.match(3))).toMatch(/^\.\/mine\.mjs: match at t=3: returned undefined; it must return an array of rooms/);
    expect(breach(pool({ match: () => [{} as R[]] }), (p) => p.match(3))).toMatch(/match at t=3: room 1 is an object, not an array of requests/);
    expect(breach(pool({ match: () => [[req(7), req(8)]] }), (p) => p.match(3))).toMatch(/room 1 holds a request the module does not hold/);
    const a = req(1);
    expect(breach(pool({ match: () => [[a, a]] }), (p) => (p.add(a), p.match(3)))).toMatch(/a request is in two places/);
    const [b, c, d] = [req(2), req(3), req(4)];
    expect(breach(pool({ match: () => [[b, c, d]] }), (p) => (p.add(b), p.add(c), p.add(d), p.match(3)))).toMatch(/room 1 has 3 players; a room has exactly roomSize = 2/);
    const party = req(5, 2);
    expect(breach(pool({ match: () => [[party, b]] }), (p) => (p.add(party), p.add(b), p.match(3)))).toMatch(/room 1 has 3 players/);
  });

  it('size and waiting(): the requests added and not matched or removed', () => {
    expect(breach(pool({ get size() { return 5; } }), (p) => p.size)).toMatch(/^\.\/mine\.mjs: size: is 5, but the module holds 0 requests/);
    expect(breach(pool({ get size() { return '0' as unknown as number; } }), (p) => p.size)).toMatch(/size: is a string, but the module holds 0/);
    expect(breach(pool({ waiting: () => [] }), (p) => (p.add(req(1)), p.waiting()))).toMatch(/waiting: lists 0 requests, but the module holds 1 .*; 1 of them missing/);
    const a = req(1);
    expect(breach(pool({ waiting: () => [a, a] }), (p) => (p.add(a), p.waiting()))).toMatch(/waiting: lists a request twice/);
    expect(breach(pool({ waiting: () => 'x' as unknown as R[] }), (p) => p.waiting())).toMatch(/waiting: returned a string; it must return an array/);
  });

  it('an exception in the module names the call', () => {
    expect(breach(pool({ add: () => { throw new Error('full'); } }), (p) => p.add(req(1)))).toBe('./mine.mjs: add: full');
  });
});
