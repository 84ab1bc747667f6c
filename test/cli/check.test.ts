import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, cliWithEnv, seedScenario, tempDir, tree, writeFiles } from '../fixtures/helpers.js';

const withExpect = { ...seedScenario, expect: { 'wait.p95': { max: 30 }, 'spread.mean': { max: 200 }, 'players.matched': { minShare: 0.95 } } };

describe('matchsim check', () => {
  it('exits 0 when every expectation holds and 1 when one fails, with a table of metric, expected, actual, verdict', async () => {
    const dir = writeFiles({ 's.json': withExpect, 'tight.json': { ...withExpect, expect: { ...withExpect.expect, 'wait.p95': { max: 2 } } } });
    const ok = await cli('check', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^metric +expected +actual +verdict +how$/m);
    expect(ok.stdout).toMatch(/^players\.matched +>= 95% of players +[\d.]+% +PASS/m);
    expect(ok.stdout).toMatch(/check passed: 3 of 3 hold/);
    const bad = await cli('check', join(dir, 'tight.json'), '-o', join(dir, 'out'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^wait\.p95 +<= 2 +[\d.]+ +FAIL/m);
  });

  it('takes expectations from a file, and checks results already written with --from', async () => {
    const dir = writeFiles({ 's.json': seedScenario, 'e.json': { 'rooms': { min: 10 }, 'wait.mean': { max: 0.5 } } });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts');
    const before = tree(join(dir, 'out'));
    const r = await cli('check', join(dir, 's.json'), '--from', join(dir, 'out'), '--expect', join(dir, 'e.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^rooms +>= 10 +\d+ +PASS/m);
    expect(r.stdout).toMatch(/^wait\.mean +<= 0\.5 +[\d.]+ +FAIL/m);
    expect(tree(join(dir, 'out'))).toEqual(before);
  });

  it('writes a baseline deliberately, then fails a change that makes waits worse, naming the test', async () => {
    const dir = writeFiles({ 's.json': { ...withExpect, replications: 5 } });
    const baseline = join(dir, 'baselines', 's.json');
    const written = await cli('check', join(dir, 's.json'), '-o', join(dir, 'a'), '--baseline', baseline, '--update-baseline', '--workers', '0');
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`baseline ${baseline} written`);
    expect(readFileSync(baseline, 'utf8')).toBe(readFileSync(join(dir, 'a', 'sweep.json'), 'utf8'));
    const same = await cli('check', join(dir, 's.json'), '-o', join(dir, 'b'), '--baseline', baseline, '--tolerance', 'wait.p95=5%', '--workers', '0');
    expect(same.code).toBe(0);
    // Slower windows: waits get worse on every seed, significantly.
    const slower = await cli('check', join(dir, 's.json'), '-o', join(dir, 'c'), '--baseline', baseline, '--tolerance', 'wait.p95=5%', '--set', 'matcher.windowGrowth=20', '--workers', '0');
    expect(slower.code).toBe(1);
    expect(slower.stdout).toMatch(/^wait\.p95 +<= [\d.]+ \(baseline [\d.]+ \+ 5%\) +[\d.]+ +FAIL +significantly worse: paired t, one-sided p = [\d.e-]+ at the 95% level \(n = 5 vs 5\)/m);
  });

  it('writes JUnit and Markdown reports, and GitHub annotations when GITHUB_ACTIONS is set', async () => {
    const dir = writeFiles({ 's.json': { ...withExpect, expect: { 'wait.p95': { max: 1 }, 'rooms': { min: 1 } } } });
    const r = await cliWithEnv({ GITHUB_ACTIONS: 'true' }, 'check', join(dir, 's.json'), '-o', join(dir, 'out'), '--junit', join(dir, 'r/junit.xml'), '--markdown', join(dir, 'r/check.md'));
    expect(r.code).toBe(1);
    const junit = readFileSync(join(dir, 'r/junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="matchsim check" tests="2" failures="1" skipped="0">/);
    expect(readFileSync(join(dir, 'r/check.md'), 'utf8')).toMatch(/^### ❌ matchsim check `small`: 1 of 2 fail/);
    expect(r.stdout).toMatch(/^::error file=.*s\.json,title=matchsim check%3A wait\.p95::run: wait\.p95 expected <= 1, got/m);
    const quiet = await cli('check', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(quiet.stdout).not.toContain('::error');
  });

  it('refuses bad input with one line and exit 2, writing nothing', async () => {
    const dir = writeFiles({ 's.json': seedScenario, 'e.json': { 'wait.p95': { mx: 3 } }, 'notjson.json': { hello: 1 } });
    const s = join(dir, 's.json');
    const cases: Array<[string[], RegExp]> = [
      [[s], /s\.json: expect: nothing to check: give expect in the scenario, --expect FILE or --baseline FILE/],
      [[s, '--expect', join(dir, 'e.json')], /e\.json: wait\.p95\.mx: unknown field/],
      [[s, '--baseline', join(dir, 'missing.json')], /missing\.json: cannot read the result: file not found/],
      [[s, '--baseline', join(dir, 'notjson.json')], /notjson\.json: not a matchsim summary\.json or sweep\.json/],
      [[s, '--update-baseline'], /--update-baseline: needs --baseline FILE to write to/],
      [[s, '--baseline', join(dir, 'b.json'), '--tolerance', 'wait.p95'], /option '--tolerance .*' argument 'wait\.p95' is invalid\. expected FIGURE=N%/],
      [[s, '--baseline', join(dir, 'b.json'), '--level', '95'], /option '--level <p>' argument '95' is invalid/],
      [[s, '--from', join(dir, 'nowhere'), '--expect', join(dir, 'e.json')], /e\.json: wait\.p95\.mx: unknown field/],
    ];
    for (const [args, message] of cases) {
      const r = await cli('check', ...args, '-o', join(dir, 'out'));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/^(matchsim: |error: )/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
    expect(readdirSync(dir).sort()).toEqual(['e.json', 'notjson.json', 's.json']);
  });
});

describe("the project's own gate: matchsim check on the bundled scenarios", () => {
  // The built CLI (npm test builds first), as CI runs it. A change to the pool code that makes these
  // scenarios worse than their committed baselines fails here; to accept a change deliberately, rerun
  // with --update-baseline (see the README).
  const bin = BIN;
  for (const name of ['seed', 'night-patience', 'algorithms', 'parties', 'teams-5v5', 'small-night', 'global-launch']) {
    it(`${name} holds its expectations and its baseline`, () => {
      const out = join(tempDir(), name);
      const r = spawnSync(process.execPath, [bin, 'check', `scenarios/${name}.json`, '--baseline', `baselines/${name}.json`, '-o', out], { encoding: 'utf8' });
      expect(r.stderr).toBe(`matchsim: wrote ${out}\n`);
        expect(r.stdout).toMatch(/check passed: \d+ of \d+ hold/);
      expect(r.status).toBe(0);
    });
  }

  it('fails when the pool gets worse', () => {
    const out = join(tempDir(), 'worse');
    const r = spawnSync(process.execPath, [bin, 'check', 'scenarios/seed.json', '--baseline', 'baselines/seed.json', '-o', out, '--set', 'matcher.algorithm=seed-legacy'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^wait\.p95 +<= [\d.]+ \(baseline [\d.]+ \+ 0%\) +[\d.]+ +FAIL/m);
  });
});
