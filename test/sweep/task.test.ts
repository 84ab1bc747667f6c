import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenarios/load.js';
import { planSweep } from '../../src/sweep/plan.js';
import { runTask } from '../../src/sweep/task.js';
import { tempDir, writeFiles } from '../fixtures/helpers.js';

describe('runTask', () => {
  it('runs a scenario resolved on another thread as it is: its trace is not read again (a big single run handed to a thread)', async () => {
    const dir = writeFiles({ 't.csv': 'time,id,score\n0,a,100\n0,b,100\n0,c,100\n1,d,500\n', 's.json': { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' } } });
    const loaded = loadScenario(join(dir, 's.json'));
    const resolved = structuredClone({ scenario: loaded.scenario, trace: loaded.trace, empirical: loaded.empirical, expectedPlayers: loaded.expectedPlayers });
    // The files are gone: only the resolved scenario can run.
    rmSync(join(dir, 't.csv'));
    writeFileSync(join(dir, 's.json'), 'not JSON');
    const out = join(tempDir(), 'out');
    const summary = await runTask({ file: join(dir, 's.json'), resolved, trust: false, seed: 1, outDir: out, charts: false });
    expect(summary.players.total).toBe(4);
    expect(summary.rooms).toBe(1);
    expect(readFileSync(join(out, 'rooms.csv'), 'utf8')).toMatch(/^room,.*\nroom_a_b_c,/);
  });

  it("runs a sweep point's scenario as planned, at the task's seed: the scenario file is not read again, the trace is read by the task", async () => {
    const dir = writeFiles({
      't.csv': 'time,id,score\n0,a,100\n0,b,100\n0,c,100\n1,d,500\n',
      's.json': { name: 't', seed: 1, drain: 5, arrivals: { type: 'trace', file: 't.csv' }, sweep: { 'matcher.windowGrowth': [10, 1000] } },
    });
    const loaded = loadScenario(join(dir, 's.json'));
    const plan = planSweep(join(dir, 's.json'), JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')), loaded.scenario);
    expect(plan.points.map((p) => p.resolved.scenario.matcher.window)).toEqual([10, 1000].map((growth) => ({ type: 'linear', growth })));
    writeFileSync(join(dir, 's.json'), 'not JSON');
    const out = join(tempDir(), 'out');
    const summary = await runTask({ file: join(dir, 's.json'), resolved: structuredClone(plan.points[1].resolved), trust: false, seed: 7, outDir: out, charts: false });
    expect(summary.players.total).toBe(4);
    expect(summary.seed).toBe(7);
    // At a growth of 1000 points a second, d (500) joins a, b and c's scores' window after one second, but a room is 3: one room.
    expect(summary.rooms).toBe(1);
  });
});
