import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, seedScenario, tempDir, writeFiles } from '../fixtures/helpers.js';

/*
 * Shards (CI artifacts) and result directories handed to merge, compare and
 * check --from are untrusted input, as scenarios are: each forged one below
 * is refused in one line with exit 2 (4 where the environment failed), reads
 * nothing outside the folders given, quotes no file, and writes nothing.
 */

const SECRET = 'SECRET_TOKEN=' + 'x'.repeat(40);

function expectRefused(r: { code: number; stdout: string; stderr: string }, message: RegExp, out: string): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.endsWith('\n') && r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(/^matchsim: /);
  expect(r.stderr.trimEnd()).toMatch(message);
  expect(r.stderr).not.toContain('SECRET_TOKEN');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(out)).toBe(false);
}

let base: string;
let secretDir: string;
const sweep = { ...seedScenario, duration: 60, replications: 2 };

beforeAll(async () => {
  base = writeFiles({ 's.json': sweep, 'other.json': { ...sweep, seed: 99 } });
  secretDir = writeFiles({ 'secret.csv': `time,id,score\n0,${SECRET},1500\n`, 'summary.json': `{"${SECRET}": 1}` });
  for (const k of [1, 2]) expect((await cli('run', join(base, 's.json'), '--shard', `${k}/2`, '-o', join(base, `s${k}`), '--workers', '0', '--no-charts')).code).toBe(0);
  expect((await cli('run', join(base, 'other.json'), '--shard', '2/2', '-o', join(base, 'o2'), '--workers', '0', '--no-charts')).code).toBe(0);
  expect((await cli('run', join(base, 's.json'), '--set', 'replications=1', '-o', join(base, 'run'), '--no-charts')).code).toBe(0);
});

/** A copy of the two good shards to forge, and where a merge of them would write. */
function shards(): { a: string; b: string; out: string } {
  const dir = tempDir();
  cpSync(join(base, 's1'), join(dir, 's1'), { recursive: true });
  cpSync(join(base, 's2'), join(dir, 's2'), { recursive: true });
  return { a: join(dir, 's1'), b: join(dir, 's2'), out: join(dir, 'merged') };
}

const manifest = (shard: string) => JSON.parse(readFileSync(join(shard, 'shard.json'), 'utf8'));
const writeManifest = (shard: string, m: unknown) => writeFileSync(join(shard, 'shard.json'), JSON.stringify(m));
const runDir = (shard: string) => join(shard, 'points', readdirSync(join(shard, 'points'))[0]);

