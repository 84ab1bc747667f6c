import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const small = { ...seedScenario, duration: 200, drain: 30 };

describe('matchsim compare', () => {
  it('puts two runs side by side: both values and the difference, untested without replications', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--set', 'matcher.windowGrowth=100');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'), '--no-charts');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not tested \(needs two or more replications on both sides\)/);
    expect(readdirSync(join(dir, 'c')).sort()).toEqual(['.matchsim-result', 'compare.csv', 'report.html']);
    const a = JSON.parse(readFileSync(join(dir, 'a/summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'b/summary.json'), 'utf8'));
    const csv = readFileSync(join(dir, 'c', 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('point,figure,a,b,diff,change_pct,test,p_value,significant,a_result,b_result');
    const row = csv.find((l) => l.startsWith('run,wait.p95,'))!.split(',');
    expect(Number(row[2])).toBe(a.wait.p95);
    expect(Number(row[3])).toBe(b.wait.p95);
    expect(Number(row[4])).toBeCloseTo(b.wait.p95 - a.wait.p95, 5);
    expect(row.slice(6)).toEqual(['', '', '', 'a', 'b']);
  });

  it('with replications on the same seeds, uses a paired test and finds a real difference significant', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts', '--workers', '0', '--replications', '6');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--workers', '0', '--replications', '6', '--set', 'matcher.windowGrowth=200');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'), '--no-charts', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    const wait = c.rows.find((x: { figure: string }) => x.figure === 'wait.p50');
    expect(wait.test).toBe('paired t');
    expect(wait.b).toBeLessThan(wait.a);
    expect(wait.significant).toBe(true);
    // The same arrivals on both sides: throughput cannot differ, and the test says so.
    const total = c.rows.find((x: { figure: string }) => x.figure === 'players.total');
    expect(total.diff).toBe(0);
    expect(total.significant).toBe(false);
  });

  it('uses Welch when the seeds differ, and matches sweep points by label', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts', '--workers', '0', '--replications', '3', '--sweep', 'matcher.windowGrowth=25,50,100');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--workers', '0', '--replications', '3', '--sweep', 'matcher.windowGrowth=50,100,400', '--seed', '500');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'), '--no-charts', '--json');
    const c = JSON.parse(r.stdout);
    expect([...new Set(c.rows.map((x: { point: string }) => x.point))]).toEqual(['matcher.windowGrowth=50', 'matcher.windowGrowth=100']);
    expect(c.rows[0].test).toBe('welch');
    expect(c.unmatched).toEqual([`matcher.windowGrowth=25 (only in ${join(dir, 'a')})`, `matcher.windowGrowth=400 (only in ${join(dir, 'b')})`]);
  });

  it("compares three results, each against the first, named by their directories in tables, legends and compare.csv, and opens with what differs", async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'seed'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'fast'), '--no-charts', '--set', 'matcher.windowGrowth=100');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'anchor'), '--no-charts', '--set', 'matcher.algorithm=anchor');
    const r = await cli('compare', join(dir, 'seed'), join(dir, 'fast'), join(dir, 'anchor'), '-o', join(dir, 'c'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^seed \(baseline\): .*\nfast: .*\nanchor: /);
    expect(r.stdout).toMatch(/\nfast against seed:\nfigure +seed +fast +fast - seed/);
    expect(r.stdout).toMatch(/\nanchor against seed:\nfigure +seed +anchor +anchor - seed/);
    const csv = readFileSync(join(dir, 'c', 'compare.csv'), 'utf8').trim().split('\n');
    expect(new Set(csv.slice(1).map((l) => l.split(',').slice(-2).join(',')))).toEqual(new Set(['seed,fast', 'seed,anchor']));
    // The legends name the results, not "A" and "B".
    const bars = JSON.parse(readFileSync(join(dir, 'c', 'charts', 'compare-figures.vl.json'), 'utf8'));
    expect(JSON.stringify(bars)).toContain('"domain":["seed","fast","anchor"]');
    expect(bars.spec.layer[0].encoding.color.scale.domain).toEqual(['seed', 'fast', 'anchor']);
    const html = readFileSync(join(dir, 'c', 'report.html'), 'utf8');
    expect(html.indexOf('What differs')).toBeLessThan(html.indexOf('Charts'));
    expect(html).toMatch(/<td>matcher\.window\.growth<\/td><td><code>50<\/code><\/td><td><code>100<\/code><\/td><td><code>50<\/code>/);
    expect(html).toMatch(/<td>matcher\.algorithm<\/td><td><code>&quot;score-scan&quot;<\/code><\/td><td><code>&quot;score-scan&quot;<\/code><\/td><td><code>&quot;anchor&quot;<\/code>/);
    expect(html).toMatch(/Figure by figure: anchor against seed/);
  });

  it('takes two to four results, and tells two of the same name apart', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'x', 'seed'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'y', 'seed'), '--no-charts');
    const one = await cli('compare', join(dir, 'x', 'seed'));
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/takes 2 to 4 results/);
    const five = await cli('compare', ...Array.from({ length: 5 }, () => join(dir, 'x', 'seed')));
    expect(five.stderr).toMatch(/takes 2 to 4 results \(the first is the baseline\); got 5/);
    const two = await cli('compare', join(dir, 'x', 'seed'), join(dir, 'y', 'seed'), '-o', join(dir, 'c'), '--json', '--no-charts');
    expect(JSON.parse(two.stdout).names).toEqual(['seed (1)', 'seed (2)']);
    expect(readFileSync(join(dir, 'c', 'report.html'), 'utf8')).toMatch(/The resolved scenarios are the same in every field/);
  });

  it('refuses a directory that is not a result, with exit 2', async () => {
    const dir = writeFiles({ 'x.txt': 'nothing' });
    const r = await cli('compare', dir, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a matchsim result directory: no summary\.json or sweep\.json/);
  });

  it('writes report.html: key figures with their intervals, wait and spread CDFs of A and B from the runs\' tables, and p-values below 0.001 as "< 0.001"', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts', '--workers', '0', '--replications', '4');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--workers', '0', '--replications', '4', '--set', 'matcher.windowGrowth=400');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'), '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Array<{ figure: string; p: number | null }>;
    const html = readFileSync(join(dir, 'c', 'report.html'), 'utf8');
    expect(readdirSync(join(dir, 'c', 'charts')).filter((f) => f.endsWith('.svg')).sort()).toEqual(['compare-figures.svg', 'compare-spread-cdf.svg', 'compare-wait-cdf.svg']);
    expect(html).toMatch(/paired t-test/);
    // A difference this large is far below 0.001: shown as such, never as 0.
    expect(rows.find((x) => x.figure === 'spread.mean')!.p).toBeLessThan(0.001);
    expect(html).toMatch(/<td>spread mean<\/td>(<td>[^<]*<\/td>){5}<td>&lt; 0\.001<\/td>/);
    expect(html).not.toMatch(/<td>0<\/td><td>(<strong>)?yes/);
    // The CDFs are drawn from both sides' tables: both colours are in the wait CDF.
    const cdf = readFileSync(join(dir, 'c', 'charts', 'compare-wait-cdf.svg'), 'utf8');
    expect(cdf).toMatch(/#1f78b4/);
    expect(cdf).toMatch(/#ff7f00/);
  });

  it('says why the distributions are not drawn when a side is a summary.json alone', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts');
    const r = await cli('compare', join(process.cwd(), 'baselines', 'seed.json'), join(dir, 'a'), '-o', join(dir, 'c'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'c', 'report.html'), 'utf8')).toMatch(/distributions not drawn.*players\.csv is not there/);
  });

  it('refuses, with exit 2 and nothing written, what cannot be compared: a sweep against a run', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--workers', '0', '--sweep', 'matcher.windowGrowth=25,50');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^matchsim: .*b: nothing to compare with .*a: a single run against a sweep of 2 points, and no point has the same label on both sides\n$/);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b', 's.json']);
  });

  it('writes under results/ when no -o is given, named after both results, never into the current directory', () => {
    const dir = writeFiles({ 's.json': small });
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8' });
    expect(run('run', 's.json', '-o', 'seed', '--no-charts').status).toBe(0);
    expect(run('run', 's.json', '-o', 'g100', '--no-charts', '--set', 'matcher.windowGrowth=100').status).toBe(0);
    const r = run('compare', 'seed', 'g100', '--no-charts');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/output {2}results\/compare-seed-vs-g100\n$/);
    expect(readdirSync(join(dir, 'results', 'compare-seed-vs-g100')).sort()).toEqual(['.matchsim-result', 'compare.csv', 'report.html']);
    expect(readdirSync(dir).sort()).toEqual(['g100', 'results', 's.json', 'seed']);
  });
});
