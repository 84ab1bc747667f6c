import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/cli/summary-table.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { runScenarioInMemory } from '../../src/run.js';
import { seedScenario } from '../fixtures/helpers.js';

const bundled = (name: string, changes: Record<string, unknown> = {}) => ({ ...JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')), ...changes });

describe('the console summary of a run', () => {
  it('headlines the players matched while present, and the ghosts (matched after they gave up) on their own', () => {
    const { summary } = runScenarioInMemory(resolveScenario('night-patience.json', bundled('night-patience', { duration: 1800 })));
    const ghosts = summary.players.ghosts;
    expect(ghosts).toBeGreaterThan(0);
    expect(summary.players.matchedPresentShare).toBeCloseTo((summary.players.matched - ghosts) / summary.players.total, 6);
    const line = summaryTable(summary, 'out').split('\n')[1];
    expect(line).toContain(`${summary.players.matched - ghosts} matched while present (`);
    expect(line).toContain(`${ghosts} matched as ghosts (gone before their room formed)`);
    // Without ghosts, matched means matched.
    const plain = runScenarioInMemory(resolveScenario('s.json', seedScenario)).summary;
    expect(plain.players.ghosts).toBe(0);
    expect(summaryTable(plain, 'out').split('\n')[1]).toMatch(/^players +\d+ total, \d+ matched, /);
  });

  it("shows a population's own figures: online, players kept, how well ratings learned, blowouts", () => {
    const { summary } = runScenarioInMemory(resolveScenario('small-night.json', bundled('small-night', { duration: 3600 })));
    const text = summaryTable(summary, 'out');
    const p = summary.population!;
    const row = (name: string) => text.split('\n').find((l) => l.startsWith(`${name} `));
    expect(row('online')).toMatch(/mean [\d.]+, peak \d+/);
    expect(row('kept')).toContain('of players still playing at the end');
    expect(row('ratings')).toContain(`correlation with true skill ${Math.round((p.convergence.correlation as number) * 100) / 100}`);
    expect(row('matches')).toMatch(/blowouts [\d.]+%, true-skill favourite's win chance mean [\d.]+%/);
  });
});
