import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../../src/run.js';
import { loadScenario } from '../../../src/scenarios/load.js';
import { cli, writeFiles } from '../../fixtures/helpers.js';
import { readFileSync } from 'node:fs';

const ruleSet = {
  name: 'five-v-five',
  ruleLanguageVersion: '1.0',
  playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }],
  teams: [
    { name: 'red', minPlayers: 5, maxPlayers: 5 },
    { name: 'blue', minPlayers: 5, maxPlayers: 5 },
  ],
  rules: [
    { name: 'FairTeams', type: 'distance', measurements: ['avg(teams[*].players.attributes[skill])'], referenceValue: 'avg(flatten(teams[*].players.attributes[skill]))', maxDistance: 25 },
    { name: 'CloseSkill', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 100 },
  ],
  expansions: [{ target: 'rules[CloseSkill].maxDistance', steps: [{ waitTimeSeconds: 10, value: 200 }, { waitTimeSeconds: 20, value: 400 }] }],
};
const scenario = { name: 'fm', seed: 3, duration: 60, drain: 30, arrivals: { type: 'poisson', rate: 10 }, scores: { type: 'normal', mean: 1500, sd: 150 }, matcher: { algorithm: 'flexmatch', roomSize: 10, flexmatch: { ruleSet } } };
const load = (doc: object) => loadScenario(join(writeFiles({ 's.json': doc }), 's.json'));

