import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerOneMore } from '../../fixtures/registration.js';
import { tempDir } from '../../fixtures/helpers.js';

// The registration: arrival-kinds.ts as a developer would change it, with one entry more.
registerOneMore('src/scenarios/sources/arrival-kinds.ts', 'ARRIVAL_KINDS', async () => (await import('./even-arrivals.js')).even);
let runScenarioInMemory: typeof import('../../../src/run.js').runScenarioInMemory;
let runScenarioToDirectory: typeof import('../../../src/run.js').runScenarioToDirectory;
let resolveScenario: typeof import('../../../src/scenarios/load.js').resolveScenario;
let scenarioJsonSchema: typeof import('../../../src/scenarios/json-schema.js').scenarioJsonSchema;
beforeAll(async () => {
  ({ runScenarioInMemory, runScenarioToDirectory } = await import('../../../src/run.js'));
  ({ resolveScenario } = await import('../../../src/scenarios/load.js'));
  ({ scenarioJsonSchema } = await import('../../../src/scenarios/json-schema.js'));
});

const scenario = {
  name: 'even',
  seed: 1,
  duration: 100,
  arrivals: { type: 'even', rate: 2 },
  scores: { type: 'uniform', min: 1000, max: 2000 },
  matcher: { roomSize: 2, window: { type: 'linear', growth: 100 } },
};

describe('adding a source kind (one file and one registration)', () => {
  it('is a scenario setting: validated, estimated, listed in the JSON Schema', () => {
    const loaded = resolveScenario('even.json', scenario);
    expect(loaded.expectedPlayers).toBe(200);
    expect(() => resolveScenario('even.json', { ...scenario, arrivals: { type: 'even', rate: 0 } })).toThrow('even.json: arrivals.rate: rate (arrivals per second) must be a number > 0');
    // Its own rule, and the capability checks its needs give it.
    expect(() => resolveScenario('even.json', { ...scenario, arrivals: { type: 'even', rate: 1.5 } })).toThrow('arrivals.rate: must be a whole number of arrivals a second');
    expect(() => resolveScenario('even.json', { ...scenario, scores: undefined })).toThrow('even.json: scores: required with even arrivals');
    expect(JSON.stringify(scenarioJsonSchema())).toContain('Requests evenly spaced in time, rate a second.');
  });

  it('runs end to end: its arrivals are the players, and the rest of the pipeline is unchanged', () => {
    const rows = runScenarioInMemory(resolveScenario('even.json', scenario));
    expect(rows.players.length).toBe(200);
    expect(rows.players.map((p) => Number(p.arrival))).toEqual(Array.from({ length: 200 }, (_, i) => i / 2));
    expect(rows.summary.players.total).toBe(200);
    // What it records of each ticket reaches players.csv beside what was simulated.
    expect(rows.players.map((p) => (p as unknown as Record<string, unknown>).observed_turn)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('writes what it records as columns of players.csv, on the direct path and the rows alike', async () => {
    const out = join(tempDir(), 'even');
    await runScenarioToDirectory(resolveScenario('even.json', scenario), out, { charts: false, csvWorkers: 0 });
    const table = parse(readFileSync(join(out, 'players.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(table[0]).at(-1)).toBe('observed_turn');
    expect(table.map((row) => Number(row.observed_turn))).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('leaves the registered kinds as they were', () => {
    expect(() => resolveScenario('p.json', { ...scenario, arrivals: { type: 'poisson', rate: 1 } })).not.toThrow();
  });
});
