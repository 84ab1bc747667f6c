import { RESULT_MARKER } from '../../src/reports/output-dir.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, seedScenario, tempDir, tree, writeFiles } from '../fixtures/helpers.js';

const OUTPUTS = ['players.csv', 'rooms.csv', 'summary.json', 'timeline.csv'];
/** Everything a run writes besides charts/. */
const RUN_FILES = ['breakdown.csv', 'players.csv', 'report.html', 'rooms.csv', 'summary.json', 'timeline.csv'];
const read = (dir: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('matchsim run', () => {
  it('writes the four outputs and prints a summary table', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const out = join(dir, 'out');
    const r = await cli('run', join(dir, 's.json'), '-o', out);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...RUN_FILES, 'charts', RESULT_MARKER].sort());
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(
      ['score-bands', 'spread-histogram', 'timeline', 'wait-by-score', 'wait-cdf', 'wait-histogram', 'window'].flatMap((c) => [`${c}.svg`, `${c}.vl.json`]),
    );
    expect(r.stdout).toMatch(/^scenario +small \(seed 11, score-scan, G=50, rooms of 3\)$/m);
    expect(r.stdout).toMatch(/^wait \(s\) +mean [\d.]+ +p50/m);
    const files = read(out);
    expect(files['rooms.csv'].split('\n')[0]).toBe('room,time,players,min_score,max_score,spread');
    expect(files['players.csv'].split('\n')[0]).toBe('id,arrival,score,joined,matched_at,wait,room,notified_at,left_at,pool');
    expect(files['timeline.csv'].split('\n')[0]).toBe('time,queue,pool,rooms,matched,messages');
    const summary = JSON.parse(files['summary.json']);
    expect(Object.keys(summary.wait)).toEqual(['mean', 'p50', 'p90', 'p95', 'p99', 'max']);
    expect(summary.seed).toBe(11);
    // Score bands: ten deciles in summary.json and breakdown.csv, and a line in the table.
    expect(summary.breakdowns.scoreBands).toHaveLength(10);
    const breakdown = readFileSync(join(out, 'breakdown.csv'), 'utf8').trim().split('\n');
    expect(breakdown[0]).toBe('dimension,group,players,matched,wait_p50,wait_p95,spread_mean');
    expect(breakdown).toHaveLength(11);
    expect(breakdown[1]).toBe(
      ['score band', summary.breakdowns.scoreBands[0].label, summary.breakdowns.scoreBands[0].players, summary.breakdowns.scoreBands[0].matched, summary.breakdowns.scoreBands[0].waitP50, summary.breakdowns.scoreBands[0].waitP95, summary.breakdowns.scoreBands[0].spreadMean].join(','),
    );
    expect(r.stdout).toMatch(/^score bands +wait p95 from [\d.]+ s \(scores \d+-\d+\) to [\d.]+ s/m);
  });

  it('--json prints summary.json itself', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const out = join(dir, 'out');
    const r = await cli('run', join(dir, 's.json'), '-o', out, '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'summary.json'), 'utf8'));
  });

  it('--seed and --set override the scenario, and the summary records the result', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'o'), '--json', '--seed', '99', '--set', 'matcher.windowGrowth=25', '--set', 'matcher.algorithm=seed-legacy');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.seed).toBe(99);
    expect(summary.scenario.matcher).toEqual({ algorithm: 'arrival-scan', roomSize: 3, window: { type: 'linear', growth: 25 }, service: { type: 'rounds' } });
  });

  it('replaces a result it wrote whole, and nothing else', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--seed', '1')).code).toBe(0);
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--no-charts', '--seed', '2');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([...RUN_FILES, RESULT_MARKER].sort());
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).seed).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['out', 's.json']);
  });
});

