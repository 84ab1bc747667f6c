import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenarios/load.js';
import { scenarioFile } from '../../src/scenarios/scenario-files.js';
import { cli, seedScenario, tempDir, writeFiles } from '../fixtures/helpers.js';

const trace = 'time,id,score\n0,a,100\n0,b,100\n0,c,100\n';
const traceScenario = (file: string) => ({ name: 't', seed: 1, arrivals: { type: 'trace', file } });

describe('files a scenario names: inside its folder unless the user passes --trust-scenario', () => {
  it('reads a regular file in the folder or below it', () => {
    const dir = writeFiles({ 'data/t.csv': trace });
    expect(resolveScenario(join(dir, 's.json'), traceScenario('data/t.csv')).trace?.ids).toEqual(['a', 'b', 'c']);
  });

  it('refuses a path that leaves the folder, a symbolic link out of it, a directory and a pipe; --trust-scenario allows them', () => {
    const outside = writeFiles({ 'secret.csv': trace });
    const dir = writeFiles({});
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(outside, 'secret.csv'), join(dir, 'link.csv'));
    execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
    const cases: Array<[string, RegExp]> = [
      [join(outside, 'secret.csv'), /is outside the scenario's folder/],
      ['../' + join(outside, 'secret.csv').split('/').slice(-2).join('/'), /is outside the scenario's folder/],
      ['link.csv', /leads outside the scenario's folder through a symbolic link/],
      ['sub', /is not a regular file/],
      ['pipe.csv', /is not a regular file/],
    ];
    for (const [file, message] of cases) {
      expect(() => scenarioFile(join(dir, 's.json'), 'arrivals.file', file, { trust: false }), file).toThrow(message);
      expect(() => scenarioFile(join(dir, 's.json'), 'arrivals.file', file, { trust: false })).toThrow(/unless you pass --trust-scenario$/);
      expect(scenarioFile(join(dir, 's.json'), 'arrivals.file', file, { trust: true })).toBe(resolve(dir, file));
    }
    expect(resolveScenario(join(dir, 's.json'), traceScenario('link.csv'), [], { trust: true }).trace?.ids).toEqual(['a', 'b', 'c']);
  });

  it('never prints the environment: /proc/self/environ is refused untrusted, and trusted it shows no more than a short cell', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, scores: { type: 'empirical', file: '/proc/self/environ' } } });
    process.env.MATCHSIM_TEST_SECRET = 'hunter2-'.repeat(20);
    try {
      for (const trust of [[], ['--trust-scenario']]) {
        const r = await cli('validate', join(dir, 's.json'), ...trust);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr.length).toBeLessThan(400);
        expect(r.stderr).not.toContain('hunter2-hunter2');
        expect(r.stderr).not.toMatch(/PATH=\/|HOME=\//);
      }
    } finally {
      delete process.env.MATCHSIM_TEST_SECRET;
    }
  });

  it('run and check take --trust-scenario the same way', async () => {
    const outside = writeFiles({ 't.csv': trace });
    const dir = writeFiles({ 's.json': { ...traceScenario(join(outside, 't.csv')), expect: { rooms: { min: 1 } } } });
    for (const command of ['run', 'check']) {
      const out = join(dir, `out-${command}`);
      const refused = await cli(command, join(dir, 's.json'), '-o', out);
      expect(refused.code, command).toBe(2);
      expect(refused.stderr).toMatch(/arrivals\.file: ".*t\.csv" is outside the scenario's folder/);
      expect(existsSync(out)).toBe(false);
      const trusted = await cli(command, join(dir, 's.json'), '-o', out, '--trust-scenario', ...(command === 'run' ? ['--no-charts'] : []));
      expect(trusted.code, trusted.stderr).toBe(0);
    }
  });
});

describe('user names are ordinary names', () => {
  it('attributes named like Object.prototype members are absent unless drawn: nobody lands in a present: true pool of a tag with probability 0', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf']) {
      const scenario = {
        ...seedScenario,
        attributes: { [name]: { type: 'tag', probability: 0 } },
        matcher: { ...seedScenario.matcher, pools: [{ name: 'tagged', filters: [{ attribute: name, present: true }] }, { name: 'rest', filters: [] }] },
      };
      // JSON.stringify writes a computed "__proto__" key as the own key it is, as a user's file would hold it.
      const dir = tempDir();
      writeFileSync(join(dir, 's.json'), JSON.stringify(scenario));
      const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--json');
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      const summary = JSON.parse(r.stdout);
      const pools = Object.fromEntries(summary.breakdowns.pools.map((p: { pool: string; players: number }) => [p.pool, p.players]));
      expect(pools.tagged, name).toBe(0);
      expect(pools.rest, name).toBe(summary.players.total);
      // The resolved scenario keeps the name, __proto__ included.
      expect(Object.keys(summary.scenario.attributes), name).toEqual([name]);
    }
    expect(Object.prototype).not.toHaveProperty('type');
  });
});
