import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenarioToDirectory } from '../src/run.js';
import { loadScenario, resolveScenario } from '../src/scenarios/load.js';
import { isSessionBackfill, type SessionBackfillSummary } from '../src/reports/backfill-summary.js';
import { tempDir } from './fixtures/helpers.js';

type Rows = Record<string, string>[];
const ids = (cell: string): string[] => (cell === '' ? [] : cell.split(' '));
const STARTUP = 10;
const UNTIL = 60;
const TIMEOUT = 30;

/** The bundled scenario, shortened, with the first expansion's wait at `wait` seconds. */
async function run(wait: number, extra: { backfill?: Record<string, unknown>; parties?: Record<string, unknown>; relaxTo?: number } = {}) {
  const loaded = loadScenario('scenarios/flexmatch-backfill.json');
  const document = JSON.parse(JSON.stringify(loaded.scenario)) as Record<string, unknown> & { matcher: { flexmatch: { ruleSet: { expansions: Array<{ steps: Array<{ waitTimeSeconds: number }> }> }; backfill: unknown } } };
  delete document.sweep;
  delete document.replications;
  document.duration = 900;
  document.matcher.flexmatch.ruleSet.expansions[0].steps[0].waitTimeSeconds = wait;
  if (extra.relaxTo !== undefined) (document.matcher.flexmatch.ruleSet.expansions[0].steps[0] as { value?: number }).value = extra.relaxTo;
  if (extra.backfill !== undefined) document.matcher.flexmatch.backfill = extra.backfill;
  if (extra.parties !== undefined) document.parties = extra.parties;
  const dir = join(tempDir(), 'out');
  const summary = await runScenarioToDirectory(resolveScenario('scenarios/flexmatch-backfill.json', document), dir, { charts: false, csvWorkers: 0 });
  const table = (name: string) => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Rows;
  const backfill = summary.backfill;
  if (backfill === undefined || !isSessionBackfill(backfill)) throw new Error('no session backfill in the summary');
  return { summary, backfill: backfill as SessionBackfillSummary, table, dir };
}