describe('determinism', () => {
  it('gives byte-identical files for the same scenario and seed, within one process', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'));
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'));
    expect(read(join(dir, 'b'))).toEqual(read(join(dir, 'a')));
  });

  it('gives different results for different seeds', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'a'));
    await cli('run', join(dir, 's.json'), '-o', join(dir, 'b'), '--seed', '12');
    expect(read(join(dir, 'b'))['players.csv']).not.toEqual(read(join(dir, 'a'))['players.csv']);
  });

  // These run the built CLI (npm test builds first): separate processes, and the worker threads
  // that only exist as compiled JavaScript.
  const bin = BIN;
  const node = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('gives byte-identical files across two processes, with and without CSV worker threads', () => {
    const dir = writeFiles({ 's.json': { ...seedScenario, arrivals: { type: 'poisson', rate: 30 } } });
    node('run', join(dir, 's.json'), '-o', join(dir, 'p1'), '--csv-workers', '0');
    node('run', join(dir, 's.json'), '-o', join(dir, 'p2'), '--csv-workers', '0');
    node('run', join(dir, 's.json'), '-o', join(dir, 'w2'), '--csv-workers', '2');
    node('run', join(dir, 's.json'), '-o', join(dir, 'w3'), '--csv-workers', '3');
    // Everything, charts and report included.
    const expected = tree(join(dir, 'p1'));
    expect(expected['players.csv'].split('\n').length).toBeGreaterThan(8000);
    expect(Object.keys(expected)).toContain('charts/wait-cdf.svg');
    expect(tree(join(dir, 'p2'))).toEqual(expected);
    expect(tree(join(dir, 'w2'))).toEqual(expected);
    expect(tree(join(dir, 'w3'))).toEqual(expected);
  });

  it('gives the same files for a big run on a worker thread (the built CLI) as in-process', async () => {
    // Above 200 000 expected players the built CLI runs the simulation off its main thread.
    const dir = writeFiles({ 's.json': { ...seedScenario, duration: 4100, arrivals: { type: 'poisson', rate: 50 } } });
    node('run', join(dir, 's.json'), '-o', join(dir, 'isolated'), '--no-charts');
    // In-process the CSV threads' compiled script is not at hand (vitest runs the TypeScript): format on this thread.
    expect((await cli('run', join(dir, 's.json'), '-o', join(dir, 'here'), '--no-charts', '--csv-workers', '0')).code).toBe(0);
    const expected = tree(join(dir, 'here'));
    expect(expected['players.csv'].split('\n').length).toBeGreaterThan(200_000);
    expect(tree(join(dir, 'isolated'))).toEqual(expected);
  });

  it('gives byte-identical files for teams with parties, profiles and retries, across processes and CSV threads', () => {
    const variants = {
      teams: { algorithm: 'teams', roomSize: 10, teams: { count: 2, size: 5 } },
      profiles: { algorithm: 'profiles', roomSize: 4, profiles: [{ name: 'tight', window: { type: 'capped', growth: 50, cap: 80 } }, { name: 'any' }] },
      retry: { algorithm: 'retry', roomSize: 4, retry: { delay: 1.5 } },
    };
    for (const [name, matcher] of Object.entries(variants)) {
      const scenario = { ...seedScenario, name, arrivals: { type: 'poisson', rate: 10 }, parties: { sizes: { '1': 3, '2': 2, '3': 1 }, memberSpread: 80 }, matcher };
      const dir = writeFiles({ 's.json': scenario });
      node('run', join(dir, 's.json'), '-o', join(dir, 'p1'), '--csv-workers', '0', '--no-charts');
      node('run', join(dir, 's.json'), '-o', join(dir, 'w2'), '--csv-workers', '2', '--no-charts');
      const expected = tree(join(dir, 'p1'));
      expect(expected['players.csv'].split('\n').length, name).toBeGreaterThan(3000);
      expect(tree(join(dir, 'w2')), name).toEqual(expected);
    }
  });
});

