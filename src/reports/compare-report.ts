import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareCharts, sidesText, type PointSamples } from './charts/compare-charts.js';
import { MAX_DIFFERENCES, scenarioDiff } from '../scenarios/scenario-diff.js';
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

/** The samples of every compared point, each result's read from its runs' tables where it can be. */
async function pointSamples(comparison: Comparison, sides: readonly ResultPoints[]): Promise<PointSamples[]> {
  const labels = [...new Set(comparison.rows.map((r) => r.point))];
  // Tables may be large: a signal is answered between points.
  const turn = turnTaker();
  const samples: PointSamples[] = [];
  for (const point of labels) {
    const read: PointSamples['sides'][number][] = [];
    for (const side of sides) {
      read.push(readRunSamples(comparedPoint(side, point)?.runs));
      await turn();
    }
    samples.push({ point, sides: read });
  }
  return samples;
}

/** The table of the fields in which the results' resolved scenarios differ: what was compared. */
function differences(comparison: Comparison, sides: readonly ResultPoints[]): string {
  if (sides.some((side) => side.scenario === undefined)) return '<p>A result does not record its scenario, so what differs cannot be shown.</p>';
  const { fields, more } = scenarioDiff(sides.map((side) => side.scenario));
  if (fields.length === 0) return '<p>The resolved scenarios are the same in every field: the results differ only by their seeds, or by the matchsim that ran them.</p>';
  const rows = fields.map((f) => [escapeHtml(f.path), ...f.values.map((v) => (v === null ? '<em>not set</em>' : `<code>${escapeHtml(v)}</code>`))]);
  const note = more > 0 ? `<p>And ${more} more fields differ (the first ${MAX_DIFFERENCES} are listed).</p>` : '';
  return table(['field', ...comparison.names], rows) + note;
}

/** Writes report.html for a comparison (and its charts, unless `charts` is false) into `dir`. */
export async function writeCompareReport(dir: string, comparison: Comparison, sides: readonly ResultPoints[], charts: boolean): Promise<void> {
  const samples = charts ? await pointSamples(comparison, sides) : [];
  const rendered = charts ? await renderCharts(compareCharts(comparison, sides, samples), dir) : [];
  const c = comparison;
  const tested = c.rows.some((r) => r.p !== null);
  const tests = [...new Set(c.rows.map((r) => r.test).filter((t): t is 'paired t' | 'welch' => t !== null))];
  const facts: Array<[string, string]> = [
    ...c.names.map((name, i): [string, string] => [i === 0 ? `${name} (the baseline)` : name, c.dirs[i]]),
    ['significance', tested ? `${tests.map((t) => TESTS[t]).join('; ')}; two-sided, at the ${c.level * 100}% level` : 'not tested: it needs two or more replications on both sides'],
  ];
  for (const u of c.unmatched) facts.push(['not compared', u]);
  const missing = samples.flatMap((s) => s.sides.flatMap((side, i) => ('missing' in side ? [`${c.names[i]}${s.point === 'run' ? '' : `, ${s.point}`}: ${side.missing}`] : [])));
  if (missing.length > 0) facts.push(['distributions not drawn', `${missing.join('; ')}. They are drawn from the runs' players.csv and rooms.csv.`]);
  const several = new Set(c.rows.map((r) => r.point)).size > 1;
  const signed = (x: number | null, unit: string) => (x === null ? '–' : `${x > 0 ? '+' : ''}${fmt(x)}${unit}`);
  const tableOf = (against: string) => {
    const rows = c.rows
      .filter((r) => r.against === against)
      .map((r) => {
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
    const header = [...(several ? ['point'] : []), 'figure', c.names[0], against, `${against} − ${c.names[0]}`, 'change', ...(tested ? ['test', 'p', 'significant'] : [])];
    return table(header, rows);
  };
  const others = c.names.slice(1);
  const html = page(`matchsim: ${sidesText(c.names)}`, c.dirs.join(' → '), [
    section('What differs', differences(c, sides)),
    section('Compared', table(['item', 'value'], facts.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]), 'facts')),
    section('Charts', figures(rendered, CHARTS_DIR)),
    ...others.map((name) => section(others.length === 1 ? 'Figure by figure' : `Figure by figure: ${name} against ${c.names[0]}`, tableOf(name))),
  ]);
  writeFileSync(join(dir, REPORT_FILE), html);
}
