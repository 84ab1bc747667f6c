import { describe, expect, it } from 'vitest';
import { eloWinChances } from '../src/engine/pool/teams.js';
import type { CreateMatcher } from '../src/engine/pool/user-module.js';
import { runScenarioInMemory } from '../src/run.js';
import type { PlayerRow } from '../src/reports/csv-tables.js';
import { resolveScenario } from '../src/scenarios/load.js';

const base = {
  seed: 5,
  duration: 300,
  drain: 60,
  arrivals: { type: 'poisson', rate: 4 },
  scores: { type: 'normal', mean: 1500, sd: 300 },
  parties: { sizes: { '1': 5, '2': 3, '3': 2 } },
};
const run = (name: string, extra: object) => runScenarioInMemory(resolveScenario(`${name}.json`, { name, ...base, ...extra }));

/** Players by id, and each party's members (by its first player's id). */
function parties(players: PlayerRow[]): Map<string, PlayerRow[]> {
  const out = new Map<string, PlayerRow[]>();
  for (const p of players) {
    if (p.party === null) continue;
    out.set(p.party as string, [...(out.get(p.party as string) ?? []), p]);
  }
  return out;
}

describe('parties', () => {
  it('queue as one request: members arrive together, land in the same room, and wait the same', () => {
    for (const algorithm of ['anchor', 'profiles', 'retry']) {
      const extra = algorithm === 'profiles' ? { profiles: [{ name: 'all' }] } : {};
      const { players, summary } = run(algorithm, { matcher: { algorithm, roomSize: 4, ...extra } });
      const groups = parties(players);
      expect(groups.size).toBeGreaterThan(100);
      for (const [leader, members] of groups) {
        expect(members[0].id).toBe(leader);
        expect(members.length).toBeGreaterThanOrEqual(2);
        expect(new Set(members.map((m) => m.arrival)).size).toBe(1);
        expect(new Set(members.map((m) => m.room)).size, `${algorithm}: party ${leader}`).toBe(1);
        expect(new Set(members.map((m) => m.wait)).size).toBe(1);
      }
      // Wait figures count players: every matched player has a wait, party members included.
      expect(summary.players.matched).toBe(players.filter((p) => p.wait !== null).length);
      const bySize = Object.fromEntries((summary.breakdowns.parties ?? []).map((g) => [g.label, g.players]));
      expect(Object.keys(bySize)).toEqual(['alone', 'party of 2', 'party of 3']);
      expect(bySize.alone + bySize['party of 2'] + bySize['party of 3']).toBe(summary.players.total);
      // Sizes are drawn 5 : 3 : 2 per request, so players come 5 : 6 : 6.
      expect(bySize['party of 2'] / summary.players.total).toBeCloseTo(6 / 17, 1);
    }
  });

  it('gives the party its mean score, or its best with score: "max"', () => {
    // A matcher module that only records what it is given.
    const requests = (score: string) => {
      const seen: Array<{ score: number; size?: number }> = [];
      const loaded = resolveScenario('p.json', { name: 'p', ...base, duration: 20, parties: { sizes: { '2': 1, '3': 1 }, score }, matcher: { module: './m.js' } });
      const create: CreateMatcher = () => ({ roomSize: 3, parties: true, size: 0, add: (c) => void seen.push(c), remove: () => false, match: () => [], waiting: () => [...seen] });
      const { players } = runScenarioInMemory({ ...loaded, userModule: { name: 'm.js', create, options: {} } });
      return { seen, players };
    };
    for (const rule of ['mean', 'max'] as const) {
      const { seen, players } = requests(rule);
      expect(seen.length).toBeGreaterThan(20);
      let at = 0;
      for (const request of seen) {
        const scores = players.slice(at, at + (request.size ?? 1)).map((p) => p.score as number);
        at += scores.length;
        expect(request.score).toBeCloseTo(rule === 'mean' ? scores.reduce((a, b) => a + b, 0) / scores.length : Math.max(...scores), 9);
      }
      expect(at).toBe(players.length);
    }
  });
});

