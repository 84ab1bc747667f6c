import { describe, expect, it } from 'vitest';
import { runScenarioInMemory, type CsvRecord } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { seedScenario, writeFiles } from './fixtures/helpers.js';
import { join } from 'node:path';

const run = (overrides: object) => runScenarioInMemory(resolveScenario('test.json', { ...seedScenario, ...overrides }));
const num = (c: CsvRecord[string]) => c as number;

describe('runScenarioInMemory: invariants', () => {
  const variants = [
    { matcher: { algorithm: 'seed', roomSize: 3, windowGrowth: 50 } },
    { matcher: { algorithm: 'seed-legacy', roomSize: 3, windowGrowth: 50 } },
    { matcher: { algorithm: 'seed', roomSize: 5, windowGrowth: 10 }, tick: 0.5 },
    { matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 200 }, arrivals: { type: 'poisson', rate: 20 } },
  ];
  for (const variant of variants) {
    it(`holds for ${JSON.stringify(variant)}`, () => {
      const { summary, rooms, players, timeline } = run(variant);
      const size = summary.scenario.matcher.roomSize;
      const window = summary.scenario.matcher.window;
      if (window.type !== 'linear') throw new Error('these cases use the short form, a linear window');
      const G = window.growth;
      const tick = summary.scenario.tick;
      expect(rooms.length).toBeGreaterThan(50);

      // No player is matched twice, and every room has roomSize members.
      const roomOf = new Map<string, string>();
      for (const room of rooms) {
        const ids = (room.players as string).split(' ');
        expect(ids).toHaveLength(size);
        expect(room.room).toBe(`room_${ids.join('_')}`);
        for (const id of ids) {
          expect(roomOf.has(id), `${id} matched twice`).toBe(false);
          roomOf.set(id, room.room as string);
        }
      }

      // Every pair in a room was within both players' windows at the room's tick.
      const byId = new Map(players.map((p) => [p.id as string, p]));
      for (const room of rooms) {
        const members = (room.players as string).split(' ').map((id) => byId.get(id)!);
        for (const a of members) {
          const rounds = Math.round((num(room.time) - num(a.joined)) / tick);
          const window = rounds * tick * G;
          for (const b of members) expect(Math.abs(num(a.score) - num(b.score))).toBeLessThanOrEqual(window);
        }
        const scores = members.map((m) => num(m.score));
        expect(num(room.spread)).toBe(Math.max(...scores) - Math.min(...scores));
      }

      // Totals add up; players.csv agrees with rooms.csv.
      expect(summary.players.total).toBe(players.length);
      expect(summary.players.total).toBe(summary.players.matched + summary.players.waiting);
      expect(summary.players.matched).toBe(rooms.length * size);
      expect(summary.rooms).toBe(rooms.length);
      for (const p of players) {
        expect(p.room ?? null).toBe(roomOf.get(p.id as string) ?? null);
        if (p.room !== null) {
          expect(num(p.wait)).toBeCloseTo(num(p.matched_at) - num(p.arrival), 6);
          expect(num(p.joined)).toBeGreaterThanOrEqual(num(p.arrival));
          expect(num(p.joined) - num(p.arrival)).toBeLessThan(tick);
        }
      }

      // Every matched player received exactly roomSize create_player messages, at its room's tick.
      expect(summary.notifications.messages).toBe(summary.players.matched * size);
      expect(summary.notifications.playersNotified).toBe(summary.players.matched);
      for (const p of players) expect(p.notified_at).toBe(p.matched_at);

      // Players in arrival order, rooms in creation order, one timeline row per tick.
      for (let i = 1; i < players.length; i++) expect(num(players[i].arrival)).toBeGreaterThanOrEqual(num(players[i - 1].arrival));
      for (let i = 1; i < rooms.length; i++) expect(num(rooms[i].time)).toBeGreaterThanOrEqual(num(rooms[i - 1].time));
      const s = summary.scenario;
      expect(timeline).toHaveLength(Math.floor((s.duration + s.drain) / tick + 1e-9) + 1);
      expect(timeline.reduce((a, t) => a + num(t.rooms), 0)).toBe(rooms.length);
      expect(timeline.reduce((a, t) => a + num(t.messages), 0)).toBe(summary.notifications.messages);
    });
  }
});

