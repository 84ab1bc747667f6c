import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Estimate } from '../reports/confidence.js';
import { neutraliseFormula } from '../reports/csv-safety.js';
import { round6 } from '../reports/numbers.js';
import { applyOverrides } from '../scenarios/overrides.js';
import { meets, type Evaluated } from './search.js';
import type { TuneRequest, TuneResult } from './tune.js';

export const TUNE_FILES = { table: 'tune.csv', summary: 'tune.json', scenario: 'tuned.json' } as const;

const r6 = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : round6(x));
const interval = (e: Estimate | null | undefined) => (e ? { mean: r6(e.mean), low: r6(e.low), high: r6(e.high), n: e.n } : null);

/** User paths as keys of an object that has no prototype to reach. */
function settingsOf(e: Evaluated): Record<string, number> {
  const settings = Object.create(null) as Record<string, number>;
  for (const [path, value] of e.candidate) settings[path] = value;
  return settings;
}

/** tune.json: the answer, its figures with their intervals, and how it was found. */
export function tuneSummary(request: TuneRequest, result: TuneResult) {
  const best = result.evaluated[0];
  const { objective, constraints } = request.goal;
  return {
    matchsim: { tuneVersion: 1 },
    scenario: request.file,
    method: result.method,
    budget: request.budget,
    runs: result.runs,
    replications: best.seeds.length,
    seeds: best.seeds,
    parameters: request.parameters,
    objective: { figure: objective.figure, direction: objective.direction, estimate: interval(best.figures.get(objective.figure)) },
    constraints: constraints.map((c) => ({ ...c, estimate: interval(best.figures.get(c.figure)), met: meets(best.figures.get(c.figure) ?? null, c) })),
    best: { settings: settingsOf(best), feasible: best.feasible },
    evaluated: result.evaluated.length,
  };
}

/** tune.csv: every evaluated candidate, in the order of the search, with each figure's mean and interval. */
export function tuneCsv(request: TuneRequest, result: TuneResult): string {
  const figures = [request.goal.objective.figure, ...request.goal.constraints.map((c) => c.figure)].filter((f, i, all) => all.indexOf(f) === i);
  const header = ['round', ...request.parameters.map((p) => neutraliseFormula(p.path)), 'replications', ...figures.flatMap((f) => [f, `${f}_low`, `${f}_high`]), 'feasible', 'chosen'];
  const chosen = result.evaluated[0];
  const rows = [...result.evaluated]
    .sort((a, b) => a.round - b.round)
    .map((e) => [
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
  return stringify([header, ...rows]);
}

/** Writes tune.csv, tune.json and tuned.json (the scenario with the answer filled in) into `dir`. */
export function writeTuneFiles(dir: string, request: TuneRequest, result: TuneResult): ReturnType<typeof tuneSummary> {
  const summary = tuneSummary(request, result);
  writeFileSync(join(dir, TUNE_FILES.table), tuneCsv(request, result));
  writeFileSync(join(dir, TUNE_FILES.summary), JSON.stringify(summary, null, 2) + '\n');
  const best = result.evaluated[0];
  const overrides = [...best.candidate].map(([path, value]) => ({ option: `--param ${path}`, path: path.split('.'), value }));
  writeFileSync(join(dir, TUNE_FILES.scenario), JSON.stringify(applyOverrides(request.document, overrides), null, 2) + '\n');
  return summary;
}

/** The answer in a few lines, for the terminal. */
export function tuneText(summary: ReturnType<typeof tuneSummary>, outDir: string): string {
  const fmt = (e: ReturnType<typeof interval>) => (e === null ? '-' : `${e.mean}${e.low !== null ? ` [${e.low}, ${e.high}]` : ''}`);
  const settings = Object.entries(summary.best.settings).map(([path, value]) => `${path}=${value}`).join(' ');
  const lines = [
    summary.best.feasible ? `best     ${settings}` : `no setting met every constraint; the nearest: ${settings}`,
    `${summary.objective.direction === 'minimize' ? 'minimum ' : 'maximum '} ${summary.objective.figure} ${fmt(summary.objective.estimate)}`,
    ...summary.constraints.map((c) => `subject  ${c.figure} ${c.op} ${c.limit}: ${fmt(c.estimate)} ${c.met ? 'met (by its 95% interval)' : 'NOT met'}`),
    `search   ${summary.method}, ${summary.evaluated} candidates, ${summary.runs} runs of ${summary.budget}, ${summary.replications} replications at the answer`,
    `output   ${outDir}`,
  ];
  return lines.join('\n') + '\n';
}
