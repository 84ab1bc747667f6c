import { beforeAll, describe, expect, it } from 'vitest';
import { checkConformance } from '../../src/engine/pool/conformance.js';
import { seedScenario } from '../fixtures/helpers.js';
import { registerOneMore } from '../fixtures/registration.js';
import { FirstComePool } from './first-come.js';

// The registration: built-in.ts as a developer would change it, with one entry more.
registerOneMore('src/algorithms/built-in.ts', 'REGISTRY', async () => (await import('./first-come.js')).firstCome);
let runScenarioInMemory: typeof import('../../src/run.js').runScenarioInMemory;
let resolveScenario: typeof import('../../src/scenarios/load.js').resolveScenario;
let scenarioJsonSchema: typeof import('../../src/scenarios/json-schema.js').scenarioJsonSchema;
beforeAll(async () => {
  ({ runScenarioInMemory } = await import('../../src/run.js'));
  ({ resolveScenario } = await import('../../src/scenarios/load.js'));
  ({ scenarioJsonSchema } = await import('../../src/scenarios/json-schema.js'));
});

const scenario = { ...seedScenario, duration: 120, matcher: { algorithm: 'first-come', roomSize: 3, 'first-come': { holdRounds: 2 } } };

describe('adding an algorithm (its file and one registration)', () => {
  it('keeps the pool contract', () => {
    expect(checkConformance(() => new FirstComePool(3, 1))).toEqual([]);
  });

  it('is a scenario setting: its name and its own fields are in the schema, and only it may have them', () => {
    const schema = JSON.stringify(scenarioJsonSchema());
    expect(schema).toContain('first come, first served');
    expect(schema).toContain('Rounds a request waits before it may be seated.');
    expect(resolveScenario('s.json', scenario).scenario.matcher.algorithm).toBe('first-come');
    expect(() => resolveScenario('s.json', { ...scenario, matcher: { algorithm: 'anchor', 'first-come': { holdRounds: 1 } } })).toThrow('s.json: matcher.first-come: only for algorithm "first-come" (the algorithm is "anchor")');
    expect(() => resolveScenario('s.json', { ...scenario, matcher: { ...scenario.matcher, service: { type: 'retry' } } })).toThrow('cannot run under service retry');
  });

  it('runs end to end: rooms of players in arrival order, each having waited the rounds it holds them', () => {
    const rows = runScenarioInMemory(resolveScenario('s.json', scenario));
    const byRoom = new Map<string, number[]>();
    rows.players.forEach((p, index) => {
      if (p.room === null) return;
      byRoom.set(String(p.room), [...(byRoom.get(String(p.room)) ?? []), index]);
      // Joined at a round and seated at the third round after: at least two whole ticks of waiting.
      expect(Number(p.matched_at) - Number(p.joined)).toBeGreaterThanOrEqual(2);
    });
    const rooms = [...byRoom.values()];
    expect(rooms.length).toBe(rows.summary.rooms);
    expect(rooms.length).toBeGreaterThan(50);
    // Each room is three consecutive arrivals, and the rooms follow one another.
    rooms.forEach((members, r) => expect(members).toEqual([3 * r, 3 * r + 1, 3 * r + 2]));
  });
});
