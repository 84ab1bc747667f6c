import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/reports/confidence.js';
import { figureValue } from '../../src/reports/figures.js';
import { runScenario } from '../../src/run.js';
import { readScenarioDocument, resolveScenario } from '../../src/scenarios/load.js';
import { defaultBudget, parseConstraint, parseParameter } from '../../src/tune/parse.js';
import { meets, valueAt, type Goal, type Parameter } from '../../src/tune/search.js';
import { tune } from '../../src/tune/tune.js';

/*
 * The tuner's answer against what a careful person would find: a dense grid
 * over the same ranges at the same replications, computed here. With the
 * default budget for two parameters, the answer's objective must be within
 * the noise of the grid's best feasible point (no worse than that point's 95%
 * interval allows), and it must meet its constraint on fresh seeds.
 */
const NO_FILES = { players: () => {}, rooms: () => {}, ticks: () => {} };
const REPLICATIONS = 5;
const GRID = 10;
const file = join(process.cwd(), 'scenarios', 'seed.json');
const base = readScenarioDocument(file) as Record<string, unknown>;
const capped = { ...base, matcher: { algorithm: 'seed', roomSize: 3, window: { type: 'capped', growth: 50, cap: 150 } } };

function figures(parameters: readonly Parameter[], values: readonly number[], goal: Goal, seeds: readonly number[]) {
  const window = { type: 'capped', growth: values[0], cap: values[1] };
  const summaries = seeds.map((seed) => runScenario(resolveScenario('seed.json', { ...capped, seed, matcher: { ...capped.matcher, window } }), NO_FILES));
  const of = (figure: string) => estimate(summaries.map((s) => figureValue(s, figure) as number));
  return { objective: of(goal.objective.figure), feasible: goal.constraints.every((c) => meets(of(c.figure), c)), constraints: goal.constraints.map((c) => of(c.figure)) };
}

const cases: Array<{ name: string; goal: Goal; parameters: Parameter[] }> = [
  {
    // The optimum on the cap's boundary: waits fall as the window grows faster and wider, and no room spreads past the cap.
    name: 'the least wait p95 whose largest spread stays within 150 (an optimum on a straight boundary, in a corner)',
    goal: { objective: { figure: 'wait.p95', direction: 'minimize' }, constraints: [parseConstraint('spread.max<=150')] },
    parameters: [parseParameter('matcher.window.growth=2..200'), parseParameter('matcher.window.cap=30..600')],
  },
  {
    // Waits need both a fast and a wide window, spreads grow with both: the optimum lies on a curve across the two.
    name: 'the least spread whose wait p95 stays within 12 s (an optimum on a curved boundary)',
    goal: { objective: { figure: 'spread.mean', direction: 'minimize' }, constraints: [parseConstraint('wait.p95<=12')] },
    parameters: [parseParameter('matcher.window.growth=5..200'), parseParameter('matcher.window.cap=50..800')],
  },
];

describe('the tuner against a dense grid', () => {
  for (const { name, goal, parameters } of cases) {
    it(name, async () => {
      const seeds = Array.from({ length: REPLICATIONS }, (_, i) => 1 + i);
      // The grid: GRID x GRID points along each parameter's scale, at the tuner's replications and seeds.
      let best: ReturnType<typeof figures> | undefined;
      for (let i = 0; i < GRID; i++) {
        for (let j = 0; j < GRID; j++) {
          const point = figures(parameters, [valueAt(parameters[0], i / (GRID - 1)), valueAt(parameters[1], j / (GRID - 1))], goal, seeds);
          if (point.feasible && (best === undefined || point.objective.mean < best.objective.mean)) best = point;
        }
      }
      expect(best, 'the grid has a feasible point').toBeDefined();
      const result = await tune({ file, document: capped, trust: { trust: false }, goal, parameters, budget: defaultBudget(parameters.length), replications: REPLICATIONS, seed: 1, workers: 0 });
      const [answer] = result.evaluated;
      expect(answer.feasible).toBe(true);
      expect(result.runs).toBeLessThanOrEqual(defaultBudget(parameters.length));
      const found = answer.figures.get(goal.objective.figure);
      // Within the noise of the grid's best: no worse than the upper end of its 95% interval.
      expect(found?.mean as number, `answer ${found?.mean}, grid best ${best?.objective.mean} [${best?.objective.low}, ${best?.objective.high}]`).toBeLessThanOrEqual((best?.objective.high ?? best?.objective.mean) as number);
      // And it holds on fresh seeds: the constraint's mean over seeds the tuner never saw is within its limit.
      const fresh = figures(parameters, parameters.map((p) => answer.candidate.get(p.path) as number), goal, [1001, 1002, 1003, 1004, 1005]);
      goal.constraints.forEach((c, k) => expect(fresh.constraints[k].mean, c.figure).toBeLessThanOrEqual(c.limit));
    }, 120_000);
  }
});
