import { mean } from 'simple-statistics';
import { InputError } from '../errors.js';
import { figureOf, figureValue } from '../reports/figures.js';
import type { Summary } from '../reports/summary.js';
import { runScenarioSummary } from '../run.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { resolveScenario } from '../scenarios/load.js';
import { applyOverrides, type Override } from '../scenarios/overrides.js';
import type { ScenarioTrust } from '../scenarios/scenario-files.js';
import type { TaskThreads } from '../sweep/task-pool.js';
import { boundaryOrSearch, successiveHalving, type Candidate, type Evaluated, type Evaluate, type Goal, type Parameter } from './search.js';

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
  /** Threads for the runs; 0 runs them one after another on this thread. The answer is the same either way. */
  readonly workers: number;
  /** Told after each batch of runs: the batch (a round of the search), runs spent of the budget, and the best candidate so far. */
  readonly progress?: (p: TuneProgress) => void;
}

/** How far a search is: for a progress line, never for a result. */
export interface TuneProgress {
  readonly round: number;
  readonly runs: number;
  readonly budget: number;
  /** The best candidate so far that meets every constraint by its mean (undefined before one does), and its objective's mean. */
  readonly best?: { readonly candidate: Candidate; readonly objective: number };
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

/** Checks that every figure of the goal names something a summary has, on a run of the scenario as it is. */
function checkFigures(goal: Goal, summary: Summary): void {
  for (const figure of figuresOf(goal)) {
    if (figureOf(figure) === undefined && figureValue(summary, figure) === null) {
      throw new InputError('--minimize/--maximize/--subject-to', undefined, `${figure}: not a figure of summary.json (e.g. wait.p95, spread.mean, breakdowns.scoreBands.0.waitP95)`);
    }
  }
}

/** The runs of candidates at seeds, one after another on this thread. */
async function inProcess(request: TuneRequest, candidates: readonly Candidate[], seeds: readonly number[]): Promise<Summary[]> {
  const summaries: Summary[] = [];
  for (const candidate of candidates) for (const seed of seeds) summaries.push(await runScenarioSummary(await loadAt(request, candidate, seed)));
  return summaries;
}

/** The runs of candidates at seeds on the tuning's threads, each candidate resolved once here; summaries in the same order as inProcess. */
async function onThreads(request: TuneRequest, threads: TaskThreads, candidates: readonly Candidate[], seeds: readonly number[]): Promise<Summary[]> {
  const inputs = candidates.flatMap((candidate) => {
    const { document, overrides } = documentAt(request, candidate, request.seed);
    const { scenario, expectedPlayers } = resolveScenario(request.file, document, overrides, request.trust);
    return seeds.map((seed) => ({ file: request.file, trust: request.trust.trust, resolved: { scenario, expectedPlayers }, seed, charts: false }));
  });
  return threads.run(inputs, undefined, () => 'a tuning run');
}

/** The scenario document at a candidate and a seed, with the overrides that made it (for messages). */
function documentAt(request: TuneRequest, candidate: Candidate, seed: number): { document: unknown; overrides: Override[] } {
  // A candidate's value is the tuner's, within the range of its --param: an error names both.
  const overrides: Override[] = [...candidate].map(([path, value]) => ({ option: `the tuner's candidate ${path}=${value} (in the range of --param ${path})`, path: path.split('.'), value }));
  return { document: applyOverrides({ ...request.document, seed }, overrides), overrides };
}

/** The scenario at a candidate and a seed, resolved and ready to run. */
async function loadAt(request: TuneRequest, candidate: Candidate, seed: number) {
  const { document, overrides } = documentAt(request, candidate, seed);
  return loadMatcherModule(resolveScenario(request.file, document, overrides, request.trust));
}

/**
 * Searches the parameters for the best objective whose constraints are met
 * by their whole 95% interval. One parameter with constraints: its boundary,
 * by bracketing and bisection, or successive halving over its range where
 * neither end is feasible (boundaryOrSearch); otherwise successive halving. Every candidate
 * runs at the same seeds (common random numbers), so the answer is the same
 * for the same request.
 */
export async function tune(request: TuneRequest): Promise<TuneResult> {
  const figures = figuresOf(request.goal);
  // One run of the scenario as it is, to check that every figure named is one its summary has: counted with the rest.
  checkFigures(request.goal, await runScenarioSummary(await loadAt(request, new Map(), request.seed)));
  let runs = 1;
  // One set of threads for the whole search: a round's runs are few, and threads are slow to start.
  const threads = request.workers > 0 ? new (await import('../sweep/task-pool.js')).TaskThreads(request.workers) : undefined;
  let round = 0;
  let best: TuneProgress['best'];
  const evaluate: Evaluate = async (candidates, seeds) => {
    // Every run of the batch, candidate by candidate and seed by seed: on threads they run side by side, and come back in this order.
    const summaries = threads !== undefined ? await onThreads(request, threads, candidates, seeds) : await inProcess(request, candidates, seeds);
    runs += summaries.length;
    const batch = candidates.map((_, c) => {
      const mine = summaries.slice(c * seeds.length, (c + 1) * seeds.length);
      return new Map<string, ReadonlyArray<number | null>>(figures.map((f) => [f, mine.map((summary) => figureValue(summary, f))]));
    });
    if (request.progress) {
      best = bestByMeans(request.goal, candidates, batch, best);
      request.progress({ round: ++round, runs, budget: request.budget, ...(best ? { best } : {}) });
    }
    return batch;
  };
  const seeds = (count: number) => Array.from({ length: count }, (_, i) => request.seed + i);
  try {
    const { method, evaluated } = await search(request, evaluate, seeds);
    return { method, evaluated, runs };
  } finally {
    await threads?.close();
  }
}

/** The better of `best` and the batch's candidates whose constraints hold by their means: a progress line's "best so far", not the answer (which needs whole intervals). */
function bestByMeans(goal: Goal, candidates: readonly Candidate[], batch: ReadonlyArray<ReadonlyMap<string, ReadonlyArray<number | null>>>, best: TuneProgress['best']): TuneProgress['best'] {
  const meanOf = (values: ReadonlyArray<number | null> | undefined) => {
    const xs = (values ?? []).filter((x): x is number => x !== null);
    return xs.length > 0 ? mean(xs) : null;
  };
  const sign = goal.objective.direction === 'minimize' ? 1 : -1;
  batch.forEach((figures, i) => {
    const objective = meanOf(figures.get(goal.objective.figure));
    const holds = goal.constraints.every((c) => {
      const m = meanOf(figures.get(c.figure));
      return m !== null && (c.op === '<=' ? m <= c.limit : m >= c.limit);
    });
    if (objective !== null && holds && (best === undefined || sign * objective < sign * best.objective)) best = { candidate: candidates[i], objective };
  });
  return best;
}

/** The search for a request: one parameter with constraints, its boundary where its range brackets one (boundaryOrSearch); otherwise successive halving. */
async function search(request: TuneRequest, evaluate: Evaluate, seeds: (count: number) => readonly number[]): Promise<Omit<TuneResult, 'runs'>> {
  // The check run is part of the budget.
  const options = { budget: request.budget - 1, replications: request.replications, seeds };
  if (request.parameters.length === 1 && request.goal.constraints.length > 0) {
    return boundaryOrSearch(request.parameters[0], request.goal, evaluate, options);
  }
  return { method: 'successive halving', evaluated: await successiveHalving(request.parameters, request.goal, evaluate, options) };
}