describe('automatic backfill of sessions that start short (FlexMatch, open arrivals)', () => {
  it('asks once a session is up, fills its open places under the rule set, never past a full match, and the files say who joined where and when', async () => {
    const { summary, backfill, table } = await run(2);
    const rooms = table('rooms.csv');
    const players = table('players.csv');
    const requests = table('backfills.csv');
    const formedAt = new Map(rooms.map((r) => [r.room, Number(r.time)]));
    expect(requests.length).toBe(backfill.requests.opened);
    expect(backfill.requests.filled).toBeGreaterThan(20);
    for (const r of requests) {
      const formed = formedAt.get(r.room)!;
      expect(Number(r.opened_at) - formed, r.request).toBeGreaterThanOrEqual(STARTUP);
      expect(Number(r.opened_at) - formed).toBeLessThan(UNTIL);
      if (r.outcome !== 'standing') expect(Number(r.closed_at) - Number(r.opened_at)).toBeLessThanOrEqual(TIMEOUT);
      for (const p of ids(r.joined)) {
        const row = players.find((x) => x.id === p)!;
        expect(row.room).toBe(r.room);
        expect(Number(row.matched_at)).toBe(Number(r.closed_at));
      }
    }
    // No session holds more than a full match, nor a side more than eight; every room's players are its starting ones and its joiners.
    const byRoom = new Map<string, Rows>();
    for (const p of players) if (p.room !== '') byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    for (const room of rooms) {
      const members = byRoom.get(room.room)!;
      const joiners = requests.filter((r) => r.room === room.room).reduce((n, r) => n + ids(r.joined).length, 0);
      expect(members.length).toBe(ids(room.players).length + joiners);
      expect(members.length).toBeLessThanOrEqual(16);
      for (const side of new Set(members.map((m) => m.team))) expect(members.filter((m) => m.team === side).length).toBeLessThanOrEqual(8);
    }
    // Every player is matched once, and conservation adds up with the joiners counted matched.
    const c = summary.conservation;
    expect(c.matched + c.abandoned + c.queued + c.pool + c.lost.disconnected).toBe(c.arrived);
    expect(players.filter((p) => p.room !== '').length).toBe(c.matched);
    expect(backfill.sessions.formed).toBe(rooms.length);
    expect(backfill.playersJoined).toBe(requests.reduce((n, r) => n + ids(r.joined).length, 0));
  });

  it("shows FlexMatch's warning: a team minimum lowered before sessions are up leaves most sessions partly filled, and longer with places open", async () => {
    const early = (await run(2)).backfill;
    const late = (await run(30)).backfill;
    expect(early.sessions.formedShortShare!).toBeGreaterThan(0.9);
    expect(late.sessions.formedShortShare!).toBeLessThan(0.3);
    expect(early.playersPerSession.atStart!).toBeLessThan(late.playersPerSession.atStart! - 4);
    expect(early.shortHandedShare!).toBeGreaterThan(2 * late.shortHandedShare!);
  });

  it('takes a party whole onto one side of a running session, as a new match does', async () => {
    const { backfill, table } = await run(2, { parties: { sizes: { '1': 6, '2': 3, '3': 1 } } });
    expect(backfill.playersJoined).toBeGreaterThan(100);
    const players = table('players.csv').filter((p) => p.room !== '');
    const sides = new Map<string, Set<string>>();
    for (const p of players) if (p.party !== '') sides.set(p.party, (sides.get(p.party) ?? new Set()).add(`${p.room} ${p.team}`));
    expect([...sides.values()].filter((s) => s.size > 1)).toEqual([]);
    const joinedParties = table('backfills.csv').flatMap((r) => ids(r.joined)).filter((id) => players.find((p) => p.id === id)?.party !== '');
    expect(joinedParties.length).toBeGreaterThan(0);
    const perSide = new Map<string, number>();
    for (const p of players) perSide.set(`${p.room} ${p.team}`, (perSide.get(`${p.room} ${p.team}`) ?? 0) + 1);
    expect(Math.max(...perSide.values())).toBeLessThanOrEqual(8);
  });

  it('asks with every side of the match, one that formed empty too (minPlayers relaxed to 0)', async () => {
    const { backfill, table } = await run(2, { relaxTo: 0 });
    expect(backfill.requests.filled).toBeGreaterThan(0);
    // Some session formed with one side empty, and backfill put players on it.
    const players = table('players.csv').filter((p) => p.room !== '');
    const sidesAtStart = new Map<string, Set<string>>();
    for (const room of table('rooms.csv')) sidesAtStart.set(room.room, new Set(players.filter((p) => p.room === room.room && Number(p.matched_at) === Number(room.time)).map((p) => p.team)));
    const oneSided = [...sidesAtStart].filter(([, sides]) => sides.size === 1).map(([room]) => room);
    expect(oneSided.length).toBeGreaterThan(0);
    expect(oneSided.some((room) => new Set(players.filter((p) => p.room === room).map((p) => p.team)).size === 2)).toBe(true);
  });

  it('writes the same bytes on every run', async () => {
    const a = await run(5);
    const b = await run(5);
    for (const f of ['backfills.csv', 'rooms.csv', 'players.csv', 'summary.json']) expect(readFileSync(join(b.dir, f), 'utf8'), f).toBe(readFileSync(join(a.dir, f), 'utf8'));
  });

  it('is refused where sessions could not ask as the scenario says, naming the field', () => {
    const base = JSON.parse(JSON.stringify(loadScenario('scenarios/flexmatch-backfill.json').scenario)) as Record<string, unknown> & { matcher: { flexmatch: Record<string, unknown> } };
    const bad = (change: (d: typeof base) => void) => () => {
      const d = JSON.parse(JSON.stringify(base)) as typeof base;
      change(d);
      return resolveScenario('scenarios/flexmatch-backfill.json', d);
    };
    expect(bad((d) => (d.matcher.flexmatch.backfill = { startupSeconds: 30, untilSeconds: 20 }))).toThrow(/matcher\.flexmatch\.backfill\.untilSeconds: 20 s is not after startupSeconds/);
    expect(bad((d) => (d.matcher.flexmatch.batchSize = 50))).toThrow(/matcher\.flexmatch\.backfill: backfill requests are not filled with batches/);
  });
});
