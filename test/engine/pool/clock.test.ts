import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, REGISTRY, createMatchAlgorithm, engineMatcher, type MatcherSettings } from '../../../src/algorithms/registry.js';
import type { ArrivalSlot, ArrivalSource } from '../../../src/engine/arrival-source.js';
import { PoolClock } from '../../../src/engine/pool/clock.js';
import { TicketTable } from '../../../src/engine/ticket/ticket-table.js';
import type { RunModule } from '../../../src/engine/run/run-module.js';
import { RUN_MODULES } from '../../../src/engine/run/run-modules.js';
import { simulate, type SimulationConfig } from '../../../src/engine/simulation.js';

interface Req {
  readonly score: number;
  readonly id: number;
  readonly queuedAt: number;
}

function settingsFor(algorithm: string, clock: 'rounds' | 'seconds'): MatcherSettings {
  const base = { algorithm, roomSize: 2, window: { type: 'linear' as const, growth: 10 }, clock };
  if (algorithm === 'teams') return { ...base, teams: { count: 2, size: 1, balance: 'snake' } };
  if (algorithm === 'profiles') return { ...base, profiles: [{ name: 'all' }], evaluator: { waitWeight: 10 } };
  return base;
}

describe('PoolClock', () => {
  it('rounds: the age is rounds waited times the round, bit for bit as the pools computed it before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), fc.double({ min: 0.001, max: 1000, noNaN: true }), (joined, later, roundSeconds) => {
        const clock = PoolClock.rounds<Req>(roundSeconds);
        const stamp = clock.stamp({ score: 0, id: 0, queuedAt: 123 }, joined);
        const round = joined + later;
        expect(clock.age(stamp, clock.reading(round, 99999))).toBe((round - joined) * roundSeconds);
      }),
    );
  });

  it('seconds: the age is now minus the queue time, whatever rounds were run', () => {
    const clock = PoolClock.seconds<Req>((r) => r.queuedAt);
    const stamp = clock.stamp({ score: 0, id: 0, queuedAt: 10.25 }, 7);
    expect(clock.age(stamp, clock.reading(8, 12.5))).toBe(2.25);
    expect(clock.age(stamp, clock.reading(1000, 12.5))).toBe(2.25);
  });

  it('refuses a round of no length', () => {
    expect(() => PoolClock.rounds(0)).toThrow(/roundSeconds/);
  });
});

describe('every built-in algorithm follows the clock its settings choose', () => {
  it('declares the clocks it can follow, rounds first; one that follows its own rules (a FlexMatch rule set\'s expansions wait seconds) the seconds clock alone', () => {
    for (const entry of REGISTRY) expect(entry.traits.clocks, entry.name).toEqual(entry.traits.ownRules ? ['seconds'] : expect.arrayContaining(['rounds']));
    for (const entry of REGISTRY) if (!entry.traits.ownRules) expect(entry.traits.clocks[0], entry.name).toBe('rounds');
  });

  // The window's clock; an algorithm of its own rules has no window (test/algorithms/flexmatch for its expansions' clock).
  for (const algorithm of ALGORITHMS.filter((a) => REGISTRY.find((e) => e.name === a)?.traits.ownRules !== true)) {
    it(`${algorithm}: two players queued 5 s apart in score 40 match at the first round with seconds (window 50), not with rounds (window 0)`, () => {
      const players: Req[] = [
        { score: 1000, id: 0, queuedAt: -5 },
        { score: 1040, id: 1, queuedAt: -5 },
      ];
      // The pools see each request's ticket by slot: its queue time is in the table, not on the request.
      const table = new TicketTable();
      for (const p of players) table.add(p.queuedAt, p.score, -1, -1, undefined);
      const tickets = { table, slot: (r: Req) => r.id };
      const bySeconds = createMatchAlgorithm<Req>(settingsFor(algorithm, 'seconds'), 1, tickets);
      const byRounds = createMatchAlgorithm<Req>(settingsFor(algorithm, 'rounds'), 1, tickets);
      for (const p of players) {
        bySeconds.add(p);
        byRounds.add(p);
      }
      expect(bySeconds.match(0).map((room) => room.map((r) => r.id).sort())).toEqual([[0, 1]]);
      expect(byRounds.match(0)).toEqual([]);
      // Four rounds later the rounds clock has 4 s of window (40 points): the same room.
      for (let round = 1; round < 4; round++) expect(byRounds.match(round)).toEqual([]);
      expect(byRounds.match(4).map((room) => room.map((r) => r.id).sort())).toEqual([[0, 1]]);
    });
  }

  it('refuses the seconds clock without a ticket table to read queue times from', () => {
    expect(() => createMatchAlgorithm<Req>(settingsFor('anchor', 'seconds'), 1)).toThrow(/give the ticket table/);
  });
});

describe('the clock in a run: a stalled worker', () => {
  /** Pairs of players, 80 points apart, one pair every 2 s, each pair 10 000 points from any other. */
  function pairs(count: number): ArrivalSource {
    let i = 0;
    return {
      ids: { kind: 'sequence', prefix: 'p' },
      next(slot: ArrivalSlot) {
        if (i >= 2 * count) return false;
        slot.time = Math.floor(i / 2) * 2 + 0.5;
        slot.score = 10_000 * Math.floor(i / 2) + (i % 2) * 80;
        i++;
        return true;
      },
    };
  }
  /** The worker runs no round from 20 s to 40 s. */
  const stall: RunModule = { name: 'stall', part: () => ({ start: () => ({ skipsRound: (now) => now >= 20 && now < 40 }) }) };
  const run = (clock: 'rounds' | 'seconds') => {
    const config: SimulationConfig = {
      tick: 1,
      end: 200,
      matcher: engineMatcher({ algorithm: 'anchor', roomSize: 2, window: { type: 'linear', growth: 10 }, clock, service: { type: 'rounds' } }),
      abandonment: undefined,
    };
    return simulate(config, pairs(40), undefined, [...RUN_MODULES, stall]);
  };

  it('widens nobody\'s window with rounds, and everyone\'s with seconds', () => {
    const rounds = run('rounds');
    const seconds = run('seconds');
    expect(rounds.matched).toBe(80);
    expect(seconds.matched).toBe(80);
    // Rounds: a pair needs 8 rounds of window (80 points) whenever it queued, stall or no stall.
    // Seconds: a pair queued before or during the stall is matched at the first round after it, its age already past 8 s.
    // The worker's rounds: every whole second but the stall's.
    const roundTimes = Array.from({ length: 201 }, (_, t) => t).filter((t) => t < 20 || t >= 40);
    const queued = Array.from({ length: 40 }, (_, k) => 2 * k + 0.5);
    const pairWaits = (s: typeof rounds) => Array.from(s.waits.filter((_, i) => i % 2 === 0));
    // Rounds: a pair joins at the first round after it queued and is matched 8 rounds later (80 points of window), stall or not.
    expect(pairWaits(rounds)).toEqual(queued.map((t) => roundTimes.filter((r) => r > t)[8] - t));
    // Seconds: at the first round once it has waited 8 s, which for a pair caught by the stall is the first round after it.
    expect(pairWaits(seconds)).toEqual(queued.map((t) => roundTimes.find((r) => r >= t + 8)! - t));
    expect(pairWaits(seconds).reduce((a, b) => a + b)).toBeLessThan(pairWaits(rounds).reduce((a, b) => a + b));
  });
});