describe('parties with memberSpread', () => {
  it("scatters members' scores around the first member's instead of drawing them on their own", () => {
    const gaps = (memberSpread?: number) => {
      const { players } = runScenarioInMemory(
        resolveScenario('m.json', { name: 'm', ...base, parties: { sizes: { '2': 1 }, ...(memberSpread === undefined ? {} : { memberSpread }) }, matcher: { algorithm: 'anchor', roomSize: 4 } }),
      );
      const out: number[] = [];
      for (const members of parties(players).values()) out.push(Math.abs((members[1].score as number) - (members[0].score as number)));
      return out;
    };
    expect(gaps(0).every((g) => g === 0)).toBe(true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // |N(0, 50)| has mean 50 * sqrt(2 / pi) ~ 40; two independent N(1500, 300) draws differ by ~339 on average.
    expect(mean(gaps(50))).toBeGreaterThan(30);
    expect(mean(gaps(50))).toBeLessThan(50);
    expect(mean(gaps())).toBeGreaterThan(250);
  });
});

describe('teams', () => {
  it('deals every room into whole teams, and reports the gap and the favourite by the Elo logistic', () => {
    const { rooms, players, summary } = run('teams', { matcher: { algorithm: 'teams', roomSize: 6, teams: { count: 2, size: 3 } } });
    expect(rooms.length).toBeGreaterThan(100);
    const byId = new Map(players.map((p) => [p.id as string, p]));
    for (const room of rooms) {
      const teams = (room.teams as string).split(' | ').map((t) => t.split(' '));
      expect(teams.map((t) => t.length)).toEqual([3, 3]);
      expect(teams.flat().join(' ')).toBe(room.players);
      const means = teams.map((t) => t.reduce((s, id) => s + (byId.get(id)?.score as number), 0) / 3);
      expect((room.team_means as string).split(' ').map(Number)).toEqual(means.map((m) => Math.round(m * 1e6) / 1e6));
      expect(room.team_gap).toBeCloseTo(Math.abs(means[0] - means[1]), 6);
      expect(room.favourite_win).toBeCloseTo(Math.max(...eloWinChances(means)), 6);
      teams.forEach((team, t) => team.forEach((id) => expect(byId.get(id)?.team).toBe(t + 1)));
    }
    // A party sits in one team.
    for (const members of parties(players).values()) {
      if (members[0].room === null) continue;
      expect(new Set(members.map((m) => m.team)).size).toBe(1);
    }
    expect(summary.teams?.gap.mean).toBeGreaterThan(0);
    expect(summary.teams?.favouriteWin.mean).toBeGreaterThan(0.5);
    expect(summary.teams?.favouriteWin.max).toBeLessThan(1);
  });

  it('deals 2 x 2 rooms of singles alike by greedy and by snake', () => {
    const greedy = run('g', { parties: undefined, matcher: { algorithm: 'teams', roomSize: 4, teams: { count: 2, size: 2, balance: 'greedy' } } }).summary;
    const snake = run('s', { parties: undefined, matcher: { algorithm: 'teams', roomSize: 4, teams: { count: 2, size: 2, balance: 'snake' } } }).summary;
    expect(greedy.rooms).toBe(snake.rooms);
    // For 2 x 2 singles both deal 1st + 4th against 2nd + 3rd: the same teams.
    expect(greedy.teams).toEqual(snake.teams);
  });
});

describe('retry (per-request delayed events)', () => {
  it('is a service mode: anchor under service retry is the old algorithm "retry", row for row', () => {
    const old = run('r', { matcher: { algorithm: 'retry', roomSize: 3, retry: { delay: 3 } } });
    const now = run('r', { matcher: { algorithm: 'anchor', roomSize: 3, service: { type: 'retry', delay: 3 } } });
    expect(now.rooms).toEqual(old.rooms);
    expect(now.players).toEqual(old.players);
    expect(old.summary.scenario.matcher).toMatchObject({ algorithm: 'anchor', service: { type: 'retry', delay: 3 } });
    expect(old.summary.scenario.matcher).not.toHaveProperty('retry');
  });

  it("runs a user's module that offers matchOne, and refuses one that does not, naming it", () => {
    // A module that seats any three requests on its own: each request tries alone as it arrives, and again later.
    const held: Array<{ score: number }> = [];
    const create: CreateMatcher = () => {
      const pool = {
        roomSize: 3,
        get size() {
          return held.length;
        },
        add: (c: { score: number }) => void held.push(c),
        remove: (c: { score: number }) => (held.includes(c) ? (held.splice(held.indexOf(c), 1), true) : false),
        match: () => [],
        waiting: () => [...held],
        matchOne: (c: { score: number }) => {
          if (held.length < 3) return undefined;
          const room = [c, ...held.filter((h) => h !== c).slice(0, 2)];
          for (const m of room) held.splice(held.indexOf(m), 1);
          return room;
        },
      };
      return pool;
    };
    const loaded = resolveScenario('m.json', { name: 'm', ...base, parties: undefined, matcher: { module: './m.mjs', service: { type: 'retry', delay: 1 } } });
    const { summary } = runScenarioInMemory({ ...loaded, userModule: { name: './m.mjs', create, options: {} } });
    expect(summary.rooms).toBeGreaterThan(300);
    expect(summary.players.matched).toBe(summary.rooms * 3);
    const without: CreateMatcher = () => ({ roomSize: 3, size: 0, add: () => undefined, remove: () => false, match: () => [], waiting: () => [] });
    expect(() => runScenarioInMemory({ ...loaded, userModule: { name: './m.mjs', create: without, options: {} } })).toThrow(/^\.\/m\.mjs: createMatcher: the scenario asks for service retry, which needs matchOne/);
  });

  it('matches a request only at its own attempts: on arrival and every delay seconds after', () => {
    const { players, rooms, summary } = run('retry', { parties: undefined, matcher: { algorithm: 'retry', roomSize: 3, retry: { delay: 2 } } });
    expect(summary.rooms).toBe(rooms.length);
    const byId = new Map(players.map((p) => [p.id as string, p]));
    for (const room of rooms) {
      // The room forms at an attempt of one of its members (the anchor, listed first).
      const anchor = byId.get((room.players as string).split(' ')[0]) as PlayerRow;
      const waited = (room.time as number) - (anchor.arrival as number);
      expect(Math.abs(waited / 2 - Math.round(waited / 2)), room.room as string).toBeLessThan(1e-6);
    }
    const last = Math.max(...rooms.map((r) => r.time as number));
    expect(last).toBeLessThanOrEqual(360);
  });
});