describe('runScenarioInMemory: summary', () => {
  it('echoes the resolved scenario and seed, with defaults filled in', () => {
    const { summary } = runScenarioInMemory(
      resolveScenario('x.json', { name: 'd', seed: 3, duration: 60, arrivals: { type: 'poisson', rate: 1 }, scores: { type: 'uniform', min: 0, max: 100 } }),
    );
    expect(summary.seed).toBe(3);
    expect(summary.scenario).toMatchObject({ tick: 1, drain: 0, duration: 60, matcher: { algorithm: 'score-scan', roomSize: 3, window: { type: 'linear', growth: 50 }, service: { type: 'rounds' } } });
    expect(summary.scenario.matcher).not.toHaveProperty('windowGrowth');
  });

  it('computes percentiles by linear interpolation (numpy default)', () => {
    const { summary, players } = run({});
    const waits = players.filter((p) => p.wait !== null).map((p) => num(p.wait)).sort((a, b) => a - b);
    const at = (q: number) => {
      const i = (waits.length - 1) * q;
      const lo = Math.floor(i);
      return waits[lo] + (i - lo) * ((waits[lo + 1] ?? waits[lo]) - waits[lo]);
    };
    expect(summary.wait.p50).toBeCloseTo(at(0.5), 5);
    expect(summary.wait.p95).toBeCloseTo(at(0.95), 5);
    expect(summary.wait.max).toBe(waits[waits.length - 1]);
  });

  it('replays a trace exactly, with scores from the trace', () => {
    const dir = writeFiles({
      'trace.csv': 'time,id,score\n0,a,100\n0,b,100\n0,c,100\n0.5,d,500\n1.2,e,540\n1.9,f,520\n',
    });
    const { summary, rooms } = runScenarioInMemory(
      resolveScenario(join(dir, 's.json'), { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 'trace.csv' } }),
    );
    expect(summary.scenario.duration).toBe(2);
    // a, b, c: equal scores match on joining. d joins at 1, e and f at 2 with windows of 0;
    // at 3 every window (d 100, e and f 50) covers the gaps, in score order d f e.
    expect(rooms.map((r) => [r.time, r.players])).toEqual([
      [0, 'a b c'],
      [3, 'd f e'],
    ]);
  });
});

describe('window policies in a scenario', () => {
  it('a capped window bounds every room spread by the cap; steps and exponential windows run', () => {
    const capped = run({ matcher: { window: { type: 'capped', growth: 50, cap: 120 } } });
    expect(capped.rooms.length).toBeGreaterThan(50);
    for (const room of capped.rooms) expect(num(room.spread)).toBeLessThanOrEqual(120);
    const steps = run({ matcher: { window: { type: 'steps', steps: [{ after: 0, window: 20 }, { after: 10, window: 200 }] } } });
    for (const room of steps.rooms) expect(num(room.spread)).toBeLessThanOrEqual(200);
    expect(run({ matcher: { window: { type: 'exponential', initial: 10, factor: 1.5, cap: 500 } } }).rooms.length).toBeGreaterThan(50);
  });

  it('rejects steps out of order', () => {
    expect(() => resolveScenario('s.json', { ...seedScenario, matcher: { window: { type: 'steps', steps: [{ after: 5, window: 1 }, { after: 5, window: 2 }] } } })).toThrow(
      /matcher\.window\.steps\.1\.after: must be after the previous step's 5/,
    );
  });
});

describe('progress of a run', () => {
  it('is told after every tick, up to the end, and changes nothing the run writes', async () => {
    const { runScenarioToDirectory } = await import('../src/run.js');
    const { tree, tempDir } = await import('./fixtures/helpers.js');
    const loaded = resolveScenario('p.json', { ...seedScenario, duration: 120, drain: 10 });
    const seen: Array<[number, number]> = [];
    const withProgress = join(tempDir(), 'a');
    const without = join(tempDir(), 'b');
    await runScenarioToDirectory(loaded, withProgress, { charts: false, progress: (now, players) => void seen.push([now, players]) });
    await runScenarioToDirectory(loaded, without, { charts: false });
    expect(seen.length).toBe(131);
    expect(seen.at(-1)?.[0]).toBe(130);
    for (let i = 1; i < seen.length; i++) expect(seen[i][1]).toBeGreaterThanOrEqual(seen[i - 1][1]);
    expect(tree(withProgress)).toEqual(tree(without));
  });
});
