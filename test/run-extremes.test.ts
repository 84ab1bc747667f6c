import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { LIMITS } from '../src/scenarios/schema.js';
import { seedScenario } from './fixtures/helpers.js';

/** Every number in a value, however deep. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbers(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) numbers(v, out);
  return out;
}

/** At the largest values the schema accepts, every pool stays correct: no crash, and no Infinity or NaN reaches an output. */
describe('extreme but accepted numbers', () => {
  const matchers: Record<string, object> = {
    seed: { algorithm: 'seed' },
    anchor: { algorithm: 'anchor' },
    teams: { algorithm: 'teams', roomSize: 4, teams: { count: 2, size: 2 } },
    profiles: { algorithm: 'profiles', profiles: [{ name: 'all' }] },
    retry: { algorithm: 'retry' },
  };
  const extremes: Record<string, object> = {
    'sd 2^32': { scores: { type: 'normal', mean: LIMITS.scoreMax, sd: LIMITS.window } },
    'constant at the i32 bounds': { scores: { type: 'mixture', components: [{ weight: 1, scores: { type: 'constant', value: LIMITS.scoreMax } }, { weight: 1, scores: { type: 'constant', value: LIMITS.scoreMin } }], clip: { min: LIMITS.scoreMin } } },
    'uniform over all of i32, window growth 2^32': { scores: { type: 'uniform', min: LIMITS.scoreMin, max: LIMITS.scoreMax, clip: { min: LIMITS.scoreMin } }, windowGrowth: LIMITS.window },
    'window growth 2^32': { windowGrowth: LIMITS.window },
    'exponential window without a cap': { window: { type: 'exponential', initial: LIMITS.window, factor: 1000 } },
  };
  for (const [name, matcher] of Object.entries(matchers)) {
    for (const [what, change] of Object.entries(extremes)) {
      it(`${name}: ${what}`, () => {
        const { windowGrowth, window, ...rest } = change as { windowGrowth?: number; window?: object };
        const scenario = { ...seedScenario, duration: 60, drain: 10, ...rest, matcher: { roomSize: 3, ...matcher, ...(windowGrowth !== undefined ? { windowGrowth } : {}), ...(window ? { window } : {}) } };
        const { summary, rooms, players, timeline } = runScenarioInMemory(resolveScenario('x.json', scenario));
        expect(summary.players.total).toBeGreaterThan(0);
        expect(summary.rooms).toBeGreaterThan(0);
        const all = [...numbers(summary), ...numbers(rooms), ...numbers(players), ...numbers(timeline)];
        expect(all.filter((x) => !Number.isFinite(x))).toEqual([]);
        for (const p of players) if (typeof p.score === 'number') expect(Number.isInteger(p.score) && p.score >= LIMITS.scoreMin && p.score <= LIMITS.scoreMax).toBe(true);
        expect(summary.spread.mean).not.toBeNull();
      });
    }
  }
});

/** A population's ratings at the largest and smallest settings each system accepts: the run ends cleanly, every number finite, every queued score an i32. */
describe('extreme but accepted rating settings', () => {
  const rated: Record<string, object> = {
    'elo, largest': { system: 'elo', initial: LIMITS.scoreMax, k: 10000, scale: LIMITS.window },
    'elo, smallest': { system: 'elo', initial: LIMITS.scoreMin, k: 1e-9, scale: 1e-9 },
    'glicko2, largest': { system: 'glicko2', initial: LIMITS.scoreMax, rd: LIMITS.window, volatility: 10, tau: 10 },
    'glicko2, smallest': { system: 'glicko2', initial: LIMITS.scoreMin, rd: 1e-9, volatility: 1e-9, tau: 1e-9 },
    'openskill, largest': { system: 'openskill', initial: LIMITS.scoreMax, sigma: LIMITS.window, beta: LIMITS.window, tau: LIMITS.window },
    'openskill, smallest': { system: 'openskill', initial: LIMITS.scoreMin, sigma: 0.001, beta: 0.001, tau: 0 },
  };
  for (const [name, rating] of Object.entries(rated)) {
    it(name, () => {
      const scenario = {
        name: 'extreme-ratings',
        seed: 3,
        duration: 3600,
        population: {
          players: 60,
          skill: { type: 'normal', mean: 1500, sd: 300 },
          rating,
          sessions: { perDay: 24, length: { type: 'constant', value: 3000 } },
          matchDuration: { type: 'constant', value: 60 },
        },
        matcher: { algorithm: 'seed', roomSize: 2, teams: undefined, windowGrowth: LIMITS.window },
      };
      const { summary, players } = runScenarioInMemory(resolveScenario('x.json', scenario));
      expect(summary.rooms).toBeGreaterThan(10);
      const all = [...numbers(summary), ...numbers(players)];
      expect(all.filter((x) => !Number.isFinite(x))).toEqual([]);
      for (const p of players) expect(Number.isInteger(p.score) && p.score >= LIMITS.scoreMin && p.score <= LIMITS.scoreMax, `score ${p.score}`).toBe(true);
    });
  }
});
