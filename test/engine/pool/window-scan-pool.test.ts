import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMatchAlgorithm, type AlgorithmName } from '../../../src/algorithms/registry.js';
import { WindowScanPool, groupMatches } from '../../../src/engine/pool/window-scan-pool.js';
import { linearWindow } from '../../../src/engine/pool/window.js';
import { runOracle, type OracleRoom, type TraceRow } from '../../oracle/seed-pool-port.js';
import { randomTrace } from '../../oracle/random-trace.js';

interface Req {
  score: number;
  id: string;
}

function runPool(
  trace: readonly TraceRow[],
  options: { algorithm: AlgorithmName; roomSize: number; growth: number; tickSeconds: number; ticks: number },
): OracleRoom[] {
  const pool = createMatchAlgorithm<Req>(
    { algorithm: options.algorithm, roomSize: options.roomSize, window: { type: 'linear', growth: options.growth } },
    options.tickSeconds,
  );
  const rooms: OracleRoom[] = [];
  let next = 0;
  for (let k = 0; k < options.ticks; k++) {
    const t = k * options.tickSeconds;
    while (next < trace.length && trace[next].time <= t) {
      const row = trace[next++];
      pool.add({ score: row.score, id: row.id });
    }
    for (const room of pool.match(t)) rooms.push({ tick: t, uuids: room.map((r) => r.id) });
  }
  return rooms;
}

const python = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('WindowScanPool against the seed oracle', () => {
  const cases: Array<{ algorithm: AlgorithmName; legacy: boolean }> = [
    { algorithm: 'seed', legacy: false },
    { algorithm: 'seed-legacy', legacy: true },
  ];
  for (const { algorithm, legacy } of cases) {
    it(`${algorithm}: same rooms, same order, same tick on 300 random traces`, () => {
      let roomsSeen = 0;
      for (let seed = 0; seed < 300; seed++) {
        const roomSize = 2 + (seed % 4);
        const growth = [1, 5, 50][seed % 3];
        const tickSeconds = seed % 5 === 0 ? 0.5 : 1;
        const trace = randomTrace(seed, {
          players: 30 + (seed % 7) * 25,
          maxPerTick: 1 + (seed % 12),
          scoreRange: [10, 100, 3000][seed % 3],
          tickSeconds,
        });
        const ticks = Math.ceil(trace[trace.length - 1].time / tickSeconds) + 40;
        const options = { roomSize, growth, tickSeconds, ticks };
        const expected = runOracle(trace, { ...options, legacy });
        const actual = runPool(trace, { ...options, algorithm });
        expect(actual, `seed ${seed}`).toEqual(expected);
        roomsSeen += expected.length;
      }
      // The comparison means something only if the traces formed many rooms.
      expect(roomsSeen).toBeGreaterThan(5000);
    });
  }

  it.skipIf(!python)('matches the seed Python code itself (rooms of 3, G = 50)', () => {
    const cases = [];
    for (let seed = 0; seed < 20; seed++) {
      for (const legacy of [false, true]) {
        const trace = randomTrace(1000 + seed, { players: 200, maxPerTick: 8, scoreRange: 1500 });
        const ticks = Math.ceil(trace[trace.length - 1].time) + 60;
        cases.push({ trace, ticks, legacy });
      }
    }
    const input = JSON.stringify(cases.map((c) => ({ ...c, trace: c.trace.map((r) => [r.time, r.id, r.score]) })));
    const out = execFileSync('python3', ['test/oracle/seed_pool.py'], { input, encoding: 'utf8' });
    const results = JSON.parse(out) as Array<Array<[number, string[]]>>;
    expect(results).toHaveLength(cases.length);
    cases.forEach((c, i) => {
      const expected = results[i].map(([tick, uuids]) => ({ tick, uuids }));
      const actual = runPool(c.trace, {
        algorithm: c.legacy ? 'seed-legacy' : 'seed',
        roomSize: 3,
        growth: 50,
        tickSeconds: 1,
        ticks: c.ticks,
      });
      expect(expected.length).toBeGreaterThan(20);
      expect(actual, `case ${i}`).toEqual(expected);
    });
  });
});

