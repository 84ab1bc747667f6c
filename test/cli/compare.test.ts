import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const small = { ...seedScenario, duration: 200, drain: 30 };

describe('matchsim compare', () => {
  it('puts two runs side by side: both values and the difference, untested without replications', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--set', 'matcher.windowGrowth=100');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c.csv'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not tested \(needs two or more replications on both sides\)/);
    const a = JSON.parse(readFileSync(join(dir, 'a/summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(dir, 'b/summary.json'), 'utf8'));
    const csv = readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('point,figure,a,b,diff,change_pct,test,p_value,significant');
    const row = csv.find((l) => l.startsWith('run,wait.p95,'))!.split(',');
    expect(Number(row[2])).toBe(a.wait.p95);
    expect(Number(row[3])).toBe(b.wait.p95);
    expect(Number(row[4])).toBeCloseTo(b.wait.p95 - a.wait.p95, 5);
    expect(row.slice(6)).toEqual(['', '', '']);
  });

  it('with replications on the same seeds, uses a paired test and finds a real difference significant', async () => {
    const dir = writeFiles({ 's.json': small });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'), '--no-charts', '--workers', '0', '--replications', '6');
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--no-charts', '--workers', '0', '--replications', '6', '--set', 'matcher.windowGrowth=200');
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c.csv'), '--json');
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
    const r = await cli('compare', join(dir, 'a'), join(dir, 'b'), '-o', join(dir, 'c.csv'), '--json');
    const c = JSON.parse(r.stdout);
    expect([...new Set(c.rows.map((x: { point: string }) => x.point))]).toEqual(['matcher.windowGrowth=50', 'matcher.windowGrowth=100']);
    expect(c.rows[0].test).toBe('welch');
    expect(c.unmatched).toEqual([`matcher.windowGrowth=25 (only in ${join(dir, 'a')})`, `matcher.windowGrowth=400 (only in ${join(dir, 'b')})`]);
  });

  it('refuses a directory that is not a result, with exit 2', async () => {
    const dir = writeFiles({ 'x.txt': 'nothing' });
    const r = await cli('compare', dir, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a matchsim result directory: no summary\.json or sweep\.json/);
  });
});
