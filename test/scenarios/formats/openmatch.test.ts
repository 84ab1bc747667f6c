import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../../src/run.js';
import { loadScenario } from '../../../src/scenarios/load.js';
import { readOpenMatchTickets } from '../../../src/scenarios/formats/openmatch.js';
import { writeFiles } from '../../fixtures/helpers.js';

type Row = Record<string, unknown>;

const v1 = (id: string, createTime: string, doubles: object, strings: object = {}, tags: string[] = []) => JSON.stringify({ id, searchFields: { doubleArgs: doubles, stringArgs: strings, tags }, createTime });
const v2 = (id: string, creationTime: string, doubles: object, strings: object = {}, tags: string[] = []) => JSON.stringify({ ticket: { id, attributes: { tags, stringArgs: strings, doubleArgs: doubles, creationTime } } });

const lines = [
  v1('t1', '2024-05-21T06:56:14.000000000Z', { mmr: 1500, 'latency.us-east-1': 20, 'latency.eu-west-1': 90 }, { mode: '5' }, ['voice']),
  '',
  v2('t2', '2024-05-21T06:56:14.250000000Z', { mmr: 1510, 'latency.eu-west-1': 25 }, { mode: 'ranked' }),
  // Out of creation order in the dump: replayed in order.
  v1('t0', '2024-05-21T06:56:13.500000000Z', { mmr: 1490, 'latency.us-east-1': 30 }, { mode: 'ranked' }, ['voice']),
  v2('t3', '2024-05-21T06:56:16Z', { mmr: 1495, 'latency.us-east-1': 35, 'latency.eu-west-1': 40 }),
];
const scenario = { name: 'om', seed: 1, drain: 30, arrivals: { type: 'openmatch', file: 'tickets.jsonl' }, latency: { dataCentres: ['us-east-1', 'eu-west-1'] }, matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 50 } };
const files = (doc: object, text = lines.join('\n') + '\n') => join(writeFiles({ 's.json': doc, 'tickets.jsonl': text }), 's.json');

