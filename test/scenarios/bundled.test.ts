import { isSweep } from '../../src/sweep/plan.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedPlayers, runScenarioInMemory } from '../../src/run.js';
import { loadScenario } from '../../src/scenarios/load.js';
import { loadMatcherModule } from '../../src/scenarios/matcher-module.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.json'));

describe('bundled scenarios', () => {
  it('include the seed settings and a busy one', () => {
    const seed = loadScenario('scenarios/seed.json').scenario;
    expect(seed.arrivals).toEqual({ type: 'poisson', rate: 2 });
    expect(seed.scores).toEqual({ type: 'normal', mean: 1500, sd: 300 });
    expect(seed.matcher).toEqual({ algorithm: 'score-scan', roomSize: 3, window: { type: 'linear', growth: 50 }, service: { type: 'rounds' } });
    expect(loadScenario('scenarios/busy.json').scenario.arrivals).toMatchObject({ rate: 50 });
  });

  for (const file of files) {
    it(`${file} loads, and its name matches its file`, async () => {
      // The bundled scenarios are ours: trusted, as a user would trust them with --trust-scenario.
      const loaded = await loadMatcherModule(loadScenario(join('scenarios', file), [], { trust: true }));
      expect(`${loaded.scenario.name}.json`).toBe(file);
      if (isSweep(loaded.scenario)) {
        // One run in memory is refused for a sweep: its base point is what the sweep's points start from.
        expect(() => runScenarioInMemory(loaded)).toThrow(/is a sweep of several runs/);
      } else if (expectedPlayers(loaded) <= 5000) {
        const { summary } = runScenarioInMemory(loaded);
        expect(summary.players.matched).toBeGreaterThan(0);
      }
    });
  }
});
