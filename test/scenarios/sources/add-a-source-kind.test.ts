import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const REGISTRATION = '../../../src/scenarios/sources/arrival-kinds.js';

// The registration: arrival-kinds.ts as a developer would change it, with one entry more. Test files share
// loaded modules (vitest.config.ts), so the modules are loaded afresh here, and again after, without it.
let runScenarioInMemory: typeof import('../../../src/run.js').runScenarioInMemory;
let resolveScenario: typeof import('../../../src/scenarios/load.js').resolveScenario;
let scenarioJsonSchema: typeof import('../../../src/scenarios/json-schema.js').scenarioJsonSchema;
beforeAll(async () => {
  vi.resetModules();
  vi.doMock(REGISTRATION, async (importOriginal) => {
    const { ARRIVAL_KINDS } = await importOriginal<typeof import('../../../src/scenarios/sources/arrival-kinds.js')>();
    const { even } = await import('./even-arrivals.js');
    return { ARRIVAL_KINDS: [...ARRIVAL_KINDS, even] };
  });
  ({ runScenarioInMemory } = await import('../../../src/run.js'));
  ({ resolveScenario } = await import('../../../src/scenarios/load.js'));
  ({ scenarioJsonSchema } = await import('../../../src/scenarios/json-schema.js'));
});
afterAll(() => {
  vi.doUnmock(REGISTRATION);
  vi.resetModules();
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
  });

  it('leaves the registered kinds as they were', () => {
    expect(() => resolveScenario('p.json', { ...scenario, arrivals: { type: 'poisson', rate: 1 } })).not.toThrow();
  });
});
