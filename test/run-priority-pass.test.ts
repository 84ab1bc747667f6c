import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runScenarioToDirectory } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';
import { tempDir } from './fixtures/helpers.js';

type Rows = Record<string, string>[];
const population = {
  players: 1200,
  skill: { type: 'normal', mean: 1500, sd: 300 },
  sessions: { perDay: 8, length: { type: 'exponential', mean: 3600 } },
  matchDuration: { type: 'lognormal', mu: 6.2, sigma: 0.3 },
  matchOn: 'skill',
};
const roles = { shares: { tank: 20, damage: 60, support: 20 }, second: 0.3, flex: 0.1 };
const base = {
  seed: 5,
  duration: 7200,
  population,
  roles,
  matcher: { algorithm: 'teams', roomSize: 6, windowGrowth: 10, clock: 'seconds', teams: { count: 2, size: 3 }, composition: { tank: 1, damage: 1, support: 1 } },
};

async function run(extra: Record<string, unknown> = {}) {
  const dir = join(tempDir(), 'out');
  const summary = await runScenarioToDirectory(resolveScenario('p.json', { name: 'p', ...base, ...extra }), dir, { charts: false, csvWorkers: 0 });
  return { summary, visits: parse(readFileSync(join(dir, 'visits.csv'), 'utf8'), { columns: true }) as Rows };
}

describe("Overwatch's priority pass (roles.priorityPass, a population)", () => {
  it('gives a pass to a player for the visit after a match it played off its first choice, and that visit queues ahead', async () => {
    const { summary, visits } = await run({ roles: { ...roles, priorityPass: { seconds: 120 } } });
    const pass = summary.roles!.priorityPass!;
    // The visits that earned one: each player's visit after a matched visit whose role was not its first choice.
    const byPlayer = new Map<string, Rows>();
    for (const v of visits) byPlayer.set(v.player, [...(byPlayer.get(v.player) ?? []), v]);
    let earned = 0;
    for (const list of byPlayer.values()) {
      list.sort((a, b) => Number(a.arrival) - Number(b.arrival));
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1];
        if (before.role !== '' && before.role !== before.roles.split(' ')[0]) earned++;
      }
    }
    expect(pass.visits).toBe(earned);
    expect(pass.visits).toBeGreaterThan(100);
    expect(pass.share).toBeCloseTo(pass.visits / visits.length, 5);
    // Queued as if two minutes earlier, they are matched sooner than the rest.
    expect(pass.waitP50!).toBeLessThan(pass.othersWaitP50!);
    expect(pass.waitP95!).toBeLessThan(pass.othersWaitP95!);
  });

  it('changes nothing without it, and has no figures then', async () => {
    const { summary } = await run();
    expect(summary.roles!.priorityPass).toBeUndefined();
  });

  it('is refused where it cannot be earned or used, naming the field', () => {
    const bad = (extra: Record<string, unknown>) => () => resolveScenario('p.json', { name: 'p', ...base, roles: { ...roles, priorityPass: { seconds: 60 } }, ...extra });
    expect(bad({ matcher: { ...base.matcher, clock: 'rounds' } })).toThrow(/roles\.priorityPass: makes a visit queue as if earlier, in seconds/);
    const { composition: _composition, ...noComposition } = base.matcher;
    expect(bad({ matcher: noComposition })).toThrow(/roles\.priorityPass: is earned by playing off the first choice/);
    expect(bad({ population: undefined, arrivals: { type: 'poisson', rate: 2 }, scores: { type: 'normal', mean: 1500, sd: 300 } })).toThrow(/roles\.priorityPass: is earned in one match and used at the next visit/);
  });
});