describe('Open Match tickets as arrivals', () => {
  it('reads v1 and v2 tickets into players: creation order, seconds after the first, the score, attributes of the kind Open Match gives them, round trips', () => {
    const result = runScenarioInMemory(loadScenario(files(scenario)));
    const players = result.players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival, p.score])).toEqual([
      ['t0', 0, 1490],
      ['t1', 0.5, 1500],
      ['t2', 0.75, 1510],
      ['t3', 2.5, 1495],
    ]);
    // stringArgs stay strings ("5" is not the number 5); a tag is "true" where present, empty where not.
    expect(players.map((p) => [p.attr_mode, p.attr_voice])).toEqual([
      ['ranked', 'true'],
      ['5', 'true'],
      ['ranked', null],
      [null, null],
    ]);
    expect(players.map((p) => p.best_latency_ms)).toEqual([30, 20, 25, 35]);
  });

  it('replays a window of the log, faster', () => {
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, from: '2024-05-21T06:56:14Z', to: '2024-05-21T06:56:16Z', speed: 2 } };
    const players = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival])).toEqual([
      ['t1', 0],
      ['t2', 0.125],
    ]);
  });

  it('takes the score from the field the scenario names, and filters test the fields', () => {
    const doc = { ...scenario, latency: undefined, arrivals: { ...scenario.arrivals, score: 'doubleArgs.latency.us-east-1', latencyPrefix: 'ping.' }, matcher: { ...scenario.matcher, pools: [{ name: 'voice', filters: [{ attribute: 'voice', present: true }] }] } };
    const text = [v1('a', '2024-05-21T06:56:14Z', { 'latency.us-east-1': 20, mmr: 1 }, {}, ['voice']), v1('b', '2024-05-21T06:56:15Z', { 'latency.us-east-1': 21, mmr: 2 }, {}, ['voice']), v1('c', '2024-05-21T06:56:15Z', { 'latency.us-east-1': 22, mmr: 3 })].join('\n');
    const players = runScenarioInMemory(loadScenario(files(doc, text))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.score, p.attr_mmr, p.pool])).toEqual([
      ['a', 20, 1, 'voice'],
      ['b', 21, 2, 'voice'],
      ['c', 22, 3, '(no pool)'],
    ]);
  });

  it('skips bad lines only when asked, and counts them in summary.json', () => {
    const text = [lines[0], 'not json', v1('x', '2024-05-21T06:56:15Z', {}), lines[2]].join('\n');
    expect(() => loadScenario(files(scenario, text))).toThrow(/tickets\.jsonl: line 2: not a JSON object/);
    const skip = { ...scenario, arrivals: { ...scenario.arrivals, onBadLine: 'skip' } };
    const result = runScenarioInMemory(loadScenario(files(skip, text)));
    expect((result.players as unknown as Row[]).map((p) => p.id)).toEqual(['t1', 't2']);
    expect(result.summary.replay).toEqual({ skippedLines: 2 });
    expect(runScenarioInMemory(loadScenario(files(skip))).summary.replay).toEqual({ skippedLines: 0 });
    expect(runScenarioInMemory(loadScenario(files(scenario))).summary.replay).toBeUndefined();
  });

  it('refuses settings that cannot hold, naming the field', () => {
    const refused = (arrivals: object) => () => loadScenario(files({ ...scenario, arrivals: { ...scenario.arrivals, ...arrivals } }));
    expect(refused({ from: '2024-05-21T06:56:16Z', to: '2024-05-21T06:56:14Z' })).toThrow(/arrivals\.to: must be after arrivals\.from/);
    expect(refused({ from: 'monday' })).toThrow(/arrivals\.from: from must be an RFC 3339 time/);
    expect(refused({ score: 'stringArgs.mmr' })).toThrow(/arrivals\.score: score must be doubleArgs\.<key>/);
    expect(refused({ speed: 0 })).toThrow(/arrivals\.speed: speed must be a number > 0/);
  });

  it('refuses a bad line naming the file and the line, quoting at most a short piece', () => {
    const refused = (text: string) => () => readOpenMatchTickets(join(writeFiles({ 't.jsonl': text }), 't.jsonl'), { score: 'doubleArgs.mmr', latencyPrefix: 'latency.', speed: 1 });
    const good = v1('a', '2024-05-21T06:56:14Z', { mmr: 1 });
    expect(refused(`${good}\n{"id": "b", "createTime": `)).toThrow(/t\.jsonl: line 2: not a JSON object/);
    expect(refused(`${good}\n${v1('b', '2024-05-21T06:56:14Z', {})}`)).toThrow(/t\.jsonl: line 2: ticket "b" has no doubleArgs "mmr"/);
    expect(refused(`${good}\n${v1('b', 'yesterday', { mmr: 1 })}`)).toThrow(/line 2: ticket "b": createTime "yesterday" is not an RFC 3339 time/);
    expect(refused(`${good}\n${v1('a', '2024-05-21T06:56:15Z', { mmr: 1 })}`)).toThrow(/line 2: id "a" already appears on line 1/);
    expect(refused(`${good}\n${v1('b', '2024-05-21T06:56:15Z', { mmr: 1.5 })}`)).toThrow(/line 2: ticket "b": its score "mmr" 1.5 is not a whole number/);
    expect(refused(`${good}\n${v1('b', '2024-05-21T06:56:15Z', { mmr: 1, mode: 2 })}\n${v1('c', '2024-05-21T06:56:15Z', { mmr: 1 }, { mode: 'x' })}`)).toThrow(/line 3: field "mode" is a string here and a number on an earlier line/);
    expect(refused(`${good}\n${v1('b', '2024-05-21T06:56:15Z', { mmr: 1, ['x'.repeat(200)]: 1 })}`)).toThrow(/field name "x{32}\.\.\." is not letters/);
    expect(refused('')).toThrow(/t\.jsonl: no tickets/);
    expect(refused(`${good}\n${v1('b', '2024-05-21T06:56:15Z', { mmr: 1, 'observed.wait': 3 })}`)).toThrow(/line 2: ticket "b": a name beginning observed\. is kept for what production observed/);
    // The message quotes no more of the line than a short piece.
    const long = `{"id": "${'y'.repeat(5000)}", "createTime": "2024-05-21T06:56:14Z"}`;
    expect(() => refused(long)()).toThrow(/^[^\n]{0,200}$/);
  });
});

