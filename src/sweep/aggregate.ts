import { MATCHSIM_VERSION } from '../version.js';
import { CONFIDENCE, estimate } from '../reports/confidence.js';
import { figuresOfPoints, figuresOfRuns, figureValue } from '../reports/figures.js';
import { safeCsv } from '../reports/csv-safety.js';
import { round6 } from '../reports/numbers.js';
import type { Summary } from '../reports/summary.js';
import type { SweepPlan } from './plan.js';
import { valueText, type SweepValue } from '../scenarios/sweep-value.js';
import type { FigureEstimate, PointResult, SweepSummary } from '../reports/sweep-summary.js';

export type { FigureEstimate, PointResult, SweepSummary } from '../reports/sweep-summary.js';

export function aggregateSweep(plan: SweepPlan, summaries: readonly Summary[]): SweepSummary {
  // Every point has the same figures: the catalogue's, and each role any run has (role queues).
  const all = figuresOfRuns(summaries);
  const points = plan.points.map((point): PointResult => {
    const tasks = plan.tasks.filter((t) => t.point === point.index);
    const runs = tasks.map((t) => summaries[t.index]);
    // Keys are figures' (a role's are of its name, a word): a null-prototype object all the same.
    const figures = Object.create(null) as Record<string, FigureEstimate | null>;
    for (const figure of all) {
      const values = runs.map((s) => figureValue(s, figure.key));
      const present = values.filter((v): v is number => v !== null);
      if (present.length === 0) {
        figures[figure.key] = null;
        continue;
      }
      const e = estimate(present, CONFIDENCE, figure.range);
      const r = (x: number | null) => (x === null ? null : round6(x));
      figures[figure.key] = { mean: round6(e.mean), low: r(e.low), high: r(e.high), n: e.n, values };
    }
    return {
      index: point.index,
      label: point.label,
      dir: point.dir,
      params: Object.fromEntries(point.params.map((p) => [p.path, p.value])),
      runs: tasks.map((t) => ({ seed: t.seed, dir: t.dir })),
      figures,
    };
  });
  return { matchsim: { sweepVersion: 1, version: MATCHSIM_VERSION }, scenario: plan.scenario, parameters: plan.parameters, seeds: plan.seeds, confidence: CONFIDENCE, points };
}

/** A cell of a swept value: an object or array as its JSON text. */
const scalarOrJson = (value: SweepValue): string | number | boolean => (typeof value === 'object' ? valueText(value) : value);

/** sweep.csv: one row per point, its parameter values, then each figure's mean and interval. */
export function sweepCsv(sweep: SweepSummary): string {
  const header = ['point', 'label', ...sweep.parameters, 'replications'];
  const figures = figuresOfPoints(sweep.points).filter((f) => !f.optional || sweep.points.some((p) => (p.figures[f.key] ?? null) !== null));
  for (const f of figures) header.push(f.key, `${f.key}_low`, `${f.key}_high`);
  const rows = sweep.points.map((p) => {
    const row: Array<string | number | boolean | null> = [p.index + 1, p.label, ...sweep.parameters.map((k) => scalarOrJson(p.params[k])), p.runs.length];
    for (const f of figures) {
      const e = p.figures[f.key];
      row.push(e?.mean ?? null, e?.low ?? null, e?.high ?? null);
    }
    return row;
  });
  return safeCsv([header, ...rows]);
}
