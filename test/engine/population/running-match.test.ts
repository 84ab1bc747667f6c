import { describe, expect, it } from 'vitest';
import { BackfillLog, RunningMatch } from '../../../src/engine/population/running-match.js';

// Visit v's skill, for the hand-worked cases: visits 0..3 started, 4 and 5 join.
const skills = [1000, 1200, 1100, 1100, 1400, 900];
const skillOf = (visit: number): number => skills[visit];

describe('RunningMatch', () => {
  it('works out each side from its seats over time: the mean skill of who sat there, less missingPlayer points per player short on average', () => {
    // Two sides of two, from 0 to 100 s. Visit 1 (side 1) leaves at 20 s; visit 4 takes its seat at 50 s.
    const match = new RunningMatch(7, 0, 100, [0, 1, 2, 3], 2);
    match.vacate(1, 20, skillOf);
    expect(match.empty).toBe(1);
    expect(match.emptySeat()).toBe(1);
    match.fill(1, 4, 50, skillOf);
    expect(match.empty).toBe(0);
    const strengths = [0, 0];
    match.finish(skillOf, 200, strengths);
    // Side 1: seat 0 is 1000 for 100 s; seat 1 is 1200 for 20 s, empty 30 s, 1400 for 50 s.
    // Mean over 170 present seconds: (100000 + 24000 + 70000) / 170; short 30 seat-seconds of 100: 0.3 players, 60 points.
    expect(strengths[0]).toBeCloseTo(194000 / 170 - 60, 9);
    expect(strengths[1]).toBe(1100);
    expect(match.shortSeconds).toBe(30);
    expect(match.emptySeatSeconds()).toBe(30);
    expect(match.changed).toBe(true);
  });

  it('counts a stretch with any seat empty once, however many seats are empty, and to the end when nobody fills them', () => {
    const match = new RunningMatch(0, 10, 110, [0, 1, 2, 3], 2);
    match.vacate(0, 30, skillOf);
    match.vacate(3, 40, skillOf);
    match.fill(0, 5, 60, skillOf);
    // Seat 3 stays empty from 40 s to the end at 110 s.
    const strengths = [0, 0];
    match.finish(skillOf, 100, strengths);
    expect(match.shortSeconds).toBe(110 - 30);
    expect(match.emptySeatSeconds()).toBe(30 + 70);
    // Side 1: 1000 x 20 s + 900 x 50 s + 1200 x 100 s over 170 s, short 30 of 100 s; side 2: 1100 over 130 s, short 70.
    expect(strengths[0]).toBeCloseTo((20000 + 45000 + 120000) / 170 - 30, 9);
    expect(strengths[1]).toBeCloseTo(1100 - 70, 9);
  });

  it('refuses a second occupant for a seat and a second leave from an empty one: a slot is filled at most once at a time', () => {
    const match = new RunningMatch(3, 0, 100, [0, 1], 1);
    expect(() => match.fill(0, 4, 5, skillOf)).toThrow(/seat 0 is taken/);
    match.vacate(0, 5, skillOf);
    expect(() => match.vacate(0, 6, skillOf)).toThrow(/already empty/);
    expect(match.seatsOf(1, 1)).toEqual([1]);
  });
});

describe('RunningMatch with role queues', () => {
  it("asks for the roles of its empty seats, and seats a joiner in one of its role", () => {
    const match = new RunningMatch(0, 0, 100, [0, 1, 2, 3], 2);
    match.seatRoles = ['tank', 'damage', 'tank', 'damage'];
    expect(match.openRoles()).toEqual([]);
    match.vacate(1, 10, skillOf);
    match.vacate(2, 10, skillOf);
    expect(match.openRoles()).toEqual(['damage', 'tank']);
    expect(match.emptySeat('tank')).toBe(2);
    expect(match.emptySeat('damage')).toBe(1);
    expect(match.emptySeat('support')).toBe(-1);
    expect(match.emptySeat()).toBe(1);
    // A seat whose player played no role takes anyone: the request names none.
    match.seatRoles = ['tank', undefined, 'tank', 'damage'];
    expect(match.openRoles()).toBeUndefined();
  });
});

describe('BackfillLog', () => {
  it('numbers requests as opened and closes each once, with its joiners', () => {
    const log = new BackfillLog();
    expect(log.opened(4, 10, 2)).toBe(0);
    expect(log.opened(5, 11, 1)).toBe(1);
    log.closed(1, 12, 'timedOut', []);
    log.closed(0, 13, 'filled', [8, 9]);
    expect(Array.from(log.outcome.view())).toEqual([1, 2]);
    expect(Array.from(log.joined.view())).toEqual([2, 0]);
    expect(Array.from(log.joinerVisit.view())).toEqual([8, 9]);
    expect(() => log.closed(0, 14, 'matchEnded', [])).toThrow(/closed twice/);
  });
});