describe('WindowScanPool', () => {
  const pool = () =>
    new WindowScanPool<Req>({ roomSize: 3, window: linearWindow(50), roundSeconds: 1, order: 'score' });

  it('gives a newcomer a window of zero: only equal scores match in its first round', () => {
    const p = pool();
    p.add({ score: 100, id: 'a' });
    p.add({ score: 100, id: 'b' });
    p.add({ score: 101, id: 'c' });
    expect(p.match(0)).toEqual([]);
    // One round later every window is 50.
    expect(p.match(1).map((room) => room.map((r) => r.id))).toEqual([['a', 'b', 'c']]);
    expect(p.size).toBe(0);
  });

  it('matches three equal scores at once, in arrival order', () => {
    const p = pool();
    for (const id of ['x', 'y', 'z']) p.add({ score: 7, id });
    expect(p.match(0).map((room) => room.map((r) => r.id))).toEqual([['x', 'y', 'z']]);
  });

  it('widens windows per round, not per second of the clock passed in', () => {
    const p = pool();
    p.add({ score: 0, id: 'a' });
    p.add({ score: 60, id: 'b' });
    p.add({ score: 120, id: 'c' });
    expect(p.match(0)).toEqual([]);
    expect(p.match(100)).toEqual([]); // one round: windows 50 < 60
    expect(p.match(101)).toEqual([]); // two rounds: windows 100 < 120, the gap between a and c
    expect(p.match(102)).toHaveLength(1); // three rounds: windows 150
  });

  it('keeps waiting players, in score order, for the next round', () => {
    const p = pool();
    p.add({ score: 900, id: 'hi' });
    p.add({ score: 100, id: 'lo' });
    p.match(0);
    expect(p.waiting().map((r) => r.id)).toEqual(['lo', 'hi']);
    p.add({ score: 500, id: 'mid' });
    expect(p.waiting().map((r) => r.id)).toEqual(['lo', 'hi', 'mid']);
  });

  it('rejects a room size below 2 and a non-positive round', () => {
    expect(() => new WindowScanPool({ roomSize: 1, window: linearWindow(1), roundSeconds: 1, order: 'score' })).toThrow(
      /roomSize/,
    );
    expect(() => new WindowScanPool({ roomSize: 3, window: linearWindow(1), roundSeconds: 0, order: 'score' })).toThrow(
      /roundSeconds/,
    );
  });
});

describe('groupMatches', () => {
  const g = (...scores: number[]) => scores.map((score) => ({ score }));
  it('is the pairwise check, not a check of the whole spread against the smallest window', () => {
    // 0, 10, 20: the middle has window 10, the ends 20. Every pair is within both windows.
    expect(groupMatches(g(0, 10, 20), [20, 10, 20], 0, 3)).toBe(true);
    expect(groupMatches(g(0, 10, 20), [19, 10, 20], 0, 3)).toBe(false);
    expect(groupMatches(g(0, 10, 20), [20, 9, 20], 0, 3)).toBe(false);
  });
  it('checks only the slice it is given', () => {
    expect(groupMatches(g(0, 500, 500, 500), [0, 0, 0, 0], 1, 4)).toBe(true);
  });
});

describe('WindowScanPool.remove', () => {
  it('takes a request out whether it joined this round or earlier', () => {
    const p = new WindowScanPool<Req>({ roomSize: 3, window: linearWindow(50), roundSeconds: 1, order: 'score' });
    const a = { score: 1, id: 'a' };
    const b = { score: 2, id: 'b' };
    const c = { score: 3, id: 'c' };
    p.add(a);
    p.add(b);
    p.match(0);
    p.add(c);
    expect(p.remove(c)).toBe(true);
    expect(p.remove(a)).toBe(true);
    expect(p.remove(a)).toBe(false);
    expect(p.waiting()).toEqual([b]);
  });
});
