import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const latency = {
  dataCentres: ['us-east-1', 'eu-west-1'],
  players: { regions: { na: { share: 2, lat: 40, lon: -90, spreadKm: 800 }, eu: { share: 1, lat: 50, lon: 5, spreadKm: 500 } } },
};
const generated = {
  ...seedScenario,
  duration: 120,
  attributes: { mode: { type: 'category', values: { ranked: 2, casual: 1 } }, level: { type: 'uniform', min: 1, max: 50 }, voice: { type: 'tag', probability: 0.3 } },
  latency,
  matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 50, latency: { max: 80, steps: [{ after: 10, max: 200 }] } },
};
const rows = (file: string) => parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
const start = '2024-01-01T00:00:00Z';
// The same run's settings, the arrivals from the log: the same clock, the same end.
const replay = { name: 'replay', seed: seedScenario.seed, tick: 1, duration: generated.duration, drain: seedScenario.drain, latency: { dataCentres: latency.dataCentres }, matcher: generated.matcher };

/** Runs g.json in dir, exports it as a FlexMatch log (r.jsonl, e.jsonl) and runs fm.json, which replays it: both players tables. */
async function flexMatchRoundTrip(dir: string): Promise<{ a: Array<Record<string, string>>; b: Array<Record<string, string>> }> {
  const made = await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts');
  expect(made.code, made.stderr).toBe(0);
  const r = await cli('export', 'flexmatch', join(dir, 'g'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--start', start);
  expect(r.code, r.stderr).toBe(0);
  const replayed = await cli('run', join(dir, 'fm.json'), '-o', join(dir, 'fm'), '--no-charts');
  expect(replayed.code, replayed.stderr).toBe(0);
  return { a: rows(join(dir, 'g', 'players.csv')), b: rows(join(dir, 'fm', 'players.csv')) };
}

describe('matchsim export', () => {
  it('writes a generated run as Open Match tickets that read back as the same arrivals', async () => {
    const dir = writeFiles({ 'g.json': generated, 'om.json': { ...replay, arrivals: { type: 'openmatch', file: 'tickets.jsonl', from: start } } });
    const made = await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts');
    expect(made.code, made.stderr).toBe(0);
    const r = await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 'tickets.jsonl'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    const replayed = await cli('run', join(dir, 'om.json'), '-o', join(dir, 'om'), '--no-charts');
    expect(replayed.code, replayed.stderr).toBe(0);
    const a = rows(join(dir, 'g', 'players.csv'));
    const b = rows(join(dir, 'om', 'players.csv'));
    expect(b.length).toBe(a.length);
    const arrivals = (p: Record<string, string>) => [p.id, p.arrival, p.score, p.attr_mode, p.attr_level, p.attr_voice, p.best_latency_ms];
    expect(b.map(arrivals)).toEqual(a.map(arrivals));
    // The same arrivals through the same matcher: the same run.
    expect(b.map((p) => [p.wait, p.room, p.dc])).toEqual(a.map((p) => [p.wait, p.room, p.dc]));
  });

  it("writes a FlexMatch rule set's run as the service's events: one PotentialMatchCreated and one Succeeded a match, naming all its tickets and each player's team; TimedOut for a ticket the service gave up", async () => {
    const ruleSet = {
      name: 'duel',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'skill', type: 'number' }],
      teams: [{ name: 'red', minPlayers: 2, maxPlayers: 2 }, { name: 'blue', minPlayers: 2, maxPlayers: 2 }],
      rules: [{ name: 'Close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 60 }],
    };
    const flex = { ...seedScenario, duration: 120, matcher: { algorithm: 'flexmatch', roomSize: 4, flexmatch: { ruleSet, requestTimeoutSeconds: 20 } } };
    const dir = writeFiles({ 'g.json': flex });
    expect((await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts')).code).toBe(0);
    const r = await cli('export', 'flexmatch', join(dir, 'g'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    const players = rows(join(dir, 'g', 'players.csv'));
    const summary = JSON.parse(readFileSync(join(dir, 'g', 'summary.json'), 'utf8'));
    const events = readFileSync(join(dir, 'e.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line).detail);
    const succeeded = events.filter((e) => e.type === 'MatchmakingSucceeded');
    expect(succeeded.length).toBe(summary.rooms);
    for (const e of succeeded) {
      const seated = e.gameSessionInfo.players;
      expect(seated).toHaveLength(4);
      expect(e.tickets.flatMap((t: { players: object[] }) => t.players)).toEqual(seated);
      // Each player on the team players.csv gives it, all in one room.
      const row = (p: { playerId: string }) => players.find((q) => q.id === p.playerId);
      for (const p of seated) expect(p.team).toBe(row(p)?.team);
      expect(new Set(seated.map((p: { playerId: string }) => row(p)?.room)).size).toBe(1);
      expect(seated.map((p: { team: string }) => p.team).sort()).toEqual(['blue', 'blue', 'red', 'red']);
    }
    // One id a match, numbered.
    expect(new Set(succeeded.map((e) => e.matchId))).toEqual(new Set(succeeded.map((_, k) => `match-${k + 1}`)));
    // Each match first a PotentialMatchCreated, as the service emits for every match (no acceptance here), the line just before its success.
    const lines = readFileSync(join(dir, 'e.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const potential = events.filter((e) => e.type === 'PotentialMatchCreated');
    expect(potential.map((e) => e.matchId)).toEqual(succeeded.map((e) => e.matchId));
    for (const e of potential) expect(e.acceptanceRequired).toBe(false);
    lines.forEach((l, k) => {
      if (l.detail.type === 'MatchmakingSucceeded') expect([lines[k - 1].detail.type, lines[k - 1].detail.matchId, lines[k - 1].time]).toEqual(['PotentialMatchCreated', l.detail.matchId, l.time]);
    });
    const timedOut = events.filter((e) => e.type === 'MatchmakingTimedOut');
    expect(summary.abandonment.timedOut).toBeGreaterThan(0);
    expect(timedOut.length).toBe(summary.abandonment.timedOut);
    expect(events.filter((e) => e.type === 'MatchmakingCancelled')).toHaveLength(0);
    expect(timedOut[0].reason).toBe('TimedOut');
  });

  it('writes a run with acceptance as its proposals (proposals.csv) and their events: PotentialMatchCreated, AcceptMatch at each answer, AcceptMatchCompleted, then Succeeded for the accepted', async () => {
    const ruleSet = { name: 'duel', ruleLanguageVersion: '1.0', playerAttributes: [{ name: 'skill', type: 'number' }], teams: [{ name: 'red', minPlayers: 1, maxPlayers: 1 }, { name: 'blue', minPlayers: 1, maxPlayers: 1 }], rules: [] };
    const flex = { ...seedScenario, duration: 60, matcher: { algorithm: 'flexmatch', roomSize: 2, flexmatch: { ruleSet, acceptanceRequired: true, acceptanceTimeoutSeconds: 5, acceptance: { probability: 0.8, response: { type: 'uniform', min: 0.5, max: 7 } } } } };
    const dir = writeFiles({ 'g.json': flex });
    expect((await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts')).code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'g', 'summary.json'), 'utf8'));
    const acc = summary.acceptance;
    // proposals.csv: a row per player of each proposal; its outcomes are summary.json's counts.
    const proposals = rows(join(dir, 'g', 'proposals.csv'));
    expect(Object.keys(proposals[0])).toEqual(['proposal', 'proposed_at', 'settled_at', 'outcome', 'player', 'answer', 'answered_at']);
    const byProposal = new Map<string, Record<string, string>>();
    for (const row of proposals) byProposal.set(row.proposal, row);
    expect(byProposal.size).toBe(acc.potentialMatches);
    const outcomes = [...byProposal.values()].map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(summary.rooms);
    expect(outcomes.filter((o) => o === 'rejected')).toHaveLength(acc.rejectedMatches);
    expect(outcomes.filter((o) => o === 'timedOut')).toHaveLength(acc.timedOutMatches);
    expect(proposals.filter((r) => r.answer !== '')).toHaveLength(acc.answers);
    expect(acc.rejectedMatches * acc.timedOutMatches).toBeGreaterThan(0);
    const r = await cli('export', 'flexmatch', join(dir, 'g'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(dir, 'e.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const of = (type: string) => lines.filter((l) => l.detail.type === type).map((l) => l.detail);
    expect(of('PotentialMatchCreated')).toHaveLength(acc.potentialMatches);
    for (const e of of('PotentialMatchCreated')) expect([e.acceptanceRequired, e.acceptanceTimeout]).toEqual([true, 5]);
    expect(of('AcceptMatch')).toHaveLength(acc.answers);
    const completed = of('AcceptMatchCompleted');
    expect(completed.map((e) => e.acceptance).sort()).toEqual(outcomes.filter((o) => o !== 'pending').map((o) => ({ accepted: 'Accepted', rejected: 'Rejected', timedOut: 'TimedOut' })[o]).sort());
    // An AcceptMatch tells every answer so far: its last one is a player's own answer.
    const last = of('AcceptMatch').at(-1);
    expect(last.gameSessionInfo.players.some((p: { accepted?: boolean }) => p.accepted !== undefined)).toBe(true);
    // Each success is the accepted proposal of the same id, completed just before it.
    lines.forEach((l, k) => {
      if (l.detail.type !== 'MatchmakingSucceeded') return;
      const before = lines.slice(0, k).reverse().find((x) => x.detail.matchId === l.detail.matchId);
      expect([before.detail.type, before.detail.acceptance, before.time]).toEqual(['AcceptMatchCompleted', 'Accepted', l.time]);
    });
    expect(of('MatchmakingSucceeded')).toHaveLength(summary.rooms);
    // A damaged proposals.csv: one line naming the file, line and column, nothing written.
    const bad = readFileSync(join(dir, 'g', 'proposals.csv'), 'utf8').replace(/,accepted,/, ',maybe,');
    writeFileSync(join(dir, 'g', 'proposals.csv'), bad);
    const refused = await cli('export', 'flexmatch', join(dir, 'g'), '-o', join(dir, 'r2.jsonl'), '--events', join(dir, 'e2.jsonl'), '--start', start);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/proposals\.csv: line \d+, column (outcome|answer): is not /);
    expect(refused.stderr).not.toMatch(/maybe/);
    expect(existsSync(join(dir, 'r2.jsonl'))).toBe(false);
  });

  it('writes an Open Match assignments log when asked: replayed with it, the observed waits are the run\'s own', async () => {
    const dir = writeFiles({ 'g.json': generated, 'om.json': { ...replay, arrivals: { type: 'openmatch', file: 't.jsonl', assignments: 'a.jsonl', from: start } } });
    expect((await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts')).code).toBe(0);
    const wrong = await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 't.jsonl'), '--events', join(dir, 'e.jsonl'));
    expect(wrong.stderr).toMatch(/--events: only with flexmatch/);
    const r = await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 't.jsonl'), '--assignments', join(dir, 'a.jsonl'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    const replayed = await cli('run', join(dir, 'om.json'), '-o', join(dir, 'om'), '--no-charts');
    expect(replayed.code, replayed.stderr).toBe(0);
    const a = rows(join(dir, 'g', 'players.csv'));
    const b = rows(join(dir, 'om', 'players.csv'));
    expect(a.some((p) => p.wait === '')).toBe(true);
    for (let i = 0; i < a.length; i++) expect(b[i].observed_wait === '' ? '' : Number(b[i].observed_wait).toFixed(5)).toBe(a[i].wait === '' ? '' : Number(a[i].wait).toFixed(5));
  });

  it('writes a FlexMatch log whose events say what became of each player: replayed, the observed waits are the run\'s own', async () => {
    const dir = writeFiles({ 'g.json': generated, 'fm.json': { ...replay, arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl', from: start } } });
    const { a, b } = await flexMatchRoundTrip(dir);
    expect(b.map((p) => [p.id, p.arrival, p.score, p.attr_mode, p.best_latency_ms])).toEqual(a.map((p) => [p.id, p.arrival, p.score, p.attr_mode, p.best_latency_ms]));
    for (let i = 0; i < a.length; i++) if (a[i].wait !== '') expect(Number(b[i].observed_wait)).toBeCloseTo(Number(a[i].wait), 5);
    const summary = JSON.parse(readFileSync(join(dir, 'fm', 'summary.json'), 'utf8'));
    // The same service on the same tickets: no gap.
    expect(summary.observed.gap.waitP95).toBeCloseTo(0, 5);
  });

  it('writes a Nakama debug log of the run\'s matchmaker traffic that reads back as the same arrivals, and the same run, observed waits its own', async () => {
    const dir = writeFiles({ 'g.json': generated, 'nk.json': { ...replay, arrivals: { type: 'nakama', file: 'nakama.log', from: start } } });
    const made = await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts');
    expect(made.code, made.stderr).toBe(0);
    const r = await cli('export', 'nakama', join(dir, 'g'), '-o', join(dir, 'nakama.log'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    const first = JSON.parse(readFileSync(join(dir, 'nakama.log'), 'utf8').split('\n')[0]);
    expect([first.level, first.msg, first.message.MatchmakerAdd.min_count]).toEqual(['debug', 'Received *rtapi.Envelope_MatchmakerAdd message', 2]);
    const replayed = await cli('run', join(dir, 'nk.json'), '-o', join(dir, 'nk'), '--no-charts');
    expect(replayed.code, replayed.stderr).toBe(0);
    const a = rows(join(dir, 'g', 'players.csv'));
    const b = rows(join(dir, 'nk', 'players.csv'));
    const arrivals = (p: Record<string, string>) => [p.id, p.arrival, p.score, p.attr_mode, p.attr_level, p.best_latency_ms];
    expect(b.map(arrivals)).toEqual(a.map(arrivals));
    // A tag is the string "true" where present (Nakama's properties have no tags); the ticket's sizes are the run's room.
    expect(b.map((p) => [p.attr_voice, p.attr_min_count, p.attr_max_count])).toEqual(a.map((p) => [p.attr_voice === 'true' ? 'true' : '', '2', '2']));
    expect(b.map((p) => [p.wait, p.room, p.dc])).toEqual(a.map((p) => [p.wait, p.room, p.dc]));
    for (let i = 0; i < a.length; i++) if (a[i].wait !== '') expect(Number(b[i].observed_wait)).toBeCloseTo(Number(a[i].wait), 5);
  });

  it('writes a party as one FlexMatch ticket of its players, replayed as the same party: its members ticket/player, the rest as the run', async () => {
    const withParties = { ...generated, parties: { sizes: { '1': 2, '2': 1 }, memberSpread: 40 }, matcher: { ...generated.matcher, roomSize: 4 } };
    const dir = writeFiles({ 'g.json': withParties, 'fm.json': { ...replay, matcher: withParties.matcher, arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl', from: start } } });
    const { a, b } = await flexMatchRoundTrip(dir);
    const refused = await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 't.jsonl'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/summary\.json: scenario\.parties: an Open Match ticket is one player here/);
    const nakama = await cli('export', 'nakama', join(dir, 'g'), '-o', join(dir, 'n.log'));
    expect(nakama.stderr).toMatch(/summary\.json: scenario\.parties: a Nakama party's members are not in its log/);
    expect(existsSync(join(dir, 'n.log'))).toBe(false);
    expect(a.some((p) => p.party !== '')).toBe(true);
    // A member's id in the log is its ticket's (its party's first player) and its own: ticket/player.
    const asLogged = (p: Record<string, string>) => (p.party === '' ? p.id : `${p.party}/${p.id}`);
    expect(b.map((p) => [p.id, p.party, p.arrival, p.score, p.attr_mode, p.best_latency_ms])).toEqual(
      a.map((p) => [asLogged(p), p.party === '' ? '' : `${p.party}/${p.party}`, p.arrival, p.score, p.attr_mode, p.best_latency_ms]),
    );
    // The same rooms (named by their members' ids, so numbered here in the order first seen).
    const rooms = (table: Array<Record<string, string>>) => {
      const seen = new Map<string, number>();
      return table.map((p) => (p.room === '' ? -1 : (seen.get(p.room) ?? seen.set(p.room, seen.size).size - 1)));
    };
    expect(rooms(b)).toEqual(rooms(a));
    expect(b.map((p) => [p.wait, p.dc])).toEqual(a.map((p) => [p.wait, p.dc]));
    for (let i = 0; i < a.length; i++) if (a[i].wait !== '') expect(Number(b[i].observed_wait)).toBeCloseTo(Number(a[i].wait), 5);
    // The replay exported again gives the log back, byte for byte: each party its TicketId, each player its PlayerId.
    const again = await cli('export', 'flexmatch', join(dir, 'fm'), '-o', join(dir, 'r2.jsonl'), '--events', join(dir, 'e2.jsonl'), '--scenario', join(dir, 'fm.json'), '--start', start);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'r2.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'r.jsonl'), 'utf8'));
    expect(readFileSync(join(dir, 'e2.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'e.jsonl'), 'utf8'));
  });

  it('writes a replayed run, given its scenario, in another format: an Open Match dump as a FlexMatch log replays as the same players and run', async () => {
    const dir = writeFiles({ 'g.json': generated, 'om.json': { ...replay, arrivals: { type: 'openmatch', file: 't.jsonl', from: start } }, 'fm.json': { ...replay, arrivals: { type: 'flexmatch', requests: 'r.jsonl', events: 'e.jsonl', from: start } }, 'other.json': { ...replay, seed: 99, arrivals: { type: 'openmatch', file: 't.jsonl', from: start } } });
    expect((await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts')).code).toBe(0);
    expect((await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 't.jsonl'), '--start', start)).code).toBe(0);
    expect((await cli('run', join(dir, 'om.json'), '-o', join(dir, 'om'), '--no-charts')).code).toBe(0);
    const missing = await cli('export', 'flexmatch', join(dir, 'om'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/summary\.json: scenario\.arrivals: a replayed run's arrivals are its files.*--scenario FILE/);
    const wrong = await cli('export', 'flexmatch', join(dir, 'om'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--scenario', join(dir, 'other.json'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/other\.json: is not the scenario of the run in .*summary\.json/);
    const r = await cli('export', 'flexmatch', join(dir, 'om'), '-o', join(dir, 'r.jsonl'), '--events', join(dir, 'e.jsonl'), '--scenario', join(dir, 'om.json'), '--start', start);
    expect(r.code, r.stderr).toBe(0);
    expect((await cli('run', join(dir, 'fm.json'), '-o', join(dir, 'fm'), '--no-charts')).code).toBe(0);
    const a = rows(join(dir, 'om', 'players.csv'));
    const b = rows(join(dir, 'fm', 'players.csv'));
    expect(b.map((p) => [p.id, p.arrival, p.score, p.attr_mode, p.best_latency_ms, p.wait, p.room])).toEqual(a.map((p) => [p.id, p.arrival, p.score, p.attr_mode, p.best_latency_ms, p.wait, p.room]));
  });

  it('refuses what it cannot write, and never replaces a file', async () => {
    const dir = writeFiles({ 'g.json': generated, 'taken.jsonl': 'mine\n' });
    const made = await cli('run', join(dir, 'g.json'), '-o', join(dir, 'g'), '--no-charts');
    expect(made.code, made.stderr).toBe(0);
    const taken = await cli('export', 'openmatch', join(dir, 'g'), '-o', join(dir, 'taken.jsonl'));
    expect(taken.code).toBe(2);
    expect(readFileSync(join(dir, 'taken.jsonl'), 'utf8')).toBe('mine\n');
    const noEvents = await cli('export', 'flexmatch', join(dir, 'g'), '-o', join(dir, 'r.jsonl'));
    expect(noEvents.code).toBe(2);
    expect(noEvents.stderr).toMatch(/--events: required with flexmatch/);
  });
});
