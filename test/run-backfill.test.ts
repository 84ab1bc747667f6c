import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenarioToDirectory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import type { Summary } from '../src/reports/summary.js';
import { tempDir } from './fixtures/helpers.js';

const PLAYERS = 1200;
const TEAM = 3;
const population = {
  players: PLAYERS,
  skill: { type: 'normal', mean: 1500, sd: 300 },
  sessions: { perDay: 8, length: { type: 'exponential', mean: 3600 } },
  matchDuration: { type: 'lognormal', mu: 6.2, sigma: 0.3 },
  matchOn: 'skill',
};
const base = { seed: 5, duration: 3600, population, matcher: { algorithm: 'teams', roomSize: 2 * TEAM, windowGrowth: 10, teams: { count: 2, size: TEAM } } };

type Rows = Record<string, string>[];
interface Run {
  readonly summary: Summary;
  readonly dir: string;
  table(name: string): Rows;
}

async function run(backfill: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}): Promise<Run> {
  const document = { name: 'backfill', ...base, population: { ...population, ...(backfill !== undefined ? { backfill } : {}) }, ...extra };
  const dir = join(tempDir(), 'out');
  const summary = await runScenarioToDirectory(resolveScenario('backfill.json', document), dir, { charts: false, csvWorkers: 0 });
  return { summary, dir, table: (name) => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Rows };
}

const ids = (cell: string): string[] => (cell === '' ? [] : cell.split(' '));

