import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory, runScenarioToDirectory } from '../src/run.js';
import { loadScenario, resolveScenario } from '../src/scenarios/load.js';
import { cli, seedScenario, tempDir, writeFiles } from './fixtures/helpers.js';
import { readFileSync } from 'node:fs';
import { exportedPlayers } from '../src/export-run.js';
import type { CreateMatcher, MatcherContext } from '../src/engine/pool/user-module.js';
import type { Candidate } from '../src/engine/pool/match-algorithm.js';

type Row = Record<string, unknown>;

const latency = {
  dataCentres: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
  players: {
    regions: {
      na: { share: 3, lat: 40, lon: -95, spreadKm: 1200 },
      eu: { share: 2, lat: 50, lon: 10, spreadKm: 800 },
      asia: { share: 1, lat: 35, lon: 125, spreadKm: 900 },
    },
  },
};
const steps = [
  { after: 10, max: 100 },
  { after: 20, max: 160 },
];
const global = (cap: object, extra: object = {}) => ({
  ...seedScenario,
  duration: 300,
  arrivals: { type: 'poisson', rate: 3 },
  latency,
  matcher: { algorithm: 'anchor', roomSize: 4, windowGrowth: 40, clock: 'seconds', latency: { max: 50, steps, ...cap }, ...extra },
});

/** The cap in force at a wait, as the README gives it. */
const capAt = (wait: number) => steps.reduce((cap, step) => (wait >= step.after ? step.max : cap), 50);

describe('latency in matching, through a whole run', () => {
  it("puts no player above the cap its own wait reached (clock seconds: the pool's wait is players.csv's)", () => {
    const result = runScenarioInMemory(resolveScenario('s.json', global({})));
    const players = result.players as unknown as Row[];
    const matched = players.filter((p) => p.dc !== null && p.left_at === null);
    expect(matched.length).toBeGreaterThan(500);
    for (const p of matched) {
      expect(p.latency_ms as number).toBeLessThanOrEqual(capAt(p.wait as number));
      expect(p.delta_ping_ms).toBeCloseTo((p.latency_ms as number) - (p.best_latency_ms as number), 5);
      expect(p.delta_ping_ms as number).toBeGreaterThanOrEqual(0);
    }
    // Players who waited past a step were placed farther than the first cap allows: the steps matter.
    expect(matched.some((p) => (p.latency_ms as number) > 50)).toBe(true);
    const rooms = result.rooms as unknown as Row[];
    const summary = result.summary;
    expect(summary.latency?.rooms.map((r) => r.dataCentre)).toEqual(latency.dataCentres);
    expect(summary.latency?.rooms.reduce((n, r) => n + r.rooms, 0)).toBe(rooms.length);
    expect(summary.latency?.p95).toBeLessThanOrEqual(160);
    expect(summary.latency?.atBestShare).toBeGreaterThan(0.5);
    for (const room of rooms) expect(latency.dataCentres).toContain(room.dc);
  });

  it("under the oldest member's clock, holds each room to the cap of its longest-waiting member", () => {
    const result = runScenarioInMemory(resolveScenario('s.json', global({ follows: 'oldest' })));
    const players = result.players as unknown as Row[];
    const byRoom = new Map<unknown, Row[]>();
    for (const p of players) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    expect(byRoom.size).toBeGreaterThan(100);
    for (const members of byRoom.values()) {
      const oldest = Math.max(...members.map((p) => (p.matched_at as number) - (p.arrival as number)));
      for (const p of members) expect(p.latency_ms as number).toBeLessThanOrEqual(capAt(oldest));
    }
    // A newcomer may ride an old member's relaxed cap: someone is above its own wait's cap.
    expect(players.some((p) => p.room !== null && (p.latency_ms as number) > capAt(p.wait as number))).toBe(true);
  });

  it("under the newest member's clock, holds every member of a room to the cap of its shortest wait", () => {
    const players = runScenarioInMemory(resolveScenario('s.json', global({ follows: 'newest' }))).players as unknown as Row[];
    const byRoom = new Map<unknown, Row[]>();
    for (const p of players) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    expect(byRoom.size).toBeGreaterThan(100);
    for (const members of byRoom.values()) {
      const newest = Math.min(...members.map((p) => (p.matched_at as number) - (p.arrival as number)));
      for (const p of members) expect(p.latency_ms as number).toBeLessThanOrEqual(capAt(newest));
    }
  });

  it('gives the same bytes for the same seed', () => {
    const a = runScenarioInMemory(resolveScenario('s.json', global({})));
    const b = runScenarioInMemory(resolveScenario('s.json', global({})));
    expect(JSON.stringify(b.players)).toBe(JSON.stringify(a.players));
    expect(JSON.stringify(b.summary.latency)).toBe(JSON.stringify(a.summary.latency));
  });

  it('holds for every built-in', () => {
    for (const extra of [{ algorithm: 'score-scan' }, { algorithm: 'arrival-scan' }, { algorithm: 'teams', teams: { count: 2, size: 2 } }, { algorithm: 'profiles', profiles: [{ name: 'all' }] }]) {
      const players = runScenarioInMemory(resolveScenario('s.json', global({}, extra))).players as unknown as Row[];
      const matched = players.filter((p) => p.dc !== null && p.left_at === null);
      expect(matched.length, extra.algorithm).toBeGreaterThan(100);
      for (const p of matched) expect(p.latency_ms as number, extra.algorithm).toBeLessThanOrEqual(capAt(p.wait as number));
    }
  });

  it('is refused, naming the field, where it cannot hold', () => {
    const refused = (doc: object) => () => resolveScenario('s.json', doc);
    expect(refused({ ...seedScenario, matcher: { latency: { max: 50 } } })).toThrow('s.json: matcher.latency: needs the latency section');
    expect(refused(global({ steps: [{ after: 10, max: 40 }] }))).toThrow('matcher.latency.steps.0.max: must relax the cap: at least 50 ms');
    expect(refused(global({ steps: [{ after: 10, max: 60 }, { after: 5, max: 70 }] }))).toThrow("matcher.latency.steps.1.after: must be after the previous step's 10 s");
    expect(refused(global({ reference: 'avg' }))).toThrow('matcher.latency.reference: is what maxDistance is measured from');
    expect(refused(global({}, { algorithm: 'anchor', service: { type: 'retry', delay: 2 }, clock: undefined }))).toThrow('s.json: latency: places rooms in data centres under the rounds service');
  });
});

