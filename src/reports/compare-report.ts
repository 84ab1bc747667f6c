import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCharts, type PointSamples } from './charts/compare-charts.js';
import { CHARTS_DIR, renderCharts } from './charts/render.js';
import { comparedPoint, formatP, type Comparison } from './compare.js';
import { readRunSamples } from './compare-samples.js';
import { turnTaker } from '../event-loop-turns.js';
import { displayScale, figureOf, scaledBy } from './figures.js';
import { escapeHtml, figures, fmt, page, section, table } from './html.js';
import type { ResultPoints } from './result-points.js';
import { REPORT_FILE } from './run-report.js';

const TESTS: Record<string, string> = {
  'paired t': 'paired t-test (both sides ran the same seeds: replication i saw the same arrivals on both sides)',
  welch: "Welch's t-test (the sides ran different seeds)",
};

/** The samples of every compared point, each side's read from its runs' tables where it can be. */
async function pointSamples(comparison: Comparison, a: ResultPoints, b: ResultPoints): Promise<PointSamples[]> {
  const labels = [...new Set(comparison.rows.map((r) => r.point))];
  // Tables may be large: a signal is answered between points.
  const turn = turnTaker();
  const samples: PointSamples[] = [];
  for (const point of labels) {
    samples.push({ point, a: readRunSamples(comparedPoint(a, point)?.runs), b: readRunSamples(comparedPoint(b, point)?.runs) });
    await turn();
  }
  return samples;
}

/** Writes report.html for a comparison (and its charts, unless `charts` is false) into `dir`. */
export async function writeCompareReport(dir: string, comparison: Comparison, a: ResultPoints, b: ResultPoints, charts: boolean): Promise<void> {
  const samples = charts ? await pointSamples(comparison, a, b) : [];
  const rendered = charts ? await renderCharts(compareCharts(comparison, a, b, samples), dir) : [];
  const c = comparison;
  const tested = c.rows.some((r) => r.p !== null);
  const tests = [...new Set(c.rows.map((r) => r.test).filter((t): t is 'paired t' | 'welch' => t !== null))];
  const facts: Array<[string, string]> = [
    ['A (the baseline)', c.a],
    ['B', c.b],
    ['significance', tested ? `${tests.map((t) => TESTS[t]).join('; ')}; two-sided, at the ${c.level * 100}% level` : 'not tested: it needs two or more replications on both sides'],
  ];
  for (const u of c.unmatched) facts.push(['not compared', u]);
  const missing = samples.flatMap((s) => (['a', 'b'] as const).flatMap((side) => ('missing' in s[side] ? [`${side.toUpperCase()}${s.point === 'run' ? '' : `, ${s.point}`}: ${(s[side] as { missing: string }).missing}`] : [])));
  if (missing.length > 0) facts.push(['distributions not drawn', `${missing.join('; ')}. They are drawn from the runs' players.csv and rooms.csv.`]);
  const several = new Set(c.rows.map((r) => r.point)).size > 1;
  const signed = (x: number | null, unit: string) => (x === null ? '–' : `${x > 0 ? '+' : ''}${fmt(x)}${unit}`);
  const rows = c.rows.map((r) => {
    const { factor, unit } = displayScale(r.figure);
    const scaled = scaledBy(factor);
    return [
      ...(several ? [escapeHtml(r.point)] : []),
      escapeHtml(figureOf(r.figure)?.label ?? r.figure),
      `${fmt(scaled(r.a))}${r.a === null ? '' : unit}`,
      `${fmt(scaled(r.b))}${r.b === null ? '' : unit}`,
      signed(scaled(r.diff), unit),
      r.change === null ? '–' : signed(r.change, '%'),
      ...(tested ? [escapeHtml(r.test ?? '–'), escapeHtml(formatP(r.p)), r.significant === null ? '–' : r.significant ? '<strong>yes</strong>' : 'no'] : []),
    ];
  });
  const header = [...(several ? ['point'] : []), 'figure', 'A', 'B', 'B − A', 'change', ...(tested ? ['test', 'p', 'significant'] : [])];
  const html = page('matchsim: A against B', `${c.a} → ${c.b}`, [
    section('Compared', table(['item', 'value'], facts.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]), 'facts')),
    section('Charts', figures(rendered, CHARTS_DIR)),
    section('Figure by figure', table(header, rows)),
  ]);
  writeFileSync(join(dir, REPORT_FILE), html);
}
