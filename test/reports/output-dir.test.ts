import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedScenario, writeFiles } from '../fixtures/helpers.js';

/** Starts the built CLI on a long run and signals it once its temporary result directory exists. */
async function interrupt(signal: 'SIGINT' | 'SIGTERM', args: string[], dir: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist/bin/matchsim.js'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  // Wait until the run has started writing (its temporary directory is there), then interrupt it.
  for (let i = 0; i < 400 && !readdirSync(dir).some((n) => n.includes('.tmp-')); i++) await new Promise((r) => setTimeout(r, 25));
  expect(readdirSync(dir).some((n) => n.includes('.tmp-')), 'the run never started writing').toBe(true);
  child.kill(signal);
  return { code: await exited, stderr };
}

describe('an interrupted run', () => {
  // A run of about a million players: long enough to be interrupted in the middle.
  const long = { ...seedScenario, duration: 20000, arrivals: { type: 'poisson', rate: 50 } };

  it('exits 130 on SIGINT and leaves no result directory, half-written or temporary', async () => {
    const dir = writeFiles({ 's.json': long });
    const r = await interrupt('SIGINT', ['run', join(dir, 's.json'), '-o', join(dir, 'out')], dir);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/matchsim: interrupted \(SIGINT\); nothing written/);
    expect(readdirSync(dir)).toEqual(['s.json']);
  });

  it('exits 143 on SIGTERM, in the middle of a sweep on worker threads, and leaves an earlier result untouched', async () => {
    const dir = writeFiles({ 's.json': { ...long, duration: 4000, replications: 4 }, 'out/summary.json': '{"old": true}\n' });
    const r = await interrupt('SIGTERM', ['run', join(dir, 's.json'), '-o', join(dir, 'out'), '--workers', '2'], dir);
    expect(r.code).toBe(143);
    expect(readdirSync(dir).sort()).toEqual(['out', 's.json']);
    expect(readdirSync(join(dir, 'out'))).toEqual(['summary.json']);
    expect(existsSync(join(dir, 'out', 'points'))).toBe(false);
  });
});
