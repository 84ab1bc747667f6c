import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/reports/confidence.js';
import { runScenario } from '../../src/run.js';
import { loadScenario, readScenarioDocument, resolveScenario } from '../../src/scenarios/load.js';
import { tune, type TuneRequest } from '../../src/tune/tune.js';
import { figureValue } from '../../src/reports/figures.js';
import { parseConstraint, parseParameter } from '../../src/tune/parse.js';
import { spawnSync } from 'node:child_process';
import { BIN, cli, seedScenario, writeFiles } from '../fixtures/helpers.js';

const NO_FILES = { players: () => {}, rooms: () => {}, ticks: () => {} };
const LIMIT = 10;

/** The seed scenario, tuned for the least spread whose wait p95 stays within 10 s, over the window growth. */
function request(): TuneRequest {
  const file = join(process.cwd(), 'scenarios', 'seed.json');
  return {
    file,
    document: readScenarioDocument(file) as Record<string, unknown>,
    trust: { trust: false },
    goal: { objective: { figure: 'spread.mean', direction: 'minimize' }, constraints: [parseConstraint(`wait.p95<=${LIMIT}`)] },
    parameters: [parseParameter('matcher.windowGrowth=1..200')],
    budget: 80,
    replications: 5,
    seed: 1,
    workers: 0,
  };
}

/** wait.p95 at a growth, over fresh seeds the tuner never saw. */
function freshWaits(growth: number): number[] {
  const base = readScenarioDocument(join(process.cwd(), 'scenarios', 'seed.json')) as Record<string, unknown>;
  return Array.from({ length: 10 }, (_, i) => {
    const document = { ...base, seed: 1001 + i, matcher: { ...(base.matcher as object), windowGrowth: growth } };
    return runScenario(resolveScenario('seed.json', document), NO_FILES).wait.p95 as number;
  });
}

