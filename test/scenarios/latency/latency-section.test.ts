import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArrivalSlot } from '../../../src/engine/arrival-source.js';
import { runScenarioInMemory } from '../../../src/run.js';
import { loadScenario, resolveScenario } from '../../../src/scenarios/load.js';
import { traceArrivals } from '../../../src/scenarios/arrivals.js';
import { readTrace } from '../../../src/scenarios/trace.js';
import { traceLatencyColumns } from '../../../src/scenarios/trace-columns.js';
import { seedScenario, writeFiles } from '../../fixtures/helpers.js';

const latency = {
  dataCentres: ['us-east-1', 'eu-central-1', { name: 'lab', lat: 0, lon: 0 }],
  players: { regions: { na: { share: 2, lat: 40.7, lon: -74, spreadKm: 300 }, eu: { share: 1, lat: 48.85, lon: 2.35, spreadKm: 300 } } },
};
const generated = { ...seedScenario, duration: 120, latency };

describe('the latency section, for generated players', () => {
  it("gives each player a round trip to every data centre, the best of them in players.csv, the same for the same seed", () => {
    const a = runScenarioInMemory(resolveScenario('s.json', generated)).players as unknown as Array<Record<string, number>>;
    const b = runScenarioInMemory(resolveScenario('s.json', generated)).players as unknown as Array<Record<string, number>>;
    expect(a.map((p) => p.best_latency_ms)).toEqual(b.map((p) => p.best_latency_ms));
    const best = a.map((p) => p.best_latency_ms);
    // New York and Paris are a few hundred km from Ashburn and Frankfurt: a best round trip of some 10 to 60 ms (fibre x 2.1, last mile, jitter).
    expect(Math.min(...best)).toBeGreaterThan(3);
    expect(Math.max(...best)).toBeLessThan(200);
    expect(best.every((x) => Number.isFinite(x))).toBe(true);
    // The draws have streams of their own: the rest of the run is what it was without latency.
    const plain = runScenarioInMemory(resolveScenario('s.json', { ...seedScenario, duration: 120 })).players;
    expect(a.map((p) => [p.id, p.arrival, p.score, p.wait])).toEqual(plain.map((p) => [p.id, p.arrival, p.score, p.wait]));
  });

  it('is refused, naming the field, where it cannot hold', () => {
    const refused = (doc: object) => () => resolveScenario('s.json', doc);
    expect(refused({ ...generated, latency: { ...latency, dataCentres: ['mars-1'] } })).toThrow('s.json: latency.dataCentres.0: "mars-1" is not a bundled data centre');
    expect(refused({ ...generated, latency: { ...latency, dataCentres: ['us-east-1', { name: 'us-east-1', lat: 0, lon: 0 }] } })).toThrow('s.json: latency.dataCentres.1: "us-east-1" is named twice');
    expect(refused({ ...generated, latency: { dataCentres: ['us-east-1'] } })).toThrow('s.json: latency.players: required with generated players');
    expect(refused({ ...generated, latency: { ...latency, dataCentres: [{ name: 'x', lat: 91, lon: 0 }] } })).toThrow('latency.dataCentres.0.lat: lat must be from -90 to 90');
    expect(refused({ ...generated, latency: { ...latency, dataCentres: ['a,b'] } })).toThrow('a data centre name is letters, digits');
    expect(refused({ ...generated, latency: { ...latency, players: { regions: { na: { share: 0, lat: 0, lon: 0 } } } } })).toThrow('latency.players.regions: needs a region with a share above 0');
  });
});

describe("a trace's latency columns, latency.<dc>", () => {
  const trace = ['time,id,score,region,latency.us-east-1,latency.eu-central-1', '0,a,1000,na,20,95.5', '0,b,1000,eu,,30', '1,c,1000,eu,88,'].join('\n') + '\n';
  const scenario = { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' }, latency: { dataCentres: ['us-east-1', 'eu-central-1'] }, matcher: { algorithm: 'anchor', roomSize: 2 } };
  const files = (document: object, text = trace) => join(writeFiles({ 's.json': document, 't.csv': text }), 's.json');

  it('are round trips to those data centres, not attributes; a missing cell is no latency to that one (the player cannot be placed there)', () => {
    const file = files(scenario);
    const rows = runScenarioInMemory(loadScenario(file)).players as unknown as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]).filter((k) => k.startsWith('attr_'))).toEqual(['attr_region']);
    expect(rows.map((p) => p.best_latency_ms)).toEqual([20, 30, 88]);
    // What each arrival measures, data centre by data centre (NaN: none to that one).
    const t = readTrace(join(file, '../t.csv'));
    const source = traceArrivals(t, new Map(), traceLatencyColumns(t, ['us-east-1', 'eu-central-1']));
    const slot: ArrivalSlot = { time: 0, score: 0 };
    const measured: number[][] = [];
    while (source.next(slot)) measured.push(Array.from(slot.latency!));
    expect(measured).toEqual([[20, 95.5], [NaN, 30], [88, NaN]]);
  });

  it('are refused, naming the trace, the column and the player, when they name no data centre or hold no round trip', () => {
    expect(() => loadScenario(files({ ...scenario, latency: { dataCentres: ['us-east-1'] } }))).toThrow('t.csv: column "latency.eu-central-1": "eu-central-1" is not one of latency.dataCentres ("us-east-1")');
    expect(() => loadScenario(files({ ...scenario, latency: undefined }))).toThrow('s.json: latency: required: the trace has the latency column "latency.us-east-1"; declare latency.dataCentres');
    expect(() => loadScenario(files(scenario, 'time,id,score,latency.us-east-1\n0,a,1,-3\n'))).toThrow('t.csv: column "latency.us-east-1": "-3" (player "a") is not a round trip in ms (a number >= 0)');
    expect(() => loadScenario(files(scenario, 'time,id,score,latency.us-east-1\n0,a,1,fast\n'))).toThrow('"fast" (player "a") is not a round trip in ms');
    expect(() => resolveScenario('s.json', { ...scenario, latency: { ...scenario.latency, players: latency.players } })).toThrow("s.json: latency.players: not used with recorded players: their latencies are the file's latency.<dc> columns");
  });
});

describe('with a population', () => {
  it('needs a geography: its players are generated', () => {
    const population = { name: 'p', seed: 1, duration: 3600, population: { players: 100, skill: { type: 'normal', mean: 1500, sd: 300 }, rating: { system: 'elo' }, sessions: { perDay: 4, length: { type: 'exponential', mean: 900 } }, matchDuration: { type: 'constant', value: 300 } } };
    expect(() => resolveScenario('p.json', { ...population, latency: { dataCentres: ['us-east-1'] } })).toThrow('p.json: latency.players: required with generated players');
    expect(() => resolveScenario('p.json', { ...population, latency })).not.toThrow();
  });
});
