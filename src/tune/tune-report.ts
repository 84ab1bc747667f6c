import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHARTS_DIR, renderCharts } from '../reports/charts/render.js';
import { tuneCharts } from './tune-charts.js';
import { escapeHtml, figures, fmt, page, section, table } from '../reports/html.js';
import { REPORT_FILE } from '../reports/run-report.js';
import { conditionLabel, settingsText, type TuneOutcome, type TuneSummary } from './tune-output.js';

type Interval = { mean: number | null; low: number | null; high: number | null } | null;
const shown = (e: Interval) => (e === null ? '–' : `${fmt(e.mean)}${e.low !== null ? ` [${fmt(e.low)}, ${fmt(e.high)}]` : ''}`);

/** report.html of a tuning: the answer (by condition), the trade-off between objective and constraint, and the search's path. */
export async function writeTuneReport(dir: string, outcomes: readonly TuneOutcome[], summary: TuneSummary, charts: boolean): Promise<void> {
  const searches = outcomes.map((o) => ({
    condition: conditionLabel(o.condition),
    goal: o.request.goal,
    parameters: o.request.parameters.map((p) => p.path),
    evaluated: o.result.evaluated,
  }));
  const rendered = charts ? await renderCharts(tuneCharts(searches), dir) : [];
  const answers = 'byCondition' in summary ? summary.byCondition : [{ ...summary, condition: {} }];
  const { goal } = outcomes[0].request;
  const across = 'byCondition' in summary;
  const header = [...(across ? ['condition'] : []), 'best settings', `${goal.objective.direction} ${goal.objective.figure}`, ...goal.constraints.map((c) => `${c.figure} ${c.op} ${c.limit}`), 'runs'];
  const rows = answers.map((a) => [
    ...(across ? [escapeHtml(conditionLabel(Object.entries(a.condition)))] : []),
    escapeHtml(a.best.feasible ? settingsText(a) : `none met every constraint; nearest ${settingsText(a)} (no tuned scenario written)`),
    escapeHtml(shown(a.objective.estimate)),
    ...a.constraints.map((c) => `${escapeHtml(shown(c.estimate))} ${c.met ? 'met' : '<strong>not met</strong>'}`),
    String(a.runs),
  ]);
  const method = answers[0].method;
  // How each answer was reached, and the best candidate tried near it: how much better a neighbour could still be.
  const near = answers.map((a) => {
    const where = across ? `${escapeHtml(conditionLabel(Object.entries(a.condition)))}: ` : '';
    const n = a.neighbour;
    const neighbour = n === null ? 'no other candidate was tried near it' : `the best candidate tried near it, ${escapeHtml(Object.entries(n.settings).map(([path, value]) => `${path}=${value}`).join(' '))}, had ${escapeHtml(goal.objective.figure)} ${escapeHtml(shown(n.objective))} at ${n.replications} replications (${n.feasible ? 'feasible' : 'not feasible'})`;
    return `<p>${where}Found by ${escapeHtml(a.how)}; ${neighbour}.</p>`;
  });
  const html = page(`matchsim tune: ${summary.scenario}`, `${method}${across ? ' at each condition' : ''} · ${answers[0].replications} replications at the answer · constraints met only by their whole 95% interval`, [
    section(across ? 'Best settings by condition' : 'Best settings', table(header, rows) + near.join('')),
    section('Charts', figures(rendered, CHARTS_DIR)),
  ]);
  writeFileSync(join(dir, REPORT_FILE), html);
}
