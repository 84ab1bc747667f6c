import { InputError } from '../errors.js';
import { figureOf } from '../reports/figures.js';
import type { Summary } from '../reports/summary.js';
import { runScenario } from '../run.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { resolveScenario } from '../scenarios/load.js';
import { applyOverrides, FORBIDDEN_PARTS, type Override } from '../scenarios/overrides.js';
import type { ScenarioTrust } from '../scenarios/scenario-files.js';
import { bisectBoundary, successiveHalving, type Candidate, type Evaluated, type Evaluate, type Goal, type Parameter } from './search.js';

/** What `matchsim tune` is asked. */
export interface TuneRequest {
  /** The scenario file, for errors and the files it reads; its document, the command line's --set applied, without sweep. */
  readonly file: string;
  readonly document: Record<string, unknown>;
  readonly trust: ScenarioTrust;
  readonly goal: Goal;
  readonly parameters: readonly Parameter[];
  /** Runs to spend in all. */
  readonly budget: number;
  /** Replications of every candidate (the first round's, for successive halving). */
  readonly replications: number;
  /** Replication i runs at seed + i, for every candidate. */
  readonly seed: number;
}

export interface TuneResult {
  readonly method: 'bisection' | 'successive halving';
  /** The answer (feasible when any candidate was), then every other evaluation in the order of the search. */
  readonly evaluated: readonly Evaluated[];
  readonly runs: number;
}

/** The figures a goal speaks of. */
function figuresOf(goal: Goal): string[] {
  return [...new Set([goal.objective.figure, ...goal.constraints.map((c) => c.figure)])];
}

/**
 * A figure of a run's summary.json: one of the catalogue's keys (wait.p95,
 * players.matchedShare, ...), or any path to a number in summary.json,
 * breakdowns included (breakdowns.scoreBands.0.waitP95); null where the run
 * has no value.
 */
export function figureValue(summary: Summary, path: string): number | null {
  const known = figureOf(path);
  if (known) return known.of(summary);
  let node: unknown = summary;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || FORBIDDEN_PARTS.has(part) || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'number' && Number.isFinite(node) ? node : null;
}

/** Checks that every figure of the goal names something a summary has, on a run of the scenario as it is. */
function checkFigures(goal: Goal, summary: Summary): void {
  for (const figure of figuresOf(goal)) {
    if (figureOf(figure) === undefined && figureValue(summary, figure) === null) {
      throw new InputError('--minimize/--maximize/--subject-to', undefined, `${figure}: not a figure of summary.json (e.g. wait.p95, spread.mean, breakdowns.scoreBands.0.waitP95)`);
    }
  }
}

/** The scenario at a candidate and a seed, resolved and ready to run. */
async function loadAt(request: TuneRequest, candidate: Candidate, seed: number) {
  const overrides: Override[] = [...candidate].map(([path, value]) => ({ option: `--param ${path}=${value}`, path: path.split('.'), value }));
  const document = applyOverrides({ ...request.document, seed }, overrides);
  return loadMatcherModule(resolveScenario(request.file, document, overrides, request.trust));
}

const NO_FILES = { players: () => {}, rooms: () => {}, ticks: () => {} };

/**
 * Searches the parameters for the best objective whose constraints are met
 * by their whole 95% interval. One parameter with constraints: its boundary,
 * by bracketing and bisection; otherwise successive halving. Every candidate
 * runs at the same seeds (common random numbers), so the answer is the same
 * for the same request.
 */
export async function tune(request: TuneRequest): Promise<TuneResult> {
  const figures = figuresOf(request.goal);
  // One run of the scenario as it is, to check that every figure named is one its summary has: counted with the rest.
  checkFigures(request.goal, runScenario(await loadAt(request, new Map(), request.seed), NO_FILES));
  let runs = 1;
  const evaluate: Evaluate = async (candidate, seeds) => {
    const values = new Map<string, Array<number | null>>(figures.map((f) => [f, []]));
    for (const seed of seeds) {
      const summary = runScenario(await loadAt(request, candidate, seed), NO_FILES);
      runs++;
      for (const f of figures) values.get(f)?.push(figureValue(summary, f));
    }
    return values;
  };
  const seeds = (count: number) => Array.from({ length: count }, (_, i) => request.seed + i);
  // The check run above is part of the budget.
  const options = { budget: request.budget - 1, replications: request.replications, seeds };
  if (request.parameters.length === 1 && request.goal.constraints.length > 0) {
    return { method: 'bisection', evaluated: await bisectBoundary(request.parameters[0], request.goal, evaluate, options), runs };
  }
  const evaluated = await successiveHalving(request.parameters, request.goal, evaluate, options);
  return { method: 'successive halving', evaluated, runs };
}
