import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenarioToDirectory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { isStreamBackfill, type StreamBackfillSummary } from '../src/reports/backfill-summary.js';
import { tempDir } from './fixtures/helpers.js';

type Rows = Record<string, string>[];
const ids = (cell: string): string[] => (cell === '' ? [] : cell.split(' '));
const DURATION = 600;
const TIMEOUT = 20;
const base = {
  seed: 2,
  duration: DURATION,
  drain: 60,
  arrivals: { type: 'poisson', rate: 2 },
  scores: { type: 'normal', mean: 1500, sd: 300 },
  matcher: { algorithm: 'anchor', roomSize: 4, windowGrowth: 20, clock: 'seconds' },
};
const stream = { rate: 0.2, open: { '1': 3, '2': 1 }, timeoutSeconds: TIMEOUT };

async function run(extra: Record<string, unknown> = {}) {
  const dir = join(tempDir(), 'out');
  const summary = await runScenarioToDirectory(resolveScenario('s.json', { name: 's', ...base, ...extra }), dir, { charts: false, csvWorkers: 0 });
  const table = (name: string) => parse(readFileSync(join(dir, name), 'utf8'), { columns: true }) as Rows;
  return { summary, table, dir };
}

describe('a stream of backfill requests (open arrivals)', () => {
  it("fills each request from the pool: its joiners matched when it is filled, in the session named by them, and every player matched once", async () => {
    const { summary, table } = await run({ backfillRequests: stream });
    const b = summary.backfill!;
    if (!isStreamBackfill(b)) throw new Error('not a stream summary');
    const requests = table('backfills.csv');
    const players = table('players.csv');
    expect(requests.length).toBe(b.requests.opened);
    // About 0.2 a second over 600 s.
    expect(requests.length).toBeGreaterThan(90);
    expect(requests.length).toBeLessThan(160);
    for (const r of requests) {
      expect(Number(r.opened_at)).toBeLessThanOrEqual(DURATION);
      const joined = ids(r.joined);
      expect(joined.length).toBeLessThanOrEqual(Number(r.open));
      if (r.outcome === 'filled') {
        expect(joined.length).toBeGreaterThan(0);
        expect(r.room).toBe('room_' + joined.join('_'));
      } else {
        expect(joined).toEqual([]);
        expect(r.room).toBe('');
      }
      if (r.outcome === 'timedOut') expect(Number(r.closed_at) - Number(r.opened_at)).toBe(TIMEOUT);
      for (const p of joined) {
        const row = players.find((x) => x.id === p)!;
        expect(row.room).toBe(r.room);
        expect(Number(row.matched_at)).toBe(Number(r.closed_at));
      }
    }
    const joiners = requests.reduce((n, r) => n + ids(r.joined).length, 0);
    expect(b.playersJoined).toBe(joiners);
    expect(summary.players.matched).toBe(summary.rooms * 4 + joiners);
    const c = summary.conservation;
    expect(c.matched + c.abandoned + c.queued + c.pool + c.lost.disconnected).toBe(c.arrived);
    expect(summary.notifications.playersNotified).toBe(c.matched);
  });

  it('draws on streams of its own: the players arrive as without it, and the same bytes come out on every run', async () => {
    const without = (await run()).table('players.csv');
    const a = await run({ backfillRequests: stream });
    const b = await run({ backfillRequests: stream });
    expect(a.table('players.csv').map((p) => [p.id, p.arrival, p.score])).toEqual(without.map((p) => [p.id, p.arrival, p.score]));
    for (const f of ['backfills.csv', 'players.csv', 'rooms.csv', 'summary.json']) expect(readFileSync(join(b.dir, f), 'utf8'), f).toBe(readFileSync(join(a.dir, f), 'utf8'));
  });

  it('times requests out where nobody is near their score, and says so', async () => {
    const far = await run({ backfillRequests: { ...stream, score: { type: 'constant', value: 9000 }, timeoutSeconds: 5 } });
    const b = far.summary.backfill as StreamBackfillSummary;
    expect(b.requests.timedOut).toBeGreaterThan(0);
    expect(b.requests.timedOut + b.requests.filled + b.requests.standing).toBe(b.requests.opened);
    expect(b.filledShare).toBeLessThan(1);
  });

  it('is refused where a request cannot be filled as it says, naming the field', () => {
    const bad = (extra: Record<string, unknown>) => () => resolveScenario('s.json', { name: 's', ...base, backfillRequests: stream, ...extra });
    expect(bad({ matcher: { algorithm: 'seed', roomSize: 4, windowGrowth: 20 } })).toThrow(/backfillRequests: algorithm "score-scan" does not fill a request around its score alone: use "anchor" or "teams"/);
    expect(bad({ matcher: { ...base.matcher, service: { type: 'retry', delay: 2 } } })).toThrow(/backfillRequests: backfill requests are filled in worker rounds/);
    expect(bad({ backfillRequests: { ...stream, open: { '5': 1 } } })).toThrow(/backfillRequests\.open\.5: more places than a room holds/);
    expect(bad({ backfillRequests: { ...stream, rate: 0 } })).toThrow(/backfillRequests\.rate/);
  });
});
