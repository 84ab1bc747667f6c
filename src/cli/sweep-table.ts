import type { SweepSummary } from '../sweep/aggregate.js';

const COLUMNS: ReadonlyArray<[string, string]> = [
  ['wait.p50', 'wait p50'],
  ['wait.p95', 'wait p95'],
  ['wait.p99', 'wait p99'],
  ['spread.mean', 'spread mean'],
  ['spread.p95', 'spread p95'],
  ['throughput.roomsPerMinute', 'rooms/min'],
  ['players.matchedShare', 'matched'],
];

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** The console table of a sweep: a row per point; with replications, mean ± half the 95% interval. */
export function sweepTable(sweep: SweepSummary, outDir: string): string {
  const header = ['point', ...COLUMNS.map(([, label]) => label)];
  const rows = sweep.points.map((p) => [
    p.label,
    ...COLUMNS.map(([key]) => {
      const e = p.figures[key];
      if (!e) return '-';
      // A share reads better as a percentage.
      const scale = key === 'players.matchedShare' ? 100 : 1;
      const unit = scale === 100 ? '%' : '';
      const mean = fmt(e.mean * scale) + unit;
      return e.low === null || e.high === null ? mean : `${mean} ± ${fmt(((e.high - e.low) / 2) * scale)}${unit}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const reps = sweep.seeds.length;
  const note = reps > 1 ? `${reps} replications per point (seeds ${sweep.seeds[0]}..${sweep.seeds[reps - 1]}); ± is half the 95% confidence interval` : `seed ${sweep.seeds[0]}`;
  return [`sweep ${sweep.scenario.name}: ${sweep.points.length} points, ${note}`, line(header), ...rows.map(line), `output  ${outDir}`].join('\n') + '\n';
}