describe('generated parties with data centres', () => {
  it("puts a party's members in its leader's region, each at a place of its own: friends queue from the same part of the world", async () => {
    const dir = tempDir();
    // Regions far apart and tight (300 km): a player's nearest data centre names its region.
    const regions = { na: { share: 3, lat: 40, lon: -80, spreadKm: 300 }, eu: { share: 2, lat: 52, lon: -5, spreadKm: 300 }, asia: { share: 1, lat: 35, lon: 138, spreadKm: 300 } };
    const doc = { ...global({}), latency: { ...latency, players: { regions } }, parties: { sizes: { '1': 1, '3': 2 } }, matcher: { algorithm: 'anchor', roomSize: 6, windowGrowth: 40, clock: 'seconds' } };
    await runScenarioToDirectory(resolveScenario(join(dir, 's.json'), doc), join(dir, 'out'), { charts: false });
    const { players } = exportedPlayers(join(dir, 'out'));
    const nearest = (latency: Float64Array | undefined) => (latency === undefined ? -1 : latency.indexOf(Math.min(...latency)));
    const parties = new Map<string, number[]>();
    for (const p of players) if (p.party !== undefined) parties.set(p.party, [...(parties.get(p.party) ?? []), nearest(p.latency)]);
    expect(parties.size).toBeGreaterThan(50);
    for (const regions of parties.values()) expect(new Set(regions).size).toBe(1);
    expect(new Set([...parties.values()].map((r) => r[0])).size).toBe(3);
    // Each at a place of its own: members' round trips differ.
    const [a, b] = players.filter((p) => p.party !== undefined).slice(0, 2);
    expect(a.latency?.[0]).not.toBe(b.latency?.[0]);
  });
});