describe('algorithm flexmatch', () => {
  it('runs a rule set on generated players: rooms of the rule set\'s size, each within the batch distance its expansion had reached, which rooms.csv records', () => {
    const { rooms, players, summary } = runScenarioInMemory(load(scenario));
    expect(rooms.length).toBeGreaterThan(20);
    const byRoom = new Map<unknown, Array<Record<string, unknown>>>();
    for (const p of players as unknown as Array<Record<string, unknown>>) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    const stepOf = new Map(rooms.map((r) => [r.room, r.expansion_1_step]));
    expect(Object.keys(rooms[0]).filter((c) => c.startsWith('expansion_'))).toEqual(['expansion_1_step']);
    for (const [room, members] of byRoom) {
      expect(members).toHaveLength(10);
      // The newest member's wait is the match's age: the batch distance in force then bounds the spread.
      const age = Math.min(...members.map((m) => m.wait as number));
      const allowed = age >= 20 ? 400 : age >= 10 ? 200 : 100;
      const scores = members.map((m) => m.score as number);
      expect(Math.max(...scores) - Math.min(...scores)).toBeLessThanOrEqual(allowed);
      // rooms.csv says which step the expansion was at: the one this age reaches.
      expect(stepOf.get(room)).toBe(age >= 20 ? 2 : age >= 10 ? 1 : 0);
    }
    expect(new Set(stepOf.values()).size).toBeGreaterThan(1);
    expect(summary.players.matched).toBe(rooms.length * 10);
  });

  it("reports each rule's passes and failures as the service does (ruleEvaluationMetrics), every match formed passing every rule", () => {
    const { rooms, summary } = runScenarioInMemory(load(scenario));
    const metrics = summary.ruleEvaluationMetrics ?? [];
    expect(metrics.map((m) => m.ruleName)).toEqual(['FairTeams', 'CloseSkill']);
    // Every potential match judged is judged by every rule: the same total for each; those that formed passed them all.
    const judged = metrics[0].passedCount + metrics[0].failedCount;
    expect(judged).toBeGreaterThan(rooms.length);
    for (const m of metrics) expect(m.passedCount + m.failedCount).toBe(judged);
    expect(Math.min(...metrics.map((m) => m.passedCount))).toBeGreaterThanOrEqual(rooms.length);
    expect(metrics[0].failedCount).toBeGreaterThan(0);
    // A run's pools (here two, by region) add their counts up.
    const pooled = runScenarioInMemory(load({ ...scenario, attributes: { side: { type: 'category', values: { a: 1, b: 1 } } }, matcher: { ...scenario.matcher, pools: [{ name: 'a', filters: [{ attribute: 'side', equals: 'a' }] }, { name: 'b', filters: [{ attribute: 'side', equals: 'b' }] }] } }));
    expect((pooled.summary.ruleEvaluationMetrics ?? []).map((m) => m.ruleName)).toEqual(['FairTeams', 'CloseSkill']);
    expect(pooled.summary.ruleEvaluationMetrics?.[1].passedCount).toBeGreaterThanOrEqual(pooled.rooms.length);
    expect(runScenarioInMemory(load({ ...scenario, matcher: { roomSize: 10 } })).summary.ruleEvaluationMetrics).toBeUndefined();
  });

  it("names each player's team as FlexMatch names it: a definition's name, or name_1, name_2 ... for a quantity", () => {
    const players = (teams: object[]) => runScenarioInMemory(load({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet: { ...ruleSet, teams } } } })).players as unknown as Array<Record<string, unknown>>;
    const byRoom = (rows: Array<Record<string, unknown>>) => {
      const rooms = new Map<unknown, unknown[]>();
      for (const p of rows) if (p.room !== null) rooms.set(p.room, [...(rooms.get(p.room) ?? []), p.team]);
      return [...rooms.values()];
    };
    const two = byRoom(players(ruleSet.teams));
    expect(two.length).toBeGreaterThan(20);
    for (const teams of two) expect([...teams].sort()).toEqual([...Array(5).fill('blue'), ...Array(5).fill('red')]);
    const aliens = players([{ name: 'aliens', minPlayers: 5, maxPlayers: 5, quantity: 2 }]);
    for (const teams of byRoom(aliens)) expect([...teams].sort()).toEqual([...Array(5).fill('aliens_1'), ...Array(5).fill('aliens_2')]);
    expect(aliens.filter((p) => p.room === null).every((p) => p.team === null)).toBe(true);
  });

  it("writes a team's name into players.csv as text, never as a formula", async () => {
    const teams = [{ name: '=HYPERLINK("x")', minPlayers: 5, maxPlayers: 5 }, { name: 'blue', minPlayers: 5, maxPlayers: 5 }];
    const rules = [{ name: 'CloseSkill', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 400 }];
    const dir = writeFiles({ 's.json': { ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet: { ...ruleSet, teams, rules, expansions: [] } } } } });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'out', 'players.csv'), 'utf8');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('gives up a ticket still unmatched requestTimeoutSeconds after its request was made: its players leave then, counted as timed out, not as players who gave up', () => {
    // Too strict to place everyone: a batch distance that never relaxes, and few players.
    const strict = { ...ruleSet, rules: [ruleSet.rules[1]], expansions: [] };
    const timedOutRun = runScenarioInMemory(load({ ...scenario, arrivals: { type: 'poisson', rate: 3 }, matcher: { ...scenario.matcher, flexmatch: { ruleSet: strict, requestTimeoutSeconds: 15 } } }));
    const rows = timedOutRun.players as unknown as Array<Record<string, number | null>>;
    const gone = rows.filter((p) => p.left_at !== null);
    expect(gone.length).toBeGreaterThan(20);
    for (const p of gone) {
      expect(p.room).toBeNull();
      expect((p.left_at as number) - (p.arrival as number)).toBeCloseTo(15, 9);
    }
    for (const p of rows) if (p.room !== null) expect(p.matched_at as number - (p.arrival as number)).toBeLessThanOrEqual(15);
    const { players, abandonment } = timedOutRun.summary;
    expect(abandonment.timedOut).toBe(gone.length);
    expect(abandonment.left).toBe(0);
    expect(abandonment.cancelled).toBe(gone.length);
    expect(players.abandoned).toBe(gone.length);
    expect(players.total).toBe(players.matched + players.waiting + players.abandoned);
    // Without it a ticket waits as long as it must.
    const patient = runScenarioInMemory(load({ ...scenario, arrivals: { type: 'poisson', rate: 3 }, matcher: { ...scenario.matcher, flexmatch: { ruleSet: strict } } }));
    expect(patient.summary.abandonment.timedOut).toBeUndefined();
    expect(patient.summary.players.abandoned).toBe(0);
    expect(() => load({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet, requestTimeoutSeconds: 0 } } })).toThrow(/matcher\.flexmatch\.requestTimeoutSeconds/);
  });

  it('gates the share of players the service timed out in CI (check, abandonment.timedOut)', async () => {
    const strict = { ...ruleSet, rules: [ruleSet.rules[1]], expansions: [] };
    const timed = { ...scenario, arrivals: { type: 'poisson', rate: 3 }, matcher: { ...scenario.matcher, flexmatch: { ruleSet: strict, requestTimeoutSeconds: 15 } } };
    const dir = writeFiles({ 'tight.json': { ...timed, expect: { 'abandonment.timedOut': { maxShare: 0.01 } } }, 'loose.json': { ...timed, expect: { 'abandonment.timedOut': { maxShare: 1 } } } });
    const tight = await cli('check', join(dir, 'tight.json'));
    expect(tight.code, tight.stderr).toBe(1);
    expect(tight.stdout + tight.stderr).toMatch(/abandonment\.timedOut/);
    const loose = await cli('check', join(dir, 'loose.json'));
    expect(loose.code, loose.stderr).toBe(0);
  });

  it('asks players to accept each match (acceptanceRequired): a room forms once all accept, a failed proposal ends the tickets of its rejecters and silent players and returns the rest', () => {
    const flex = (extra: object) => ({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet, ...extra } } });
    const plain = runScenarioInMemory(load(flex({})));
    const keen = runScenarioInMemory(load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { probability: 1, response: { type: 'constant', value: 0.5 } } })));
    // Everybody accepts within the tick: the same rooms, one worker round later.
    expect(keen.summary.acceptance).toMatchObject({ acceptedShare: 1, rejectedMatches: 0, timedOutMatches: 0, playersCancelled: 0 });
    expect(keen.rooms.map((r) => r.time)).toEqual(plain.rooms.map((r) => (r.time as number) + 1));
    const reluctant = runScenarioInMemory(load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { probability: 0.97, response: { type: 'exponential', mean: 4 } } })));
    const acc = reluctant.summary.acceptance!;
    expect(acc.rejectedMatches).toBeGreaterThan(0);
    expect(acc.timedOutMatches).toBeGreaterThan(0);
    expect(acc.potentialMatches).toBe(acc.acceptedMatches + acc.rejectedMatches + acc.timedOutMatches + acc.pendingMatches);
    expect(acc.playersReturned + acc.playersCancelled).toBe(10 * (acc.rejectedMatches + acc.timedOutMatches));
    expect(acc.acceptedMatches).toBe(reluctant.summary.rooms);
    const { players } = reluctant.summary;
    expect(players.abandoned).toBe(acc.playersCancelled);
    expect(players.total).toBe(players.matched + players.waiting + players.abandoned);
    // An ended ticket's players leave at a worker round, unmatched; every proposal's failure is at a round after it.
    const gone = (reluctant.players as unknown as Array<Record<string, number | null>>).filter((p) => p.left_at !== null);
    expect(gone).toHaveLength(acc.playersCancelled);
    for (const p of gone) {
      expect(p.room).toBeNull();
      expect(Number.isInteger(p.left_at)).toBe(true);
    }
    expect(runScenarioInMemory(load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { probability: 0.97, response: { type: 'exponential', mean: 4 } } }))).players).toEqual(reluctant.players);
  });

  it("balances the report's conservation line with the players still waiting on a proposal at the end", async () => {
    const doc = { ...scenario, duration: 40, drain: 0, matcher: { ...scenario.matcher, flexmatch: { ruleSet, acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { probability: 0.97, response: { type: 'exponential', mean: 4 } } } } };
    const dir = writeFiles({ 's.json': doc });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.conservation.proposed).toBeGreaterThan(0);
    const line = /(\d+) arrived = (\d+) queued \+ (\d+) in pool \+ (\d+) proposed \+ (\d+) matched \+ (\d+) withdrawn \+ (\d+) lost/.exec(readFileSync(join(dir, 'out', 'report.html'), 'utf8'));
    expect(line).not.toBeNull();
    const [arrived, ...parts] = (line as RegExpExecArray).slice(1).map(Number);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(arrived);
    expect(parts[2]).toBe(summary.conservation.proposed);
  });

  it('refuses acceptance settings that do not agree, naming the field', () => {
    const flex = (extra: object) => ({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet, ...extra } } });
    const answers = { probability: 0.9, response: { type: 'constant', value: 2 } };
    expect(() => load(flex({ acceptanceRequired: true, acceptance: answers }))).toThrow(/matcher\.flexmatch\.acceptanceTimeoutSeconds: required with acceptanceRequired/);
    expect(() => load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 10 }))).toThrow(/matcher\.flexmatch\.acceptance: required with acceptanceRequired/);
    expect(() => load(flex({ acceptanceTimeoutSeconds: 10 }))).toThrow(/matcher\.flexmatch\.acceptanceTimeoutSeconds: has no effect without "acceptanceRequired": true/);
    expect(() => load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 601, acceptance: answers }))).toThrow(/matcher\.flexmatch\.acceptanceTimeoutSeconds/);
    expect(() => load(flex({ acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { ...answers, probability: 1.5 } }))).toThrow(/matcher\.flexmatch\.acceptance\.probability/);
  });

  it('gates the share of proposed matches accepted in CI (check, acceptance.acceptedShare)', async () => {
    const doc = (min: number) => ({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet, acceptanceRequired: true, acceptanceTimeoutSeconds: 10, acceptance: { probability: 0.97, response: { type: 'exponential', mean: 4 } } } }, expect: { 'acceptance.acceptedShare': { min } } });
    const dir = writeFiles({ 'tight.json': doc(0.9), 'loose.json': doc(0.05) });
    const tight = await cli('check', join(dir, 'tight.json'));
    expect(tight.code, tight.stderr).toBe(1);
    expect(tight.stdout + tight.stderr).toMatch(/acceptance\.acceptedShare/);
    const loose = await cli('check', join(dir, 'loose.json'));
    expect(loose.code, loose.stderr).toBe(0);
  });

  it('forms matches of a size that varies: teams between minPlayers and maxPlayers, minPlayers lowered by its expansion; every table and count follows each room\'s own size', async () => {
    // Squads of 2 to 4 (3 by default, 2 after 8 s), four of them: rooms of 8 to 16 players, fewer players than a full room often.
    const squads = {
      name: 'squads',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }],
      teams: [{ name: 'squad', minPlayers: 3, maxPlayers: 4, quantity: 4 }],
      rules: [{ name: 'CloseSkill', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 150 }],
      expansions: [{ target: 'teams[squad].minPlayers', steps: [{ waitTimeSeconds: 8, value: 2 }] }],
    };
    const doc = { ...scenario, arrivals: { type: 'poisson', rate: 2 }, matcher: { algorithm: 'flexmatch', roomSize: 16, flexmatch: { ruleSet: squads } } };
    const { rooms, players, timeline, summary } = runScenarioInMemory(load(doc));
    const rows = players as unknown as Array<Record<string, unknown>>;
    const byRoom = new Map<unknown, Array<Record<string, unknown>>>();
    for (const p of rows) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    const sizes = rooms.map((r) => String(r.players).split(' ').length);
    expect(new Set(sizes).size).toBeGreaterThan(1);
    rooms.forEach((r, i) => {
      const members = byRoom.get(r.room) ?? [];
      expect(members).toHaveLength(sizes[i]);
      expect(sizes[i]).toBeGreaterThanOrEqual(8);
      expect(sizes[i]).toBeLessThanOrEqual(16);
      // A room's name is its members, as for rooms of one size.
      expect(r.room).toBe('room_' + String(r.players).replaceAll(' ', '_'));
      // Below 3 a squad at the newest member's age of 8 s or more only.
      const teams = new Map<unknown, number>();
      for (const m of members) teams.set(m.team, (teams.get(m.team) ?? 0) + 1);
      const age = Math.min(...members.map((m) => m.wait as number));
      expect([...teams.keys()].sort()).toEqual(['squad_1', 'squad_2', 'squad_3', 'squad_4']);
      for (const n of teams.values()) expect(n).toBeGreaterThanOrEqual(age >= 8 ? 2 : 3);
      // Every member is notified: its game server expected this room's players, not roomSize.
      for (const m of members) expect(m.notified_at).not.toBeNull();
    });
    expect(sizes.some((n) => n < 12)).toBe(true);
    const matched = sizes.reduce((a, b) => a + b, 0);
    expect(summary.players.matched).toBe(matched);
    expect(summary.roomPlayers).toEqual({ mean: expect.closeTo(matched / rooms.length, 6), min: Math.min(...sizes), max: Math.max(...sizes), fullShare: expect.closeTo(sizes.filter((n) => n === 16).length / rooms.length, 6) });
    expect(runScenarioInMemory(load(scenario)).summary.roomPlayers).toBeUndefined();
    expect(timeline.reduce((n, t) => n + (t.matched as number), 0)).toBe(matched);
    expect(summary.players.total).toBe(summary.players.matched + summary.players.waiting + summary.players.abandoned);
    // The console and the report say how full the rooms were.
    const dir = writeFiles({ 's.json': doc });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rooms of 8 to 16 players/);
    expect(r.stdout).toMatch(new RegExp(`players on average \\(${Math.min(...sizes)} to ${Math.max(...sizes)}\\)`));
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/players per room<\/td><td>mean [0-9.]+ · \d+ to \d+ · [0-9.]+% of rooms full \(16\)/);
    // A population plays rooms of one size: refused, naming the field.
    expect(() => load({ ...doc, arrivals: undefined, scores: undefined, population: { players: 200, skill: { type: 'normal', mean: 1500, sd: 150 }, rating: { system: 'elo', k: 24 }, matchOn: 'skill', sessions: { perDay: 2, length: { type: 'exponential', mean: 3600 } }, matchDuration: { type: 'lognormal', mu: 6.3, sigma: 0.3 } } })).toThrow(/population: a population plays rooms of one size .* rooms of 8 to 16 players/);
  });

  it("runs a large match (the guide's example 8, 85 to 155 players, fastestRegion) on generated players: every room within its team sizes and the latency limit", () => {
    const hunters = JSON.parse(readFileSync(join('test', 'fixtures', 'flexmatch', 'monster-hunters.json'), 'utf8'));
    const latency = { dataCentres: ['us-east-1', 'eu-west-1'], players: { regions: { na: { share: 2, lat: 40, lon: -80, spreadKm: 500 }, eu: { share: 1, lat: 50, lon: 5, spreadKm: 500 } } } };
    const doc = { ...scenario, duration: 120, arrivals: { type: 'poisson', rate: 20 }, scores: { type: 'normal', mean: 20, sd: 5 }, latency, matcher: { algorithm: 'flexmatch', roomSize: 155, flexmatch: { ruleSet: hunters, scoreAttribute: 'monster-kills' } } };
    const { rooms, players, summary } = runScenarioInMemory(load(doc));
    expect(rooms.length).toBeGreaterThan(5);
    const byRoom = new Map<unknown, Array<Record<string, unknown>>>();
    for (const p of players as unknown as Array<Record<string, unknown>>) if (p.room !== null) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    for (const members of byRoom.values()) {
      const teams = new Map<unknown, number>();
      for (const m of members) teams.set(m.team, (teams.get(m.team) ?? 0) + 1);
      expect(teams.get('Monsters')).toBe(5);
      const age = Math.min(...members.map((m) => m.wait as number));
      const hunterMin = age >= 20 ? 8 : age >= 15 ? 10 : 12;
      for (let k = 1; k <= 10; k++) {
        expect(teams.get(`Hunters_${k}`)).toBeGreaterThanOrEqual(hunterMin);
        expect(teams.get(`Hunters_${k}`)).toBeLessThanOrEqual(15);
      }
      for (const m of members) expect(m.latency_ms as number).toBeLessThanOrEqual(150);
    }
    expect(summary.roomPlayers?.min).toBeGreaterThanOrEqual(85);
    expect(summary.roomPlayers?.max).toBeLessThanOrEqual(155);
  });

  it('batches a large pool (batchSize) at random on the run\'s pool-choices stream: the same seed the same run, the players themselves unchanged', () => {
    const batched = (seed: number) => runScenarioInMemory(load({ ...scenario, seed, arrivals: { type: 'poisson', rate: 30 }, matcher: { ...scenario.matcher, flexmatch: { ruleSet, batchSize: 40 } } }));
    const a = batched(3);
    expect(batched(3).players).toEqual(a.players);
    const plain = runScenarioInMemory(load({ ...scenario, arrivals: { type: 'poisson', rate: 30 } }));
    // The batches draw on a stream of their own: arrivals and scores are the same draws.
    const arrivals = (run: typeof a) => (run.players as unknown as Array<Record<string, unknown>>).map((p) => [p.arrival, p.score]);
    expect(arrivals(a)).toEqual(arrivals(plain));
    expect(a.rooms.map((r) => r.room)).not.toEqual(plain.rooms.map((r) => r.room));
    expect(a.summary.players.matched).toBeGreaterThan(0);
    expect(() => load({ ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet, batchSize: 1 } } })).toThrow(/matcher\.flexmatch\.batchSize/);
  });

  it('gates how full the rooms are in CI where they vary in size (check, roomPlayers.fullShare and roomPlayers.mean)', async () => {
    const squads = { name: 'squads', ruleLanguageVersion: '1.0', playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }], teams: [{ name: 'squad', minPlayers: 2, maxPlayers: 3, quantity: 2 }], rules: [] };
    const doc = (expect: object) => ({ ...scenario, arrivals: { type: 'poisson', rate: 1 }, matcher: { algorithm: 'flexmatch', roomSize: 6, flexmatch: { ruleSet: squads } }, expect });
    const dir = writeFiles({ 'tight.json': doc({ 'roomPlayers.fullShare': { min: 0.99 } }), 'loose.json': doc({ 'roomPlayers.fullShare': { min: 0 }, 'roomPlayers.mean': { min: 4, max: 6 } }) });
    const tight = await cli('check', join(dir, 'tight.json'));
    expect(tight.code, tight.stderr).toBe(1);
    expect(tight.stdout).toMatch(/roomPlayers\.fullShare .*FAIL/);
    const loose = await cli('check', join(dir, 'loose.json'));
    expect(loose.code, loose.stdout + loose.stderr).toBe(0);
    expect(loose.stdout).toMatch(/roomPlayers\.mean .*PASS/);
  });

  it('reads role queues through the rule set\'s own string list attribute "roles": a collection rule asks the red team for a tank', () => {
    const tanks = {
      name: 'tanks',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }, { name: 'roles', type: 'string_list', default: [] }],
      teams: [{ name: 'red', minPlayers: 3, maxPlayers: 3 }, { name: 'blue', minPlayers: 3, maxPlayers: 3 }],
      // One team only: the builder fills greedily (no search over which candidates to drop), so a rule set asking every team for a tank can stall where an exhaustive search would not (docs/flexmatch.md).
      rules: [{ name: 'redTank', type: 'collection', operation: 'contains', measurements: ['flatten(teams[red].players.attributes[roles])'], referenceValue: 'tank', minCount: 1 }],
    };
    const doc = { ...scenario, roles: { shares: { tank: 20, damage: 80 } }, matcher: { algorithm: 'flexmatch', roomSize: 6, flexmatch: { ruleSet: tanks } } };
    const { players, summary } = runScenarioInMemory(load(doc));
    const rows = players as unknown as Array<Record<string, unknown>>;
    const teams = new Map<string, string[]>();
    for (const p of rows) if (p.room !== null) teams.set(`${p.room} ${p.team}`, [...(teams.get(`${p.room} ${p.team}`) ?? []), String(p.roles)]);
    expect(teams.size).toBe(2 * summary.rooms);
    expect(summary.rooms).toBeGreaterThan(20);
    for (const [key, roles] of teams) if (key.endsWith(' red')) expect(roles.some((r) => r.split(' ').includes('tank'))).toBe(true);
    // The rule set decides: no composition, so no role is cast (players.csv's role stays empty).
    expect(rows.every((p) => p.role === null)).toBe(true);
  });

  it('is the same run for the same seed', () => {
    const a = runScenarioInMemory(load(scenario));
    const b = runScenarioInMemory(load(scenario));
    expect(b.players).toEqual(a.players);
  });

  it('refuses a rule set the service would, and one matchsim cannot simulate yet, naming the path', () => {
    const refused = (flexmatch: object, roomSize = 10) => () => load({ ...scenario, matcher: { algorithm: 'flexmatch', roomSize, flexmatch } });
    expect(refused({ ruleSet: { ...ruleSet, rules: [{ name: 'x', type: 'elo' }] } })).toThrow(/matcher\.flexmatch\.ruleSet\.rules\.0\.type/);
    const teamExpansion = (target: string, value: unknown) => ({ ruleSet: { ...ruleSet, expansions: [{ target, steps: [{ waitTimeSeconds: 5, value }] }] } });
    expect(refused(teamExpansion('teams[red].minPlayers', 7))).toThrow(/matcher\.flexmatch\.ruleSet\.expansions\.0\.steps\.0\.value: minPlayers 7 is above the team's maxPlayers 5/);
    expect(refused(teamExpansion('teams[red].minPlayers', 2.5))).toThrow(/expansions\.0\.steps\.0\.value: a team's minPlayers is a whole number of players, 0 to 200/);
    expect(refused(teamExpansion('teams[red].maxPlayers', 3))).toThrow(/expansions\.0\.steps\.0\.value: maxPlayers 3 is below the team's minPlayers 5/);
    // A maxPlayers expansion makes bigger matches: roomSize is the largest.
    expect(refused(teamExpansion('teams[red].maxPlayers', 6))).toThrow(/matcher\.roomSize: must be the rule set's largest match, 11 players \(it is 10\)/);
    expect(() => load({ ...scenario, parties: { sizes: { '1': 3, '6': 1 } } })).toThrow(/parties\.sizes\.6: a party of 6 cannot fit team "red" of the rule set \(5\)/);
    expect(refused({ ruleSet }, 8)).toThrow(/matcher\.roomSize: must be the rule set's largest match, 10 players \(it is 8\)/);
    expect(refused({})).toThrow(/matcher\.flexmatch\.ruleSet: /);
    // A window does nothing here; only the default one a resolved scenario (summary.json's) records is let through.
    expect(() => load({ ...scenario, matcher: { ...scenario.matcher, window: { type: 'linear', growth: 25 } } })).toThrow(/matcher\.window: algorithm "flexmatch" matches by its own rules/);
    expect(() => load({ ...scenario, matcher: { ...scenario.matcher, windowGrowth: 10 } })).toThrow(/matcher\.windowGrowth/);
    expect(refused({ ruleSet: { ...ruleSet, playerAttributes: [{ name: 'skill', type: 'string' }] } })).toThrow(/matcher\.flexmatch\.scoreAttribute: "skill" is a string attribute of the rule set/);
  });
});

describe('a rule set named by its file', () => {
  it('is read into the scenario (comments allowed), so that --set reaches into it and summary.json holds it', async () => {
    const dir = writeFiles({ 's.json': { ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet: '5v5.json' } } }, '5v5.json': `// the 5v5 rule set\n${JSON.stringify(ruleSet)}` });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--set', 'matcher.flexmatch.ruleSet.expansions.0.steps.0.waitTimeSeconds=5');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.scenario.matcher.flexmatch.ruleSet.name).toBe('five-v-five');
    expect(summary.scenario.matcher.flexmatch.ruleSet.expansions[0].steps[0].waitTimeSeconds).toBe(5);
  });

  it('is refused outside the scenario\'s folder, or when it is not JSON, naming the file', async () => {
    const dir = writeFiles({ 's.json': { ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet: '../5v5.json' } } }, 'bad.json': { ...scenario, matcher: { ...scenario.matcher, flexmatch: { ruleSet: 'r.json' } } }, 'r.json': '{"name": ' });
    const outside = await cli('validate', join(dir, 's.json'));
    expect(outside.stderr).toMatch(/s\.json: matcher\.flexmatch\.ruleSet: "\.\.\/5v5\.json" is outside the scenario's folder/);
    const bad = await cli('validate', join(dir, 'bad.json'));
    expect(bad.stderr).toMatch(/r\.json: not a JSON rule set/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
