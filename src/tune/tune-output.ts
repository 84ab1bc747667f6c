import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Estimate } from '../reports/confidence.js';
import { safeCsv } from '../reports/csv-safety.js';
import { round6OrNull } from '../reports/numbers.js';
import { printable } from '../reports/console-text.js';
import { applyOverrides } from '../scenarios/overrides.js';
import { rebasePaths } from '../scenarios/rebase-paths.js';
import { MATCHSIM_VERSION } from '../version.js';
import { better, meets, positionOf, type Evaluated } from './search.js';
import type { TuneRequest, TuneResult } from './tune.js';

export const TUNE_FILES = { table: 'tune.csv', summary: 'tune.json', scenario: 'tuned.json' } as const;

const r6 = round6OrNull;
const interval = (e: Estimate | null | undefined) => (e ? { mean: r6(e.mean), low: r6(e.low), high: r6(e.high), n: e.n } : null);

/** User paths as keys of an object that has no prototype to reach. */
function settingsOf(e: Evaluated): Record<string, number> {
  const settings = Object.create(null) as Record<string, number>;
  for (const [path, value] of e.candidate) settings[path] = value;
  return settings;
}

/** How each method reaches its answer, as tune.json and the report say it. */
const HOW: Record<TuneResult['method'], string> = {
  bisection: "the constraint's boundary, bracketed between the range's ends and bisected along the scale",
  'successive halving': 'successive halving over a Halton design, then a local search along the active constraint from its answer, confirmed at the answer\'s replications',
};

/** How near a candidate must lie to the answer, along every parameter's scale, to count as its neighbour. */
const NEIGHBOURHOOD = 0.1;

/**
 * The best other candidate tried near the answer (within NEIGHBOURHOOD of
 * it along every scale): how much better a neighbour could still be, by its
 * interval. Null where none was tried near it.
 */
function bestNeighbour(request: TuneRequest, result: TuneResult) {
  const [answer, ...rest] = result.evaluated;
  // Other settings only: the answer itself may have run again at other replications (the local search's centre).
  const same = (e: Evaluated) => request.parameters.every((p) => e.candidate.get(p.path) === answer.candidate.get(p.path));
  const close = rest.filter((e) => !same(e) && request.parameters.every((p) => Math.abs(positionOf(p, e.candidate.get(p.path) as number) - positionOf(p, answer.candidate.get(p.path) as number)) <= NEIGHBOURHOOD));
  const [best] = close.sort(better(request.goal));
  if (best === undefined) return null;
  return { settings: settingsOf(best), feasible: best.feasible, replications: best.seeds.length, objective: interval(best.figures.get(request.goal.objective.figure)) };
}

/** One tuning's answer: the chosen settings, its objective and constraints with their intervals, and what it cost. */
function answerOf(request: TuneRequest, result: TuneResult) {
  const best = result.evaluated[0];
  const { objective, constraints } = request.goal;
  return {
    method: result.method,
    how: HOW[result.method],
    neighbour: bestNeighbour(request, result),
    runs: result.runs,
    replications: best.seeds.length,
    seeds: best.seeds,
    objective: { figure: objective.figure, direction: objective.direction, estimate: interval(best.figures.get(objective.figure)) },
    constraints: constraints.map((c) => ({ ...c, estimate: interval(best.figures.get(c.figure)), met: meets(best.figures.get(c.figure) ?? null, c) })),
    best: { settings: settingsOf(best), feasible: best.feasible },
    evaluated: result.evaluated.length,
  };
}

/** A condition the scenario was tuned at (--across), and what tuning found there. */
export interface TuneOutcome {
  /** The condition's fields and values, as --across gave them; absent without --across. */
  readonly condition?: ReadonlyArray<readonly [path: string, value: unknown]>;
  readonly request: TuneRequest;
  readonly result: TuneResult;
}

