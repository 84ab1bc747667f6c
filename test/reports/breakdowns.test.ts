import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { cli, seedScenario, tempDir } from '../fixtures/helpers.js';

describe('breakdowns', () => {
  it('score bands are labelled by the scores they hold: in order, never sharing an endpoint', () => {
    for (const scores of [{ type: 'normal', mean: 1500, sd: 300 }, { type: 'uniform', min: 1, max: 12 }]) {
      const { summary, players } = runScenarioInMemory(resolveScenario('b.json', { ...seedScenario, scores }));
      const bands = summary.breakdowns.scoreBands.map((b) => b.label.split('-').map(Number));
      expect(bands.length).toBeGreaterThan(1);
      for (let i = 1; i < bands.length; i++) expect(bands[i][0], JSON.stringify(bands)).toBeGreaterThan(bands[i - 1][bands[i - 1].length - 1]);
      const all = players.map((p) => p.score);
      expect(bands[0][0]).toBe(Math.min(...all));
      expect(bands[bands.length - 1].at(-1)).toBe(Math.max(...all));
    }
  });

  it("the report says why players who gave up are still in the pool (the seed's service has no cancel)", async () => {
    const out = join(tempDir(), 'out');
    expect((await cli('run', 'scenarios/night-patience.json', '-o', out, '--no-charts')).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const gone = summary.conservation.queued + summary.conservation.pool - summary.players.waiting;
    expect(gone).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(`${gone} players gave up and their requests stay, as the service has no cancel`);
  });
});
