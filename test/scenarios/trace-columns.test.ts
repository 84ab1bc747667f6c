import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../src/run.js';
import { loadScenario, resolveScenario } from '../../src/scenarios/load.js';
import { traceColumnKinds } from '../../src/scenarios/trace-columns.js';
import { readTrace } from '../../src/scenarios/trace.js';
import { join } from 'node:path';
import { writeFiles } from '../fixtures/helpers.js';

const trace = ['time,id,score,region,level', '0,a,1000,01,3', '0,b,1000,01,4', '1,c,1000,02,5', '1,d,1000,02,x', '2,e,1000,,6'].join('\n') + '\n';
const pools = [{ name: 'first', filters: [{ attribute: 'region', equals: '01' }] }, { name: 'second', filters: [{ attribute: 'region', equals: '02' }] }];
const scenario = (matcher: object, arrivals: object = {}) => ({ name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv', ...arrivals }, matcher: { algorithm: 'anchor', roomSize: 2, ...matcher } });

/** The scenario file and its trace, in a fresh directory. */
function files(document: object): string {
  return join(writeFiles({ 's.json': document, 't.csv': trace }), 's.json');
}

describe("a trace's attribute columns, each of one kind", () => {
  it('keeps a code with leading zeros a string when an equals filter tests it: "01" goes to the pool of "01"', () => {
    const rows = runScenarioInMemory(loadScenario(files(scenario({ pools }))));
    expect(rows.players.map((p) => [p.id, p.pool])).toEqual([['a', 'first'], ['b', 'first'], ['c', 'second'], ['d', 'second'], ['e', '(no pool)']]);
    expect(rows.summary.players.matched).toBe(4);
    // players.csv carries each attribute, as its kind: the code a string, the level (not every value a number) a string too.
    expect(rows.players.map((p) => [p.attr_region, p.attr_level])).toEqual([['01', '3'], ['01', '4'], ['02', '5'], ['02', 'x'], [null, '6']]);
  });

  it('writes a number column as numbers, and the header of every column in order', () => {
    const rows = runScenarioInMemory(loadScenario(files(scenario({ pools }, { columns: { region: 'string', level: 'string' } }))));
    expect(Object.keys(rows.players[0]).slice(-2)).toEqual(['attr_region', 'attr_level']);
    const numeric = join(writeFiles({ 's.json': scenario({}), 't.csv': 'time,id,score,ping\n0,a,1,12.5\n0,b,1,\n' }), 's.json');
    expect(runScenarioInMemory(loadScenario(numeric)).players.map((p) => p.attr_ping)).toEqual([12.5, null]);
  });

  it('says why each column is the kind it is', () => {
    const file = files(scenario({ pools }));
    const kinds = traceColumnKinds(readTrace(join(file, '../t.csv')), undefined, { pools });
    expect([...kinds]).toEqual([
      ['region', { kind: 'string', why: 'matcher.pools.0.filters.0 tests it so' }],
      ['level', { kind: 'string', why: 'not every value is a number' }],
    ]);
    expect(traceColumnKinds(readTrace(join(file, '../t.csv')), { region: 'number' }, { pools }).get('region')).toEqual({ kind: 'number', why: 'arrivals.columns declares "region" so' });
  });

  it('refuses at load a filter that tests a column as another kind than its own', () => {
    const both = [{ name: 'p', filters: [{ attribute: 'region', equals: '01' }, { attribute: 'region', min: 0, max: 2 }] }];
    expect(() => loadScenario(files(scenario({ pools: both })))).toThrow(
      's.json: matcher.pools.0.filters.1.attribute: "region" is a string attribute, and a range filter (min, max) compares numbers (a string column: matcher.pools.0.filters.0 tests it so; arrivals.columns declares a column\'s kind)',
    );
    expect(() => loadScenario(files(scenario({ pools }, { columns: { region: 'number' } })))).toThrow('s.json: matcher.pools.0.filters.0.attribute: "region" is a number attribute, and an equals filter compares strings');
  });

  it('refuses a value that is not a number in a number column, naming the trace, the column and the player', () => {
    const ranged = [{ name: 'p', filters: [{ attribute: 'level', min: 0, max: 10 }] }];
    expect(() => loadScenario(files(scenario({ pools: ranged })))).toThrow('t.csv: column "level": "x" (player "d") is not a number, and the column is numbers (matcher.pools.0.filters.0 tests it so)');
    expect(() => loadScenario(files(scenario({}, { columns: { level: 'number' } })))).toThrow('t.csv: column "level": "x" (player "d") is not a number');
  });

  it('refuses a declared column the trace does not have', () => {
    expect(() => loadScenario(files(scenario({}, { columns: { platform: 'string' } })))).toThrow('s.json: arrivals.columns: "platform" is not a column of the trace (its extra columns: "region", "level")');
  });
});

describe("a trace's list and map columns (FlexMatch's SL and SDM), declared, each cell JSON", () => {
  const listTrace = ['time,id,score,roles,skill', '0,a,1000,"[""tank"",""damage""]","{""ctf"":1500}"', '0,b,1000,[],{}', '1,c,1000,,'].join('\n') + '\n';
  const declared = { columns: { roles: 'string-list', skill: 'number-map' } };
  const withTrace = (document: object, text = listTrace) => join(writeFiles({ 's.json': document, 't.csv': text }), 's.json');

  it('reach players.csv as JSON text, and the pool as lists and maps', () => {
    const rows = runScenarioInMemory(loadScenario(withTrace(scenario({}, declared))));
    expect(rows.players.map((p) => [p.attr_roles, p.attr_skill])).toEqual([['["tank","damage"]', '{"ctf":1500}'], ['[]', '{}'], [null, null]]);
    // A presence filter holds for a list, empty or not.
    const pooled = runScenarioInMemory(loadScenario(withTrace(scenario({ pools: [{ name: 'roled', filters: [{ attribute: 'roles', present: true }] }] }, declared))));
    expect(pooled.players.map((p) => p.pool)).toEqual(['roled', 'roled', '(no pool)']);
  });

  it('refuse a cell that is not its kind, naming the trace, the column and the player, not the cell', () => {
    const bad = (cell: string) => () => loadScenario(withTrace(scenario({}, declared), `time,id,score,roles,skill
0,a,1,${cell},
`));
    expect(bad('tank')).toThrow('t.csv: column "roles": player "a": the cell is not JSON, and the column is a string-list (arrivals.columns declares "roles" so)');
    expect(bad('"[1,2]"')).toThrow('player "a": the cell is not a JSON array of strings');
    expect(bad('"{""a"":1}"')).toThrow('the cell is not a JSON array of strings');
    expect(bad(`"[${Array.from({ length: 1001 }, () => '""x""').join(',')}]"`)).toThrow('the list holds more than 1000 items');
    const badMap = (cell: string) => () => loadScenario(withTrace(scenario({}, declared), `time,id,score,roles,skill
0,a,1,,${cell}
`));
    expect(badMap('"{""eu"":""fast""}"')).toThrow('t.csv: column "skill": player "a": the cell is not a JSON object of numbers');
    expect(badMap('"[1]"')).toThrow('the cell is not a JSON object of numbers');
    expect(badMap('"{""eu"":1e999}"')).toThrow('the cell is not a JSON object of numbers');
    // Deep nesting is refused as not the kind, without exhausting anything.
    expect(bad(`"${'['.repeat(100_000)}"`)).toThrow(/the cell is not (JSON|a JSON array of strings)/);
  });

  it('refuse at load a filter that could never hold for a list or a map', () => {
    expect(() => loadScenario(withTrace(scenario({ pools: [{ name: 'p', filters: [{ attribute: 'roles', equals: 'tank' }] }] }, declared)))).toThrow(
      's.json: matcher.pools.0.filters.0.attribute: "roles" is a string-list attribute, and an equals filter compares strings',
    );
    expect(() => loadScenario(withTrace(scenario({ pools: [{ name: 'p', filters: [{ attribute: 'skill', min: 0 }] }] }, declared)))).toThrow('"skill" is a number-map attribute, and a range filter (min, max) compares numbers');
  });
});

describe("generated players' attributes, each of the kind its distribution gives", () => {
  const base = { name: 'g', seed: 1, duration: 10, arrivals: { type: 'poisson', rate: 1 }, scores: { type: 'constant', value: 1000 } };
  it('refuse a filter that could never hold for the kind', () => {
    const attributes = { region: { type: 'category', values: { eu: 1 } }, ping: { type: 'uniform', min: 0, max: 100 }, voice: { type: 'tag', probability: 0.5 } };
    const refused = (filter: object) => () => resolveScenario('g.json', { ...base, attributes, matcher: { pools: [{ name: 'p', filters: [filter] }] } });
    expect(refused({ attribute: 'region', min: 0 })).toThrow('g.json: matcher.pools.0.filters.0.attribute: "region" is a string attribute, and a range filter (min, max) compares numbers');
    expect(refused({ attribute: 'ping', equals: '5' })).toThrow('"ping" is a number attribute, and an equals filter compares strings');
    expect(refused({ attribute: 'voice', equals: 'yes' })).toThrow('"voice" is a tag attribute, and an equals filter compares strings');
    expect(refused({ attribute: 'voice', present: true })).not.toThrow();
  });
});