/** "arrivals.rate=2, tick=0.5": a condition as --across gave it. */
export const conditionLabel = (condition: TuneOutcome['condition']) => (condition ?? []).map(([path, value]) => `${path}=${String(value)}`).join(', ');

/** The scenario file each outcome's answer is written to. */
function tunedFile(outcomes: readonly TuneOutcome[], k: number): string {
  return outcomes.length === 1 && outcomes[0].condition === undefined ? TUNE_FILES.scenario : `tuned-${k + 1}.json`;
}

/** tune.json: the answer (by condition with --across), its figures with their intervals, and how it was found. */
export function tuneSummary(outcomes: readonly TuneOutcome[]) {
  const [first] = outcomes;
  // feasible: every condition has a setting that met every constraint; only those get a tuned file.
  const feasible = outcomes.every((o) => o.result.evaluated[0].feasible);
  const head = { matchsim: { tuneVersion: 1, version: MATCHSIM_VERSION }, scenario: first.request.file, budget: first.request.budget, parameters: first.request.parameters, feasible };
  const tuned = (o: TuneOutcome, k: number) => (o.result.evaluated[0].feasible ? tunedFile(outcomes, k) : null);
  if (first.condition === undefined) return { ...head, ...answerOf(first.request, first.result), tuned: tuned(first, 0) };
  return {
    ...head,
    byCondition: outcomes.map((o, k) => {
      const condition = Object.create(null) as Record<string, unknown>;
      for (const [path, value] of o.condition ?? []) condition[path] = value;
      return { condition, ...answerOf(o.request, o.result), tuned: tuned(o, k) };
    }),
  };
}

/**
 * What an infeasible tuning missed, in one line: the closest candidate of the
 * first condition that met nothing, and by how much each constraint it
 * breaks is missed (its 95% interval's far end against the limit).
 */
export function infeasibleText(summary: TuneSummary): string | undefined {
  const answers = 'byCondition' in summary ? summary.byCondition : [summary];
  const missed = answers.find((a) => !a.best.feasible);
  if (missed === undefined) return undefined;
  const where = 'condition' in missed ? ` at ${conditionLabel(Object.entries(missed.condition as Record<string, unknown>))}` : '';
  const misses = missed.constraints
    .filter((c) => !c.met)
    .map((c) => {
      const e = c.estimate;
      const far = e === null ? null : c.op === '<=' ? (e.high ?? e.mean) : (e.low ?? e.mean);
      return far === null ? `${c.figure} ${c.op} ${c.limit}: no value` : `${c.figure} ${c.op} ${c.limit} by ${round6OrNull(Math.abs(far - c.limit))} (its 95% interval reaches ${far})`;
    });
  const more = answers.filter((a) => !a.best.feasible).length - 1;
  return `no setting met every constraint${where}: the closest, ${settingsText(missed)}, misses ${misses.join('; ')}${more > 0 ? ` (and ${more} more condition${more > 1 ? 's' : ''})` : ''}; no tuned scenario written`;
}

export type TuneSummary = ReturnType<typeof tuneSummary>;

/** tune.csv: every evaluated candidate (by condition with --across), in the order of the search, with each figure's mean and interval. */
export function tuneCsv(outcomes: readonly TuneOutcome[]): string {
  const { request } = outcomes[0];
  const across = outcomes[0].condition !== undefined;
  const figures = [request.goal.objective.figure, ...request.goal.constraints.map((c) => c.figure)].filter((f, i, all) => all.indexOf(f) === i);
  const header = [...(across ? ['condition'] : []), 'round', ...request.parameters.map((p) => p.path), 'replications', ...figures.flatMap((f) => [f, `${f}_low`, `${f}_high`]), 'feasible', 'chosen'];
  const rows = outcomes.flatMap(({ condition, result }) => {
    const chosen = result.evaluated[0];
    return [...result.evaluated]
      .sort((a, b) => a.round - b.round)
      .map((e) => [
        ...(across ? [conditionLabel(condition)] : []),
        e.round,
        ...request.parameters.map((p) => e.candidate.get(p.path) ?? null),
        e.seeds.length,
        ...figures.flatMap((f) => {
          const est = e.figures.get(f);
          return [r6(est?.mean), r6(est?.low), r6(est?.high)];
        }),
        e.feasible ? 'yes' : 'no',
        e === chosen ? 'yes' : 'no',
      ]);
  });
  return safeCsv([header, ...rows]);
}

