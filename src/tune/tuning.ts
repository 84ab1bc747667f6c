import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { tunableParameters } from '../algorithms/registry.js';
import { InputError } from '../errors.js';
import { printable } from '../reports/console-text.js';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { resolveScenario } from '../scenarios/load.js';
import { applyOverrides, type Override } from '../scenarios/overrides.js';
import type { ScenarioTrust } from '../scenarios/scenario-files.js';
import { MAX_SWEEP_RUNS } from '../scenarios/schema.js';
import type { Shard } from '../sweep/shard-spec.js';
import { defaultBudget, MAX_BUDGET, MAX_PARAMETERS, TUNE_THREADED_PLAYERS } from './parse.js';
import type { Constraint, Parameter } from './search.js';
import { tune, type TuneProgress, type TuneRequest } from './tune.js';
import type { TuneOutcome, TuneSummary } from './tune-output.js';

/** What a tuning is asked, as the command line gives it. */
export interface TuningAsked {
  readonly file: string;
  /** The scenario document with --set and --unset applied (`sets`). */
  readonly document: Record<string, unknown>;
  readonly sets: readonly Override[];
  readonly trust: ScenarioTrust;
  readonly minimize?: string;
  readonly maximize?: string;
  readonly constraints?: readonly Constraint[];
  /** None: the parameters the algorithm registry declares tunable for the matcher. */
  readonly parameters?: readonly Parameter[];
  readonly budget?: number;
  readonly replications?: number;
  readonly seed?: number;
  readonly workers?: number;
  readonly across?: ReadonlyArray<{ readonly path: string; readonly values: readonly unknown[] }>;
}

export type Condition = Array<readonly [string, unknown]>;
type PlannedRequest = Omit<TuneRequest, 'progress'> & { readonly document: Record<string, unknown> };

/** A tuning checked and laid out before any run: its search and the conditions it runs at. */
export interface TuningPlan {
  readonly name: string;
  readonly request: PlannedRequest;
  /** The parameters came from the registry (none were given). */
  readonly defaultParameters: boolean;
  /** With --across: one per condition (the cartesian product of the fields given); without, one with no condition. */
  readonly conditions: ReadonlyArray<{ readonly condition: Condition; readonly request: PlannedRequest }>;
  readonly across: boolean;
}

/** Checks a tuning and lays it out: every condition, and each parameter at both ends of its range, is resolved here, so that a bad value is an error naming its option before any run. */
export function planTuning(asked: TuningAsked): TuningPlan {
  const { file, sets, trust } = asked;
  if ((asked.minimize === undefined) === (asked.maximize === undefined)) throw new InputError('--minimize/--maximize', undefined, 'give exactly one objective: --minimize FIGURE or --maximize FIGURE');
  // A tuning searches one scenario: a sweep's points would each want their own answer, which is what --across gives.
  const swept = asked.document.sweep;
  if (typeof swept === 'object' && swept !== null && Object.keys(swept).length > 0) {
    const across = Object.entries(swept as Record<string, unknown>).map(([path, values]) => `--across ${path}=${Array.isArray(values) ? values.map(String).join(',') : '...'}`);
    throw new InputError(file, 'sweep', `a tuning tunes one scenario, and this one is a sweep: tune at each of its points with ${printable(across.join(' ')).slice(0, 200)}, or tune its base point with --unset sweep`);
  }
  // Replications are the tuning's own (--replications).
  const { sweep: _sweep, replications: _replications, ...document } = asked.document;
  const loaded = resolveScenario(file, document, sets, trust);
  // No --param: what the registry declares tunable for this matcher (its window, the algorithm's own, the retry delay).
  const parameters = asked.parameters ?? tunableParameters(loaded.scenario.matcher, (document.matcher ?? {}) as { windowGrowth?: unknown; algorithm?: unknown });
  const replications = asked.replications ?? 5;
  // Both ends of a range at least, and the run that checks the figures.
  const budget = asked.budget ?? defaultBudget(parameters.length);
  if (budget < 2 * replications + 1) {
    throw new InputError('--budget', undefined, `${budget} runs cannot try two settings at ${replications} replications each: give at least ${2 * replications + 1}, or fewer --replications`);
  }
  const request: PlannedRequest = {
    file,
    document,
    trust,
    goal: {
      objective: asked.minimize !== undefined ? { figure: asked.minimize, direction: 'minimize' } : { figure: asked.maximize as string, direction: 'maximize' },
      constraints: asked.constraints ?? [],
    },
    parameters,
    budget,
    replications,
    seed: asked.seed ?? loaded.scenario.seed,
    // Threads pay for their start-up only when runs are long.
    workers: asked.workers ?? (loaded.expectedPlayers < TUNE_THREADED_PLAYERS ? 0 : availableParallelism()),
  };
  for (const { path } of asked.across ?? []) {
    const searched = parameters.find((p) => p.path === path || p.path.startsWith(`${path}.`) || path.startsWith(`${p.path}.`));
    if (searched !== undefined) throw new InputError(`--across ${path}`, undefined, `${searched.path} is also searched (--param): a field is either a condition or a parameter of one tuning`);
  }
  if (parameters.length > MAX_PARAMETERS) throw new InputError('--param', undefined, `${parameters.length} parameters given; a tuning searches at most ${MAX_PARAMETERS}`);
  // Counted from the lists before anything is expanded, as a sweep's runs are.
  const conditionCount = (asked.across ?? []).reduce((n, a) => n * a.values.length, 1);
  if (conditionCount > MAX_SWEEP_RUNS || conditionCount * request.budget > MAX_BUDGET) {
    throw new InputError('--across', undefined, `${conditionCount.toLocaleString('en-US')} conditions at a budget of ${request.budget} runs each is ${(conditionCount * request.budget).toLocaleString('en-US')} runs; a tuning may spend at most ${MAX_BUDGET.toLocaleString('en-US')} runs in all (fewer values, or a smaller --budget)`);
  }
  // --across: the same search at each condition (the cartesian product of the fields given), each on the same seeds.
  let conditions: Condition[] = [[]];
  for (const { path, values } of asked.across ?? []) conditions = conditions.flatMap((c) => values.map((v) => [...c, [path, v] as const]));
  const planned = conditions.map((condition) => {
    const overrides = condition.map(([path, value]) => ({ option: `--across ${path}=${JSON.stringify(value)}`, path: path.split('.'), value }));
    const at = applyOverrides(document, overrides) as Record<string, unknown>;
    resolveScenario(file, at, overrides, trust);
    for (const p of parameters) {
      for (const value of [p.low, p.high]) {
        const end = { option: `--param ${p.path}=${p.low}..${p.high}`, path: p.path.split('.'), value };
        resolveScenario(file, applyOverrides(at, [end]), [end], trust);
      }
    }
    return { condition, request: { ...request, document: at } };
  });
  return { name: loaded.scenario.name, request, defaultParameters: asked.parameters === undefined, conditions: planned, across: asked.across !== undefined };
}

