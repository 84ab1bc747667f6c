import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../src/engine/pool/conformance.js';
import { BIN, cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

describe('a matcher module of your own', () => {
  it('the worked example conforms to the MatchAlgorithm contract', async () => {
    const { createMatcher } = await import(pathToFileURL(resolve('examples/fifo-matcher.mjs')).href);
    for (const roomSize of [3, 5]) {
      const make = () => createMatcher({ maxRoomsPerRound: 2 }, { roomSize, tickSeconds: 1, window: () => 0, parties: true });
      // It declares parties, so the check sends parties of up to 3.
      expect(make().parties).toBe(true);
      expect(checkConformance(make, { traces: 20 })).toEqual([]);
    }
  });

  it('refuses a module that does not declare parties in a scenario with parties', async () => {
    const dir = writeFiles({
      'solo.mjs': `export function createMatcher(o, c) {
        return { roomSize: c.roomSize, size: 0, add() {}, remove() { return false; }, match() { return []; }, waiting() { return []; } };
      }`,
      's.json': { ...seedScenario, matcher: { module: './solo.mjs' }, parties: { sizes: { '1': 1, '2': 1 } } },
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--trust-scenario');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.\/solo\.mjs: createMatcher: the scenario has parties, and the matcher createMatcher returned does not declare parties: true/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('runs from a scenario: rooms first come first served, with its options', async () => {
    const dir = writeFiles({ 'out/.keep': '' });
    const r = await cli('run', 'scenarios/fifo-module.json', '-o', join(dir, 'fifo'), '--no-charts', '--json', '--trust-scenario');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.scenario.matcher).toMatchObject({ module: '../examples/fifo-matcher.mjs', options: { maxRoomsPerRound: 5 } });
    const rooms = readFileSync(join(dir, 'fifo/rooms.csv'), 'utf8').trim().split('\n').slice(1);
    // First come first served: the first room is the first three arrivals.
    expect(rooms[0]).toMatch(/^room_p1_p2_p3,/);
    // Ignoring scores costs spread: far wider rooms than the seed's.
    expect(summary.spread.mean).toBeGreaterThan(200);
  });

  it('reports a module that throws with its name and the tick, exit 2, nothing written', async () => {
    const dir = writeFiles({
      'bad.mjs': `export function createMatcher(o, c) {
        const q = []; let t = 0;
        return { roomSize: c.roomSize, get size() { return q.length; }, add(r) { q.push(r); }, remove() { return false; },
          match(now) { if (now >= 5) throw new Error('boom'); return []; }, waiting() { return q; } };
      }`,
      's.json': { ...seedScenario, matcher: { module: './bad.mjs' } },
    });
    const out = join(dir, 'out');
    for (const extra of [[], ['--replications', '2', '--workers', '0']]) {
      const r = await cli('run', join(dir, 's.json'), '-o', out, '--no-charts', '--trust-scenario', ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\.\/bad\.mjs: match at t=5: boom/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('reports a throwing module in one line from a sweep on worker threads too (built CLI)', () => {
    const dir = writeFiles({
      'bad.mjs': `export function createMatcher(o, c) {
        const q = [];
        return { roomSize: c.roomSize, get size() { return q.length; }, add(r) { q.push(r); }, remove() { return false; },
          match(now) { if (now >= 3) throw new Error('kaput'); return []; }, waiting() { return [...q]; } };
      }`,
      's.json': { ...seedScenario, matcher: { module: './bad.mjs' }, replications: 2 },
    });
    const child = spawnSync(process.execPath, [BIN, 'run', join(dir, 's.json'), '-o', join(dir, 'out'), '--workers', '2', '--no-charts', '--trust-scenario'], {
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stderr.trim()).toMatch(/^matchsim: sweep run \d: \.\/bad\.mjs: match at t=3: kaput$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('validate checks that the module file is there without importing it; run refuses one without createMatcher', async () => {
    const dir = writeFiles({
      'empty.mjs': 'export const nothing = 1; globalThis.__matchsimImported = true;',
      'a.json': { ...seedScenario, matcher: { module: './missing.mjs' } },
      'b.json': { ...seedScenario, matcher: { module: './empty.mjs' } },
      'c.json': { ...seedScenario, matcher: { options: { x: 1 } } },
    });
    const r = await cli('validate', join(dir, 'a.json'), join(dir, 'b.json'), join(dir, 'c.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.json: matcher\.module: \.\/missing\.mjs: file not found/);
    expect(r.stdout).toMatch(/ok {2}.*b\.json/);
    expect(r.stderr).toMatch(/c\.json: matcher\.options: options are for a matcher module/);
    expect((globalThis as { __matchsimImported?: boolean }).__matchsimImported).toBeUndefined();
    const run = await cli('run', join(dir, 'b.json'), '-o', join(dir, 'out'), '--trust-scenario');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/b\.json: matcher\.module: \.\/empty\.mjs does not export a function createMatcher/);
  });

  it('runs no code from a scenario without --trust-scenario, in run, check and sweeps alike', async () => {
    const dir = writeFiles({
      'evil.mjs': 'globalThis.__matchsimEvil = true; export function createMatcher() { throw new Error("ran"); }',
      's.json': { ...seedScenario, matcher: { module: './evil.mjs' }, expect: { 'wait.p95': { max: 100 } } },
      'sweep.json': { ...seedScenario, matcher: { module: './evil.mjs' }, replications: 2 },
    });
    for (const args of [['run', join(dir, 's.json')], ['check', join(dir, 's.json')], ['run', join(dir, 'sweep.json'), '--workers', '2']]) {
      const r = await cli(...args, '-o', join(dir, 'out'));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim()).toMatch(/^matchsim: .*\.json: matcher\.module: "\.\/evil\.mjs" is code, and a scenario runs code only when you pass --trust-scenario$/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
    expect((globalThis as { __matchsimEvil?: boolean }).__matchsimEvil).toBeUndefined();
  });
});