describe('merge: forged shards', () => {
  it('merges the good shards (the baseline for the cases below)', async () => {
    const { a, b, out } = shards();
    const r = await cli('merge', a, b, '-o', out);
    expect(r.code, r.stderr).toBe(0);
  });

  const forgeries: Array<[string, (a: string, b: string) => void, RegExp]> = [
    [
      'a scenario whose trace is /proc/self/environ (and the same in the other shard)',
      (a, b) => {
        for (const s of [a, b]) {
          const m = manifest(s);
          m.document = { ...m.document, arrivals: { type: 'trace', file: '/proc/self/environ' }, scores: undefined };
          writeManifest(s, m);
        }
      },
      /s1\/inputs\/scenario\.json: arrivals\.file: "\/proc\/self\/environ" is outside the scenario's folder; a scenario reads only regular files in its own folder unless you pass --trust-scenario$/,
    ],
    [
      'a scenario file elsewhere whose folder would resolve a secret trace',
      (a, b) => {
        for (const s of [a, b]) {
          const m = manifest(s);
          m.file = join(secretDir, 'x.json');
          m.document = { ...m.document, arrivals: { type: 'trace', file: 'secret.csv' }, scores: undefined };
          writeManifest(s, m);
        }
      },
      /inputs\/secret\.csv: cannot read the trace: file not found/,
    ],
    ['"of": 4294967295', (a) => writeManifest(a, { ...manifest(a), of: 4294967295 }), /s1\/shard\.json: of: not a matchsim shard manifest$/],
    ['"shard" above "of"', (a) => writeManifest(a, { ...manifest(a), shard: 3 }), /s1\/shard\.json: shard: is more than its "of" \(2\)/],
    ['a million tasks', (a) => writeManifest(a, { ...manifest(a), tasks: Array.from({ length: 1e6 }, (_, index) => ({ index, dir: 'x' })) }), /s1\/shard\.json: tasks: not a matchsim shard manifest$/],
    ['an unknown field', (a) => writeManifest(a, { ...manifest(a), extra: 1 }), /s1\/shard\.json: not a matchsim shard manifest$/],
    [
      'a run of another scenario put in place of its own',
      (a) => {
        const own = runDir(a);
        const foreign = join(base, 'o2', 'points', readdirSync(join(base, 'o2', 'points'))[0]);
        writeFileSync(join(own, 'summary.json'), readFileSync(join(foreign, 'summary.json')));
      },
      /summary\.json: not a run of this sweep: its scenario or seed differs from point "base" at seed 11$/,
    ],
    [
      'shard.json a link to /dev/zero',
      (a) => {
        rmSync(join(a, 'shard.json'));
        symlinkSync('/dev/zero', join(a, 'shard.json'));
      },
      /s1\/shard\.json: cannot read the shard manifest: it is a device, and matchsim reads only regular files$/,
    ],
    [
      'shard.json a FIFO',
      (a) => {
        rmSync(join(a, 'shard.json'));
        execFileSync('mkfifo', [join(a, 'shard.json')]);
      },
      /s1\/shard\.json: cannot read the shard manifest: it is a pipe \(FIFO\), and matchsim reads only regular files$/,
    ],
    [
      "a run's summary.json a link to a file outside",
      (a) => {
        const own = runDir(a);
        rmSync(join(own, 'summary.json'));
        symlinkSync(join(secretDir, 'summary.json'), join(own, 'summary.json'));
      },
      /summary\.json: leads outside .* through a symbolic link; a result is read only from its own folder$/,
    ],
    [
      "a run's directory a link out of the shard",
      (a) => {
        const own = runDir(a);
        rmSync(own, { recursive: true });
        symlinkSync(secretDir, own);
      },
      /seed=11: leads outside .* through a symbolic link; a result is read only from its own folder$/,
    ],
    [
      "a link inside a run's directory (that merge would copy into the result)",
      (a) => symlinkSync(join(secretDir, 'secret.csv'), join(runDir(a), 'extra.csv')),
      /extra\.csv: is a symbolic link; a shard's run holds only the folders and files matchsim writes$/,
    ],
  ];
  for (const [what, forge, message] of forgeries) {
    it(`refuses ${what}`, async () => {
      const { a, b, out } = shards();
      forge(a, b);
      expectRefused(await cli('merge', a, b, '-o', out), message, out);
    });
  }

  it('refuses a summary.json longer than one string can hold (a sparse 600 MB file), in one line', async () => {
    const { a, b, out } = shards();
    truncateSync(join(runDir(a), 'summary.json'), 600 * 1024 * 1024);
    expectRefused(await cli('merge', a, b, '-o', out), /summary\.json: the run summary is 600\.0 MB of text, more than one string can hold/, out);
  });
});