/** How a tuning tells where it is: the condition's label (empty without --across) and the search's progress. */
export type TuningProgress = (where: string, progress: TuneProgress) => void;

/** Tunes each of some conditions of a plan, one after another. */
async function tuneConditions(plan: TuningPlan, mine: TuningPlan['conditions'], progress: TuningProgress): Promise<TuneOutcome[]> {
  const outcomes: TuneOutcome[] = [];
  for (const { condition, request } of mine) {
    const where = plan.across ? printable(condition.map(([path, value]) => `${path}=${String(value)}`).join(', ')) : '';
    outcomes.push({ ...(plan.across ? { condition } : {}), request, result: await tune({ ...request, progress: (p) => progress(where, p) }) });
  }
  return outcomes;
}

/** The default directory of a tuning's results (or of one shard's). */
export function tuningDirectory(plan: TuningPlan, shard?: Shard): string {
  return shard === undefined ? join('results', `${plan.name}.tune`) : join('results', `${plan.name}.tune.shard-${shard.index}-of-${shard.of}`);
}

/** Tunes every condition and writes tune.csv, tune.json, tuned.json and report.html into `outDir`, atomically; returns tune.json's summary. */
export async function tuneToDirectory(plan: TuningPlan, outDir: string, charts: boolean, progress: TuningProgress): Promise<TuneSummary> {
  const [{ writeTuneFiles }, { writeTuneReport }] = await Promise.all([import('./tune-output.js'), import('./tune-report.js')]);
  return writeDirectoryAtomically(outDir, async (dir) => {
    const outcomes = await tuneConditions(plan, plan.conditions, progress);
    const written = writeTuneFiles(dir, outcomes, outDir);
    await writeTuneReport(dir, outcomes, written, charts);
    return written;
  });
}

/** Tunes one shard's slice of the conditions and writes it for matchsim merge; returns how many conditions it tuned. */
export async function tuneShardToDirectory(plan: TuningPlan, shard: Shard, outDir: string, charts: boolean, progress: TuningProgress): Promise<number> {
  const { shardConditions, writeTuneShard } = await import('./tune-shards.js');
  const mine = shardConditions(plan.conditions.map((r, index) => ({ ...r, index })), shard);
  const outcomes = await tuneConditions(plan, mine, progress);
  await writeTuneShard(outDir, shard, charts, plan.conditions.map((r) => (plan.across ? r.condition : undefined)), mine.map((r) => r.index), outcomes);
  return mine.length;
}
