import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, seedScenario, tempDir, tree, writeFiles } from '../fixtures/helpers.js';

const small = { ...seedScenario, duration: 120, drain: 30 };

describe('matchsim run with a sweep', () => {
  it('runs every point into its own directory and writes sweep.csv and sweep.json', async () => {
    const dir = writeFiles({ 's.json': { ...small, sweep: { 'matcher.windowGrowth': [10, 50, 200] } } });
    const out = join(dir, 'out');
    const r = await cli('run', join(dir, 's.json'), '-o', out, '--workers', '0', '--no-charts');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sweep small: 3 points \(seed 11\)$/m);
    // The swept parameter heads the first column; the rows hold its values.
    expect(r.stdout).toMatch(/^matcher\.windowGrowth +wait p50/m);
    expect(r.stdout).toMatch(/^50 +[\d.]+ /m);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    expect(readdirSync(join(out, 'points')).sort()).toEqual(['matcher.windowGrowth=10', 'matcher.windowGrowth=200', 'matcher.windowGrowth=50']);
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^point,label,matcher\.windowGrowth,replications,wait\.mean,wait\.mean_low,wait\.mean_high,wait\.p50,/);
    expect(csv[0]).toContain('spread.p95,spread.p95_low,spread.p95_high');
    expect(csv[0]).toContain('players.matchedShare');
    expect(csv).toHaveLength(4);
    // Each point's figures are its own run's summary.
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    const point2 = JSON.parse(readFileSync(join(out, 'points/matcher.windowGrowth=50/seed=11/summary.json'), 'utf8'));
    expect(sweep.points[1].figures['wait.p95'].mean).toBe(point2.wait.p95);
    expect(point2.scenario.matcher.window).toEqual({ type: 'linear', growth: 50 });
    expect(point2.scenario).not.toHaveProperty('sweep');
    // A wider window waits less and matches looser.
    expect(sweep.points[0].figures['wait.p95'].mean).toBeGreaterThan(sweep.points[2].figures['wait.p95'].mean);
    expect(sweep.points[0].figures['spread.mean'].mean).toBeLessThan(sweep.points[2].figures['spread.mean'].mean);
  });

  it('with replications, gives each figure a mean and a 95% interval over seeds seed, seed+1, ...', async () => {
    const dir = writeFiles({ 's.json': small });
    const out = join(dir, 'out');
    const r = await cli('run', join(dir, 's.json'), '-o', out, '--workers', '0', '--no-charts', '--sweep', 'matcher.windowGrowth=25,100', '--replications', '4');
    expect(r.code).toBe(0);
    const sweep = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(sweep.seeds).toEqual([11, 12, 13, 14]);
    const e = sweep.points[0].figures['wait.p95'];
    const values = await Promise.all(
      [11, 12, 13, 14].map((seed) => JSON.parse(readFileSync(join(out, `points/matcher.windowGrowth=25/seed=${seed}/summary.json`), 'utf8')).wait.p95),
    );
    expect(e.values).toEqual(values);
    expect(e.mean).toBeCloseTo(values.reduce((a: number, b: number) => a + b, 0) / 4, 5);
    expect(e.low).toBeLessThan(e.mean);
    expect(e.high).toBeGreaterThan(e.mean);
    expect(r.stdout).toMatch(/± is half the 95% confidence interval/);
    expect(r.stdout).toMatch(/^25 +[\d.]+ ± [\d.]+/m);
  });

  it('with --runs summary, writes each run\'s summary.json alone, and the same sweep.json, sweep.csv and runs.csv', async () => {
    const dir = writeFiles({ 's.json': { ...small, sweep: { 'matcher.windowGrowth': [10, 50] }, replications: 2 } });
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'all'), '--no-charts', '--workers', '0')).code).toBe(0);
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'lean'), '--no-charts', '--workers', '0', '--runs', 'summary')).code).toBe(0);
    const sweep = JSON.parse(readFileSync(join(dir, 'lean', 'sweep.json'), 'utf8'));
    for (const run of sweep.points.flatMap((p: { runs: Array<{ dir: string }> }) => p.runs)) expect(readdirSync(join(dir, 'lean', run.dir)).sort()).toEqual(['.matchsim-result', 'summary.json']);
    for (const file of ['sweep.json', 'sweep.csv', 'runs.csv']) expect(readFileSync(join(dir, 'lean', file), 'utf8'), file).toBe(readFileSync(join(dir, 'all', file), 'utf8'));
    // The sweep's report links each run's summary, where it has no report of its own.
    expect(readFileSync(join(dir, 'lean', 'report.html'), 'utf8')).toMatch(/href="points\/matcher\.windowGrowth=10\/seed=11\/summary\.json"/);
    const single = await cli('run', join(dir, 's.json'), '--unset', 'sweep', '--unset', 'replications', '--runs', 'summary', '-o', join(dir, 'one'));
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/--runs: .* is a single run: --runs says what each run of a sweep writes/);
    expect((await cli('run', join(dir, 's.json'), '--runs', 'some')).stderr).toMatch(/--runs.*expected all or summary/);
  });

  it('rejects bad sweeps before running anything', async () => {
    const dir = writeFiles({ 's.json': small });
    const out = join(dir, 'out');
    const cases: Array<[string[], RegExp]> = [
      [['--sweep', 'matcher.windowGrwth=1,2'], /s\.json: sweep matcher\.windowGrwth=1: matcher\.windowGrwth: unknown field/],
      [['--sweep', 'name=a,b'], /sweep\.name: name cannot be swept/],
      [['--sweep', 'matcher.roomSize=3,x'], /sweep matcher\.roomSize="x": matcher\.roomSize: must be a number \(got "x"\)/],
      [['--sweep', 'tick'], /--sweep.*expected PATH=V1,V2/],
      [['--replications', '0'], /--replications.*whole number from 1/],
    ];
    for (const [args, pattern] of cases) {
      const r = await cli('run', join(dir, 's.json'), '-o', out, '--workers', '0', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('gives byte-identical outputs on worker threads and serially (built CLI)', () => {
    const dir = writeFiles({ 's.json': { ...small, sweep: { 'matcher.windowGrowth': [10, 50], 'matcher.algorithm': ['seed', 'seed-legacy'] }, replications: 3 } });
    const bin = BIN;
    for (const [out, workers] of [['serial', '0'], ['threads', '3']]) {
      execFileSync(process.execPath, [bin, 'run', join(dir, 's.json'), '-o', join(dir, out), '--workers', workers], { stdio: 'ignore' });
    }
    const serial = tree(join(dir, 'serial'));
    // 12 runs with 4 data files, a report and 10 chart files each, and the sweep's own.
    expect(Object.keys(serial).length).toBeGreaterThan(12 * 15);
    expect(Object.keys(serial)).toContain('report.html');
    expect(Object.keys(serial)).toContain('charts/tradeoff.svg');
    expect(tree(join(dir, 'threads'))).toEqual(serial);
  });
});

describe('the sweep table on the terminal', () => {
  it('calls replications of one run that, not a one-point sweep; leaves out what is 0 everywhere; fits 120 columns', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 60, replications: 3 } });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--workers', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^small: 3 replications of one run \(seeds 11\.\.13; ± is half the 95% confidence interval\)$/m);
    expect(r.stdout).toMatch(/^3 runs +[\d.]+ ± /m);
    expect(r.stdout).not.toMatch(/\bbase\b|gave up/);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(120);
    // The report says the same: runs, not a point called base; no column of zeros; each run's report linked by its seed.
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('3 replications of one run');
    expect(html).not.toMatch(/>base<|gave up/);
    expect(html).toMatch(/<a href="[^"]*seed=11\/report\.html">11<\/a> <a href="[^"]*seed=12\/report\.html">12<\/a>/);
  });

  it('leaves out the least needed columns of a wide sweep to fit 120 columns, and says where they are', async () => {
    const r = await cli('run', 'scenarios/parties.json', '-o', join(tempDir(), 'out'), '--no-charts', '--workers', '0', '--set', 'replications=2', '--set', 'duration=300');
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.trimEnd().split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
    expect(r.stdout).toMatch(/^\(wait p99(, spread p95)?: in sweep\.csv\)$/m);
    expect(r.stdout).toMatch(/team gap +predicted fav\./);
  });
});
