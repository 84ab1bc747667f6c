import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../../src/algorithms/registry.js';
import { simulate, type SimulationConfig } from '../../../src/engine/simulation.js';
import { spacedArrivals } from './spaced-arrivals.js';

/** Players every `gap` seconds, in pairs: the even pairs at one score, each odd pair 30 apart, which the seed's window (growth 1 a second) matches only after some waiting. */
const arrivals = (players: number, gap: number) =>
  spacedArrivals(players, gap, (i) => {
    const pair = Math.floor(i / 2);
    return pair * 1000 + (pair % 2) * (i % 2) * 30;
  });

const config = (requestTimeout: number | undefined): SimulationConfig => {
  const matcher = engineMatcher({ algorithm: 'seed', roomSize: 2, window: { type: 'linear', growth: 1 }, service: { type: 'rounds' } });
  return { tick: 1, end: 200, matcher: requestTimeout === undefined ? matcher : { ...matcher, requestTimeout }, abandonment: undefined };
};

describe('the request-timeout run module', () => {
  it('withdraws a request still unmatched its timeout after arrival, counting its players as timed out and abandoned, not as giving up', () => {
    const never = simulate(config(undefined), arrivals(40, 3));
    expect(never.matched).toBe(40);
    expect(never.timedOut).toBeUndefined();
    // A far pair's first member waits longer than 10 s, and once it is gone its partner has nobody: both time out. A close pair matches as its second member comes.
    const timed = simulate(config(10), arrivals(40, 3));
    expect(timed.matched).toBe(20);
    expect(timed.timedOut).toBe(20);
    expect(timed.abandoned).toBe(20);
    expect(timed.cancelled).toBe(20);
    expect(timed.left).toBe(0);
    expect(timed.players).toBe(timed.matched + timed.waiting + timed.abandoned);
    for (let p = 0; p < 40; p++) expect(timed.byPlayer.waitedBeforeLeaving[p]).toBe(Math.floor(p / 2) % 2 === 1 ? 10 : NaN);
  });
});