describe('backfill in a population', () => {
  it('refills the seats of players who leave: every request is in backfills.csv, each joiner in visits.csv in the running room it joined, when it joined, and no seat is filled twice', async () => {
    const timeout = 20;
    const stopBeforeEnd = 30;
    const { summary, table } = await run({ leave: { probability: 0.15 }, timeoutSeconds: timeout, stopBeforeEnd });
    const b = summary.backfill!;
    const requests = table('backfills.csv');
    const matches = table('matches.csv');
    const visits = table('visits.csv');
    expect(requests.length).toBe(b.requests.opened);
    expect(b.requests.filled).toBeGreaterThan(100);
    expect(b.requests.timedOut).toBeGreaterThan(0);
    expect(b.requests.filled + b.requests.timedOut + b.requests.matchEnded + b.requests.standing).toBe(b.requests.opened);
    const endOf = new Map(matches.map((m) => [m.room, Number(m.end)]));
    const startOf = new Map(matches.map((m) => [m.room, Number(m.start)]));
    const joinersOf = new Map<string, number>();
    for (const r of requests) {
      const opened = Number(r.opened_at);
      const joined = ids(r.joined);
      // A request opens within its match and before its last stopBeforeEnd seconds, and is closed within its timeout.
      expect(opened).toBeGreaterThanOrEqual(startOf.get(r.room)!);
      expect(opened).toBeLessThan(endOf.get(r.room)! - stopBeforeEnd);
      if (r.outcome !== 'standing') expect(Number(r.closed_at) - opened).toBeLessThanOrEqual(timeout);
      // A fill may bring fewer players than asked for (the match asks again for the rest).
      if (r.outcome === 'filled') expect(joined.length).toBeGreaterThanOrEqual(1);
      else expect(joined.length).toBe(0);
      expect(joined.length).toBeLessThanOrEqual(Number(r.open));
      joinersOf.set(r.room, (joinersOf.get(r.room) ?? 0) + joined.length);
      // The joiner's visit names the running room, and was matched when the request was filled.
      for (const player of joined) {
        const visit = visits.find((v) => v.player === player && v.room === r.room);
        expect(visit, `${player} in ${r.room}`).toBeDefined();
        expect(Number(visit!.matched_at)).toBe(Number(r.closed_at));
      }
    }
    // A room's visits are its starting players and its joiners; a match takes no more joiners than players it lost.
    const visitsOf = new Map<string, number>();
    for (const v of visits) if (v.room !== '') visitsOf.set(v.room, (visitsOf.get(v.room) ?? 0) + 1);
    for (const m of matches) {
      expect(visitsOf.get(m.room)).toBe(2 * TEAM + (joinersOf.get(m.room) ?? 0));
      expect(ids(m.joined).length).toBe(joinersOf.get(m.room) ?? 0);
      expect(ids(m.joined).length).toBeLessThanOrEqual(ids(m.left).length);
      expect(Number(m.short_seconds)).toBeLessThanOrEqual(Number(m.end) - Number(m.start));
    }
    expect(matches.reduce((n, m) => n + ids(m.left).length, 0)).toBe(b.playersLeft);
    expect(matches.filter((m) => m.left !== '').length).toBe(b.matchesLosingPlayers);
    expect(b.playersJoined).toBe(requests.reduce((n, r) => n + ids(r.joined).length, 0));
  });

  it('writes the same bytes on every run, on CSV threads as on this thread, backfills.csv included', async () => {
    const built = (await import('../dist/src/run.js')) as typeof import('../src/run.js');
    const { resolveScenario: resolveBuilt } = (await import('../dist/src/scenarios/load.js')) as typeof import('../src/scenarios/load.js');
    const document = { name: 'same', ...base, population: { ...population, backfill: { leave: { probability: 0.15 } } } };
    const a = await run(document.population.backfill);
    const b = join(tempDir(), 'b');
    await built.runScenarioToDirectory(resolveBuilt('backfill.json', { ...document, name: 'backfill' }), b, { charts: false, csvWorkers: 1 });
    for (const f of ['backfills.csv', 'matches.csv', 'match_players.csv', 'visits.csv', 'rooms.csv', 'timeline.csv', 'summary.json']) {
      expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a.dir, f), 'utf8'));
    }
  });

  it('keeps every player in one place: no player in two matches at once unless it left the first, and every tick counts each player in one state', async () => {
    const { summary, table } = await run({ leave: { probability: 0.2, afterBlowout: 0.5 }, timeoutSeconds: 30 });
    const spans = new Map<string, Array<{ from: number; to: number; left: boolean }>>();
    const add = (player: string, from: number, to: number, left: boolean) => {
      const list = spans.get(player) ?? [];
      list.push({ from, to, left });
      spans.set(player, list);
    };
    const joinedAt = new Map<string, number>();
    for (const r of table('backfills.csv')) for (const p of ids(r.joined)) joinedAt.set(`${r.room} ${p}`, Number(r.closed_at));
    for (const m of table('matches.csv')) {
      const left = new Set(ids(m.left));
      for (const p of ids(m.players)) add(p, Number(m.start), Number(m.end), left.has(p));
      for (const p of ids(m.joined)) add(p, joinedAt.get(`${m.room} ${p}`)!, Number(m.end), left.has(p));
    }
    let checked = 0;
    for (const list of spans.values()) {
      list.sort((x, y) => x.from - y.from);
      for (let i = 1; i < list.length; i++) {
        if (!list[i - 1].left) expect(list[i].from).toBeGreaterThanOrEqual(list[i - 1].to);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
    // The run checks every tick that the players in a match are those seated in running matches; the timeline shows each player in one state.
    for (const t of table('timeline.csv')) {
      const inStates = ['players_offline', 'players_queued', 'players_in_pool', 'players_in_match', 'players_gone'].reduce((n, c) => n + Number(t[c]), 0);
      expect(inStates).toBe(PLAYERS);
    }
    const c = summary.conservation;
    expect(c.matched + c.abandoned + c.queued + c.pool + c.lost.disconnected).toBe(c.arrived);
  });

  it('changes nothing when nobody leaves: the rooms, visits and matches of a run without backfill, and no request', async () => {
    const none = await run(undefined);
    const still = await run({ leave: { probability: 0 } });
    for (const file of ['rooms.csv', 'visits.csv', 'timeline.csv']) expect(readFileSync(join(still.dir, file), 'utf8'), file).toBe(readFileSync(join(none.dir, file), 'utf8'));
    const columns = (rows: Rows) => rows.map((m) => [m.room, m.players, m.places, m.ratings_after, m.left, m.joined, m.short_seconds]);
    expect(columns(still.table('matches.csv'))).toEqual(columns(none.table('matches.csv')).map((c) => [...c.slice(0, 4), '', '', '0']));
    expect(still.table('backfills.csv')).toEqual([]);
    expect(still.summary.backfill!.requests.opened).toBe(0);
    expect(still.summary.backfill!.shortHandedShare).toBe(0);
    expect(none.summary.backfill).toBeUndefined();
  });

  it('leaves seats empty with mode off, refills them with automatic, and waits for `missing` empty seats with manual', async () => {
    const leave = { probability: 0.25 };
    const off = (await run({ leave, mode: 'off' })).summary.backfill!;
    const automatic = (await run({ leave, mode: 'automatic' })).summary.backfill!;
    const manualRun = await run({ leave, mode: 'manual', missing: 2 });
    const manual = manualRun.summary.backfill!;
    expect(off.requests.opened).toBe(0);
    expect(off.playersJoined).toBe(0);
    expect(off.playersLeft).toBeGreaterThan(100);
    expect(automatic.shortHandedShare!).toBeLessThan(off.shortHandedShare! / 2);
    expect(manual.requests.opened).toBeGreaterThan(0);
    expect(manual.requests.opened).toBeLessThan(automatic.requests.opened);
    expect(manual.shortHandedShare!).toBeGreaterThan(automatic.shortHandedShare!);
    for (const r of manualRun.table('backfills.csv')) expect(Number(r.open)).toBeGreaterThanOrEqual(2);
  });

  it('plays a short-handed side weaker: with missingPlayer 400 the side that lost more players loses three times in four, with 0 about half the time', async () => {
    const shortSideLost = async (missingPlayer: number): Promise<{ share: number; matches: number }> => {
      const { table } = await run({ leave: { probability: 0.15 }, mode: 'off', missingPlayer }, { duration: 14400 });
      let matches = 0;
      let lost = 0;
      for (const m of table('matches.csv')) {
        const players = ids(m.players);
        const short = [0, 0];
        for (const p of ids(m.left)) short[Math.floor(players.indexOf(p) / TEAM)]++;
        if (short[0] === short[1]) continue;
        const side = short[0] > short[1] ? 0 : 1;
        matches++;
        if (ids(m.places)[side * TEAM] === '2') lost++;
      }
      return { share: lost / matches, matches };
    };
    const weak = await shortSideLost(400);
    const even = await shortSideLost(0);
    expect(weak.matches).toBeGreaterThan(300);
    // About 490 matches: a share's standard error is about 0.023.
    expect(weak.share).toBeGreaterThan(0.7);
    expect(Math.abs(even.share - 0.5)).toBeLessThan(0.08);
  });

  it("with role queues, asks for the roles its leavers played, and each joiner plays one of them; a population's players keep their roles from visit to visit", async () => {
    const roles = { roles: { shares: { tank: 30, damage: 40, support: 30 } }, matcher: { ...base.matcher, composition: { tank: 1, damage: 1, support: 1 } } };
    const { summary, table } = await run({ leave: { probability: 0.15 }, timeoutSeconds: 20 }, roles);
    expect(Object.keys(summary.roles!.byRole)).toEqual(['tank', 'damage', 'support']);
    const visits = table('visits.csv');
    const queuedFor = new Map<string, string>();
    for (const v of visits) {
      expect(queuedFor.get(v.player) ?? v.roles, v.player).toBe(v.roles);
      queuedFor.set(v.player, v.roles);
    }
    const played = new Map(visits.filter((v) => v.room !== '').map((v) => [`${v.room} ${v.player}`, v.role]));
    let joiners = 0;
    for (const m of table('matches.csv')) {
      // Every team plays one of each role; a joiner takes a role some leaver of the match played.
      const vacated = ids(m.left).map((p) => played.get(`${m.room} ${p}`));
      for (const p of ids(m.joined)) {
        const role = played.get(`${m.room} ${p}`)!;
        expect(vacated).toContain(role);
        vacated.splice(vacated.indexOf(role), 1);
        expect(queuedFor.get(p)!.split(' ')).toContain(role);
        joiners++;
      }
    }
    expect(joiners).toBeGreaterThan(50);
  });

  it('fills under a FlexMatch rule set: joiners placed on the side that lost a player', async () => {
    const ruleSet = {
      name: 'three-v-three',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }],
      teams: [{ name: 'side', minPlayers: 3, maxPlayers: 3, quantity: 2 }],
      rules: [{ name: 'Close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 400 }],
    };
    const matcher = { algorithm: 'flexmatch', roomSize: 6, flexmatch: { ruleSet } };
    const { summary, table } = await run({ leave: { probability: 0.2 }, timeoutSeconds: 30 }, { matcher });
    expect(summary.backfill!.requests.filled).toBeGreaterThan(30);
    const side = new Map(table('visits.csv').filter((v) => v.room !== '').map((v) => [`${v.room} ${v.player}`, v.team]));
    let joiners = 0;
    for (const m of table('matches.csv')) {
      const lost = ids(m.left).map((p) => side.get(`${m.room} ${p}`));
      for (const p of ids(m.joined)) {
        const team = side.get(`${m.room} ${p}`)!;
        expect(lost).toContain(team);
        lost.splice(lost.indexOf(team), 1);
        joiners++;
      }
    }
    expect(joiners).toBeGreaterThan(30);
    // Its priority is the rule set's: another in population.backfill is refused; teams of two sizes cannot be a population's sides.
    const doc = (backfill: Record<string, unknown>, m: Record<string, unknown>) => ({ name: 'b', ...base, matcher: m, population: { ...population, backfill } });
    expect(() => resolveScenario('b.json', doc({ leave: { probability: 0.1 }, priority: 'high' }, matcher))).toThrow(/population\.backfill\.priority: algorithm "flexmatch" stands backfill requests at its own priority, "normal"/);
    const uneven = { ...matcher, roomSize: 5, flexmatch: { ruleSet: { ...ruleSet, teams: [{ name: 'monster', minPlayers: 1, maxPlayers: 1 }, { name: 'players', minPlayers: 4, maxPlayers: 4 }] } } };
    expect(() => resolveScenario('b.json', doc({ leave: { probability: 0.1 } }, uneven))).toThrow(/population: a population's sides are of one size .* teams of 1 and 4 players/);
  });

  it('with data centres, fills a request in its match\'s data centre with players the latency cap admits there at their wait', async () => {
    const latency = {
      dataCentres: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
      players: { regions: { na: { share: 4, lat: 40, lon: -95, spreadKm: 1200 }, eu: { share: 3, lat: 50, lon: 10, spreadKm: 800 }, asia: { share: 2, lat: 35, lon: 125, spreadKm: 900 } } },
    };
    const cap = { max: 60, steps: [{ after: 10, max: 100 }, { after: 20, max: 150 }, { after: 30, max: 250 }] };
    const capAt = (wait: number) => (wait < 10 ? 60 : wait < 20 ? 100 : wait < 30 ? 150 : 250);
    const { summary, table } = await run({ leave: { probability: 0.15 }, timeoutSeconds: 20 }, { latency, matcher: { ...base.matcher, clock: 'seconds', latency: cap } });
    expect(summary.backfill!.requests.filled).toBeGreaterThan(50);
    const visits = table('visits.csv');
    const formedAt = new Map(table('rooms.csv').map((r) => [r.room, Number(r.time)]));
    let joiners = 0;
    for (const r of table('backfills.csv')) {
      const starting = visits.find((v) => v.room === r.room && Number(v.matched_at) === formedAt.get(r.room))!;
      for (const p of ids(r.joined)) {
        const v = visits.find((x) => x.room === r.room && x.player === p && Number(x.matched_at) === Number(r.closed_at))!;
        expect(v.dc).toBe(starting.dc);
        expect(Number(v.latency_ms)).toBeLessThanOrEqual(capAt(Number(v.wait)));
        joiners++;
      }
    }
    expect(joiners).toBe(summary.backfill!.playersJoined);
    // A cap of the whole room (the oldest member's wait) is not one a joiner can be held to alone: refused.
    expect(() => resolveScenario('b.json', { name: 'b', ...base, latency, matcher: { ...base.matcher, clock: 'seconds', latency: { ...cap, follows: 'oldest' } }, population: { ...population, backfill: { leave: { probability: 0.1 } } } })).toThrow(
      /population\.backfill\.mode: with data centres, a backfill request is filled in its match's data centre/,
    );
  });

  it('is refused where a request cannot be filled as the scenario says, naming the field', () => {
    const bad = (extra: Record<string, unknown>) => () => resolveScenario('b.json', { name: 'b', ...base, population: { ...population, backfill: { leave: { probability: 0.1 } } }, ...extra });
    expect(bad({ matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 10 } })).toThrow(/population\.backfill\.mode: algorithm "score-scan" does not fill backfill requests: use "anchor" or "teams" or "flexmatch", or mode "off"/);
    expect(bad({ matcher: { ...base.matcher, service: { type: 'retry' } } })).toThrow(/population\.backfill\.mode: backfill requests are filled in worker rounds/);
    expect(() => resolveScenario('b.json', { name: 'b', ...base, population: { ...population, backfill: { leave: { probability: 1.5 } } } })).toThrow(/population\.backfill\.leave\.probability/);
    // mode off needs nothing of the matcher.
    expect(() => resolveScenario('b.json', { name: 'b', ...base, matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 10 }, population: { ...population, backfill: { leave: { probability: 0.1 }, mode: 'off' } } })).not.toThrow();
  });
});
