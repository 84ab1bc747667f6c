import { breakdownGroups, GROUP_MEASURES } from '../reports/breakdown.js';
import { safeCsv } from '../reports/csv-safety.js';
import { figuresOfRuns, figureValue } from '../reports/figures.js';
import type { Summary } from '../reports/summary.js';
import type { SweepPlan } from './plan.js';
import { valueText } from '../scenarios/sweep-value.js';

export const RUNS_FILE = 'runs.csv';

/**
 * runs.csv: one row per run of a sweep, in task order: its point (number and
 * label), the point's swept fields, its seed and directory, every figure of
 * its summary, and every group of its breakdowns, a column per group and
 * measure (`party_size.2.wait_p95`, `score_band.10.wait_p95`): what an
 * analysis of a sweep reads without joining one breakdown.csv per run.
 * Breakdown columns are those any run has, in the order first met; a run
 * without the group has them empty.
 */
export function runsCsv(plan: SweepPlan, summaries: readonly Summary[]): string {
  const columns: string[] = [];
  const seen = new Set<string>();
  const cells = summaries.map((summary) => {
    const row = new Map<string, number | null>();
    for (const g of breakdownGroups(summary)) {
      for (const [measure, field] of GROUP_MEASURES) {
        const column = `${g.key}.${g.column}.${measure}`;
        if (!seen.has(column)) {
          seen.add(column);
          columns.push(column);
        }
        row.set(column, g.figures[field] as number | null);
      }
    }
    return row;
  });
  const figures = figuresOfRuns(summaries).filter((f) => !f.optional || summaries.some((s) => figureValue(s, f.key) !== null));
  const header = ['point', 'label', ...plan.parameters, 'seed', 'dir', ...figures.map((f) => f.key), ...columns];
  const rows = plan.tasks.map((task, i) => {
    const point = plan.points[task.point];
    const value = (path: string) => {
      const v = point.params.find((p) => p.path === path)?.value;
      return v === undefined ? null : typeof v === 'object' ? valueText(v) : v;
    };
    return [point.index + 1, point.label, ...plan.parameters.map(value), task.seed, task.dir, ...figures.map((f) => figureValue(summaries[i], f.key)), ...columns.map((c) => cells[i].get(c) ?? null)];
  });
  return safeCsv([header, ...rows]);
}