describe('an Open Match assignments log', () => {
  const assignments = [
    JSON.stringify({ ticketId: 't0', assignTime: '2024-05-21T06:56:15.500Z' }),
    // An AssignTicketsRequest, and a Director's match: every ticket named is assigned at the line's time.
    JSON.stringify({ time: '2024-05-21T06:56:16.25Z', assignments: [{ ticketIds: ['t1'], assignment: { connection: '10.0.0.1:7777' } }] }),
    JSON.stringify({ ts: '2024-05-21T06:56:20Z', match: { matchId: 'm1', tickets: [{ id: 't2' }, { id: 't0' }] } }),
  ].join('\n');
  const withAssignments = (text = assignments) => {
    const dir = writeFiles({ 's.json': { ...scenario, arrivals: { ...scenario.arrivals, assignments: 'assigned.jsonl' } }, 'tickets.jsonl': lines.join('\n'), 'assigned.jsonl': text });
    return join(dir, 's.json');
  };

  it('gives each assigned ticket the wait production observed (its first assignment less its creation); the rest unknown, and no matched share', () => {
    const { players, summary } = runScenarioInMemory(loadScenario(withAssignments()));
    expect((players as unknown as Row[]).map((p) => [p.id, p.observed_wait])).toEqual([
      ['t0', 2],
      ['t1', 2.25],
      ['t2', 5.75],
      ['t3', null],
    ]);
    expect(summary.observed?.matched).toBe(3);
    // Open Match records no leaves: t3 may still have been waiting, so the share matched is not known.
    expect(summary.observed?.matchedShare).toBeNull();
  });

  it('refuses a line without a time or a ticket, a ticket the dump does not hold, and one assigned before it was created, naming the line', () => {
    const refused = (text: string) => () => loadScenario(withAssignments(text));
    expect(refused(JSON.stringify({ ticketId: 't0' }))).toThrow(/assigned\.jsonl: line 1: no RFC 3339 time/);
    expect(refused(JSON.stringify({ time: '2024-05-21T06:56:20Z' }))).toThrow(/line 1: names no ticket/);
    expect(refused(`${assignments}\n${JSON.stringify({ time: '2024-05-21T06:56:20Z', ticketId: 'zz' })}`)).toThrow(/line 4: ticket "zz" is in no line of the ticket file/);
    expect(refused(JSON.stringify({ time: '2024-05-21T06:50:00Z', ticketId: 't1' }))).toThrow(/line 1: ticket "t1" is assigned before it was created/);
  });
});

describe('a log\'s fields named by the scenario (arrivals.fields)', () => {
  it('gives a field the column the scenario names, so that a pool can filter it; the rest keep their names', () => {
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, fields: { region: 'stringArgs.mode', mic: 'tags.voice' } }, matcher: { ...scenario.matcher, pools: [{ name: 'ranked', filters: [{ attribute: 'region', equals: 'ranked' }] }] } };
    const players = runScenarioInMemory(loadScenario(files(doc))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.attr_region, p.attr_mic, p.pool])).toEqual([
      ['t0', 'ranked', 'true', 'ranked'],
      ['t1', '5', 'true', '(no pool)'],
      ['t2', 'ranked', null, 'ranked'],
      ['t3', null, null, '(no pool)'],
    ]);
    expect(players[0]).not.toHaveProperty('attr_mode');
  });

  it('refuses a field no ticket has, and one field named twice, naming arrivals.fields', () => {
    const refused = (fields: object) => () => loadScenario(files({ ...scenario, arrivals: { ...scenario.arrivals, fields } }));
    expect(refused({ region: 'stringArgs.region_code' })).toThrow(/tickets\.jsonl: arrivals\.fields\."region": no ticket of the log has the field "stringArgs\.region_code"/);
    expect(refused({ a: 'stringArgs.mode', b: 'stringArgs.mode' })).toThrow(/arrivals\.fields\."b": "stringArgs\.mode" is already the column "a"/);
    expect(refused({ score: 'stringArgs.mode' })).toThrow(/arrivals\.fields\."score": a field named "score" would take a column matchsim writes itself/);
  });
});
