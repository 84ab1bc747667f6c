import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../../src/run.js';
import { loadScenario } from '../../../src/scenarios/load.js';
import { writeFiles } from '../../fixtures/helpers.js';

type Row = Record<string, unknown>;

// Lines as a Nakama server at debug level writes them (zap JSON; its ISO 8601 time has an offset without a colon).
const received = (ts: string, uid: string, sid: string, type: string, body: object) => JSON.stringify({ level: 'debug', ts, caller: 'server/pipeline.go:65', msg: `Received *rtapi.Envelope_${type} message`, uid, sid, cid: '1', message: { [type]: body } });
const sending = (ts: string, uid: string, sid: string, type: string, body: object) => JSON.stringify({ level: 'debug', ts, caller: 'server/session_ws.go:395', msg: `Sending *rtapi.Envelope_${type} message`, uid, sid, envelope: { cid: '1', [type]: body } });
const add = (ts: string, uid: string, skill: number, strings: object = {}, numbers: object = {}) =>
  received(ts, uid, `s-${uid}`, 'MatchmakerAdd', { min_count: 2, max_count: 2, query: '+properties.region:eu', string_properties: strings, numeric_properties: { skill, ...numbers } });

const log = [
  JSON.stringify({ level: 'info', ts: '2024-05-21T07:56:13.000+0100', caller: 'main.go:120', msg: 'Startup done' }),
  add('2024-05-21T07:56:14.250+0100', 'ann', 1500, { region: 'eu' }, { 'latency.eu-west-1': 30 }),
  sending('2024-05-21T07:56:14.251+0100', 'ann', 's-ann', 'MatchmakerTicket', { ticket: 'tk-ann' }),
  add('2024-05-21T06:56:15Z', 'bob', 1510, { region: 'eu' }, { 'latency.eu-west-1': 45 }),
  sending('2024-05-21T06:56:15.001Z', 'bob', 's-bob', 'MatchmakerTicket', { ticket: 'tk-bob' }),
  JSON.stringify({ level: 'debug', ts: '2024-05-21T06:56:15.5Z', msg: 'Received *rtapi.Envelope_StatusFollow message', uid: 'bob', message: { StatusFollow: {} } }),
  add('2024-05-21T06:56:16Z', 'cy', 1800, { region: 'eu' }),
  sending('2024-05-21T06:56:16.001Z', 'cy', 's-cy', 'MatchmakerTicket', { ticket: 'tk-cy' }),
  sending('2024-05-21T06:56:29.25Z', 'ann', 's-ann', 'MatchmakerMatched', { ticket: 'tk-ann', token: 'x', users: [] }),
  sending('2024-05-21T06:56:29.25Z', 'bob', 's-bob', 'MatchmakerMatched', { ticket: 'tk-bob', token: 'x', users: [] }),
  received('2024-05-21T06:57:00Z', 'cy', 's-cy', 'MatchmakerRemove', { ticket: 'tk-cy' }),
  // A ticket whose MatchmakerTicket the log lacks: named by its user and line.
  add('2024-05-21T06:57:01Z', 'dee', 1490),
].join('\n');

const scenario = { name: 'nk', seed: 1, drain: 30, arrivals: { type: 'nakama', file: 'nakama.log' }, latency: { dataCentres: ['eu-west-1'] }, matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 50 } };
const files = (doc: object, text = log) => join(writeFiles({ 's.json': doc, 'nakama.log': text }), 's.json');