describe('merge: damaged tune shards', () => {
  let tuneShard: string;
  beforeAll(async () => {
    const dir = writeFiles({ 't.json': { ...seedScenario, duration: 60 } });
    tuneShard = join(dir, 't1');
    const r = await cli('tune', join(dir, 't.json'), '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '6', '--replications', '1', '--across', 'arrivals.rate=1,2', '--shard', '1/1', '-o', tuneShard, '--no-charts');
    expect(r.code, r.stderr).toBe(0);
  });
  const damage: Array<[string, (m: Record<string, any>) => void, RegExp]> = [
    ['an empty search', (m) => (m.outcomes[0].evaluated = []), /tune-shard\.json: outcomes\.0\.evaluated: not a matchsim tuning shard manifest$/],
    ['a missing field', (m) => delete m.outcomes[0].runs, /tune-shard\.json: outcomes\.0\.runs: not a matchsim tuning shard manifest$/],
    ['a candidate without the searched parameter', (m) => (m.outcomes[0].evaluated[0].candidate = []), /tune-shard\.json: outcomes\.0\.evaluated\.0\.candidate: does not set the parameters the request searches/],
    ['a candidate without the objective', (m) => (m.outcomes[0].evaluated[0].figures = []), /tune-shard\.json: outcomes\.0\.evaluated\.0\.figures: lacks a figure of the goal/],
    ['a budget past the command line\'s', (m) => (m.request.budget = 1e12), /tune-shard\.json: request\.budget: not a matchsim tuning shard manifest$/],
    ['"of": 4294967295', (m) => (m.of = 4294967295), /tune-shard\.json: of: not a matchsim tuning shard manifest$/],
  ];
  for (const [what, change, message] of damage) {
    it(`refuses ${what}`, async () => {
      const dir = tempDir();
      const shard = join(dir, 't1');
      cpSync(tuneShard, shard, { recursive: true });
      const m = JSON.parse(readFileSync(join(shard, 'tune-shard.json'), 'utf8'));
      change(m);
      writeFileSync(join(shard, 'tune-shard.json'), JSON.stringify(m));
      expectRefused(await cli('merge', shard, '-o', join(dir, 'out')), message, join(dir, 'out'));
    });
  }
});

describe('compare and check --from: forged result directories', () => {
  const forged: Array<[string, (dir: string) => void, RegExp]> = [
    [
      'summary.json a link to /dev/zero',
      (dir) => {
        rmSync(join(dir, 'summary.json'));
        symlinkSync('/dev/zero', join(dir, 'summary.json'));
      },
      /summary\.json: (cannot read the result: it is a device|leads outside)/,
    ],
    [
      'summary.json a FIFO',
      (dir) => {
        rmSync(join(dir, 'summary.json'));
        execFileSync('mkfifo', [join(dir, 'summary.json')]);
      },
      /summary\.json: cannot read the result: it is a pipe \(FIFO\), and matchsim reads only regular files$/,
    ],
    [
      'summary.json a link to a file outside',
      (dir) => {
        rmSync(join(dir, 'summary.json'));
        symlinkSync(join(secretDir, 'summary.json'), join(dir, 'summary.json'));
      },
      /summary\.json: leads outside .* through a symbolic link; a result is read only from its own folder$/,
    ],
    ['summary.json of 600 MB in one line', (dir) => truncateSync(join(dir, 'summary.json'), 600 * 1024 * 1024), /summary\.json: the result is 600\.0 MB of text, more than one string can hold/],
    [
      'players.csv a link to a table elsewhere',
      (dir) => {
        rmSync(join(dir, 'players.csv'));
        symlinkSync(join(secretDir, 'secret.csv'), join(dir, 'players.csv'));
      },
      /players\.csv: leads outside .* through a symbolic link; a result is read only from its own folder$/,
    ],
    [
      'players.csv a FIFO',
      (dir) => {
        rmSync(join(dir, 'players.csv'));
        execFileSync('mkfifo', [join(dir, 'players.csv')]);
      },
      /players\.csv: cannot read the result table: it is a pipe \(FIFO\), and matchsim reads only regular files$/,
    ],
  ];
  for (const [what, forge, message] of forged) {
    it(`refuses ${what}`, async () => {
      const dir = tempDir();
      const result = join(dir, 'result');
      cpSync(join(base, 'run'), result, { recursive: true });
      forge(result);
      // The tables are read for the charts: only a comparison with charts reads them.
      const tables = what.startsWith('players.csv') ? [] : ['--no-charts'];
      expectRefused(await cli('compare', join(base, 'run'), result, '-o', join(dir, 'cmp'), ...tables), message, join(dir, 'cmp'));
      // check --from reads only the figures: a forged table is not read there.
      if (!what.startsWith('players.csv')) {
        const r = await cli('check', join(base, 's.json'), '--set', 'replications=1', '--from', result, '--expect', join(base, 's.json'));
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).not.toContain('SECRET_TOKEN');
      }
    });
  }

  it('validate and run refuse a trace that is a FIFO or a device even with --trust-scenario', async () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, arrivals: { type: 'trace', file: 't.csv' }, scores: undefined } });
    for (const make of [() => execFileSync('mkfifo', [join(dir, 't.csv')]), () => symlinkSync('/dev/zero', join(dir, 't.csv'))]) {
      rmSync(join(dir, 't.csv'), { force: true });
      make();
      for (const args of [['validate', '--trust-scenario', join(dir, 's.json')], ['run', '--trust-scenario', join(dir, 's.json'), '-o', join(dir, 'out')]]) {
        const r = await cli(...args);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trimEnd()).toMatch(/t\.csv: cannot read the trace: it is (a pipe \(FIFO\)|a device), and matchsim reads only regular files$/m);
        expect(existsSync(join(dir, 'out'))).toBe(false);
      }
    }
  });
});
