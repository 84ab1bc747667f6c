import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/rng.js';
import { thinnedArrivals } from '../../src/scenarios/arrivals.js';
import type { ArrivalSlot } from '../../src/engine/arrival-source.js';
import { rateFunction } from '../../src/scenarios/rate-profile.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { arrivalSource } from '../../src/run.js';

function times(seed: number, spec: Parameters<typeof rateFunction>[0], duration: number): number[] {
  const s = new RandomStreams(seed);
  const source = thinnedArrivals(rateFunction(spec), duration, s.stream('arrivals'), s.stream('thinning'), () => 0);
  const out: number[] = [];
  const slot: ArrivalSlot = { time: 0, score: 0 };
  while (source.next(slot)) out.push(slot.time);
  return out;
}

/** Within 4 standard deviations of a Poisson count with this mean. */
const plausible = (count: number, mean: number) => expect(Math.abs(count - mean)).toBeLessThan(4 * Math.sqrt(mean));

describe('thinnedArrivals', () => {
  it('follows a rising profile: arrivals in each window match the integral of the rate', () => {
    // Rate rises linearly from 0 to 20 per second over 1000 s.
    const t = times(1, { type: 'profile', points: [[0, 0], [1000, 20]] }, 1000);
    plausible(t.length, 10000);
    const firstHalf = t.filter((x) => x < 500).length;
    plausible(firstHalf, 2500);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    expect(t[t.length - 1]).toBeLessThan(1000);
  });

  it('adds the burst rate inside the burst window only', () => {
    const t = times(2, { type: 'poisson', rate: 5, bursts: [{ start: 200, end: 300, rate: 45 }] }, 500);
    plausible(t.filter((x) => x >= 200 && x < 300).length, 5000);
    plausible(t.filter((x) => x < 200).length, 1000);
  });

  it('repeats a daily profile', () => {
    const t = times(3, { type: 'profile', points: [[0, 1], [43200, 5], [86400, 1]], period: 86400 }, 2 * 86400);
    const day1 = t.filter((x) => x < 86400).length;
    plausible(day1, 259200);
    plausible(t.length - day1, 259200);
  });
});

describe('arrivalSource', () => {
  it('keeps a constant Poisson rate on the exponential-gap path, and switches to thinning with bursts', () => {
    const base = { name: 'a', seed: 9, duration: 100, arrivals: { type: 'poisson', rate: 3 }, scores: { type: 'constant', value: 1 } };
    const collect = (doc: object) => {
      const src = arrivalSource(resolveScenario('x.json', doc));
      const slot: ArrivalSlot = { time: 0, score: 0 };
      const out: number[] = [];
      while (src.next(slot)) out.push(slot.time);
      return out;
    };
    const plain = collect(base);
    const withBurst = collect({ ...base, arrivals: { type: 'poisson', rate: 3, bursts: [{ start: 50, end: 60, rate: 10 }] } });
    plausible(plain.length, 300);
    plausible(withBurst.length, 400);
  });

  it('rejects profiles out of time order, all-zero profiles and bursts that end before they start', () => {
    const base = { name: 'a', seed: 1, duration: 10, scores: { type: 'constant', value: 1 } };
    expect(() => resolveScenario('s.json', { ...base, arrivals: { type: 'profile', points: [[0, 1], [5, 2], [5, 3]] } })).toThrow(
      /arrivals\.points\.2\.0: time 5 is not after the previous point's 5/,
    );
    expect(() => resolveScenario('s.json', { ...base, arrivals: { type: 'profile', points: [[0, 0]] } })).toThrow(/nobody would arrive/);
    expect(() => resolveScenario('s.json', { ...base, arrivals: { type: 'poisson', rate: 1, bursts: [{ start: 5, end: 5, rate: 1 }] } })).toThrow(
      /arrivals\.bursts\.0\.end: must be after start/,
    );
  });
});
