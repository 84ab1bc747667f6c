import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepSummary } from '../reports/sweep-summary.js';
import { sweepCharts } from './charts/sweep-charts.js';
import { CHARTS_DIR, renderCharts } from '../reports/charts/render.js';
import { displayScale, fittedHeadline, shownHeadline } from '../reports/figures.js';

/** Figure columns in a sweep's table of points, at most: more would not fit the page. */
const MAX_TABLE_FIGURES = 8;
import { escapeHtml, figures, fmt, page, section, table } from '../reports/html.js';
import { REPORT_FILE } from '../reports/run-report.js';
import { SUMMARY_FILE } from '../reports/summary.js';

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
  // A page is 1280 px at most: with more figures than fit, the least needed are left to sweep.csv.
  const headline = fittedHeadline(sweep.points, MAX_TABLE_FIGURES);
  const left = shownHeadline(sweep.points).filter(([key]) => !headline.some(([k]) => k === key)).map(([, label]) => label);
  // Replications of one run (no sweep) are that, not a one-point sweep.
  const swept = sweep.parameters.length > 0;
  const rows = sweep.points.map((p) => {
    // Each run's report by its seed: a compact row of links, however many replications.
    // A run written with --runs summary has its summary.json alone: the link goes there.
    const runs = p.runs.map((r) => `<a href="${escapeHtml(r.dir)}/${existsSync(join(dir, r.dir, REPORT_FILE)) ? REPORT_FILE : SUMMARY_FILE}">${reps > 1 ? r.seed : 'report'}</a>`).join(' ');
    // A long field path (a rule set's expansion step) may break after its dots, not widen the page.
    return [swept ? escapeHtml(p.label).replace(/\.(?=\w)/g, '.<wbr>') : `${p.runs.length} runs`, ...headline.map(([key]) => cell(key, p)), runs];
  });
  const note =
    reps > 1
      ? `seeds ${sweep.seeds[0]} to ${sweep.seeds[reps - 1]}${swept ? ' (the same seeds at every point)' : ''}; brackets are 95% confidence intervals of the mean (Student t).`
      : `seed ${sweep.seeds[0]}.`;
  const more = left.length > 0 ? ` ${left.join(', ')}: in sweep.csv.` : '';
  const what = swept ? `${sweep.points.length} points over ${sweep.parameters.join(', ')}${reps > 1 ? `, ${reps} replications each` : ''}` : `${reps} replications of one run`;
  const html = page(`matchsim ${swept ? 'sweep' : 'replications'}: ${sweep.scenario.name}`, `${what} · ${note}${more}`, [
    section(swept ? 'Points' : 'Runs', table([swept ? 'point' : 'runs', ...headline.map(([, label]) => label), reps > 1 ? 'run reports (by seed)' : 'run report'], rows)),
    section('Charts', figures(rendered, CHARTS_DIR)),
    section('Scenario (resolved)', `<pre>${escapeHtml(JSON.stringify(sweep.scenario, null, 2))}</pre>`),
  ]);
  writeFileSync(join(dir, REPORT_FILE), html);
}