/**
 * Writes tune.csv, tune.json and the scenario with each answer filled in
 * (tuned.json, or tuned-K.json by condition) into `dir`, which becomes
 * `finalDir` (an atomic write's temporary directory): the tuned files'
 * paths resolve from there.
 */
export function writeTuneFiles(dir: string, outcomes: readonly TuneOutcome[], finalDir = dir): TuneSummary {
  const summary = tuneSummary(outcomes);
  writeFileSync(join(dir, TUNE_FILES.table), tuneCsv(outcomes));
  writeFileSync(join(dir, TUNE_FILES.summary), JSON.stringify(summary, null, 2) + '\n');
  outcomes.forEach(({ request, result }, k) => {
    // A setting that met nothing is no answer to run: tune.json says where it fell short.
    if (!result.evaluated[0].feasible) return;
    const overrides = [...result.evaluated[0].candidate].map(([path, value]) => ({ option: `--param ${path}`, path: path.split('.'), value }));
    const tuned = rebasePaths(applyOverrides(request.document, overrides) as Record<string, unknown>, request.file, finalDir);
    writeFileSync(join(dir, tunedFile(outcomes, k)), JSON.stringify(tuned, null, 2) + '\n');
  });
  return summary;
}

type Answer = ReturnType<typeof answerOf>;
const fmt = (e: Answer['objective']['estimate']) => (e === null ? '-' : `${e.mean}${e.low !== null ? ` [${e.low}, ${e.high}]` : ''}`);
/** "matcher.windowGrowth=40 tick=0.5": an answer's best settings, as --set takes them. */
export const settingsText = (a: Pick<Answer, 'best'>) => Object.entries(a.best.settings).map(([path, value]) => `${path}=${value}`).join(' ');

/** The answer in a few lines (a line per condition with --across), for the terminal. */
export function tuneText(summary: TuneSummary, outDir: string): string {
  if ('byCondition' in summary) {
    const rows = summary.byCondition.map((a) => {
      const where = conditionLabel(Object.entries(a.condition));
      const limits = a.constraints.map((c) => `${c.figure} ${fmt(c.estimate)}${c.met ? '' : ' NOT met'}`).join('; ');
      return `${where}: ${a.best.feasible ? '' : 'nothing met every constraint; nearest '}${settingsText(a)}  ${a.objective.figure} ${fmt(a.objective.estimate)}${limits ? `; ${limits}` : ''}`;
    });
    const runs = summary.byCondition.reduce((n, a) => n + a.runs, 0);
    return [...rows.map(printable), `search   ${summary.byCondition[0].method} at each condition, ${runs} runs`, `output   ${outDir}`].join('\n') + '\n';
  }
  const lines = [
    summary.best.feasible ? `best     ${settingsText(summary)}` : `no setting met every constraint; the nearest: ${settingsText(summary)}`,
    `${summary.objective.direction === 'minimize' ? 'minimum ' : 'maximum '} ${summary.objective.figure} ${fmt(summary.objective.estimate)}`,
    ...summary.constraints.map((c) => `subject  ${c.figure} ${c.op} ${c.limit}: ${fmt(c.estimate)} ${c.met ? 'met (by its 95% interval)' : 'NOT met'}`),
    `search   ${summary.method}, ${summary.evaluated} candidates, ${summary.runs} runs of ${summary.budget}, ${summary.replications} replications at the answer`,
    `output   ${outDir}`,
  ];
  return lines.map(printable).join('\n') + '\n';
}
