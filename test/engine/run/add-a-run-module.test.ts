import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../../src/algorithms/registry.js';
import { spacedArrivals } from './spaced-arrivals.js';
import type { RunModule } from '../../../src/engine/run/run-module.js';
import { RUN_MODULES } from '../../../src/engine/run/run-modules.js';
import { simulate, type SimulationConfig } from '../../../src/engine/simulation.js';

/*
 * The walkthrough of docs/architecture.md ("Adding a run module"): a new part
 * of the simulated system is one file (here, the module below) and one
 * registration (its place in the module list). Nothing else changes.
 */

/** A planned outage: the worker runs no round from `from` until `to`, so the queue grows and nobody is matched. */
function maintenance(from: number, to: number, seen: { roomTimes: number[]; skipped: number }): RunModule {
  return {
    name: 'maintenance',
    part: () => ({
      start: () => ({
        skipsRound: (now) => {
          const down = now >= from && now < to;
          if (down) seen.skipped++;
          return down;
        },
        roomFormed: (now) => {
          seen.roomTimes.push(now);
        },
      }),
    }),
  };
}

/** One player every half second, scores spread over 0..997 without randomness. */
const steadyArrivals = (players: number) => spacedArrivals(players, 0.5, (i) => (i * 37) % 997);

const config: SimulationConfig = {
  tick: 1,
  end: 400,
  matcher: engineMatcher({ algorithm: 'seed', roomSize: 4, window: { type: 'linear', growth: 20 }, service: { type: 'rounds' } }),
  abandonment: undefined,
};

describe('adding a run module', () => {
  it('changes the run by what the module does: no room forms while the worker is down, and every player is still accounted for', () => {
    const baseline = simulate(config, steadyArrivals(600));
    const seen = { roomTimes: [] as number[], skipped: 0 };
    const stats = simulate(config, steadyArrivals(600), undefined, [...RUN_MODULES, maintenance(100, 160, seen)]);

    expect(seen.skipped).toBe(60);
    expect(seen.roomTimes.filter((t) => t >= 100 && t < 160)).toEqual([]);
    expect(seen.roomTimes.length).toBe(stats.rooms);
    // Rounds before the outage are the baseline's: the module changes nothing until it acts.
    const before = (s: typeof stats) => Array.from(s.byTick.rooms.subarray(0, 100));
    expect(before(stats)).toEqual(before(baseline));
    // The players held back wait longer: the mean wait rises.
    const meanWait = (s: typeof stats) => s.waits.reduce((a, b) => a + b, 0) / s.waits.length;
    expect(meanWait(stats)).toBeGreaterThan(meanWait(baseline) + 1);
    // The conservation module (registered before it) checked every tick and the end; the run ends with everyone seated.
    expect(stats.matched).toBe(600);
    expect(stats.accounting?.checks).toBe(stats.ticks + 1);
  });

  it('leaves a run alone when it takes no part', () => {
    const idle: RunModule = { name: 'idle', part: () => undefined };
    expect(simulate(config, steadyArrivals(300), undefined, [...RUN_MODULES, idle])).toEqual(simulate(config, steadyArrivals(300)));
  });
});
