import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioInMemory } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { BIN, cli, cliWithEnv, seedScenario, tempDir, writeFiles } from '../fixtures/helpers.js';

/* Answers a user acts on without a second look (issue 23): each is what it says, or says that it is not. */

const small = { ...seedScenario, duration: 120, drain: 20 };

describe('tune: an answer, or a failure that says so', () => {
  it('a tuning with no feasible setting exits 1 with one line naming the closest candidate and its miss, writes no tuned.json, and tune.json says feasible: false', async () => {
    const dir = writeFiles({ 's.json': small });
    const out = join(dir, 'out');
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=0.001', '--param', 'matcher.windowGrowth=10..100', '--budget', '8', '--replications', '2', '-o', out, '--no-charts');
    expect(r.code, r.stderr).toBe(1);
    const last = r.stderr.trimEnd().split('\n').at(-1) as string;
    expect(last).toMatch(/^matchsim: no setting met every constraint: the closest, matcher\.windowGrowth=[\d.]+, misses wait\.p95 <= 0\.001 by [\d.]+ \(its 95% interval reaches [\d.]+\); no tuned scenario written$/);
    expect(existsSync(join(out, 'tuned.json'))).toBe(false);
    const summary = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    expect(summary.feasible).toBe(false);
    expect(summary.tuned).toBeNull();
    expect(summary.best.feasible).toBe(false);
  });

  it('a feasible tuning exits 0 and says feasible: true, with its tuned.json', async () => {
    const dir = writeFiles({ 's.json': small });
    const out = join(dir, 'out');
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=1000', '--param', 'matcher.windowGrowth=10..100', '--budget', '8', '--replications', '2', '-o', out, '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    expect(summary.feasible).toBe(true);
    expect(summary.tuned).toBe('tuned.json');
    // How the answer was reached, and the best candidate tried near it, with its interval.
    expect(summary.how).toMatch(/bisected along the scale/);
    // Both ends of the range met the constraint: nothing was tried near the answer, and tune.json says so.
    expect(summary.neighbour).toBeNull();
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Found by the constraint(&#39;|&#x27;|')s boundary[^<]*; no other candidate was tried near it\./);
  });

  it('tune.json and the report say how a two-parameter answer was reached and the best candidate tried near it, with its interval', async () => {
    const dir = writeFiles({ 's.json': { ...small, matcher: { algorithm: 'seed', roomSize: 3, window: { type: 'capped', growth: 50, cap: 150 } } } });
    const out = join(dir, 'out');
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--subject-to', 'spread.max<=150', '--param', 'matcher.window.growth=5..200', '--param', 'matcher.window.cap=30..600', '--budget', '120', '--replications', '2', '-o', out, '--no-charts');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    expect(summary.how).toMatch(/successive halving .* then a local search along the active constraint/);
    expect(summary.neighbour).toMatchObject({ settings: { 'matcher.window.growth': expect.any(Number), 'matcher.window.cap': expect.any(Number) }, objective: { mean: expect.any(Number) }, replications: expect.any(Number) });
    // Another setting than the answer's, not the answer run again.
    expect(summary.neighbour.settings).not.toEqual(summary.best.settings);
    for (const [path, range] of [['matcher.window.growth', 200 / 5], ['matcher.window.cap', 600 / 30]] as const) {
      // Within a tenth of each (log) scale of the answer.
      expect(Math.abs(Math.log(summary.neighbour.settings[path] / summary.best.settings[path])), path).toBeLessThanOrEqual(0.1 * Math.log(range) + 1e-9);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Found by successive halving[^<]*; the best candidate tried near it, matcher\.window\.growth=/);
    expect(existsSync(join(out, 'tuned.json'))).toBe(true);
  });

  it('refuses a scenario with a sweep, naming the --across that would tune its points; --unset sweep tunes its base point', async () => {
    const dir = writeFiles({ 's.json': { ...small, sweep: { 'arrivals.rate': [1, 3] } } });
    const args = ['tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '6', '--replications', '1', '-o', join(dir, 'out'), '--no-charts'];
    const refused = await cli(...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/s\.json: sweep: a tuning tunes one scenario, and this one is a sweep: tune at each of its points with --across arrivals\.rate=1,3, or tune its base point with --unset sweep$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    const base = await cli(...args, '--unset', 'sweep');
    expect(base.code, base.stderr).toBe(0);
  });

  it('refuses --across over a field that is also searched', async () => {
    const dir = writeFiles({ 's.json': small });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--across', 'matcher.windowGrowth=20,40', '-o', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('matchsim: --across matcher.windowGrowth: matcher.windowGrowth is also searched (--param): a field is either a condition or a parameter of one tuning');
  });
});

describe('overrides compose', () => {
  it('--set PATH=null and --unset PATH remove a field: the seed switches to a capped window', async () => {
    const dir = writeFiles({ 's.json': small });
    const capped = '--set=matcher.window={"type":"capped","growth":50,"cap":150}';
    const without = await cli('run', join(dir, 's.json'), capped, '-o', join(dir, 'a'), '--no-charts');
    expect(without.code).toBe(2);
    for (const remove of [['--set', 'matcher.windowGrowth=null'], ['--unset', 'matcher.windowGrowth']]) {
      const r = await cli('run', join(dir, 's.json'), ...remove, capped, '-o', join(dir, remove[0].slice(2)), '--no-charts', '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).scenario.matcher.window).toEqual({ type: 'capped', growth: 50, cap: 150 });
    }
  });

  it('runScenarioInMemory refuses a sweep rather than run its base point', () => {
    const loaded = resolveScenario('s.json', { ...small, sweep: { 'matcher.windowGrowth': [10, 20] } });
    expect(() => runScenarioInMemory(loaded)).toThrow(/s\.json: sweep: is a sweep of several runs, and this runs one: run it with runSweepToDirectory/);
    expect(() => runScenarioInMemory(resolveScenario('s.json', { ...small, replications: 2 }))).toThrow(/s\.json: replications: is a sweep/);
  });
});

describe('check for CI', () => {
  it('--json prints the verdicts as data', async () => {
    const dir = writeFiles({ 's.json': { ...small, expect: { 'wait.p95': { max: 1000 }, 'spread.mean': { max: 0.001 } } } });
    const r = await cli('check', join(dir, 's.json'), '-o', join(dir, 'out'), '--json');
    expect(r.code).toBe(1);
    const verdicts = JSON.parse(r.stdout);
    expect(verdicts).toMatchObject({ scenario: 'small', passed: false, failures: 1 });
    expect(verdicts.rows.map((row: { metric: string; verdict: string }) => [row.metric, row.verdict])).toEqual([
      ['wait.p95', 'pass'],
      ['spread.mean', 'fail'],
    ]);
  });

  it('--markdown appends to $GITHUB_STEP_SUMMARY, which the runner made before the step', async () => {
    const dir = writeFiles({ 's.json': { ...small, expect: { 'wait.p95': { max: 1000 } } }, 'step_summary': '## earlier step\n' });
    const summary = join(dir, 'step_summary');
    for (let k = 0; k < 2; k++) {
      const r = await cliWithEnv({ GITHUB_STEP_SUMMARY: summary }, 'check', join(dir, 's.json'), '-o', join(dir, 'out'), '--markdown', summary);
      expect(r.code, r.stderr).toBe(0);
    }
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## earlier step\n\n### ✅ matchsim check `small`')).toBe(true);
    expect(text.match(/### ✅ matchsim check/g)).toHaveLength(2);
    // Any other file that is not matchsim's is still refused.
    writeFileSync(join(dir, 'notes.md'), 'mine\n');
    const other = await cliWithEnv({ GITHUB_STEP_SUMMARY: summary }, 'check', join(dir, 's.json'), '-o', join(dir, 'out'), '--markdown', join(dir, 'notes.md'));
    expect(other.code).toBe(2);
    expect(readFileSync(join(dir, 'notes.md'), 'utf8')).toBe('mine\n');
  });

  it('JUnit test-case names stay the same when the baseline is updated: the numbers are in the message', async () => {
    const dir = writeFiles({ 's.json': { ...small, expect: { 'wait.p95': { max: 1000 } } } });
    const baseline = join(dir, 'baseline.json');
    const names = async (seed: string) => {
      expect((await cli('check', join(dir, 's.json'), '--seed', seed, '-o', join(dir, 'out'), '--baseline', baseline, '--update-baseline')).code).toBe(0);
      await cli('check', join(dir, 's.json'), '--seed', seed, '-o', join(dir, 'out'), '--baseline', baseline, '--junit', join(dir, 'junit.xml'));
      const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
      return [...xml.matchAll(/<testcase classname="[^"]*" name="([^"]*)"/g)].map((m) => m[1]);
    };
    const first = await names('1');
    expect(first).toContain('wait.p95 (baseline)');
    expect(first).toContain('wait.p95 (expectation)');
    expect(await names('2')).toEqual(first);
  });
});

describe('tuned.json runs as it is', () => {
  // Each bundled scenario that names a file (a trace, a score file, a matcher module), shortened to a quick run.
  const named: Array<[string, string[]]> = [
    ['recorded.json', []],
    ['ratings-ladder.json', ['--set', 'duration=300']],
    ['fifo-module.json', ['--set', 'duration=300', '--trust-scenario']],
  ];
  for (const [file, extra] of named) {
    it(`${file}: its tuned.json, run from another folder, gives the rooms of run --set with the answer; a path out of its folder needs --trust-scenario, and says so`, async () => {
      const dir = tempDir();
      cpSync('scenarios', join(dir, 'scenarios'), { recursive: true });
      cpSync('schema', join(dir, 'schema'), { recursive: true });
      cpSync('examples', join(dir, 'examples'), { recursive: true });
      const scenario = join(dir, 'scenarios', file);
      const out = join(dir, 'elsewhere', 'tuned');
      const param = file === 'fifo-module.json' ? 'tick=0.5..2' : 'matcher.windowGrowth=10..100';
      const tuned = await cli('tune', scenario, ...extra, '--minimize', 'wait.p95', '--param', param, '--budget', '6', '--replications', '1', '-o', out, '--no-charts');
      expect(tuned.code, tuned.stderr).toBe(0);
      const answer = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8')).best.settings as Record<string, number>;
      const sets = Object.entries(answer).flatMap(([path, value]) => ['--set', `${path}=${value}`]);
      const withSet = await cli('run', scenario, ...extra, ...sets, '-o', join(dir, 'with-set'), '--no-charts');
      expect(withSet.code, withSet.stderr).toBe(0);
      // From another working directory: the built CLI in a folder of its own.
      const cwd = join(dir, 'cwd');
      mkdirSync(cwd);
      const refused = spawnSync(process.execPath, [BIN, 'run', join(out, 'tuned.json'), '-o', join(dir, 'refused'), '--no-charts'], { cwd, encoding: 'utf8' });
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(/tuned\.json: (arrivals|scores|matcher)\.(file|module): "\.\.\/\.\.\/(scenarios|examples)\/[^"]+" (is outside the scenario's folder; .*unless you pass|is code, and a scenario runs code only when you pass) --trust-scenario/);
      const ran = spawnSync(process.execPath, [BIN, 'run', join(out, 'tuned.json'), '--trust-scenario', '-o', join(dir, 'from-tuned'), '--no-charts'], { cwd, encoding: 'utf8' });
      expect(ran.status, ran.stderr).toBe(0);
      expect(readFileSync(join(dir, 'from-tuned', 'rooms.csv'), 'utf8')).toBe(readFileSync(join(dir, 'with-set', 'rooms.csv'), 'utf8'));
      // Its $schema still points at the schema.
      const document = JSON.parse(readFileSync(join(out, 'tuned.json'), 'utf8'));
      expect(existsSync(join(out, document.$schema))).toBe(true);
    });
  }
});

describe('the CI gate checks like with like', () => {
  it('check --baseline refuses a baseline of another scenario, naming the first field that differs; the change under test on the command line is left out', async () => {
    const dir = writeFiles({ 's.json': { ...small, expect: { 'wait.p95': { max: 1000 } } }, 'other.json': { ...small, seed: 12, expect: { 'wait.p95': { max: 1000 } } } });
    const baseline = join(dir, 'baseline.json');
    expect((await cli('check', join(dir, 's.json'), '-o', join(dir, 'a'), '--baseline', baseline, '--update-baseline')).code).toBe(0);
    const other = await cli('check', join(dir, 'other.json'), '-o', join(dir, 'b'), '--baseline', baseline);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toMatch(/baseline\.json: is a baseline of another scenario: its seed is "11", the scenario's is "12" \(a change under test is named on the command line/);
    // The change under test: --set (resolved as the scenario resolves it: windowGrowth is the window's growth) and --seed.
    const changed = await cli('check', join(dir, 's.json'), '-o', join(dir, 'c'), '--baseline', baseline, '--set', 'matcher.windowGrowth=20', '--seed', '3');
    expect([0, 1], changed.stderr).toContain(changed.code);
    // Expectations are what is checked, not what ran: changing them keeps the baseline's scenario the same.
    const expect2 = await cli('check', join(dir, 's.json'), '-o', join(dir, 'd'), '--baseline', baseline, '--set', 'expect={"rooms":{"min":1}}');
    expect(expect2.code, expect2.stderr).toBe(0);
  });

  it('check --from refuses a result of another scenario (or of the same with other settings)', async () => {
    const dir = writeFiles({ 's.json': { ...small, expect: { 'wait.p95': { max: 1000 } } } });
    expect((await cli('run', join(dir, 's.json'), '--set', 'matcher.windowGrowth=20', '-o', join(dir, 'r'), '--no-charts')).code).toBe(0);
    const r = await cli('check', join(dir, 's.json'), '--from', join(dir, 'r'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/r\/summary\.json: is a result of another scenario: its matcher\.window\.growth is "20", the scenario's is "50"/);
    const same = await cli('check', join(dir, 's.json'), '--set', 'matcher.windowGrowth=20', '--from', join(dir, 'r'));
    expect(same.code, same.stderr).toBe(0);
  });
});

describe('--sweep takes a JSON array', () => {
  it('for values that hold commas: each element is a point, and a malformed array is one line', async () => {
    const trace = 'time,id,score\n0,a,1500\n0,b,1510\n1,c,1490\n';
    const dir = writeFiles({ 's.json': { ...small, arrivals: { type: 'trace', file: 'a,b.csv' }, scores: undefined }, 'a,b.csv': trace, 'c.csv': trace });
    const r = await cli('run', join(dir, 's.json'), '--sweep', 'arrivals.file=["a,b.csv","c.csv"]', '-o', join(dir, 'out'), '--no-charts', '--workers', '0', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).points.map((p: { label: string }) => p.label)).toEqual(['arrivals.file=a,b.csv', 'arrivals.file=c.csv']);
    const bad = await cli('run', join(dir, 's.json'), '--sweep', 'arrivals.file=["a,b.csv"', '-o', join(dir, 'bad'));
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/the values start with "\[" but are not a JSON array/);
  });
  it('of objects: each a whole setting, run as --set would, labelled and tabled as JSON', async () => {
    const dir = writeFiles({ 's.json': small });
    const windows = [{ type: 'linear', growth: 25 }, { type: 'capped', growth: 50, cap: 150 }];
    const args = ['run', join(dir, 's.json'), '--unset', 'matcher.windowGrowth', '--no-charts', '--workers', '0', '--json'];
    const r = await cli(...args, '--sweep', `matcher.window=${JSON.stringify(windows)}`, '-o', join(dir, 'sweep'));
    expect(r.code, r.stderr).toBe(0);
    const sweep = JSON.parse(r.stdout);
    expect(sweep.points.map((p: { params: unknown }) => p.params)).toEqual(windows.map((w) => ({ 'matcher.window': w })));
    expect(sweep.points[1].label).toBe('matcher.window={"type":"capped","growth":50,"cap":150}');
    const csv = readFileSync(join(dir, 'sweep', 'sweep.csv'), 'utf8').split('\n');
    expect(csv[2]).toContain(',"{""type"":""capped"",""growth"":50,""cap"":150}",');
    // The capped point is the run --set gives.
    const single = await cli('run', join(dir, 's.json'), '--unset', 'matcher.windowGrowth', '--set', `matcher.window=${JSON.stringify(windows[1])}`, '-o', join(dir, 'single'), '--no-charts', '--json');
    expect(single.code, single.stderr).toBe(0);
    const pointDir = join(dir, 'sweep', sweep.points[1].runs[0].dir);
    expect(readFileSync(join(pointDir, 'rooms.csv'), 'utf8')).toBe(readFileSync(join(dir, 'single', 'rooms.csv'), 'utf8'));
    // A field of another variant is named as such, not "did you mean" itself.
    const wrong = await cli(...args, '--sweep', 'matcher.window=[{"type":"linear","growth":50,"cap":150}]', '-o', join(dir, 'wrong'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/matcher\.window\.cap: unknown field for this type \("cap" is a field of type "capped", "exponential"\)\n$/);
    const proto = await cli(...args, '--sweep', 'matcher.window=[{"type":"linear","__proto__":{"growth":5}}]', '-o', join(dir, 'proto'));
    expect(proto.code).toBe(2);
    expect(proto.stderr).toMatch(/sweep\.matcher\.window\.0: must be a JSON object or array with no key __proto__, prototype, constructor\n$/);
  });
});
