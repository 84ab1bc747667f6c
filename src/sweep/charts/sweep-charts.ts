import type { PointResult, SweepSummary } from '../../reports/sweep-summary.js';
import { valueText } from '../../scenarios/sweep-value.js';
import { displayScale, figureOf, roleOfWaitP50, scaledEstimate } from '../../reports/figures.js';
import { fmt } from '../../reports/html.js';
import { AXIS_FORMAT, CONFIG, SCHEMA, WIDTH, categoryAxis, type Chart } from '../../reports/charts/chart.js';
import { tradeoffChart } from './tradeoff-chart.js';

const PANELS = ['wait.p50', 'wait.p95', 'spread.mean', 'spread.p95'];

/** With teams, what sets the ways of dealing them apart comes first: how even the teams are. */
const TEAM_PANELS = ['teams.gap.mean', 'teams.favouriteWin.mean'];

/** With a population, what a designer asks of it comes first: who stays, how fair the matches are, how well ratings learn. */
const POPULATION_PANELS = ['population.retention', 'population.favouriteWin.mean', 'population.convergence.correlation', 'population.blowoutRate'];

/** With backfill, what refilling running matches buys and costs comes first: short-handed play, how soon seats are filled, and the waits of new matches' players. */
const BACKFILL_PANELS = ['backfill.shortHandedShare', 'backfill.timeToFill.p50', 'backfill.waits.newMatches.p95', 'backfill.requests.timedOut'];

/** With sessions that start short, what the first team-size expansion trades (FlexMatch's warning) comes first: how many sessions start short, how long they have places open, how long until full, and how many stay short (how full rooms form follows, with the room panels). */
const SESSION_BACKFILL_PANELS = ['backfill.sessions.formedShortShare', 'backfill.shortHandedShare', 'backfill.timeToFull.p50', 'backfill.sessions.stillShortShare'];

/** With a stream of backfill requests, what their priority trades comes first: how soon and how often they are filled, and the waits of new matches' players. */
const STREAM_BACKFILL_PANELS = ['backfill.timeToFill.p50', 'backfill.filledShare', 'backfill.timeToFill.p95', 'backfill.waits.newMatches.p95'];

/** With data centres, what a cap buys comes first: the round trips, and how many play at their best data centre. */
const LATENCY_PANELS = ['latency.p50', 'latency.p95', 'latency.deltaPing.mean', 'latency.atBestShare'];

/** With rooms that vary in size (FlexMatch teams between minPlayers and maxPlayers), what a team-size expansion trades for wait comes first: how full the rooms are. */
const ROOM_PANELS = ['roomPlayers.mean', 'roomPlayers.fullShare'];

/** A panel's plot, in pixels: two panels a row. */
const PANEL = { width: WIDTH / 2 - 60, height: 170 } as const;

/** A figure's name in a panel's title, in the units it is drawn in: the catalogue's label, so that a measure has one name everywhere. */
export function panelTitle(key: string): string {
  const label = figureOf(key)?.label ?? key;
  if (displayScale(key).unit !== '%') return label;
  return label.endsWith(')') ? `${label.slice(0, -1)}, %)` : `${label} (%)`;
}

/**
 * A panel's y scale: a figure with a natural range on that range (a share on
 * 0 to 100%, a correlation on -1 to 1), any other from zero, so that a
 * difference of one point in sixty never fills a panel.
 */
function yScale(key: string): Record<string, unknown> {
  const range = figureOf(key)?.range;
  if (range === undefined) return { zero: true };
  const { factor } = displayScale(key);
  return { domain: [range[0] * factor, range[1] * factor], nice: false };
}

