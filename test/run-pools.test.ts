import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { writeFiles } from './fixtures/helpers.js';

const regions = {
  name: 'regions',
  seed: 8,
  duration: 900,
  drain: 60,
  arrivals: { type: 'poisson', rate: 6 },
  scores: { type: 'normal', mean: 1500, sd: 300 },
  attributes: {
    region: { type: 'category', values: { eu: 5, na: 3, asia: 2 } },
    voice: { type: 'tag', probability: 0.3 },
    ping: { type: 'uniform', min: 10, max: 200 },
  },
  matcher: {
    pools: [
      { name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] },
      { name: 'na-voice', filters: [{ attribute: 'region', equals: 'na' }, { attribute: 'voice', present: true }] },
      { name: 'na', filters: [{ attribute: 'region', equals: 'na' }, { attribute: 'ping', max: 150 }] },
    ],
  },
};

describe('attributes and pools', () => {
  it('draws attributes by weight, routes each player to the first pool that takes it, and never mixes pools in a room', () => {
    const { summary, players, rooms } = runScenarioInMemory(resolveScenario('r.json', regions));
    const byPool = Object.fromEntries(summary.breakdowns.pools.map((p) => [p.pool, p]));
    const total = players.length;
    expect(Object.keys(byPool)).toEqual(['eu', 'na-voice', 'na', '(no pool)']);
    // eu is half the players; na-voice 30% of na; asia (and na with a high ping) take no pool.
    expect(byPool.eu.players / total).toBeCloseTo(0.5, 1);
    expect(byPool['na-voice'].players / total).toBeCloseTo(0.3 * 0.3, 1);
    expect(byPool['(no pool)'].players / total).toBeGreaterThan(0.2);
    expect(byPool['(no pool)'].matched).toBe(0);
    expect(summary.breakdowns.pools.reduce((n, p) => n + p.players, 0)).toBe(total);
    const poolOf = new Map(players.map((p) => [p.id as string, p.pool]));
    for (const room of rooms) {
      const pools = new Set((room.players as string).split(' ').map((id) => poolOf.get(id)));
      expect(pools.size, room.room as string).toBe(1);
      expect(pools.has('(no pool)')).toBe(false);
    }
    expect(summary.players.waiting).toBeGreaterThanOrEqual(byPool['(no pool)'].players);
  });

  it('takes attributes from the extra columns of a trace', () => {
    const dir = writeFiles({
      'trace.csv': 'time,id,score,region\n0,a,100,eu\n0,b,100,na\n0,c,100,eu\n0,d,100,eu\n0,e,100,na\n0,f,100,na\n',
    });
    const doc = (pools: object) => ({ name: 't', seed: 1, arrivals: { type: 'trace', file: 'trace.csv' }, matcher: { pools } });
    const { rooms, summary } = runScenarioInMemory(
      resolveScenario(join(dir, 's.json'), doc([{ name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] }, { name: 'na', filters: [{ attribute: 'region', equals: 'na' }] }])),
    );
    expect(rooms.map((r) => r.players)).toEqual(['a c d', 'b e f']);
    expect(summary.breakdowns.pools.map((p) => [p.pool, p.matched])).toEqual([
      ['eu', 3],
      ['na', 3],
    ]);
    expect(() => resolveScenario(join(dir, 's.json'), doc([{ name: 'x', filters: [{ attribute: 'mode', equals: 'ranked' }] }]))).toThrow(
      /matcher\.pools\.0\.filters\.0\.attribute: "mode" is not a column of the trace \(its extra columns: "region"\)/,
    );
    // A profile's filters are checked the same way (they once passed unchecked on a trace).
    const profiles = { name: 't', seed: 1, arrivals: { type: 'trace', file: 'trace.csv' }, matcher: { algorithm: 'profiles', profiles: [{ name: 'all' }, { name: 'eu', filters: [{ attribute: 'regoin', equals: 'eu' }] }] } };
    expect(() => resolveScenario(join(dir, 's.json'), profiles)).toThrow(/matcher\.profiles\.1\.filters\.0\.attribute: "regoin" is not a column of the trace \(its extra columns: "region"\)/);
  });

  it('rejects filters on undeclared attributes, duplicate pool names and malformed filters', () => {
    const bad = (matcher: object) => () => resolveScenario('s.json', { ...regions, matcher });
    expect(bad({ pools: [{ name: 'x', filters: [{ attribute: 'mode', equals: 'ranked' }] }] })).toThrow(/"mode" is not one of the scenario's attributes/);
    expect(bad({ pools: [{ name: 'x' }, { name: 'x' }] })).toThrow(/matcher\.pools\.1\.name: "x" is named twice/);
    expect(bad({ pools: [{ name: 'x', filters: [{ attribute: 'region', like: 'e%' }] }] })).toThrow(/matcher\.pools\.0\.filters\.0\.like: unknown field/);
  });
});
