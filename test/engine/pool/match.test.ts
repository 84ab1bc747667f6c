import { describe, expect, it } from 'vitest';
import { AnchorPool } from '../../../src/engine/pool/anchor-pool.js';
import { checkConformance, type TestCandidate } from '../../../src/engine/pool/conformance.js';
import type { MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import { roundMatches, singleMatch, ticketTeams, type Match } from '../../../src/engine/pool/match.js';
import { linearWindow } from '../../../src/engine/pool/window.js';

const request = (score: number) => ({ score });

describe('matches', () => {
  it("are what a pool that forms rooms forms, its rooms taken as matches of their tickets (today's contract)", () => {
    const rooms = [[request(1), request(2)]];
    const legacy = { roomSize: 2, size: 0, add: () => {}, remove: () => false, match: () => rooms, waiting: () => [] } satisfies MatchAlgorithm<{ score: number }>;
    expect(roundMatches(legacy, 0)).toEqual([{ tickets: rooms[0] }]);
    const single = { matchOne: (c: { score: number }) => [c, request(9)] };
    expect(singleMatch(single, request(3), 0)?.tickets.map((t) => t.score)).toEqual([3, 9]);
  });

  it('of teams carry their rosters as dealt, the tickets team by team, each ticket on the roster that holds it', () => {
    const pool = new AnchorPool<{ score: number }>({ roomSize: 4, window: linearWindow(1000), roundSeconds: 1, teams: { shape: { count: 2, size: 2 }, balance: 'greedy' } });
    for (const score of [1600, 1400, 1200, 1000]) pool.add(request(score));
    expect(pool.matches(0)).toEqual([]);
    const [match] = pool.matches(1) as Match<{ score: number }>[];
    expect(match.rosters?.map((r) => r.map((t) => t.score))).toEqual([[1600, 1000], [1400, 1200]]);
    expect(match.tickets).toEqual(match.rosters?.flat());
    expect(ticketTeams(match)).toEqual([0, 0, 1, 1]);
    expect(ticketTeams({ tickets: match.tickets })).toBeUndefined();
    expect(() => ticketTeams({ tickets: match.tickets, rosters: [match.tickets.slice(0, 3)] })).toThrow('a match lists a ticket on no roster');
  });

  it('are held to their rosters by the conformance check', () => {
    const make = (): MatchAlgorithm<TestCandidate> & { matches(now: number): Match<TestCandidate>[] } => {
      const inner = new AnchorPool<TestCandidate>({ roomSize: 2, window: linearWindow(1e9), roundSeconds: 1 });
      return Object.assign(Object.create(inner) as AnchorPool<TestCandidate>, {
        // Rosters that leave a ticket out.
        matches: (now: number) => inner.matches(now).map((m) => ({ ...m, rosters: [m.tickets.slice(0, 1)] })),
      });
    };
    expect(checkConformance(make, { traces: 2 }).some((v) => v.includes('rosters do not hold each of its tickets once'))).toBe(true);
  });
});