interface Row {
  readonly point: number;
  readonly x: unknown;
  readonly series: string;
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

const sameRows = (a: readonly Row[], b: readonly Row[]) =>
  a.length === b.length && a.every((r, i) => r.x === b[i].x && r.mean === b[i].mean && r.low === b[i].low && r.high === b[i].high);

/**
 * The charts of a sweep. The first swept field is the x axis (a log axis for
 * numbers that span ten times or more); the points that differ in other
 * fields are separate series. With replications, each figure has its 95%
 * confidence band. A figure the same at every point gets no panel of its
 * own, and a series the same as another in a panel is drawn once: the
 * caption and the panel's subtitle say so.
 */
export function sweepCharts(sweep: SweepSummary): Chart[] {
  const [xField, ...others] = sweep.parameters;
  const replicated = sweep.seeds.length > 1;
  const numericX = xField !== undefined && sweep.points.every((p) => typeof p.params[xField] === 'number');
  const xs = numericX ? sweep.points.map((p) => p.params[xField as string] as number) : [];
  const logX = numericX && Math.min(...xs) > 0 && Math.max(...xs) / Math.min(...xs) >= 10;
  const seriesOf = (params: Record<string, unknown>) => (others.length === 0 ? 'all' : others.map((k) => `${k}=${valueText(params[k])}`).join(', '));
  const xOf = (p: PointResult) => (xField === undefined ? `${p.runs.length} runs` : numericX ? p.params[xField] : valueText(p.params[xField]));
  const teams = sweep.points.some((p) => p.figures['teams.gap.mean'] != null);
  const population = sweep.points.some((p) => p.figures['population.retention'] != null);
  const latency = sweep.points.some((p) => p.figures['latency.p95'] != null);
  const varying = sweep.points.some((p) => p.figures['roomPlayers.mean'] != null);
  const sessions = sweep.points.some((p) => p.figures['backfill.sessions.formedShortShare'] != null);
  const backfill = !sessions && sweep.points.some((p) => p.figures['backfill.shortHandedShare'] != null);
  const stream = sweep.points.some((p) => p.figures['backfill.filledShare'] != null);
  // With role queues, each role's wait p50 first: the bottleneck moving is what a sweep of role shares asks.
  const rolePanels = Object.keys(sweep.points[0]?.figures ?? {}).filter((key) => roleOfWaitP50(key) !== undefined && sweep.points.some((p) => p.figures[key] != null));
  const keys = [...rolePanels, ...(stream ? STREAM_BACKFILL_PANELS : []), ...(sessions ? SESSION_BACKFILL_PANELS : []), ...(backfill ? BACKFILL_PANELS : []), ...(population ? POPULATION_PANELS : []), ...(teams ? TEAM_PANELS : []), ...(varying ? ROOM_PANELS : []), ...(latency ? LATENCY_PANELS : []), ...PANELS];
  const rowsOf = (key: string): Row[] =>
    sweep.points.flatMap((p) => {
      const estimate = p.figures[key];
      if (!estimate) return [];
      const e = scaledEstimate(estimate, displayScale(key).factor);
      return [{ point: p.index + 1, x: xOf(p), series: seriesOf(p.params), mean: e.mean, low: e.low, high: e.high }];
    });
  const categories = numericX ? [] : [...new Set(sweep.points.map((p) => String(xOf(p))))];
  const ticks = [...new Set(xs)].sort((a, b) => a - b);
  const categoryLabels = categoryAxis(categories, PANEL.width);
  const x = {
    field: 'x',
    type: numericX ? 'quantitative' : 'ordinal',
    // Labels turned upright are measured roughly where charts are drawn, which sets a title far below them: the chart's title names the field instead.
    title: categoryLabels.labelAngle === 0 ? (xField ?? null) : null,
    sort: null,
    ...(numericX
      ? // The ticks are the values swept, where few enough to name each.
        { scale: logX ? { type: 'log', nice: false, padding: 12 } : { zero: false, nice: false, padding: 12 }, axis: { format: AXIS_FORMAT, ...(ticks.length <= 12 ? { values: ticks } : {}) } }
      : { scale: { domain: categories }, axis: categoryLabels }),
  };
  const color = others.length > 0 ? { field: 'series', type: 'nominal', title: others.join(', ') } : { value: '#1f78b4' };
  const same: string[] = [];
  const panels: Record<string, unknown>[] = [];
  for (const key of keys) {
    const rows = rowsOf(key);
    if (rows.length === 0) continue;
    const first = rows[0];
    if (sweep.points.length > 1 && rows.length === sweep.points.length && rows.every((r) => r.mean === first.mean && r.low === first.low && r.high === first.high)) {
      const unit = displayScale(key).unit;
      same.push(`${panelTitle(key).replace(/ \((s|%)\)$/, '')} ${fmt(first.mean)}${unit === '%' ? '%' : key.startsWith('wait.') ? ' s' : ''}`);
      continue;
    }
    // A series with the same figures as an earlier one is drawn once, and named in the panel's subtitle.
    const bySeries = new Map<string, Row[]>();
    for (const r of rows) bySeries.set(r.series, [...(bySeries.get(r.series) ?? []), r]);
    const drawn: Array<[string, Row[]]> = [];
    const notes: string[] = [];
    // A figure only some points have (a team gap, where rooms have teams) says where it is missing.
    if (rows.length < sweep.points.length) {
      const at = new Set(rows.map((r) => r.point));
      const label = (p: PointResult) => [String(xOf(p)), ...(others.length > 0 ? [seriesOf(p.params)] : [])].join(' ');
      const missing = sweep.points.filter((p) => !at.has(p.index + 1)).map(label);
      notes.push(missing.length <= 3 ? `no value at ${missing.join(', ')}` : `only at ${sweep.points.filter((p) => at.has(p.index + 1)).map(label).join(', ')}`);
    }
    for (const [series, its] of bySeries) {
      const twin = drawn.find(([, d]) => sameRows(d, its));
      if (twin) notes.push(`${series}: the same as ${twin[0]}`);
      else drawn.push([series, its]);
    }
    const y = { field: 'mean', type: 'quantitative', title: null, scale: yScale(key), axis: { format: AXIS_FORMAT } };
    const layers: Record<string, unknown>[] = [];
    if (numericX) {
      // Along a number: a line, and the band of the intervals.
      if (replicated) layers.push({ mark: { type: 'errorband', opacity: 0.25 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
      layers.push({ mark: { type: 'line', point: true }, encoding: { x, y, color } });
    } else {
      // Categories (algorithms, balances) are not joined: a dot each, with its interval as an error bar.
      if (replicated) layers.push({ mark: { type: 'errorbar', ticks: { size: 14 } }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
      layers.push({ mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y, color } });
    }
    panels.push({
      title: notes.length > 0 ? { text: panelTitle(key), subtitle: notes } : panelTitle(key),
      width: PANEL.width,
      height: PANEL.height,
      data: { values: drawn.flatMap(([, its]) => its) },
      layer: layers,
    });
  }
  const intervals = replicated ? `Means over ${sweep.seeds.length} replications with their 95% confidence ${numericX ? 'bands' : 'intervals'}.` : 'One run per point; add replications to see how much of a difference is noise.';
  const scales = 'Shares are drawn from 0 to 100%, a correlation from -1 to 1, every other figure from 0.';
  const sameNote = same.length > 0 ? ` The same at every point, so not drawn: ${same.join('; ')}.` : '';
  const charts: Chart[] = [];
  if (panels.length > 0) {
    charts.push({
      name: 'sweep-figures',
      title: `${rolePanels.length > 0 ? 'Wait by role, wait and spread' : stream ? 'Backfill requests, wait and spread' : sessions ? 'Sessions and backfill, room fill, wait and spread' : backfill ? 'Backfill, retention, fairness, wait and spread' : population ? 'Retention, fairness, wait and spread' : teams ? 'Team balance, wait and spread' : varying ? `Room fill${latency ? ', round trip' : ''}, wait and spread` : latency ? 'Round trip, wait and spread' : 'Wait and spread'} against ${xField ?? 'the point'}`,
      caption: `${intervals} ${scales}${logX ? ` ${xField} is on a log axis: its values span ${fmt(Math.max(...xs) / Math.min(...xs))} times.` : ''}${sameNote}`,
      spec: { $schema: SCHEMA, config: CONFIG, concat: panels, columns: 2, resolve: { scale: { x: 'shared', color: 'shared' } } },
    });
  }
  const trade = tradeoffChart(sweep, { numericX, xField, seriesOf, others });
  // With no panel left, the trade-off's caption says what is the same everywhere.
  if (trade) charts.push(panels.length > 0 ? trade : { ...trade, caption: `${trade.caption}${sameNote}` });
  return charts;
}
