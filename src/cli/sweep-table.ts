import { displayScale, headlineOf } from '../reports/figures.js';
import type { SweepSummary } from '../sweep/aggregate.js';

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** The console table of a sweep: a row per point; with replications, mean ± half the 95% interval. */
export function sweepTable(sweep: SweepSummary, outDir: string): string {
  const headline = headlineOf(sweep.points);
  const header = ['point', ...headline.map(([, label]) => label)];
  const rows = sweep.points.map((p) => [
    p.label,
    ...headline.map(([key]) => {
      const e = p.figures[key];
      if (!e) return '-';
      const { factor, unit } = displayScale(key);
      const mean = fmt(e.mean * factor) + unit;
      return e.low === null || e.high === null ? mean : `${mean} ± ${fmt(((e.high - e.low) / 2) * factor)}${unit}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const reps = sweep.seeds.length;
  const note = reps > 1 ? `${reps} replications per point (seeds ${sweep.seeds[0]}..${sweep.seeds[reps - 1]}); ± is half the 95% confidence interval` : `seed ${sweep.seeds[0]}`;
  return [`sweep ${sweep.scenario.name}: ${sweep.points.length} points, ${note}`, line(header), ...rows.map(line), `output  ${outDir}`].join('\n') + '\n';
}
