import { describe, expect, it } from 'vitest';
import { backfillSummary } from '../../src/reports/backfill-summary.js';
import type { BackfillStats, PopulationStats } from '../../src/engine/population/population.js';

describe('backfillSummary', () => {
  it('counts requests by outcome, times fills, and shares out short-handed time and empty seats, on a hand-worked run', () => {
    // Three matches of 4 seats: 100 s, 200 s and 100 s long.
    const population = { played: { count: 3, start: Float64Array.from([0, 0, 50]), end: Float64Array.from([100, 200, 150]) } } as PopulationStats;
    const backfill: BackfillStats = {
      // Four requests: filled after 2 s and 6 s, one timed out, one standing.
      requests: {
        room: Int32Array.from([1, 1, 2, 2]),
        openedAt: Float64Array.from([10, 40, 60, 90]),
        closedAt: Float64Array.from([12, 46, 80, Number.NaN]),
        open: Int32Array.from([1, 1, 1, 1]),
        outcome: Int32Array.from([1, 1, 2, 0]),
        joined: Int32Array.from([1, 1, 0, 0]),
      },
      joiners: { request: Int32Array.from([0, 1]), visit: Int32Array.from([5, 6]) },
      // Match 2 lost two players and got two back; match 3 lost one for its last 90 s.
      played: {
        left: Int32Array.from([0, 2, 1]),
        joined: Int32Array.from([0, 2, 0]),
        shortSeconds: Float64Array.from([0, 8, 90]),
        emptySeatSeconds: Float64Array.from([0, 8, 90]),
        leftPlayers: Int32Array.from([1, 2, 3]),
        joinedPlayers: Int32Array.from([7, 8]),
      },
      ghostJoins: 0,
      roomVisits: new Int32Array(12),
    };
    // Visits 5 and 6 joined running matches, waiting 1 s and 3 s; the others waited 2 s, 4 s, ... ; visit 7 was never matched.
    const wait = Float64Array.from([2, 4, 6, 8, 10, 1, 3, Number.NaN]);
    const s = backfillSummary(population, backfill, wait, 4);
    expect(s.matches).toBe(3);
    expect(s.matchesLosingPlayers).toBe(2);
    expect(s.playersLeft).toBe(3);
    expect(s.requests).toEqual({ opened: 4, filled: 2, timedOut: 1, matchEnded: 0, standing: 1 });
    expect(s.playersJoined).toBe(2);
    expect(s.timeToFill.mean).toBe(4);
    expect(s.timeToFill.max).toBe(6);
    // 98 of 400 match-seconds had a seat empty; 98 of 1600 seat-seconds were empty.
    expect(s.shortHandedShare).toBe(0.245);
    expect(s.emptySeatShare).toBe(0.06125);
    expect(s.waits.joined.mean).toBe(2);
    expect(s.waits.newMatches.mean).toBe(6);
    expect(s.waits.newMatches.max).toBe(10);
  });

  it('has no shares without played time', () => {
    const population = { played: { count: 0, start: new Float64Array(0), end: new Float64Array(0) } } as PopulationStats;
    const empty = new Int32Array(0);
    const none = new Float64Array(0);
    const backfill: BackfillStats = {
      requests: { room: empty, openedAt: none, closedAt: none, open: empty, outcome: empty, joined: empty },
      joiners: { request: empty, visit: empty },
      played: { left: empty, joined: empty, shortSeconds: none, emptySeatSeconds: none, leftPlayers: empty, joinedPlayers: empty },
      ghostJoins: 0,
      roomVisits: empty,
    };
    const s = backfillSummary(population, backfill, none, 4);
    expect(s.shortHandedShare).toBeNull();
    expect(s.timeToFill.p50).toBeNull();
  });
});
