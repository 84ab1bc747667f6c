import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepSummary } from '../sweep/aggregate.js';
import { sweepCharts } from './charts/sweep-charts.js';
import { CHARTS_DIR, renderCharts } from './charts/render.js';
import { displayScale, headlineOf } from './figures.js';
import { escapeHtml, figures, fmt, page, section, table } from './html.js';
import { REPORT_FILE } from './run-report.js';

/** Writes report.html for a sweep (and its charts, unless `charts` is false) into `dir`. */
export async function writeSweepReport(dir: string, sweep: SweepSummary, charts: boolean): Promise<void> {
  const rendered = charts ? await renderCharts(sweepCharts(sweep), dir) : [];
  const reps = sweep.seeds.length;
  const cell = (key: string, p: SweepSummary['points'][number]): string => {
    const e = p.figures[key];
    if (!e) return '–';
    const { factor, unit } = displayScale(key);
    const mean = `${fmt(e.mean * factor)}${unit}`;
    return e.low === null || e.high === null ? mean : `${mean} <small>[${fmt(e.low * factor)}, ${fmt(e.high * factor)}]</small>`;
  };
  const headline = headlineOf(sweep.points);
  const rows = sweep.points.map((p) => {
    const runs = p.runs.map((r) => `<a href="${escapeHtml(r.dir)}/${REPORT_FILE}">${reps > 1 ? `seed ${r.seed}` : 'report'}</a>`).join(' ');
    return [escapeHtml(p.label), ...headline.map(([key]) => cell(key, p)), runs];
  });
  const note =
    reps > 1
      ? `${reps} replications per point, seeds ${sweep.seeds[0]} to ${sweep.seeds[reps - 1]} (the same seeds at every point); brackets are 95% confidence intervals of the mean (Student t).`
      : `One run per point, seed ${sweep.seeds[0]}.`;
  const html = page(`matchsim sweep: ${sweep.scenario.name}`, `${sweep.points.length} points over ${sweep.parameters.join(', ') || 'replications only'} · ${note}`, [
    section('Points', table(['point', ...headline.map(([, label]) => label), 'runs'], rows)),
    section('Charts', figures(rendered, CHARTS_DIR)),
    section('Scenario (resolved)', `<pre>${escapeHtml(JSON.stringify(sweep.scenario, null, 2))}</pre>`),
  ]);
  writeFileSync(join(dir, REPORT_FILE), html);
}