describe("a trace's latencies in matching", () => {
  // b has no round trip to us-east-1 and c none to eu-west-1: a room of a and b can only be in eu-west-1, one of c and d only in us-east-1.
  const trace = ['time,id,score,latency.us-east-1,latency.eu-west-1', '0,a,1000,20,95.5', '0,b,1000,,30', '0,c,2000,88,', '0,d,2000,10,40'].join('\n') + '\n';
  const scenario = { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' }, latency: { dataCentres: ['us-east-1', 'eu-west-1'] }, matcher: { algorithm: 'score-scan', roomSize: 2 } };

  it("places no player where it has no latency, and the room at its best data centre", () => {
    const file = join(writeFiles({ 's.json': scenario, 't.csv': trace }), 's.json');
    const result = runScenarioInMemory(loadScenario(file));
    const rows = result.players as unknown as Row[];
    expect(rows.map((p) => [p.id, p.dc, p.latency_ms, p.best_latency_ms, p.delta_ping_ms])).toEqual([
      ['a', 'eu-west-1', 95.5, 20, 75.5],
      ['b', 'eu-west-1', 30, 30, 0],
      ['c', 'us-east-1', 88, 88, 0],
      ['d', 'us-east-1', 10, 10, 0],
    ]);
    // The data centres' pools match in the order they are listed: us-east-1's room first.
    expect((result.rooms as unknown as Row[]).map((r) => [r.dc, r.max_latency_ms])).toEqual([
      ['us-east-1', 88],
      ['eu-west-1', 95.5],
    ]);
  });

  it('leaves waiting a player with no data centre the others can share', () => {
    const lonely = ['time,id,score,latency.us-east-1,latency.eu-west-1', '0,a,1000,20,', '0,b,1000,,30'].join('\n') + '\n';
    const file = join(writeFiles({ 's.json': scenario, 't.csv': lonely }), 's.json');
    const result = runScenarioInMemory(loadScenario(file));
    expect(result.summary.rooms).toBe(0);
    expect(result.summary.players.waiting).toBe(2);
  });
});

describe("a user's module and data centres", () => {
  const trace = ['time,id,score,latency.us-east-1,latency.eu-west-1', '0,a,1000,20,95.5', '0,b,1000,25,30', '0,c,2000,88,', '0,d,2000,10,40'].join('\n') + '\n';
  const scenario = { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' }, latency: { dataCentres: ['us-east-1', 'eu-west-1'] }, matcher: { module: './m.mjs', roomSize: 2, latency: { max: 100 } } };
  const loaded = () => loadScenario(join(writeFiles({ 's.json': scenario, 't.csv': trace, 'm.mjs': '' }), 's.json'));

  /** Pairs in arrival order, each placed where `place` says. */
  const pairing = (place: (tickets: readonly Candidate[], context: MatcherContext) => string | undefined, seen: { context?: MatcherContext }): CreateMatcher => (_options, context) => {
    seen.context = context;
    let held: Candidate[] = [];
    return {
      roomSize: 2,
      get size() {
        return held.length;
      },
      add: (c) => void held.push(c),
      remove: (c) => held.includes(c) && ((held = held.filter((h) => h !== c)), true),
      match: () => [],
      matches() {
        const out = [];
        while (held.length >= 2) {
          const tickets = held.splice(0, 2);
          out.push({ tickets, dataCentre: place(tickets, context) });
        }
        return out.map((m) => (m.dataCentre === undefined ? { tickets: m.tickets } : m));
      },
      waiting: () => [...held],
    } as ReturnType<CreateMatcher>;
  };

  it('sees the data centres, the cap and the round trips, and places its rooms itself', () => {
    const seen: { context?: MatcherContext } = {};
    // The module's own rule, to show it is the module's: the worst data centre all its players reach.
    const worstReached = (tickets: readonly Candidate[], context: MatcherContext): string | undefined => {
      const { table, slot } = context.tickets as NonNullable<MatcherContext['tickets']>;
      const worst = (dc: number) => Math.max(...tickets.map((t) => table.latency[dc].get(slot(t))));
      const reached = context.dataCentres.map((_, dc) => dc).filter((dc) => !Number.isNaN(worst(dc)));
      return context.dataCentres[reached.sort((x, y) => worst(y) - worst(x))[0]];
    };
    const result = runScenarioInMemory({ ...loaded(), userModule: { name: './m.mjs', create: pairing(worstReached, seen), options: {} } });
    expect(seen.context?.dataCentres).toEqual(['us-east-1', 'eu-west-1']);
    expect(seen.context?.latency).toMatchObject({ max: 100 });
    expect((result.rooms as unknown as Row[]).map((r) => [r.players, r.dc, r.max_latency_ms])).toEqual([
      ['a b', 'eu-west-1', 95.5],
      ['c d', 'us-east-1', 88],
    ]);
  });

  it('has a room it names no data centre for placed at the best one all its players reach', () => {
    const result = runScenarioInMemory({ ...loaded(), userModule: { name: './m.mjs', create: pairing(() => undefined, {}), options: {} } });
    expect((result.rooms as unknown as Row[]).map((r) => [r.players, r.dc])).toEqual([
      ['a b', 'us-east-1'],
      ['c d', 'us-east-1'],
    ]);
  });

  it('refuses, naming the module, a room placed where a player has no latency, or in a data centre the scenario does not list', () => {
    expect(() => runScenarioInMemory({ ...loaded(), userModule: { name: './m.mjs', create: pairing(() => 'eu-west-1', {}), options: {} } })).toThrow(
      /^\.\/m\.mjs: match: placed a room in data centre eu-west-1, to which one of its players has no latency$/,
    );
    expect(() => runScenarioInMemory({ ...loaded(), userModule: { name: './m.mjs', create: pairing(() => 'mars', {}), options: {} } })).toThrow(
      /^\.\/m\.mjs: match: placed a room in a data centre the scenario's latency\.dataCentres do not list$/,
    );
  });
});

describe('a population with data centres', () => {
  const population = {
    players: 300,
    skill: { type: 'normal', mean: 1500, sd: 300 },
    sessions: { perDay: 12, length: { type: 'exponential', mean: 1800 } },
    matchDuration: { type: 'lognormal', mu: 5.5, sigma: 0.3 },
  };
  const document = (jitter: object) => ({
    name: 'p',
    seed: 4,
    duration: 7200,
    population,
    latency: { ...latency, players: { ...latency.players, jitter } },
    matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 20, latency: { max: 80, steps: [{ after: 20, max: 250 }] } },
  });

  it('keeps each player where it is across sessions: without jitter, every visit of a player pings the same', () => {
    const visits = runScenarioInMemory(resolveScenario('p.json', document({ type: 'constant', value: 0 }))).players as unknown as Row[];
    const byPlayer = new Map<unknown, Set<unknown>>();
    for (const v of visits) byPlayer.set(v.player, (byPlayer.get(v.player) ?? new Set()).add(v.best_latency_ms));
    expect(visits.length).toBeGreaterThan(2 * byPlayer.size);
    for (const seen of byPlayer.values()) expect(seen.size).toBe(1);
    // And players are in different places.
    expect(new Set(visits.map((v) => v.best_latency_ms)).size).toBeGreaterThan(100);
  });

  it('measures each visit afresh with jitter, around the same place', () => {
    const visits = runScenarioInMemory(resolveScenario('p.json', document({ type: 'uniform', min: 0, max: 2 }))).players as unknown as Row[];
    const byPlayer = new Map<unknown, number[]>();
    for (const v of visits) byPlayer.set(v.player, [...(byPlayer.get(v.player) ?? []), v.best_latency_ms as number]);
    for (const pings of byPlayer.values()) expect(Math.max(...pings) - Math.min(...pings)).toBeLessThanOrEqual(2);
    expect([...byPlayer.values()].some((pings) => new Set(pings).size > 1)).toBe(true);
    // Matched visits keep to the cap of their wait, as any run's players do.
    for (const v of visits.filter((x) => x.dc !== null && x.left_at === null)) expect(v.latency_ms as number).toBeLessThanOrEqual((v.wait as number) >= 20 ? 250 : 80);
  });
});

describe('latency figures in compare and tune', () => {
  const small = { ...global({}), duration: 200 };

  it('compare puts the round trips side by side, as any figure', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--set', 'matcher.latency.max=30');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'), '--no-charts', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Array<{ figure: string; a: number; b: number }>;
    const a = JSON.parse(readFileSync(join(dir, 'a/summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'b/summary.json'), 'utf8'));
    for (const figure of ['latency.p95', 'latency.deltaPing.mean', 'latency.atBestShare']) {
      const row = rows.find((x) => x.figure === figure);
      expect(row, figure).toBeDefined();
      const value = (s: Record<string, unknown>) => figure.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], s);
      expect(row?.a).toBe(value(a));
      expect(row?.b).toBe(value(b));
    }
  });

  it('tune takes a latency figure as its constraint and the cap as its parameter', async () => {
    const dir = writeFiles({ 's.json': small });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--subject-to', 'latency.p95<=140', '--param', 'matcher.latency.steps.0.max=60..150', '--budget', '20', '--replications', '2', '-o', join(dir, 't'), '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    const tune = JSON.parse(readFileSync(join(dir, 't', 'tune.json'), 'utf8'));
    expect(tune.feasible).toBe(true);
    const tuned = JSON.parse(readFileSync(join(dir, 't', 'tuned.json'), 'utf8'));
    expect(tuned.matcher.latency.steps[0].max).toBeGreaterThanOrEqual(60);
    expect(tuned.matcher.latency.steps[0].max).toBeLessThanOrEqual(150);
  });
});

describe('tables of a run with data centres', () => {
  it('are the same bytes written on CSV threads as on this thread, with the latency columns named as documented', async () => {
    const built = (await import('../dist/src/run.js')) as typeof import('../src/run.js');
    const { resolveScenario: resolveBuilt } = (await import('../dist/src/scenarios/load.js')) as typeof import('../src/scenarios/load.js');
    const document = { ...global({}), duration: 200 };
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    await runScenarioToDirectory(resolveScenario('s.json', document), a, { charts: false, csvWorkers: 0 });
    await built.runScenarioToDirectory(resolveBuilt('s.json', document), b, { charts: false, csvWorkers: 1 });
    for (const f of ['rooms.csv', 'players.csv', 'summary.json']) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
    expect(readFileSync(join(a, 'rooms.csv'), 'utf8').split('\n')[0]).toBe('room,time,players,min_score,max_score,spread,dc,max_latency_ms');
    expect(readFileSync(join(a, 'players.csv'), 'utf8').split('\n')[0]).toMatch(/,dc,latency_ms,best_latency_ms,delta_ping_ms$/);
  });
});
