import { describe, expect, it } from 'vitest';
import { backfillSummary, sessionBackfillSummary, streamBackfillSummary } from '../../src/reports/backfill-summary.js';
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

describe('sessionBackfillSummary', () => {
  it('counts sessions formed short, made full and still short, and the time with places open over their backfill windows, on a hand-worked run', () => {
    // Seats 4, a 60 s window. Session 0 formed full at 0 s; session 1 formed with 2 at 10 s, got 1 at 25 s and 1 at 40 s;
    // session 2 formed with 3 at 100 s and got nobody (its request timed out); the run ended at 130 s.
    const stats = {
      requests: {
        room: Int32Array.from([1, 1, 2]),
        openedAt: Float64Array.from([20, 25, 110]),
        closedAt: Float64Array.from([25, 40, 130]),
        open: Int32Array.from([2, 1, 1]),
        outcome: Int32Array.from([1, 1, 2]),
        joined: Int32Array.from([1, 1, 0]),
      },
      joiners: { request: Int32Array.from([0, 1]), visit: Int32Array.from([9, 10]) },
      sessions: { room: Int32Array.from([0, 1, 2]), formedAt: Float64Array.from([0, 10, 100]), startPlayers: Int32Array.from([4, 2, 3]), finalPlayers: Int32Array.from([4, 4, 3]), fullAt: Float64Array.from([Number.NaN, 40, Number.NaN]), members: new Int32Array(9) },
      seats: 4,
      window: 60,
    };
    const wait = new Float64Array(11).fill(1);
    wait[9] = 3;
    wait[10] = 5;
    const s = sessionBackfillSummary(stats, wait, 130);
    expect(s.sessions).toEqual({ formed: 3, formedShort: 2, formedShortShare: 0.666667, filledToFull: 1, stillShort: 1, stillShortShare: 0.333333 });
    expect(s.playersPerSession).toEqual({ atStart: 3, final: 3.666667 });
    expect(s.timeToFull.p50).toBe(30);
    expect(s.requests).toEqual({ opened: 3, filled: 2, timedOut: 1, matchEnded: 0, standing: 0 });
    expect(s.timeToFill.mean).toBe(10);
    // Windows: 60 + 60 + 30 (cut by the run's end) = 150 s. Session 1 had a place open from 10 s to 40 s (30 s), session 2 for all its 30 s.
    expect(s.shortHandedShare).toBe(0.4);
    // Open seat-seconds: session 1, 2 x 15 + 1 x 15 = 45; session 2, 1 x 30: 75 of 600.
    expect(s.emptySeatShare).toBe(0.125);
    expect(s.waits.joined.mean).toBe(4);
  });
});

describe('streamBackfillSummary', () => {
  it('counts a stream\'s requests by outcome and the share filled', () => {
    const stats = {
      requests: { room: Int32Array.from([0, 1, 2, 3]), openedAt: Float64Array.from([0, 5, 10, 15]), closedAt: Float64Array.from([2, 25, 16, Number.NaN]), open: Int32Array.from([1, 2, 1, 1]), outcome: Int32Array.from([1, 2, 1, 0]), joined: Int32Array.from([1, 0, 1, 0]) },
      joiners: { request: Int32Array.from([0, 2]), visit: Int32Array.from([0, 1]) },
    };
    const s = streamBackfillSummary(stats, 0.5, Float64Array.from([2, 6, 1, 3]));
    expect(s.stream).toEqual({ rate: 0.5 });
    expect(s.requests).toEqual({ opened: 4, filled: 2, timedOut: 1, matchEnded: 0, standing: 1 });
    expect(s.filledShare).toBe(0.5);
    expect(s.timeToFill.mean).toBe(4);
    expect(s.waits.joined.mean).toBe(4);
    expect(s.waits.newMatches.mean).toBe(2);
  });
});