describe('bad input: one line naming the file and field, exit 2, nothing written', () => {
  const cases: Array<[string, Record<string, string | object>, string[], RegExp]> = [
    ['invalid JSON', { 's.json': '{"name": "x",\n  "seed": }' }, [], /s\.json: line 2, column 11: invalid JSON: value expected$/m],
    ['an empty file', { 's.json': '' }, [], /s\.json: line 1, column 1: invalid JSON: value expected/],
    ['a trailing comma', { 's.json': '{"name": "x",}' }, [], /s\.json: line 1, column 14: invalid JSON: property name expected/],
    ['a missing field', { 's.json': { ...seedScenario, seed: undefined } }, [], /s\.json: seed: required \(number\)$/m],
    ['a mistyped field', { 's.json': { ...seedScenario, duration: '300' } }, [], /s\.json: duration: must be a number \(got "300"\)/],
    ['a zero rate', { 's.json': { ...seedScenario, arrivals: { type: 'poisson', rate: 0 } } }, [], /s\.json: arrivals\.rate: rate \(arrivals per second\) must be a number > 0/],
    ['a negative rate', { 's.json': { ...seedScenario, arrivals: { type: 'poisson', rate: -2 } } }, [], /s\.json: arrivals\.rate: .*> 0 \(got -2\)/],
    ['an unknown algorithm', { 's.json': { ...seedScenario, matcher: { algorithm: 'elo' } } }, [], /s\.json: matcher\.algorithm: expected one of "score-scan", "arrival-scan", "anchor", "teams", "profiles", "flexmatch", "retry", "seed", "seed-legacy" \(got "elo"\)/],
    ['parties with the score-scan pool', { 's.json': { ...seedScenario, parties: { sizes: { '1': 1, '2': 1 } } } }, [], /s\.json: matcher\.algorithm: "score-scan" cannot hold parties .*use anchor, teams, profiles/],
    ['a window given twice', { 's.json': { ...seedScenario, matcher: { windowGrowth: 25, window: { type: 'capped', growth: 25, cap: 100 } } } }, [], /s\.json: matcher\.windowGrowth: give either windowGrowth or window, not both/],
    ['--set windowGrowth on a scenario with a window', { 's.json': { ...seedScenario, matcher: { window: { type: 'capped', growth: 25, cap: 100 } } } }, ['--set', 'matcher.windowGrowth=10'], /matcher\.windowGrowth: give either windowGrowth or window, not both/],
    ['retry settings with another algorithm', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor', retry: { delay: 3 } } } }, [], /s\.json: matcher\.retry: only for algorithm "retry" \(the algorithm is "anchor"\)/],
    ['a clock with the retry service', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor', clock: 'seconds', service: { type: 'retry' } } } }, [], /s\.json: matcher\.clock: the retry service's attempts carry their own wait in seconds .*clock is for the rounds service/],
    ['an unknown clock', { 's.json': { ...seedScenario, matcher: { clock: 'minutes' } } }, [], /s\.json: matcher\.clock: expected one of "rounds", "seconds" \(got "minutes"\)/],
    ['the retry service with a pool that cannot match one request', { 's.json': { ...seedScenario, matcher: { algorithm: 'seed', service: { type: 'retry' } } } }, [], /s\.json: matcher\.service: algorithm "score-scan" cannot run under service retry .*use anchor or teams/],
    ['the old retry algorithm with a service', { 's.json': { ...seedScenario, matcher: { algorithm: 'retry', service: { type: 'rounds' } } } }, [], /s\.json: matcher\.service: algorithm "retry" is anchor with service retry already/],
    ['a worker stall under the retry service', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor', service: { type: 'retry', delay: 1 } }, faults: { worker: { stallProbability: 0.1, stallTicks: 2 } } } }, [], /s\.json: faults\.worker: the retry service has no worker rounds to stall/],
    ['a party larger than a room', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor' }, parties: { sizes: { '4': 1 } } } }, [], /s\.json: parties\.sizes\.4: a party of 4 cannot fit matcher\.roomSize \(3\)/],
    ['a party larger than a team', { 's.json': { ...seedScenario, matcher: { algorithm: 'teams', roomSize: 4, teams: { count: 2, size: 2 } }, parties: { sizes: { '3': 1 } } } }, [], /parties\.sizes\.3: a party of 3 cannot fit matcher\.teams\.size \(2\)/],
    ['parties with no weight', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor' }, parties: { sizes: { '2': 0 } } } }, [], /s\.json: parties\.sizes: needs a size with a weight above 0/],
    ['a party size that is not a number', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor' }, parties: { sizes: { two: 1 } } } }, [], /s\.json: parties\.sizes.*a party size is a whole number from 1 to 999/],
    ['teams without matcher.teams', { 's.json': { ...seedScenario, matcher: { algorithm: 'teams' } } }, [], /s\.json: matcher\.teams: required with algorithm "teams"/],
    ['teams that do not make the room', { 's.json': { ...seedScenario, matcher: { algorithm: 'teams', roomSize: 6, teams: { count: 2, size: 5 } } } }, [], /s\.json: matcher\.roomSize: must be teams\.count x teams\.size = 10 \(it is 6\)/],
    ['teams for another algorithm', { 's.json': { ...seedScenario, matcher: { algorithm: 'anchor', teams: { count: 3, size: 1 } } } }, [], /s\.json: matcher\.teams: only for algorithm "teams" \(the algorithm is "anchor"\)/],
    ['profiles without matcher.profiles', { 's.json': { ...seedScenario, matcher: { algorithm: 'profiles' } } }, [], /s\.json: matcher\.profiles: required with algorithm "profiles"/],
    ['a profile filter on an unknown attribute', { 's.json': { ...seedScenario, matcher: { algorithm: 'profiles', profiles: [{ name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] }] } } }, [], /s\.json: matcher\.profiles\.0\.filters\.0\.attribute: "region" is not one of the scenario's attributes/],
    ['a retry delay of 0', { 's.json': { ...seedScenario, matcher: { algorithm: 'retry', retry: { delay: 0 } } } }, [], /s\.json: matcher\.retry\.delay: delay \(seconds\) must be a number > 0/],
    ['parties with a trace', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' }, matcher: { algorithm: 'anchor' }, parties: { sizes: { '2': 1 } } }, 't.csv': 'time,id,score\n0,a,1\n' }, [], /s\.json: parties: not used with a trace/],
    ['an unknown field', { 's.json': { ...seedScenario, durration: 5 } }, [], /s\.json: durration: unknown field \(did you mean "duration"\?\)$/m],
    ['an unknown arrivals type', { 's.json': { ...seedScenario, arrivals: { type: 'bursty' } } }, [], /s\.json: arrivals\.type: expected one of "poisson", "profile", "trace"/],
    ['a missing trace file', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 'nope.csv' } } }, [], /nope\.csv: cannot read the trace: file not found/],
    ['a trace with a bad score', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'time,id,score\n0,a,1\n1,b,lots\n' }, [], /t\.csv: line 3: score "lots" is not a number/],
    ['a trace with a short row', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'time,id,score\n0,a,1\n1,b\n' }, [], /t\.csv: line 3: /],
    ['a trace with a wrong header', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'when,id,score\n0,a,1\n' }, [], /t\.csv: line 1: missing column "time": expected a header with time,id,score/],
    ['a trace out of time order', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'time,id,score\n5,a,1\n4,b,1\n' }, [], /t\.csv: line 3: time 4 is before the previous row's 5/],
    ['a trace id with a line break', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'time,id,score\n0,"a\rb",1\n' }, [], /t\.csv: line 2: id "a\\rb" contains a control character/],
    ['a trace with a repeated id', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' } }, 't.csv': 'time,id,score\n0,a,1\n1,a,1\n' }, [], /t\.csv: line 3: id "a" already appears on line 2/],
    ['an unknown --set path', { 's.json': seedScenario }, ['--set', 'matcher.windowGrwth=25'], /--set matcher\.windowGrwth=25: matcher\.windowGrwth: unknown field \(did you mean "windowGrowth"\?\)/],
    ['a --set of the wrong type', { 's.json': seedScenario }, ['--set', 'tick=fast'], /--set tick=fast: tick: must be a number \(got "fast"\)/],
    ['a --set without a value', { 's.json': seedScenario }, ['--set', 'tick'], /--set.*expected PATH=VALUE/],
    ['a bad --seed', { 's.json': seedScenario }, ['--seed', '-4'], /--seed.*whole number/],
    ['a missing scenario file', {}, [], /s\.json: cannot read the scenario: file not found/],
    ['scores given with a trace', { 's.json': { name: 't', seed: 1, arrivals: { type: 'trace', file: 't.csv' }, scores: { type: 'normal', mean: 1, sd: 1 } }, 't.csv': 'time,id,score\n0,a,1\n' }, [], /s\.json: scores: not used with a trace/],
  ];
  for (const [what, files, extra, pattern] of cases) {
    it(what, async () => {
      const dir = writeFiles(files);
      const out = join(dir, 'out');
      const r = await cli('run', join(dir, 's.json'), '-o', out, ...extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('(run matchsim --help'))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
  }

  it('an unknown command or option is bad input too', async () => {
    expect((await cli('walk')).code).toBe(2);
    expect((await cli('run', 'x.json', '--fast')).code).toBe(2);
  });

  it('leaves the previous results in place when a run fails', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const out = join(dir, 'out');
    expect((await cli('run', join(dir, 's.json'), '-o', out)).code).toBe(0);
    const before = read(out);
    expect((await cli('run', join(dir, 's.json'), '-o', out, '--set', 'tick=0')).code).toBe(2);
    expect(read(out)).toEqual(before);
  });
});

describe('help', () => {
  it('exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run \[options\] <scenario>/);
  });

  it('each command shows examples, lists what it writes, and no empty defaults of repeatable options', async () => {
    for (const command of ['run', 'check', 'merge', 'schema', 'validate', 'compare', 'tune']) {
      const r = await cli(command, '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toMatch(/\nExamples:\n {2}\$ matchsim /);
      expect(r.stdout, command).not.toMatch(/default: \[\]/);
    }
    const run = (await cli('run', '--help')).stdout.replace(/\s+/g, ' ');
    for (const output of ['rooms.csv', 'players.csv', 'timeline.csv', 'summary.json', 'breakdown.csv', 'report.html', 'charts/', 'sweep.csv', 'sweep.json']) expect(run).toContain(output);
    expect((await cli('merge', '--help')).stdout).toMatch(/-o, --out <dir> +output directory of the whole sweep \(required\)/);
  });

  it("commander's own errors carry matchsim's prefix, as every other failure does", async () => {
    for (const args of [['frob'], ['run', 'x.json', '--bogus'], ['run'], ['run', 'x.json', '--seed', '-4'], ['merge', 'a']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0], args.join(' ')).toMatch(/^matchsim: /);
      expect(r.stderr).not.toMatch(/^error:/m);
    }
  });

  it('runs in a fresh temp dir without touching the working tree', () => {
    expect(tempDir()).not.toBe(process.cwd());
  });
});

describe('the built bin', () => {
  it('is executable, so that npx matchsim runs it', () => {
    const mode = statSync(BIN).mode;
    expect(mode & 0o111).not.toBe(0);
  });
});

describe('the process at its edges', () => {
  it('ends a usage error in one line: matchsim\'s prefix, the cause, the way to the help', async () => {
    for (const args of [['run', '--bogus'], ['nope'], ['run'], ['tune', 's.json', '--budget', 'x'], ['run', 's.json', '--set', 'a\n::error::x']]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.endsWith('\n') && r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^matchsim: .*\(run matchsim --help for usage\)\n$|^matchsim: /);
    }
  });

  it('out of file descriptors at start: one line and exit 4, not a stack trace and exit 1', () => {
    const dir = writeFiles({ 's.json': seedScenario });
    // Enough for node itself to start, too few to load the program's modules.
    const r = spawnSync('sh', ['-c', `ulimit -n 24 && exec "${process.execPath}" "${BIN}" validate s.json`], { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/^matchsim: cannot start: too many open files \(EMFILE\): raise the limit \(ulimit -n\) or close some\n$/);
  });
});