describe('tune', () => {
  it('finds a window growth that keeps wait p95 within the limit on fresh seeds, where 0.85 times it does not, the same answer twice', async () => {
    const first = await tune(request());
    const [answer] = first.evaluated;
    expect(first.method).toBe('bisection');
    expect(answer.feasible).toBe(true);
    expect(first.runs).toBeLessThanOrEqual(80);
    const growth = answer.candidate.get('matcher.windowGrowth') as number;
    // Met by its interval on the tuner's seeds, hence on average on others: the mean of ten fresh seeds is within the limit.
    expect(estimate(freshWaits(growth)).mean).toBeLessThanOrEqual(LIMIT);
    // A slower window does not meet it: on the same fresh seeds, even the interval's lower end is over the limit.
    expect(estimate(freshWaits(growth * 0.85)).low as number).toBeGreaterThan(LIMIT);
    const second = await tune(request());
    expect(second.evaluated.map((e) => [...e.candidate])).toEqual(first.evaluated.map((e) => [...e.candidate]));
  }, 60_000);

  it('searches two parameters at once (a capped window\'s growth and cap) and answers with one that meets the constraint', async () => {
    const base = request();
    const result = await tune({
      ...base,
      document: { ...base.document, matcher: { algorithm: 'seed', roomSize: 3, window: { type: 'capped', growth: 50, cap: 300 } } },
      parameters: [parseParameter('matcher.window.growth=5..200'), parseParameter('matcher.window.cap=50..800')],
      // A feasible corner of a quarter of each range: a budget this size finds it; 120 runs may not.
      budget: 200,
      replications: 3,
    });
    expect(result.method).toBe('successive halving');
    expect(result.evaluated[0].feasible).toBe(true);
    expect(result.runs).toBeLessThanOrEqual(200);
    expect(new Set(result.evaluated.map((e) => JSON.stringify([...e.candidate]))).size).toBeGreaterThan(10);
  }, 60_000);

  it('finds a known optimum of two parameters on the simulator: the least wait p95 whose largest spread stays within C', async () => {
    // With a capped window every pair in a seed room is within its window, so no room spreads past the cap:
    // the constraint holds for any cap up to C, and waits only shrink as the window grows faster and wider.
    // The optimum is therefore the fastest growth with the cap near C; the answer must come within 20% of its wait
    // (at only 2 replications here; test/tune/grid.test.ts holds the default settings to a dense grid's best).
    const C = 150;
    const base = request();
    const document = { ...base.document, matcher: { algorithm: 'seed', roomSize: 3, window: { type: 'capped', growth: 20, cap: 100 } } };
    const goal = { objective: { figure: 'wait.p95', direction: 'minimize' as const }, constraints: [parseConstraint(`spread.max<=${C}`)] };
    const result = await tune({ ...base, document, goal, parameters: [parseParameter('matcher.window.growth=2..200'), parseParameter('matcher.window.cap=30..600')], budget: 200, replications: 2 });
    const best = result.evaluated[0];
    expect(best.feasible).toBe(true);
    expect(result.runs).toBeLessThanOrEqual(200);
    const at = (growth: number, cap: number) =>
      Array.from({ length: 3 }, (_, i) => runScenario(resolveScenario('seed.json', { ...document, seed: base.seed + i, matcher: { ...document.matcher, window: { type: 'capped', growth, cap } } }), NO_FILES));
    const optimum = estimate(at(200, C).map((s) => s.wait.p95 as number)).mean;
    const found = best.figures.get('wait.p95')!.mean;
    expect(found).toBeLessThanOrEqual(optimum * 1.2);
    expect(best.candidate.get('matcher.window.growth')).toBeGreaterThan(100);
    expect(best.candidate.get('matcher.window.cap')).toBeGreaterThan(0.6 * C);
    expect(best.candidate.get('matcher.window.cap')).toBeLessThan(1.5 * C);
  }, 60_000);

  it("tunes a population on its own figures: the fastest window whose matches stay fair by the true-skill favourite's chance", async () => {
    const file = join(process.cwd(), 'scenarios', 'small-night.json');
    const document = readScenarioDocument(file) as Record<string, unknown>;
    const population = document.population as Record<string, unknown>;
    const result = await tune({
      ...request(),
      file,
      // A smaller night, to keep the suite short: the same question.
      document: { ...document, duration: 1800, population: { ...population, players: 600, sessions: { perDay: 10, length: { type: 'exponential', mean: 3600 } } } },
      goal: { objective: { figure: 'wait.p95', direction: 'minimize' }, constraints: [parseConstraint('population.favouriteWin.mean<=0.45')] },
      parameters: [parseParameter('matcher.windowGrowth=1..200')],
      budget: 12,
      replications: 2,
    });
    const best = result.evaluated[0];
    expect(best.feasible).toBe(true);
    const fairness = best.figures.get('population.favouriteWin.mean');
    expect(fairness?.high).toBeDefined();
    expect(fairness?.high as number).toBeLessThanOrEqual(0.45);
    // A faster window matches sooner and less fairly: the answer is not the slowest window tried.
    expect(best.candidate.get('matcher.windowGrowth') as number).toBeGreaterThan(1);
  }, 60_000);

  it('reads any number of summary.json by its path, breakdowns included, and nothing through a prototype', () => {
    const summary = runScenario(loadScenario('scenarios/seed.json'), NO_FILES);
    expect(figureValue(summary, 'wait.p95')).toBe(summary.wait.p95);
    expect(figureValue(summary, 'breakdowns.scoreBands.0.waitP95')).toBe(summary.breakdowns.scoreBands[0].waitP95);
    expect(figureValue(summary, 'scenario.name')).toBeNull();
    expect(figureValue(summary, 'constructor.name')).toBeNull();
    expect(figureValue(summary, 'wait.__proto__')).toBeNull();
  });

  it('parses constraints and parameter ranges, and refuses the malformed', () => {
    expect(parseConstraint(' wait.p95 <= 10 ')).toEqual({ figure: 'wait.p95', op: '<=', limit: 10 });
    expect(parseConstraint('players.matchedShare>=0.99')).toEqual({ figure: 'players.matchedShare', op: '>=', limit: 0.99 });
    expect(() => parseConstraint('wait.p95 < 10')).toThrow(/expected FIGURE<=NUMBER/);
    expect(parseParameter('matcher.windowGrowth=1..200')).toEqual({ path: 'matcher.windowGrowth', low: 1, high: 200, scale: 'log' });
    expect(parseParameter('matcher.window.cap=100..400')).toEqual({ path: 'matcher.window.cap', low: 100, high: 400, scale: 'linear' });
    expect(parseParameter('matcher.roomSize=2..10:int')).toMatchObject({ scale: 'linear', integer: true });
    expect(() => parseParameter('matcher.windowGrowth=200..1')).toThrow(/must go up/);
    expect(() => parseParameter('__proto__.x=1..2')).toThrow(/not a field path/);
    expect(() => parseParameter('a=0..10:log')).toThrow(/above 0/);
  });
});

