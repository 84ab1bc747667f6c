import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { estimateVisits, meanResidual, residualSampler } from '../../src/scenarios/population.js';
import { RandomStreams } from '../../src/engine/rng.js';
import { mean } from 'simple-statistics';

/*
 * A warm start promises the long-run share of players online from the first
 * second: the online count over the first session length is the steady one.
 * Matching is immediate (a huge window, rooms of 2, on true skill), so a party
 * online is in a match but for a tick between matches.
 */
const lengths = {
  uniform: { type: 'uniform', min: 1200, max: 2400 },
  lognormal: { type: 'lognormal', mu: Math.log(1800) - 0.18, sigma: 0.6 },
  exponential: { type: 'exponential', mean: 1800 },
} as const;

function onlineOverTime(length: object, warmStart: boolean) {
  const scenario = {
    name: 'warm',
    seed: 5,
    duration: 6 * 3600,
    population: {
      players: 8000,
      skill: { type: 'normal', mean: 1500, sd: 300 },
      matchOn: 'skill',
      sessions: { perDay: 24, length, warmStart },
      matchDuration: { type: 'lognormal', mu: Math.log(300), sigma: 0.3 },
    },
    matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 1e6 },
  };
  const { timeline } = runScenarioInMemory(resolveScenario('warm.json', scenario));
  const rows = timeline as unknown as Array<Record<string, number>>;
  return rows.map((r) => ({ time: r.time, online: r.players_online }));
}

describe('a warm start begins in balance', () => {
  for (const [name, length] of Object.entries(lengths)) {
    it(`${name} session lengths: the online count over the first session length is within 2% of its steady level`, () => {
      const series = onlineOverTime(length, true);
      const first = mean(series.filter((r) => r.time < 1800).map((r) => r.online));
      // The steady level: the last three hours, long after every session in progress at 0 has ended.
      const steady = mean(series.filter((r) => r.time >= 3 * 3600).map((r) => r.online));
      expect(Math.abs(first / steady - 1), `first ${first}, steady ${steady}`).toBeLessThan(0.02);
      // At the very start too: the count at t = 0 is the steady one, not a ramp.
      expect(Math.abs(series[0].online / steady - 1), `at 0 ${series[0].online}, steady ${steady}`).toBeLessThan(0.04);
    });
  }

  it('a residual draw has the mean E[X^2] / 2E[X] (a length-biased draw, cut at a uniform point)', () => {
    const uniform = new RandomStreams(3).stream('residual');
    for (const spec of [...Object.values(lengths), { type: 'constant', value: 600 } as const]) {
      const draw = residualSampler(spec, uniform);
      const sample = Array.from({ length: 60_000 }, draw);
      expect(mean(sample) / meanResidual(spec), spec.type).toBeGreaterThan(0.98);
      expect(mean(sample) / meanResidual(spec), spec.type).toBeLessThan(1.02);
    }
  });

  it('the estimate of visits counts a population always in session by its sessions, not by a rate it has no time offline for', () => {
    const always = {
      players: 100000,
      skill: { type: 'normal', mean: 1500, sd: 300 },
      rating: { system: 'elo', initial: 1500, k: 32, scale: 400 },
      matchOn: 'rating',
      sessions: { perDay: 1000, length: { type: 'constant', value: 86400 }, cancel: true, warmStart: true },
      matchDuration: { type: 'constant', value: 600 },
      outcome: { scale: 400, blowout: 400 },
      newPlayerMatches: 10,
    } as const;
    // A day: each player online all day, about 144 matches, so about 145 visits each.
    const visits = estimateVisits(always as never, 86400);
    expect(visits).toBeLessThan(100000 * 300);
    expect(visits).toBeGreaterThan(100000 * 100);
  });
});