describe('a Nakama log as arrivals', () => {
  it('replays each MatchmakerAdd as a player at its time, its properties attributes, its ticket named as Nakama named it, and what production observed', () => {
    const players = runScenarioInMemory(loadScenario(files(scenario))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival, p.score, p.attr_region, p.attr_min_count, p.attr_query, p.best_latency_ms])).toEqual([
      ['tk-ann', 0, 1500, 'eu', 2, "'+properties.region:eu", 30],
      ['tk-bob', 0.75, 1510, 'eu', 2, "'+properties.region:eu", 45],
      ['tk-cy', 1.75, 1800, 'eu', 2, "'+properties.region:eu", null],
      ['dee@12', 46.75, 1490, null, 2, "'+properties.region:eu", null],
    ]);
    expect(players.map((p) => [p.observed_wait, p.observed_waitBeforeLeaving])).toEqual([
      [15, null],
      [14.25, null],
      [null, 44],
      [null, null],
    ]);
    // cy removed its ticket 44 s after adding it: it leaves the replay then, as it left production.
    expect(players[2].left_at).toBe(45.75);
  });

  it('refuses a bad matchmaker line, naming the file and the line, or skips it when asked and counts it', () => {
    const refused = (text: string) => () => loadScenario(files(scenario, text));
    expect(refused(`${log}\nnot json`)).toThrow(/nakama\.log: line 13: not a JSON object/);
    expect(refused(`${log}\n${add('2024-05-21T06:58:00Z', 'eve', 1.5)}`)).toThrow(/line 13: its score "skill" 1.5 is not a whole number/);
    expect(refused(`${log}\n${received('2024-05-21T06:58:00Z', 'eve', 's-eve', 'MatchmakerAdd', { numeric_properties: { mmr: 1 } })}`)).toThrow(/line 13: no numeric_properties "skill" \(its score, arrivals\.score\)/);
    expect(refused(`${log}\n${received('2024-05-21T06:58:00Z', 'eve', 's-eve', 'PartyMatchmakerAdd', { party_id: 'p' })}`)).toThrow(/line 13: a party's PartyMatchmakerAdd: its members are not in the log/);
    expect(refused(`${log}\n${JSON.stringify({ msg: 'x', uid: 'eve', message: { MatchmakerAdd: { numeric_properties: { skill: 1 } } } })}`)).toThrow(/line 13: a MatchmakerAdd message without a time/);
    expect(refused(`${log}\n${sending('2024-05-21T06:58:00Z', 'eve', 's-eve', 'MatchmakerTicket', { ticket: 'tk-eve' })}`)).toThrow(/line 13: ticket "tk-eve" is given to a session with no MatchmakerAdd before it/);
    const { summary } = runScenarioInMemory(loadScenario(files({ ...scenario, arrivals: { ...scenario.arrivals, onBadLine: 'skip' } }, `${log}\nnot json\n${add('2024-05-21T06:58:00Z', 'eve', 1.5)}`)));
    expect(summary.replay?.skippedLines).toBe(2);
    expect(summary.players.total).toBe(4);
  });

  it('takes another score field and latency prefix, a window of the log, and speed', () => {
    const text = [add('2024-05-21T06:56:14Z', 'ann', 1, {}, { mmr: 1500, 'rtt_eu-west-1': 20 }), add('2024-05-21T06:56:20Z', 'bob', 1, {}, { mmr: 1600, 'rtt_eu-west-1': 25 })].join('\n');
    const doc = { ...scenario, arrivals: { ...scenario.arrivals, score: 'numeric_properties.mmr', latencyPrefix: 'rtt_', from: '2024-05-21T06:56:10Z', speed: 2 } };
    const players = runScenarioInMemory(loadScenario(files(doc, text))).players as unknown as Row[];
    expect(players.map((p) => [p.id, p.arrival, p.score, p.attr_skill, p.best_latency_ms])).toEqual([
      ['ann@1', 2, 1500, 1, 20],
      ['bob@2', 5, 1600, 1, 25],
    ]);
    const renamed = runScenarioInMemory(loadScenario(files({ ...doc, arrivals: { ...doc.arrivals, fields: { level: 'numeric_properties.skill', size: 'min_count' } } }, text))).players as unknown as Row[];
    expect(renamed.map((p) => [p.attr_level, p.attr_size])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(() => loadScenario(files({ ...scenario, arrivals: { ...scenario.arrivals, score: 'string_properties.x' } }, text))).toThrow(/arrivals\.score: score must be numeric_properties\.<key>/);
  });
});