describe('matchsim tune', () => {
  it('writes tune.csv, tune.json and tuned.json, prints the answer in a few lines, and tuned.json runs', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--param', 'matcher.windowGrowth=5..200', '--budget', '40', '-o', join(dir, 't'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeLessThanOrEqual(6);
    expect(r.stdout).toMatch(/^best {5}matcher\.windowGrowth=[\d.]+\n/);
    expect(readdirSync(join(dir, 't')).sort()).toEqual(['.matchsim-result', 'charts', 'report.html', 'tune.csv', 'tune.json', 'tuned.json']);
    expect(readdirSync(join(dir, 't', 'charts')).filter((f) => f.endsWith('.svg')).sort()).toEqual(['tune-path.svg', 'tune-tradeoff.svg']);
    expect(readFileSync(join(dir, 't', 'report.html'), 'utf8')).toMatch(/Best settings[\s\S]*matcher\.windowGrowth=/);
    const summary = JSON.parse(readFileSync(join(dir, 't', 'tune.json'), 'utf8'));
    const growth = summary.best.settings['matcher.windowGrowth'];
    expect(summary.constraints[0]).toMatchObject({ figure: 'wait.p95', op: '<=', limit: 12, met: true });
    expect(summary.constraints[0].estimate.high).toBeLessThanOrEqual(12);
    const csv = readFileSync(join(dir, 't', 'tune.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('round,matcher.windowGrowth,replications,spread.mean,spread.mean_low,spread.mean_high,wait.p95,wait.p95_low,wait.p95_high,feasible,chosen');
    expect(csv.filter((l) => l.endsWith(',yes')).length).toBe(1);
    const tuned = JSON.parse(readFileSync(join(dir, 't', 'tuned.json'), 'utf8'));
    expect(tuned.matcher.windowGrowth).toBe(growth);
    writeFiles({});
    expect((await cli('run', join(dir, 't', 'tuned.json'), '-o', join(dir, 'run'), '--no-charts')).code).toBe(0);
  }, 60_000);

  it("searches the parameters the registry declares for the scenario's matcher when none is named", async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--budget', '40', '--no-charts', '-o', join(dir, 't'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^matchsim: searching matcher\.windowGrowth=5\.\.500:log \(the parameters the registry declares for this matcher; name others with --param\)\n/);
    const summary = JSON.parse(readFileSync(join(dir, 't', 'tune.json'), 'utf8'));
    expect(summary.parameters).toEqual([{ path: 'matcher.windowGrowth', low: 5, high: 500, scale: 'log' }]);
    expect(summary.best.settings['matcher.windowGrowth']).toBeGreaterThanOrEqual(5);
    expect(summary.constraints[0].met).toBe(true);
  }, 60_000);

  it('tunes at each condition of --across, on the same seeds: a busier pool needs a slower window for the same wait', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const r = await cli('tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--param', 'matcher.windowGrowth=2..400', '--across', 'arrivals.rate=2,8', '--budget', '40', '-o', join(dir, 't'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^arrivals\.rate=2: matcher\.windowGrowth=[\d.]+ .*\narrivals\.rate=8: matcher\.windowGrowth=[\d.]+ /);
    const summary = JSON.parse(readFileSync(join(dir, 't', 'tune.json'), 'utf8'));
    expect(summary.byCondition.map((c: { condition: object }) => c.condition)).toEqual([{ 'arrivals.rate': 2 }, { 'arrivals.rate': 8 }]);
    const [slow, busy] = summary.byCondition.map((c: { best: { settings: Record<string, number> } }) => c.best.settings['matcher.windowGrowth']);
    expect(busy).toBeLessThan(slow);
    expect(readdirSync(join(dir, 't')).sort()).toEqual(['.matchsim-result', 'charts', 'report.html', 'tune.csv', 'tune.json', 'tuned-1.json', 'tuned-2.json']);
    const tuned = JSON.parse(readFileSync(join(dir, 't', 'tuned-2.json'), 'utf8'));
    expect([tuned.arrivals.rate, tuned.matcher.windowGrowth]).toEqual([8, busy]);
    expect(readFileSync(join(dir, 't', 'tune.csv'), 'utf8').split('\n')[0]).toMatch(/^condition,round,/);
  }, 60_000);

  it('gives the same answer, byte for byte, on threads as on this thread (the built CLI)', () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const run = (workers: string) =>
      spawnSync(process.execPath, [BIN, 'tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--param', 'matcher.windowGrowth=2..400', '--across', 'arrivals.rate=2,8', '--budget', '30', '--no-charts', '--workers', workers, '-o', join(dir, `w${workers}`)], { encoding: 'utf8' });
    for (const workers of ['0', '2']) expect(run(workers).status).toBe(0);
    for (const file of ['tune.json', 'tune.csv', 'tuned-1.json', 'tuned-2.json']) {
      expect(readFileSync(join(dir, 'w2', file), 'utf8'), file).toBe(readFileSync(join(dir, 'w0', file), 'utf8'));
    }
  }, 60_000);

  it('shards by condition for a CI matrix: merged shards give the files of an unsharded tuning, byte for byte', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const args = ['tune', join(dir, 's.json'), '--minimize', 'spread.mean', '--subject-to', 'wait.p95<=12', '--param', 'matcher.windowGrowth=2..400', '--across', 'arrivals.rate=1,2,8', '--budget', '30', '--no-charts'];
    expect((await cli(...args, '-o', join(dir, 'whole'))).code).toBe(0);
    const one = await cli(...args, '--shard', '1/2', '-o', join(dir, 's1'));
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe(`shard 1/2 of small: 1 of 3 conditions tuned in ${join(dir, 's1')}\n`);
    expect((await cli(...args, '--shard', '2/2', '-o', join(dir, 's2'))).code).toBe(0);
    const missing = await cli('merge', join(dir, 's1'), '-o', join(dir, 'm'));
    expect([missing.code, missing.stderr]).toEqual([2, 'matchsim: merge: missing shard 2/2\n']);
    const merged = await cli('merge', join(dir, 's2'), join(dir, 's1'), '-o', join(dir, 'merged'));
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^arrivals\.rate=1: .*\narrivals\.rate=2: .*\narrivals\.rate=8: /);
    const files = readdirSync(join(dir, 'whole')).sort();
    expect(readdirSync(join(dir, 'merged')).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(dir, 'merged', f), 'utf8'), f).toBe(readFileSync(join(dir, 'whole', f), 'utf8'));
    const tooMany = await cli(...args, '--shard', '4/4', '-o', join(dir, 's4'));
    expect([tooMany.code, tooMany.stderr]).toEqual([2, 'matchsim: --shard 4/4: a tuning shards by its conditions (--across), and this one has 3: give at most 3 shards\n']);
    expect(readdirSync(dir).includes('s4')).toBe(false);
  }, 60_000);

  it('refuses a request it cannot answer with one line and exit 2: no objective, a figure summary.json lacks, a misspelt parameter, too small a budget', async () => {
    const dir = writeFiles({ 's.json': seedScenario });
    const s = join(dir, 's.json');
    const none = await cli('tune', s, '--param', 'matcher.windowGrowth=1..9');
    expect([none.code, none.stderr]).toEqual([2, 'matchsim: --minimize/--maximize: give exactly one objective: --minimize FIGURE or --maximize FIGURE\n']);
    const bad = await cli('tune', s, '--minimize', 'spread.meen', '--param', 'matcher.windowGrowth=1..9', '-o', join(dir, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/spread\.meen: not a figure of summary\.json/);
    const typo = await cli('tune', s, '--minimize', 'spread.mean', '--param', 'matcher.windowGrowht=1..9');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('matchsim: --param matcher.windowGrowht=1..9: matcher.windowGrowht: unknown field (did you mean "windowGrowth"?)\n');
    const short = await cli('tune', s, '--minimize', 'spread.mean', '--param', 'matcher.windowGrowth=1..9', '--budget', '8');
    expect(short.stderr).toBe('matchsim: --budget: 8 runs cannot try two settings at 5 replications each: give at least 11, or fewer --replications\n');
    expect(readdirSync(dir)).toEqual(['s.json']);
  });
});
