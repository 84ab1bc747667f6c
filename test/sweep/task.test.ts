import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { runTask } from '../../src/sweep/task.js';
import { tempDir, writeFiles } from '../fixtures/helpers.js';

describe('runTask', () => {
  it('runs a scenario resolved on another thread as it is: its trace is not read again (a big single run handed to a thread)', async () => {
    const dir = writeFiles({ 't.csv': 'time,id,score\n0,a,100\n0,b,100\n0,c,100\n1,d,500\n', 's.json': { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' } } });
    const loaded = loadScenario(join(dir, 's.json'));
    const resolved = structuredClone({ scenario: loaded.scenario, trace: loaded.trace, empirical: loaded.empirical });
    // The files are gone: only the resolved scenario can run.
    rmSync(join(dir, 't.csv'));
    writeFileSync(join(dir, 's.json'), 'not JSON');
    const out = join(tempDir(), 'out');
    const summary = await runTask({ file: join(dir, 's.json'), document: {}, resolved, trust: false, seed: 1, outDir: out, charts: false });
    expect(summary.players.total).toBe(4);
    expect(summary.rooms).toBe(1);
    expect(readFileSync(join(out, 'rooms.csv'), 'utf8')).toMatch(/^room,.*\nroom_a_b_c,/);
  });
});
