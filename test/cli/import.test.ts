import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeFiles } from '../fixtures/helpers.js';

const ticket = (id: string, createTime: string, doubles: object, strings: object = {}, tags: string[] = []) => JSON.stringify({ id, searchFields: { doubleArgs: doubles, stringArgs: strings, tags }, createTime });
const tickets = [
  ticket('a', '2024-05-21T06:56:14.123456789Z', { mmr: 1500, 'latency.us-east-1': 20.5, 'latency.eu-west-1': 90 }, { mode: '5', team: '=cmd' }, ['voice']),
  ticket('b', '2024-05-21T06:56:14.5Z', { mmr: 1510, 'latency.eu-west-1': 25, level: -3 }, { mode: 'ranked' }),
  ticket('c', '2024-05-21T06:56:15Z', { mmr: 1495, 'latency.us-east-1': 35, 'latency.eu-west-1': 40 }, { mode: 'ranked' }, ['voice']),
  ticket('d', '2024-05-21T06:56:15.75Z', { mmr: 1520, 'latency.us-east-1': 30 }, { mode: '7' }),
].join('\n') + '\n';
const base = { name: 'om', seed: 1, drain: 30, latency: { dataCentres: ['us-east-1', 'eu-west-1'] }, matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 50 } };

describe('matchsim import', () => {
  it('writes the tickets as a plain trace whose replay gives the bytes of replaying the log', async () => {
    const dir = writeFiles({ 'tickets.jsonl': tickets, 'log.json': { ...base, arrivals: { type: 'openmatch', file: 'tickets.jsonl' } } });
    const r = await cli('import', 'openmatch', join(dir, 'tickets.jsonl'), '-o', join(dir, 'tickets.csv'));
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'tickets.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('time,id,score,mode,team,voice,level,latency.us-east-1,latency.eu-west-1');
    // A text cell that would start a formula is written as text; a negative number stays a number.
    expect(csv).toContain(",'=cmd,");
    expect(csv).toContain(',-3,');
    const arrivals = JSON.parse(r.stdout.slice(r.stdout.indexOf('"arrivals": ') + '"arrivals": '.length));
    expect(arrivals.columns).toEqual({ mode: 'string', team: 'string', voice: 'string', level: 'number' });
    writeFileSync(join(dir, 'trace.json'), JSON.stringify({ ...base, arrivals: { ...arrivals, file: 'tickets.csv' } }));
    expect((await cli('run', join(dir, 'log.json'), '-o', join(dir, 'a'), '--no-charts')).code).toBe(0);
    expect((await cli('run', join(dir, 'trace.json'), '-o', join(dir, 'b'), '--no-charts')).code).toBe(0);
    for (const table of ['players.csv', 'rooms.csv', 'timeline.csv', 'breakdown.csv']) {
      // The same bytes: players.csv guards "=cmd" with the apostrophe the imported cell already has.
      expect(readFileSync(join(dir, 'b', table), 'utf8'), table).toBe(readFileSync(join(dir, 'a', table), 'utf8'));
    }
  });

  it('makes copies and skips bad lines when asked, as the scenario\'s scale and onBadLine do', async () => {
    const dir = writeFiles({ 'tickets.jsonl': `${tickets}not json\n` });
    const r = await cli('import', 'openmatch', join(dir, 'tickets.jsonl'), '-o', join(dir, 't.csv'), '--copies', '2', '--copy-seconds', '0.5', '--on-bad-line', 'skip');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/8 players \(1 bad lines skipped\)/);
    const ids = readFileSync(join(dir, 't.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[1]);
    expect([...ids].sort()).toEqual(['a', 'a#2', 'b', 'b#2', 'c', 'c#2', 'd', 'd#2']);
    const bad = await cli('import', 'openmatch', join(dir, 'tickets.jsonl'), '-o', join(dir, 'u.csv'), '--copies', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--copies: "0" is not a whole number from 1 to 100/);
  });

  it('never replaces a file, and names a bad line of the log', async () => {
    const dir = writeFiles({ 'tickets.jsonl': tickets, 'taken.csv': 'mine\n', 'bad.jsonl': `${tickets}{"id": 1}\n` });
    const taken = await cli('import', 'openmatch', join(dir, 'tickets.jsonl'), '-o', join(dir, 'taken.csv'));
    expect(taken.code).toBe(2);
    expect(readFileSync(join(dir, 'taken.csv'), 'utf8')).toBe('mine\n');
    const bad = await cli('import', 'openmatch', join(dir, 'bad.jsonl'), '-o', join(dir, 'out.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.jsonl: line 5: the ticket has no id/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    const format = await cli('import', 'gamesparks', join(dir, 'tickets.jsonl'), '-o', join(dir, 'out.csv'));
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/"gamesparks" is not a format matchsim reads \(openmatch, flexmatch, nakama\)/);
    const two = await cli('import', 'flexmatch', join(dir, 'tickets.jsonl'), '-o', join(dir, 'out.csv'));
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/flexmatch reads 2 files, requests and events; got 1/);
  });
});

describe('matchsim import flexmatch', () => {
  const request = (id: string, skill: number, latency: object) => JSON.stringify({ TicketId: id, Players: [{ PlayerId: `p-${id}`, PlayerAttributes: { skill: { N: skill }, roles: { SL: ['tank'] } }, LatencyInMs: latency }] });
  const event = (type: string, time: string, tickets: Array<[string, string]>) => JSON.stringify({ time, detail: { type, tickets: tickets.map(([ticketId, startTime]) => ({ ticketId, startTime })) } });
  const requests = [request('a', 1500, { 'us-east-1': 30 }), request('b', 1505, { 'us-east-1': 40, 'eu-west-1': 20 }), request('c', 1490, { 'eu-west-1': 25 })].join('\n');
  const events = [
    event('MatchmakingSearching', '2024-05-21T06:56:14.1Z', [['a', '2024-05-21T06:56:14Z']]),
    event('MatchmakingSearching', '2024-05-21T06:56:15.1Z', [['b', '2024-05-21T06:56:15Z'], ['c', '2024-05-21T06:56:15.5Z']]),
    event('MatchmakingSucceeded', '2024-05-21T06:56:19Z', [['a', '2024-05-21T06:56:14Z'], ['b', '2024-05-21T06:56:15Z']]),
    event('MatchmakingCancelled', '2024-05-21T06:57:00Z', [['c', '2024-05-21T06:56:15.5Z']]),
  ].join('\n');

  it('writes the tickets and what production observed of them; the trace replays with the same tables, observed columns and all', async () => {
    const dir = writeFiles({ 'r.jsonl': requests, 'e.jsonl': events, 'log.json': { ...base, arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl' } } });
    const r = await cli('import', 'flexmatch', join(dir, 'r.jsonl'), join(dir, 'e.jsonl'), '-o', join(dir, 't.csv'));
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 't.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('time,id,score,roles,latency.us-east-1,latency.eu-west-1,observed.wait,observed.waitBeforeLeaving');
    expect(csv[1]).toBe('0,a,1500,"[""tank""]",30,,5,');
    expect(csv[3]).toBe('1.5,c,1490,"[""tank""]",,25,,44.5');
    const arrivals = JSON.parse(r.stdout.slice(r.stdout.indexOf('"arrivals": ') + '"arrivals": '.length));
    expect(arrivals.columns).toEqual({ roles: 'string-list' });
    writeFileSync(join(dir, 'trace.json'), JSON.stringify({ ...base, arrivals: { ...arrivals, file: 't.csv' } }));
    expect((await cli('run', join(dir, 'log.json'), '-o', join(dir, 'a'), '--no-charts')).code).toBe(0);
    expect((await cli('run', join(dir, 'trace.json'), '-o', join(dir, 'b'), '--no-charts')).code).toBe(0);
    for (const table of ['players.csv', 'rooms.csv', 'timeline.csv', 'breakdown.csv']) expect(readFileSync(join(dir, 'b', table), 'utf8'), table).toBe(readFileSync(join(dir, 'a', table), 'utf8'));
    expect(readFileSync(join(dir, 'a', 'players.csv'), 'utf8').split('\n')[0]).toMatch(/,observed_wait,observed_waitBeforeLeaving,/);
  });

  it('writes a ticket of several players as a party column; the trace replays as the log does', async () => {
    const party = JSON.stringify({ TicketId: 'd', Players: [
      { PlayerId: 'x', PlayerAttributes: { skill: { N: 1500 }, roles: { SL: ['tank'] } }, LatencyInMs: { 'us-east-1': 30 } },
      { PlayerId: 'y', PlayerAttributes: { skill: { N: 1520 }, roles: { SL: ['healer'] } }, LatencyInMs: { 'us-east-1': 50 } },
    ] });
    const partyEvents = `${events}\n${event('MatchmakingSearching', '2024-05-21T06:56:16Z', [['d', '2024-05-21T06:56:16Z']])}`;
    const scenario = { ...base, matcher: { ...base.matcher, roomSize: 4 } };
    const dir = writeFiles({ 'r.jsonl': `${requests}\n${party}`, 'e.jsonl': partyEvents, 'log.json': { ...scenario, arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl' } } });
    const r = await cli('import', 'flexmatch', join(dir, 'r.jsonl'), join(dir, 'e.jsonl'), '-o', join(dir, 't.csv'));
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 't.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('time,id,score,party,roles,latency.us-east-1,latency.eu-west-1,observed.wait,observed.waitBeforeLeaving');
    expect(csv.slice(1, 6)).toEqual(['0,a,1500,,"[""tank""]",30,,5,', '1,b,1505,,"[""tank""]",40,20,4,', '1.5,c,1490,,"[""tank""]",,25,,44.5', '2,d/x,1500,d,"[""tank""]",30,,,', '2,d/y,1520,d,"[""healer""]",50,,,']);
    const arrivals = JSON.parse(r.stdout.slice(r.stdout.indexOf('"arrivals": ') + '"arrivals": '.length));
    writeFileSync(join(dir, 'trace.json'), JSON.stringify({ ...scenario, arrivals: { ...arrivals, file: 't.csv' } }));
    expect((await cli('run', join(dir, 'log.json'), '-o', join(dir, 'a'), '--no-charts')).code).toBe(0);
    expect((await cli('run', join(dir, 'trace.json'), '-o', join(dir, 'b'), '--no-charts')).code).toBe(0);
    for (const table of ['players.csv', 'rooms.csv', 'timeline.csv', 'breakdown.csv']) expect(readFileSync(join(dir, 'b', table), 'utf8'), table).toBe(readFileSync(join(dir, 'a', table), 'utf8'));
    expect(readFileSync(join(dir, 'a', 'players.csv'), 'utf8')).toMatch(/\nd\/y,[^\n]*,d\/x,/);
  });

  it('a trace\'s observed column holds seconds >= 0 or nothing, and is named observed.<name>', async () => {
    const dir = writeFiles({ 't.csv': 'time,id,score,observed.wait\n0,a,1,x\n', 'u.csv': 'time,id,score,observed.w-1\n0,a,1,2\n', 's.json': { ...base, latency: undefined, arrivals: { type: 'trace', file: 't.csv' } }, 'u.json': { ...base, latency: undefined, arrivals: { type: 'trace', file: 'u.csv' } } });
    const t = await cli('run', join(dir, 's.json'), '-o', join(dir, 'o'), '--no-charts');
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/t\.csv: column "observed\.wait": "x" \(player "a"\) is not a number of seconds >= 0/);
    const u = await cli('run', join(dir, 'u.json'), '-o', join(dir, 'o'), '--no-charts');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/u\.csv: column "observed\.w-1": an observed column is observed\.<name>/);
  });
});

describe('matchsim import nakama', () => {
  const line = (ts: string, uid: string, received: boolean, type: string, body: object) =>
    JSON.stringify({ level: 'debug', ts, msg: `${received ? 'Received' : 'Sending'} *rtapi.Envelope_${type} message`, uid, sid: `s-${uid}`, [received ? 'message' : 'envelope']: { [type]: body } });
  const log = [
    line('2024-05-21T06:56:14Z', 'ann', true, 'MatchmakerAdd', { min_count: 2, max_count: 2, query: '*', string_properties: { mode: '=1+1' }, numeric_properties: { skill: 1500, 'latency.us-east-1': 30 } }),
    line('2024-05-21T06:56:14Z', 'ann', false, 'MatchmakerTicket', { ticket: 't-ann' }),
    line('2024-05-21T06:56:15Z', 'bob', true, 'MatchmakerAdd', { min_count: 2, max_count: 2, query: '*', numeric_properties: { skill: 1510 } }),
    line('2024-05-21T06:56:15Z', 'bob', false, 'MatchmakerTicket', { ticket: 't-bob' }),
    line('2024-05-21T06:56:19Z', 'ann', false, 'MatchmakerMatched', { ticket: 't-ann' }),
    line('2024-05-21T06:56:19Z', 'bob', false, 'MatchmakerMatched', { ticket: 't-bob' }),
  ].join('\n');

  it('writes the log\'s tickets and observed waits as a trace that replays with the same tables', async () => {
    const dir = writeFiles({ 'n.log': log, 'log.json': { ...base, arrivals: { type: 'nakama', file: 'n.log' } } });
    const r = await cli('import', 'nakama', join(dir, 'n.log'), '-o', join(dir, 't.csv'));
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 't.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('time,id,score,mode,min_count,max_count,query,latency.us-east-1,observed.wait,observed.waitBeforeLeaving');
    // A formula in a property reaches the CSV as text.
    expect(csv[1]).toBe("0,t-ann,1500,'=1+1,2,2,*,30,5,");
    const arrivals = JSON.parse(r.stdout.slice(r.stdout.indexOf('"arrivals": ') + '"arrivals": '.length));
    writeFileSync(join(dir, 'trace.json'), JSON.stringify({ ...base, arrivals: { ...arrivals, file: 't.csv' } }));
    expect((await cli('run', join(dir, 'log.json'), '-o', join(dir, 'a'), '--no-charts')).code).toBe(0);
    expect((await cli('run', join(dir, 'trace.json'), '-o', join(dir, 'b'), '--no-charts')).code).toBe(0);
    for (const table of ['players.csv', 'rooms.csv', 'timeline.csv']) expect(readFileSync(join(dir, 'b', table), 'utf8'), table).toBe(readFileSync(join(dir, 'a', table), 'utf8'));
  });
});

describe('matchsim import --field', () => {
  it('names a column for a field, as the scenario\'s arrivals.fields, and refuses one that is not column=field', async () => {
    const dir = writeFiles({ 't.jsonl': JSON.stringify({ id: 'a', searchFields: { doubleArgs: { mmr: 1 }, stringArgs: { region_code: 'eu' } }, createTime: '2024-05-21T06:56:14Z' }) });
    const r = await cli('import', 'openmatch', join(dir, 't.jsonl'), '-o', join(dir, 't.csv'), '--field', 'region=stringArgs.region_code');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 't.csv'), 'utf8').split('\n')[0]).toBe('time,id,score,region');
    const bad = await cli('import', 'openmatch', join(dir, 't.jsonl'), '-o', join(dir, 'u.csv'), '--field', 'region');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--field: "region" is not column=field/);
  });
});
