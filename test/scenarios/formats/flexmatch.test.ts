import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../../src/run.js';
import { loadScenario } from '../../../src/scenarios/load.js';
import { cli, writeFiles } from '../../fixtures/helpers.js';
import { figureValue } from '../../../src/reports/figures.js';

type Row = Record<string, unknown>;

const request = (id: string, attributes: object, latency: object = {}) => JSON.stringify({ TicketId: id, ConfigurationName: 'ranked', Players: [{ PlayerId: `p-${id}`, PlayerAttributes: attributes, LatencyInMs: latency }] });
const event = (type: string, time: string, tickets: Array<[string, string]>) =>
  JSON.stringify({ version: '0', 'detail-type': 'GameLift Matchmaking Event', source: 'aws.gamelift', time, detail: { type, tickets: tickets.map(([ticketId, startTime]) => ({ ticketId, startTime, players: [{ playerId: `p-${ticketId}` }] })) } });

const requests = [
  request('t1', { skill: { N: 1500 }, mode: { S: 'ranked' }, roles: { SL: ['tank', 'healer'] } }, { 'us-east-1': 40, 'eu-west-1': 95 }),
  request('t2', { skill: { N: '1510' }, mode: { S: '5' }, maps: { SDM: { forest: 2, city: 1 } } }, { 'eu-west-1': 30 }),
  request('t3', { skill: { N: 1490 } }, { 'us-east-1': 35 }),
].join('\n');
const events = [
  event('MatchmakingSearching', '2017-08-08T21:15:35.700Z', [['t1', '2017-08-08T21:15:35.676Z']]),
  event('MatchmakingSearching', '2017-08-08T21:15:36.100Z', [['t2', '2017-08-08T21:15:36.000Z']]),
  event('MatchmakingSearching', '2017-08-08T21:15:37.000Z', [['t3', '2017-08-08T21:15:36.900Z']]),
  event('MatchmakingSucceeded', '2017-08-08T21:15:41.176Z', [['t1', '2017-08-08T21:15:35.676Z'], ['t2', '2017-08-08T21:15:36.000Z']]),
  event('MatchmakingTimedOut', '2017-08-08T21:17:36.900Z', [['t3', '2017-08-08T21:15:36.900Z']]),
].join('\n');
const scenario = { name: 'fm', seed: 1, drain: 30, arrivals: { type: 'flexmatch', requests: 'requests.jsonl', events: 'events.jsonl' }, latency: { dataCentres: ['us-east-1', 'eu-west-1'] }, matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 50 } };
const files = (doc: object, r = requests, e = events) => join(writeFiles({ 's.json': doc, 'requests.jsonl': r, 'events.jsonl': e }), 's.json');

