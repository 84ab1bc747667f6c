import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerOneMore } from '../../fixtures/registration.js';
import { seedScenario, tempDir } from '../../fixtures/helpers.js';

// The registration: player-columns.ts as a developer would change it, with one entry more.
registerOneMore('src/reports/player-columns/player-columns.ts', 'PLAYER_COLUMNS', async () => (await import('./queue-time.js')).queueTimeColumn);
let run: typeof import('../../../src/run.js');
let resolveScenario: typeof import('../../../src/scenarios/load.js').resolveScenario;
beforeAll(async () => {
  run = await import('../../../src/run.js');
  ({ resolveScenario } = await import('../../../src/scenarios/load.js'));
});

const scenario = { ...seedScenario, duration: 120 };

describe('adding an output column (one file and one registration)', () => {
  it('is a column of players.csv in every form the table takes: rows in memory, and the file written on its direct path', async () => {
    const rows = run.runScenarioInMemory(resolveScenario('s.json', scenario)).players as unknown as Array<Record<string, number | null>>;
    expect(Object.keys(rows[0]).at(-1)).toBe('queue_time');
    const joined = rows.filter((p) => p.joined !== null);
    expect(joined.length).toBeGreaterThan(100);
    for (const p of joined) expect(p.queue_time).toBeCloseTo((p.joined as number) - (p.arrival as number), 6);

    const out = join(tempDir(), 'out');
    await run.runScenarioToDirectory(resolveScenario('s.json', scenario), out, { charts: false, csvWorkers: 0 });
    const table = parse(readFileSync(join(out, 'players.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(table.map((p) => (p.queue_time === '' ? null : Number(p.queue_time)))).toEqual(rows.map((p) => p.queue_time));
  });
});
