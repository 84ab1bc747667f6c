import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../src/scenarios/trace.js';
import { writeFiles } from '../fixtures/helpers.js';

describe('readTrace', () => {
  it('reads an unchanged file once (a sweep resolves every point against the same trace), and again once it changes', () => {
    const dir = writeFiles({ 't.csv': 'time,id,score\n0,a,1\n1,b,2\n' });
    const file = join(dir, 't.csv');
    const first = readTrace(file);
    expect(readTrace(file)).toBe(first);
    writeFileSync(file, 'time,id,score\n0,a,1\n1,b,2\n2,c,3\n');
    const changed = readTrace(file);
    expect(changed).not.toBe(first);
    expect(changed.ids).toEqual(['a', 'b', 'c']);
    // Same size, another time: read again.
    writeFileSync(file, 'time,id,score\n0,a,1\n1,b,2\n2,c,4\n');
    utimesSync(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(Array.from(readTrace(file).scores)).toEqual([1, 2, 4]);
  });
});

describe('a trace with a party column', () => {
  const read = (text: string) => readTrace(join(writeFiles({ 't.csv': text }), 't.csv'));

  it('gives each party its size on its first row and 0 on the rest; an empty key is a player alone; party is no attribute', () => {
    const trace = read('time,id,score,party,mode\n0,a,1,x,r\n0,b,2,x,r\n1,c,3,,r\n2,d,4,y,r\n2,e,5,y,r\n2,f,6,y,r\n3,g,7,z,r\n');
    expect(Array.from(trace.parties?.sizes ?? [])).toEqual([2, 0, 1, 3, 0, 0, 1]);
    expect(trace.parties?.keys).toEqual(['x', 'x', '', 'y', 'y', 'y', 'z']);
    expect(trace.attributes.map((c) => c.name)).toEqual(['mode']);
  });

  it('refuses a party whose players are not consecutive rows or do not arrive together, naming the line', () => {
    expect(() => read('time,id,score,party\n0,a,1,x\n0,b,2,\n0,c,3,x\n')).toThrow(/t\.csv: line 4: party "x" began on line 2: a party's players are consecutive rows/);
    expect(() => read('time,id,score,party\n0,a,1,x\n1,b,2,x\n')).toThrow(/t\.csv: line 3: party "x" arrives at 0 on line 2: its players arrive together/);
  });

  it('replays its parties: one request each, scored by the mean, in one room; players.csv names each party by its first player', async () => {
    const { runScenarioInMemory } = await import('../../src/run.js');
    const { loadScenario } = await import('../../src/scenarios/load.js');
    const dir = writeFiles({
      't.csv': 'time,id,score,party\n0,a,1000,x\n0,b,1200,x\n1,c,1100,\n1,d,1100,\n',
      's.json': { name: 't', seed: 1, drain: 10, arrivals: { type: 'trace', file: 't.csv' }, matcher: { algorithm: 'anchor', roomSize: 4, windowGrowth: 0 } },
    });
    const { players, summary } = runScenarioInMemory(loadScenario(join(dir, 's.json')));
    expect(players.map((p) => [p.id, p.party, p.matched_at])).toEqual([
      ['a', 'a', 1],
      ['b', 'a', 1],
      ['c', null, 1],
      ['d', null, 1],
    ]);
    expect(summary.breakdowns.parties?.map((g) => g.label)).toEqual(['alone', 'party of 2']);
  });
});