describe('a FlexMatch log as arrivals', () => {
  it('joins requests and events by ticket: arrivals at startTime, typed attributes, round trips, and the waits production observed', () => {
    const players = runScenarioInMemory(loadScenario(files(scenario))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival, p.score])).toEqual([
      ['t1', 0, 1500],
      ['t2', 0.324, 1510],
      ['t3', 1.224, 1490],
    ]);
    expect(players.map((p) => [p.attr_mode, p.attr_roles, p.attr_maps])).toEqual([
      ['ranked', '["tank","healer"]', null],
      ['5', null, '{"forest":2,"city":1}'],
      [null, null, null],
    ]);
    expect(players.map((p) => p.best_latency_ms)).toEqual([40, 30, 35]);
    // Observed: t1 and t2 matched 5.5 s and 5.176 s after they started; t3 timed out after 120 s.
    expect(players.map((p) => [p.observed_wait, p.observed_waitBeforeLeaving])).toEqual([
      [5.5, null],
      [5.176, null],
      [null, 120],
    ]);
  });

  it('refuses what cannot be joined, naming the file and the line', () => {
    const refused = (r: string, e: string) => () => loadScenario(files(scenario, r, e));
    expect(refused(`${requests}\n${request('t4', { skill: { N: 1 } })}`, events)).toThrow(/requests\.jsonl: line 4: no event of .*events\.jsonl names ticket "t4"/);
    expect(refused(requests, `${events}\n${event('MatchmakingSearching', '2017-08-08T21:20:00Z', [['t9', '2017-08-08T21:20:00Z']])}`)).toThrow(/events\.jsonl: line 6: ticket "t9" is in no request/);
    expect(refused(`${requests}\n${request('t1', { skill: { N: 1 } })}`, events)).toThrow(/requests\.jsonl: line 4: ticket "t1" is already requested on line 1/);
    expect(refused(request('t1', { mmr: { N: 1 } }), events)).toThrow(/line 1: ticket "t1": no attribute "skill"/);
    expect(refused(request('t1', { skill: { N: 1 }, x: { Q: 1 } }), events)).toThrow(/attribute "x" is not one of/);
    const party = (...ids: unknown[]) => JSON.stringify({ TicketId: 't1', Players: ids.map((id) => ({ PlayerId: id, PlayerAttributes: { skill: { N: 1 } } })) });
    expect(refused(party('a', 'a'), events)).toThrow(/line 1: ticket "t1": player "a" is in it twice/);
    expect(refused(party('a', 7), events)).toThrow(/line 1: ticket "t1": a player of its party has no PlayerId/);
    expect(refused(JSON.stringify({ TicketId: 't1', Players: [{ PlayerId: 'a', PlayerAttributes: { skill: { N: 1 } }, Team: 3 }] }), events)).toThrow(/ticket "t1": Team is not a string/);
    expect(refused(requests, `${events}\n{"time": "x"}`)).toThrow(/events\.jsonl: line 6: not a FlexMatch event: no detail\.type/);
  });

  it('replays a ticket of several players as a party: each player its own score, attributes and round trips, all waiting as the ticket did', () => {
    const partyRequests = [
      JSON.stringify({ TicketId: 't1', Players: [
        { PlayerId: 'ann', PlayerAttributes: { skill: { N: 1500 }, mode: { S: 'ranked' } }, LatencyInMs: { 'us-east-1': 40 }, Team: 'red' },
        { PlayerId: 'bob', PlayerAttributes: { skill: { N: 1600 }, mode: { S: 'ranked' } }, LatencyInMs: { 'us-east-1': 60 }, Team: 'red' },
      ] }),
      request('t2', { skill: { N: 1510 }, mode: { S: 'ranked' } }, { 'us-east-1': 30 }),
      request('t3', { skill: { N: 1490 } }, { 'us-east-1': 35 }),
    ].join('\n');
    const doc = { ...scenario, latency: { dataCentres: ['us-east-1'] }, matcher: { algorithm: 'anchor', roomSize: 4, windowGrowth: 50 } };
    const { players, summary } = runScenarioInMemory(loadScenario(files(doc, partyRequests)));
    const rows = players as unknown as Row[];
    expect(rows.map((p) => [p.id, p.party, p.arrival, p.score, p.attr_Team, p.latency_ms])).toEqual([
      ['t1/ann', 't1/ann', 0, 1500, 'red', 40],
      ['t1/bob', 't1/ann', 0, 1600, 'red', 60],
      ['t2', null, 0.324, 1510, null, 30],
      ['t3', null, 1.224, 1490, null, 35],
    ]);
    // The room of four forms once t3 arrives; production matched t1 with t2 at 41.176 (5.5 s after t1 started).
    expect(rows.map((p) => p.observed_wait)).toEqual([5.5, 5.5, 5.176, null]);
    expect(summary.breakdowns.parties?.map((g) => [g.label, g.players])).toEqual([
      ['alone', 2],
      ['party of 2', 2],
    ]);
    expect(rows[0].room).not.toBeNull();
    expect(new Set(rows.map((p) => p.room)).size).toBe(1);
  });

  it('names columns for PlayerAttributes and Team as the scenario says (arrivals.fields)', () => {
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, fields: { queue: 'PlayerAttributes.mode' } } };
    const players = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(players.map((p) => p.attr_queue)).toEqual(['ranked', '5', null]);
  });

  it('refuses a party that cannot fit the scenario\'s rooms, naming the party, and an algorithm that cannot hold one', () => {
    const partyRequests = [JSON.stringify({ TicketId: 't1', Players: ['a', 'b', 'c'].map((id) => ({ PlayerId: id, PlayerAttributes: { skill: { N: 1 } } })) }), request('t2', { skill: { N: 1 } }), request('t3', { skill: { N: 1 } })].join('\n');
    expect(() => loadScenario(files(scenario, partyRequests))).toThrow(/requests\.jsonl: party "t1": a party of 3 cannot fit matcher\.roomSize \(2\) of the scenario/);
    const scan = { ...scenario, matcher: { algorithm: 'score-scan', roomSize: 4 } };
    expect(() => loadScenario(files(scan, partyRequests))).toThrow(/s\.json: matcher\.algorithm: "score-scan" cannot hold parties .*: the trace's party "t1" has 3 players/);
  });

  it('replays a window of the log, faster, and keeps the observed waits in the log\'s seconds', () => {
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, from: '2017-08-08T21:15:36Z', speed: 2 } };
    const players = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival, p.observed_wait])).toEqual([
      ['t2', 0, 5.176],
      ['t3', 0.45, null],
    ]);
  });
});

