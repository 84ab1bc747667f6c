import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { roleWaitRows } from '../src/reports/charts/roles-chart.js';
import { cli, writeFiles } from './fixtures/helpers.js';

type Row = Record<string, unknown>;

/** Role queues on a steady stream; a huge window, so that roles alone decide who plays together. */
const queue = (shares: Record<string, number>, extra: object = {}) => ({
  name: 'roles',
  seed: 5,
  duration: 1000,
  drain: 0,
  arrivals: { type: 'poisson', rate: 20 },
  scores: { type: 'normal', mean: 1500, sd: 200 },
  roles: { shares },
  matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 1e9, composition: { a: 2, b: 2, c: 1 } },
  ...extra,
});
const run = (doc: object) => runScenarioInMemory(resolveScenario('s.json', doc as Record<string, unknown>));

describe('role queues', () => {
  it('form rooms as fast as the scarcest role allows: rooms a second = min over roles of (its arrival rate / its slots a room)', () => {
    // a: 50% of 20/s over 2 slots = 5 rooms/s; b: 30% over 2 = 3/s; c: 20% over 1 = 4/s. b is the bottleneck: 3 rooms a second.
    const { summary } = run(queue({ a: 50, b: 30, c: 20 }));
    const roomsPerSecond = summary.rooms / 1000;
    // Poisson arrivals of b: about 6 000, sd about 77 (1.3%): 5% is four sd.
    expect(roomsPerSecond).toBeGreaterThan(3 * 0.95);
    expect(roomsPerSecond).toBeLessThan(3 * 1.05);
    const roles = summary.roles!;
    // Exactly, on the players who came: the rooms are the scarcest role's players over its slots, less those who came in the last second.
    const bound = Math.min(...(['a', 'b', 'c'] as const).map((r) => Math.floor(roles.byRole[r].players / roles.byRole[r].slots)));
    expect(summary.rooms).toBeLessThanOrEqual(bound);
    expect(summary.rooms).toBeGreaterThanOrEqual(bound - 3);
    expect(roles.bottleneck).toBe('b');
    // The bottleneck's players barely wait; the others queue up.
    expect(roles.byRole.b.waitP50 as number).toBeLessThan(2);
    expect(roles.byRole.a.waitP50 as number).toBeGreaterThan(10 * (roles.byRole.b.waitP50 as number));
    expect(roles.byRole.b.playersPerSlot).toBeLessThan(roles.byRole.c.playersPerSlot as number);
    // Each queued for one role: every player played it.
    expect(roles.offFirstChoiceShare).toBe(0);
    for (const r of ['a', 'b', 'c']) expect(roles.byRole[r].playedFirstChoice === null || roles.byRole[r].playedFirstChoice === 1).toBe(true);
  });

  it('moving players from the crowded role to the scarce one cuts the crowded role\'s wait, as published role-queue changes did', () => {
    const before = run(queue({ a: 55, b: 25, c: 20 })).summary.roles!;
    const after = run(queue({ a: 45, b: 35, c: 20 })).summary.roles!;
    expect(after.byRole.a.waitP50 as number).toBeLessThan(before.byRole.a.waitP50 as number);
    expect(after.byRole.a.matched / after.byRole.a.players).toBeGreaterThan(before.byRole.a.matched / before.byRole.a.players);
  });

  it('fills each slot with a player who queued for that role, teams by composition: players.csv says each player\'s roles and the one it played', () => {
    const doc = queue({ a: 40, b: 40, c: 20 }, { roles: { shares: { a: 40, b: 40, c: 20 }, second: 0.5 }, matcher: { algorithm: 'teams', roomSize: 10, windowGrowth: 1e9, teams: { count: 2, size: 5 }, composition: { a: 2, b: 2, c: 1 } }, duration: 300 });
    const { players, rooms, summary } = run(doc);
    const rows = players as unknown as Row[];
    // rooms.csv says each member's role, in the room's order: the role players.csv gives it.
    const roleOf = new Map(rows.map((p) => [p.id, p.role]));
    for (const room of rooms) expect(String(room.roles).split(' ')).toEqual(String(room.players).split(' ').map((id) => roleOf.get(id)));
    const byRoom = new Map<unknown, Row[]>();
    for (const p of rows) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    expect(byRoom.size).toBe(summary.rooms);
    for (const members of byRoom.values()) {
      for (const team of [1, 2]) {
        const played = members.filter((m) => m.team === team).map((m) => m.role as string).sort();
        expect(played).toEqual(['a', 'a', 'b', 'b', 'c']);
      }
      for (const m of members) expect(String(m.roles).split(' ')).toContain(m.role);
    }
    for (const p of rows) if (p.room === null) expect(p.role).toBeNull();
    // Some played their second choice, and summary.json says how many.
    const off = rows.filter((p) => p.role !== null && p.role !== String(p.roles).split(' ')[0]).length;
    expect(off).toBeGreaterThan(0);
    expect(summary.roles!.offFirstChoiceShare).toBeCloseTo(off / summary.players.matched, 6);
    expect(summary.roles!.multiRoleShare).toBeGreaterThan(0.4);
    expect(summary.players.total).toBe(summary.players.matched + summary.players.waiting + summary.players.abandoned);
  });

  it("is told on the console and in the report: the bottleneck, each role's wait, a chart of wait by role", async () => {
    const doc = { ...queue({ a: 50, b: 30, c: 20 }), duration: 200 };
    const dir = writeFiles({ 's.json': doc });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/roles +bottleneck b; wait p50 by first choice: a [0-9.]+, b [0-9.]+, c [0-9.]+/);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/Wait by role/);
    expect(html).toMatch(/The bottleneck is b/);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    // The chart's rows are summary.json's figures, every role with its p50 and p95.
    const rows = roleWaitRows(summary.roles);
    expect(rows.map((x) => `${x.role} ${x.figure}`)).toEqual(['a p50', 'a p95', 'b p50', 'b p95', 'c p50', 'c p95']);
    expect(rows[2].wait).toBe(summary.roles.byRole.b.waitP50);
    // players.csv's columns, as the scenario's roles name them.
    const header = readFileSync(join(dir, 'out', 'players.csv'), 'utf8').split('\n')[0];
    expect(header.endsWith(',roles,role')).toBe(true);
  });

  it('lets a player who has waited fillAfter take any role (fill): more rooms, the crowded role waits less, and only players who waited that long fill in', () => {
    const doc = (extra: object) => ({ ...queue({ a: 50, b: 30, c: 20 }), duration: 300, matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 1e9, clock: 'seconds', composition: { a: 2, b: 2, c: 1 }, ...extra } });
    const strict = run(doc({}));
    const filling = run(doc({ fillAfter: 20 }));
    expect(filling.summary.rooms).toBeGreaterThan(strict.summary.rooms);
    expect(filling.summary.roles!.byRole.a.waitP95 as number).toBeLessThan(strict.summary.roles!.byRole.a.waitP95 as number);
    expect(strict.summary.roles!.fillShare).toBe(0);
    const rows = filling.players as unknown as Row[];
    const filled = rows.filter((p) => p.role !== null && !String(p.roles).split(' ').includes(p.role as string));
    expect(filled.length).toBeGreaterThan(10);
    expect(filling.summary.roles!.fillShare).toBeCloseTo(filled.length / filling.summary.players.matched, 6);
    for (const p of filled) expect(p.wait as number).toBeGreaterThanOrEqual(20);
    expect(() => run({ ...queue({ a: 1 }), matcher: { algorithm: 'anchor', roomSize: 5, fillAfter: 5 } })).toThrow(/matcher\.fillAfter: is for role queues: give matcher\.composition too/);
  });

  it('sweeps role shares: each role\'s figures are columns of sweep.csv and of the table, and check gates them', async () => {
    const doc = { ...queue({ a: 50, b: 30, c: 20 }), duration: 200, sweep: { 'roles.shares.b': [30, 60] } };
    const dir = writeFiles({ 's.json': doc, 'gate.json': { ...queue({ a: 50, b: 30, c: 20 }), duration: 200, expect: { 'roles.byRole.b.waitP50': { max: 5 }, 'roles.byRole.a.waitP50': { max: 5 } } } });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--workers', '0');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/a wait p50 +b wait p50 +c wait p50/);
    const header = readFileSync(join(dir, 'out', 'sweep.csv'), 'utf8').split('\n')[0].split(',');
    expect(header).toEqual(expect.arrayContaining(['roles.byRole.a.waitP50', 'roles.byRole.b.waitP95', 'roles.byRole.c.playedFirstChoice', 'roles.offFirstChoiceShare']));
    const sweep = JSON.parse(readFileSync(join(dir, 'out', 'sweep.json'), 'utf8'));
    // At b 30 the bottleneck is b, whose players barely wait; at b 60, a's players are the scarce ones (5 a room... 2 slots) and b waits.
    const [low, high] = sweep.points.map((p: { figures: Record<string, { mean: number }> }) => p.figures);
    expect(low['roles.byRole.b.waitP50'].mean).toBeLessThan(low['roles.byRole.a.waitP50'].mean);
    expect(high['roles.byRole.b.waitP50'].mean).toBeGreaterThan(low['roles.byRole.b.waitP50'].mean);
    // check: b (the bottleneck) waits little, a does not.
    const gate = await cli('check', join(dir, 'gate.json'));
    expect(gate.code).toBe(1);
    expect(gate.stdout).toMatch(/roles\.byRole\.b\.waitP50 .*PASS/);
    expect(gate.stdout).toMatch(/roles\.byRole\.a\.waitP50 .*FAIL/);
  });

  it("reads recorded players' roles from their string list attribute (a trace's column, a replayed log's SL attribute)", async () => {
    const rows = ['time,id,score,roles,mode'];
    for (let i = 0; i < 300; i++) rows.push(`${(i * 0.1).toFixed(1)},q${i},${1500 + (i % 7) * 10},"${JSON.stringify(i % 5 === 0 ? ['a'] : i % 5 < 3 ? ['b', 'c'] : ['c']).replaceAll('"', '""')}",x`);
    const traced = (roles: object, columns: object = { roles: 'string-list' }) => ({
      name: 'traced',
      seed: 1,
      duration: 40,
      drain: 10,
      arrivals: { type: 'trace', file: 't.csv', columns },
      roles,
      matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 1e9, composition: { a: 1, b: 2, c: 2 } },
    });
    const dir = writeFiles({ 't.csv': rows.join('\n') + '\n', 's.json': traced({ attribute: 'roles', names: ['a', 'b', 'c'] }), 'mode.json': traced({ attribute: 'mode', names: ['a', 'b', 'c'] }), 'none.json': traced({ attribute: 'roles' }) });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    const players = readFileSync(join(dir, 'out', 'players.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const header = readFileSync(join(dir, 'out', 'players.csv'), 'utf8').split('\n')[0].split(',');
    const [rolesAt, roleAt] = [header.indexOf('roles'), header.indexOf('role')];
    let matched = 0;
    for (const p of players) {
      if (p[roleAt] === '') continue;
      matched++;
      expect(p[rolesAt].split(' ')).toContain(p[roleAt]);
    }
    expect(matched).toBeGreaterThan(200);
    // A replayed FlexMatch log brings them as an SL attribute: exported, then replayed, the same rooms and roles.
    const exported = await cli('export', 'flexmatch', join(dir, 'out'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--scenario', join(dir, 's.json'));
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(join(dir, 'r.jsonl'), 'utf8')).toMatch(/"roles":\{"SL":\["b","c"\]\}/);
    const replay = { ...traced({ attribute: 'roles', names: ['a', 'b', 'c'] }), arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl', from: '2024-01-01T00:00:00Z' } };
    writeFileSync(join(dir, 'replay.json'), JSON.stringify(replay));
    const replayed = await cli('run', join(dir, 'replay.json'), '-o', join(dir, 'rep'), '--no-charts');
    expect(replayed.code, replayed.stderr).toBe(0);
    const roomsOf = (d: string) => readFileSync(join(dir, d, 'rooms.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').at(-1));
    expect(roomsOf('rep')).toEqual(roomsOf('out'));
    const mode = await cli('run', join(dir, 'mode.json'), '-o', join(dir, 'o2'), '--no-charts');
    expect(mode.code).toBe(2);
    expect(mode.stderr).toMatch(/mode\.json: roles\.attribute: names a string attribute: roles are a string list/);
    const none = await cli('validate', join(dir, 'none.json'));
    expect(none.stderr).toMatch(/roles\.names: required with attribute/);
  });

  it('is refused where it cannot hold, naming the field', () => {
    const bad = (doc: object) => () => run(doc);
    expect(bad(queue({ a: 50, b: 30, c: 20 }, { matcher: { algorithm: 'anchor', roomSize: 5, composition: { a: 2, b: 2, d: 1 } } }))).toThrow(/matcher\.composition\.d: is not one of the scenario's roles/);
    expect(bad(queue({ a: 50, b: 30, c: 20 }, { matcher: { algorithm: 'anchor', roomSize: 6, composition: { a: 2, b: 2, c: 1 } } }))).toThrow(/matcher\.composition: 5 slots a team, and a team holds 6 players \(matcher\.roomSize\)/);
    expect(bad(queue({ a: 50, b: 30, c: 20 }, { matcher: { algorithm: 'score-scan', roomSize: 5, composition: { a: 2, b: 2, c: 1 } } }))).toThrow(/algorithm "score-scan" does not fill rooms by role/);
    expect(bad(queue({ a: 50, b: 30, c: 20 }, { parties: { sizes: { '1': 1, '2': 1 } } }))).toThrow(/parties: parties in role queues are not simulated yet/);
    expect(bad({ ...queue({ a: 1 }), roles: undefined })).toThrow(/matcher\.composition: needs the scenario's roles/);
    expect(bad(queue({ a: 0, b: 0 }, { matcher: { algorithm: 'anchor', roomSize: 5 } }))).toThrow(/roles\.shares: give at least one role a share above 0/);
    expect(bad(queue({ a: 1 }, { roles: { shares: { a: 1 }, attribute: 'roles', names: ['a'] }, matcher: { algorithm: 'anchor', roomSize: 5 } }))).toThrow(/roles: give shares .* or attribute .*, not both/);
    expect(bad(queue({ a: 1 }, { roles: { attribute: 'roles', names: ['a'] }, matcher: { algorithm: 'anchor', roomSize: 5 } }))).toThrow(/roles\.attribute: is for players recorded with their roles/);
  });

  it('draws roles on a stream of their own: the same players, scores and arrivals with roles as without', () => {
    const withRoles = run(queue({ a: 50, b: 30, c: 20 }, { duration: 100, matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 50 } }));
    const without = run({ ...queue({ a: 1 }), duration: 100, roles: undefined, matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 50 } });
    const drawn = (r: typeof withRoles) => (r.players as unknown as Row[]).map((p) => [p.arrival, p.score]);
    expect(drawn(withRoles)).toEqual(drawn(without));
    // Without a composition roles are recorded, and change no room.
    // (rooms.csv's roles column aside: no role was cast, so it is empty)
    expect(withRoles.rooms.map(({ roles: _, ...room }) => room)).toEqual(without.rooms);
    // The shares: first choices by weight; flex players queue for every role, the others for one or (second) two.
    const mixed = run(queue({ a: 50, b: 30, c: 20 }, { duration: 200, roles: { shares: { a: 50, b: 30, c: 20 }, flex: 0.3, second: 0.5 }, matcher: { algorithm: 'anchor', roomSize: 5, windowGrowth: 50 } })).summary.roles!;
    const total = ['a', 'b', 'c'].reduce((n, r) => n + mixed.byRole[r].players, 0);
    expect(mixed.byRole.a.players / total).toBeCloseTo(0.5, 1);
    expect(mixed.flexShare as number).toBeCloseTo(0.3, 1);
    // Two or more roles: the flex players and half the rest.
    expect(mixed.multiRoleShare as number).toBeCloseTo(0.3 + 0.7 * 0.5, 1);
  });
});
