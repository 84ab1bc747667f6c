import { displayScale, LEAST_NEEDED, shownHeadline } from '../reports/figures.js';
import type { PointResult, SweepSummary } from '../sweep/aggregate.js';
import { valueText } from '../scenarios/sweep-value.js';
import { printable } from '../reports/console-text.js';

const fmt = (x: number) => String(Math.round(x * 100) / 100);

/** A terminal is this wide at the least; the files hold every figure in full. */
export const TABLE_WIDTH = 120;


function cellOf(point: PointResult, key: string): string {
  const e = point.figures[key];
  if (!e) return '-';
  const { factor, unit } = displayScale(key);
  const mean = fmt(e.mean * factor) + unit;
  return e.low === null || e.high === null ? mean : `${mean} ± ${fmt(((e.high - e.low) / 2) * factor)}${unit}`;
}

/**
 * The console table of a sweep: a row per point; with replications, mean ±
 * half the 95% interval. The swept parameters head the first column, and
 * each row holds their values; columns that are 0 everywhere are left out,
 * then the least needed ones until the table fits TABLE_WIDTH (sweep.csv
 * has them all). Replications of a single run are said to be just that.
 */
export function sweepTable(sweep: SweepSummary, outDir: string): string {
  const params = sweep.parameters;
  const firstHeader = params.length > 0 ? printable(params.join(', ')) : 'runs';
  const labelOf = (p: PointResult) => (params.length > 0 ? printable(params.map((k) => valueText(p.params[k])).join(', ')) : `${p.runs.length} runs`);
  let columns = shownHeadline(sweep.points);
  const omitted: string[] = [];
  const render = () => {
    const header = [firstHeader, ...columns.map(([, label]) => label)];
    const rows = sweep.points.map((p) => [labelOf(p), ...columns.map(([key]) => cellOf(p, key))]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    return { lines: [line(header), ...rows.map(line)], width: widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) };
  };
  let table = render();
  for (const key of LEAST_NEEDED) {
    if (table.width <= TABLE_WIDTH) break;
    const at = columns.findIndex(([k]) => k === key);
    if (at < 0) continue;
    omitted.push(columns[at][1]);
    columns = columns.filter((_, i) => i !== at);
    table = render();
  }
  const reps = sweep.seeds.length;
  const seeds = reps > 1 ? `seeds ${sweep.seeds[0]}..${sweep.seeds[reps - 1]}; ± is half the 95% confidence interval` : `seed ${sweep.seeds[0]}`;
  const title =
    params.length === 0
      ? `${sweep.scenario.name}: ${reps} replications of one run (${seeds})`
      : `sweep ${sweep.scenario.name}: ${sweep.points.length} points${reps > 1 ? `, ${reps} replications each` : ''} (${seeds})`;
  const more = omitted.length > 0 ? [`(${omitted.join(', ')}: in sweep.csv)`] : [];
  return [title, ...table.lines, ...more, `output  ${outDir}`].join('\n') + '\n';
}