describe('observed against simulated', () => {
  it('summary.json has what production did beside what the simulation did, and the gap', () => {
    const { summary } = runScenarioInMemory(loadScenario(files(scenario)));
    const o = summary.observed!;
    expect(o.matched).toBe(2);
    expect(o.left).toBe(1);
    expect(o.matchedShare).toBeCloseTo(2 / 3, 6); // of the three tickets whose fate the log records
    expect(o.wait.p50).toBeCloseTo((5.5 + 5.176) / 2, 6);
    expect(o.gap.waitP95).toBeCloseTo(((summary.wait.p95 as number) - (o.wait.p95 as number)) / (o.wait.p95 as number), 5);
    expect(figureValue(summary, 'observed.gap.waitP95')).toBe(o.gap.waitP95);
  });

  it('check bounds the gap: a calibration gate', async () => {
    const within = { ...scenario, expect: { 'observed.gap.waitP95': { min: -1, max: 1 } } };
    const wide = { ...scenario, expect: { 'observed.gap.waitP95': { min: -0.01, max: 0.01 } } };
    const dir = join(files(within), '..');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'wide.json'), JSON.stringify(wide));
    const pass = await cli('check', join(dir, 's.json'), '-o', join(dir, 'a'));
    expect(pass.code, pass.stderr).toBe(0);
    expect(pass.stdout).toMatch(/observed\.gap\.waitP95 .* PASS/);
    const fail = await cli('check', join(dir, 'wide.json'), '-o', join(dir, 'b'));
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/observed\.gap\.waitP95 .* FAIL/);
  });
});

describe('a larger replay: copies of each ticket', () => {
  it('makes copies - 1 copies of each ticket, jittered on seeded streams, in time order, never observed', () => {
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, scale: { copies: 3, seconds: 0.2, score: 10, seed: 5 } } };
    const players = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(players.length).toBe(9);
    expect(players.filter((p) => !String(p.id).includes('#')).map((p) => p.id)).toEqual(['t1', 't2', 't3']);
    expect(new Set(players.map((p) => p.id)).size).toBe(9);
    const arrivals = players.map((p) => p.arrival as number);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    for (const p of players) {
      const original = players.find((q) => q.id === String(p.id).split('#')[0]) as Row;
      expect(p.attr_mode).toBe(original.attr_mode);
      expect(p.best_latency_ms).toBe(original.best_latency_ms);
      expect((p.arrival as number) - (original.arrival as number)).toBeGreaterThanOrEqual(0);
      expect((p.arrival as number) - (original.arrival as number)).toBeLessThan(0.2 + 1e-9);
      if (String(p.id).includes('#')) expect(p.observed_wait).toBeNull();
    }
    // The same seed, the same copies; another seed, others.
    const again = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(again.map((p) => [p.id, p.arrival, p.score])).toEqual(players.map((p) => [p.id, p.arrival, p.score]));
    const other = runScenarioInMemory(loadScenario(files({ ...doc, arrivals: { ...doc.arrivals, scale: { ...doc.arrivals.scale, seed: 6 } } }))).players as unknown as Row[];
    expect(other.map((p) => p.arrival)).not.toEqual(players.map((p) => p.arrival));
    // Production's figures are of the log's tickets alone.
    const { summary } = runScenarioInMemory(loadScenario(files(doc)));
    expect(summary.observed?.matched).toBe(2);
    expect(summary.players.total).toBe(9);
  });
});

describe('recorded leaves', () => {
  // t3 is cancelled 0.5 s after it starts; t1 and t2 match each other.
  const cancelled = [
    event('MatchmakingSearching', '2017-08-08T21:15:35.700Z', [['t1', '2017-08-08T21:15:35.676Z']]),
    event('MatchmakingSearching', '2017-08-08T21:15:36.100Z', [['t2', '2017-08-08T21:15:36.000Z']]),
    event('MatchmakingSearching', '2017-08-08T21:15:37.000Z', [['t3', '2017-08-08T21:15:36.900Z']]),
    event('MatchmakingSucceeded', '2017-08-08T21:15:41.176Z', [['t1', '2017-08-08T21:15:35.676Z'], ['t2', '2017-08-08T21:15:36.000Z']]),
    event('MatchmakingCancelled', '2017-08-08T21:15:37.400Z', [['t3', '2017-08-08T21:15:36.900Z']]),
  ].join('\n');

  it('a ticket production saw cancelled leaves the replay as long after its start, withdrawn; faster at speed', () => {
    const players = runScenarioInMemory(loadScenario(files(scenario, requests, cancelled))).players as unknown as Row[];
    const t3 = players.find((p) => p.id === 't3') as Row;
    expect(t3.left_at).toBeCloseTo((t3.arrival as number) + 0.5, 6);
    expect(t3.room).toBeNull();
    expect(players.filter((p) => p.id !== 't3').every((p) => p.left_at === null)).toBe(true);
    const fast = runScenarioInMemory(loadScenario(files({ ...scenario, arrivals: { ...scenario.arrivals, speed: 2 } }, requests, cancelled))).players as unknown as Row[];
    const t3fast = fast.find((p) => p.id === 't3') as Row;
    expect(t3fast.left_at).toBeCloseTo((t3fast.arrival as number) + 0.25, 6);
  });

  it("unless the scenario's own patience is chosen instead", () => {
    const doc = { ...scenario, abandonment: { patience: { type: 'constant', value: 3 }, cancel: true } };
    const players = runScenarioInMemory(loadScenario(files(doc, requests, cancelled))).players as unknown as Row[];
    const t3 = players.find((p) => p.id === 't3') as Row;
    expect(t3.left_at).toBeCloseTo((t3.arrival as number) + 3, 6);
  });
});
