import { rolesChart } from './roles-chart.js';
import type { Bin, Mark, RunReportData } from '../run-report-data.js';
import { type Chart, CONFIG, HEIGHT, markRules, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';
import { cdfUpTo } from '../cdf.js';
import { fmt } from '../html.js';
import type { ResolvedScenario } from '../../scenarios/load.js';
import type { ScenarioReportData } from '../scenario-report-data.js';
import type { PopulationSummary } from '../population-summary.js';
import { populationCharts } from './population-charts.js';
import { everyRunCharts, faultsPanel, scenarioCharts, timeAxis } from './scenario-charts.js';
import { latencyCharts } from './latency-charts.js';
import { backfillCharts } from './backfill-charts.js';

/** Pre-binned counts as bars, with marked values as rules. */
function histogramSpec(bins: readonly Bin[], marks: readonly Mark[], axes: { x: string; y: string }, colors: { fill: string; stroke: string }) {
  return {
    $schema: SCHEMA,
    config: CONFIG,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: bins },
        mark: { type: 'bar', color: colors.fill, stroke: colors.stroke, strokeWidth: 0.5 },
        encoding: {
          // A flush last label moves left, where it may touch the one before it (as BINNED_AXIS; these keep vega's own number format).
          x: { field: 'start', type: 'quantitative', title: axes.x, bin: { binned: true }, axis: { labelFlush: false } },
          x2: { field: 'end' },
          y: { field: 'count', type: 'quantitative', title: axes.y },
          tooltip: [{ field: 'start', title: 'from' }, { field: 'end', title: 'to' }, { field: 'count', title: axes.y }],
        },
      },
      ...markRules(marks),
    ],
  };
}

/** The simulated and the observed wait CDFs as step lines: dashed over solid, so that where the two coincide (a calibrated replay) both still show. */
const OBSERVED_LINES = {
  mark: { type: 'line', interpolate: 'step-after' },
  encoding: {
    x: { field: 'wait', type: 'quantitative', title: 'wait (s)', scale: { zero: true } },
    y: { field: 'share', type: 'quantitative', title: 'share of matched players', ...SHARE_SCALE },
    color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['simulated', 'observed in production'], range: ['#1f78b4', '#e31a1c'] }, legend: { orient: 'top', labelLimit: 0 } },
    strokeDash: { field: 'series', type: 'nominal', scale: { domain: ['simulated', 'observed in production'], range: [[1, 0], [6, 4]] }, legend: null },
    strokeWidth: { value: 2 },
  },
};

/** A replayed log's first question: does the simulated service wait as production did? */
function observedChart(observed: NonNullable<ScenarioReportData['observed']>): Chart {
  return {
    name: 'wait-observed',
    title: 'Simulated against observed waits',
    caption: `Share of players who waited at most x seconds for their room: in the simulation (${observed.simulated} matched players) and in production, as the log observed it (${observed.observed} tickets matched; dashed, so that both show where they coincide). Where the curves part, the simulated service is not yet the production one: its settings, or a rule it does not model. Every player is drawn.`,
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      width: WIDTH,
      height: HEIGHT,
      data: { values: observed.cdf },
      ...OBSERVED_LINES,
    },
  };
}

/** The same question in each pool (or by each player's nearest data centre): where does the replay part from production? One small panel per group, on shared axes. */
function observedGroupsChart(groups: NonNullable<NonNullable<ScenarioReportData['observed']>['groups']>): Chart {
  const counts = groups.counts.map((c) => `${c.group} ${c.simulated} simulated, ${c.observed} observed`).join('; ');
  return {
    name: 'wait-observed-groups',
    title: `Simulated against observed waits, by ${groups.by}`,
    caption: `The chart above, for the players of each ${groups.by === 'pool' ? 'pool' : 'nearest data centre (where each player has its lowest round trip)'}: share of matched players who waited at most x seconds, simulated (solid) and observed in production (dashed), on the same axes in every panel. Matched players: ${counts}. A group whose curves part where the others agree points at a rule of that ${groups.by === 'pool' ? 'pool' : 'region'} the simulation does not model.`,
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      data: { values: groups.cdf },
      facet: { field: 'group', type: 'nominal', title: null, sort: groups.counts.map((c) => c.group), header: { labelFontSize: 12, labelLimit: 0 } },
      columns: Math.min(3, groups.counts.length),
      spec: {
        width: Math.round(WIDTH / Math.min(3, groups.counts.length)) - 30,
        height: Math.round(HEIGHT * 0.7),
        ...OBSERVED_LINES,
      },
    },
  };
}

/**
 * The charts of one run: first those that answer the scenario's own question
 * (teams, pools, arrivals over time, abandonment, faults), then every run's.
 */
export function runCharts(data: RunReportData, scenario: ResolvedScenario, own: ScenarioReportData, population?: PopulationSummary): Chart[] {
  const base = { $schema: SCHEMA, config: CONFIG };
  // A population's charts first: they answer what such a scenario asks.
  const charts: Chart[] = [
    ...(own.observed ? [observedChart(own.observed)] : []),
    ...(own.observed?.groups ? [observedGroupsChart(own.observed.groups)] : []),
    ...(own.population && population ? populationCharts(scenario, own.population, population) : []),
    ...(own.backfill ? backfillCharts(own.backfill) : []),
    ...(own.latency ? latencyCharts(scenario, own.latency) : []),
    ...(own.roles ? [rolesChart(own.roles.summary, own.roles.rows)] : []),
    ...scenarioCharts(scenario, own),
  ];
  if (data.waitBins.length > 0) {
    const beyond = data.waitsBeyond.count;
    charts.push({
      name: 'wait-histogram',
      title: 'Wait times',
      caption: `Players by seconds from arrival to their room, with p50, p95 and p99 marked.${beyond > 0 ? ` ${beyond} players who waited more than ${fmt(data.waitsBeyond.limit)} s are beyond the right edge (the CDF shows them).` : ''}`,
      spec: histogramSpec(data.waitBins, data.waitMarks, { x: 'wait (s)', y: 'players' }, { fill: '#a6cee3', stroke: '#1f78b4' }),
    });
    // The curve stops where the histogram does (p99.5), and the caption names the tail.
    const limit = beyond > 0 ? data.waitsBeyond.limit : undefined;
    const cdf = limit === undefined ? data.waitCdf : cdfUpTo(data.waitCdf, limit, 'wait');
    charts.push({
      name: 'wait-cdf',
      title: 'Wait time distribution',
      caption:
        limit === undefined
          ? 'Share of matched players who waited at most x seconds (every player, outliers included).'
          : `Share of matched players who waited at most x seconds, up to ${fmt(limit)} s (the 99.5th percentile); the ${beyond} who waited longer, up to ${fmt(data.waitMax)} s, are beyond the right edge.`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        layer: [
          {
            data: { values: cdf },
            mark: { type: 'line', color: '#1f78b4', interpolate: 'step-after' },
            encoding: {
              // The points end at the limit: the axis ends there without naming it, so the spec is the same for every run (compiled once per thread).
              x: { field: 'wait', type: 'quantitative', title: 'wait (s)', scale: { nice: false, zero: true } },
              y: { field: 'share', type: 'quantitative', title: 'share of matched players', ...SHARE_SCALE },
            },
          },
          ...markRules(data.waitMarks),
        ],
      },
    });
  }
  if (data.spreadBins.length > 0) {
    const beyond = data.spreadsBeyond.count;
    charts.push({
      name: 'spread-histogram',
      title: 'Score spread per room',
      caption: `Rooms by the gap between their highest and lowest score, with the mean and p95 marked.${beyond > 0 ? ` ${beyond} rooms with a spread above ${fmt(data.spreadsBeyond.limit)} are beyond the right edge.` : ''}`,
      spec: histogramSpec(data.spreadBins, data.spreadMarks, { x: 'score spread (max - min)', y: 'rooms' }, { fill: '#b2df8a', stroke: '#33a02c' }),
    });
  }
  if (data.timeline.length > 0) {
    const { transform, x } = timeAxis(scenario, 'time');
    const faults = own.faults && own.faults.overTime.length > 0 ? own.faults.overTime : undefined;
    const after = own.faults?.afterEnd;
    const afterEnd =
      after && after.kinds.length > 0
        ? ` After the run's end (${fmt(scenario.duration + scenario.drain)} s), up to ${fmt(after.last)} s, while consumers still read their inboxes: ${after.kinds.map((k) => `${k.count} ${k.kind}`).join(', ')} (not drawn; counted in the summary).`
        : '';
    charts.push({
      name: 'timeline',
      title: faults ? 'Throughput, pool size and faults over time' : 'Throughput and pool size over time',
      caption: `Rooms formed per minute over the preceding minute (the faint line: round by round, which jumps as rooms form in bursts), and players waiting in the pool after each round (averaged over buckets of ticks).${faults ? ` Below, on the same time axis: the faults that struck, by kind and bucket of time (darker: more).${afterEnd}` : ''}`,
      spec: {
        ...base,
        data: { values: data.timeline },
        transform,
        // One time axis for every panel: a fault lines up with the throughput it dented.
        resolve: { scale: { x: 'shared' } },
        vconcat: [
          {
            width: WIDTH,
            height: 140,
            layer: [
              { mark: { type: 'line', color: '#33a02c', opacity: 0.25, strokeWidth: 1 }, encoding: { x, y: { field: 'roomsPerMinute', type: 'quantitative', title: 'rooms per minute' } } },
              { mark: { type: 'line', color: '#33a02c', strokeWidth: 2 }, encoding: { x, y: { field: 'roomsPerMinuteAvg', type: 'quantitative' } } },
            ],
          },
          { width: WIDTH, height: 140, mark: { type: 'line', color: '#ff7f00' }, encoding: { x, y: { field: 'pool', type: 'quantitative', title: 'players in pool' } } },
          ...(faults ? [faultsPanel(scenario, faults)] : []),
        ],
      },
    });
  }
  if (data.scoreBands.length > 0) {
    const x = { field: 'label', type: 'ordinal', title: 'score band (decile of scores)', sort: { field: 'band' } };
    charts.push({
      name: 'score-bands',
      title: 'Wait and spread by score band',
      caption: 'Players grouped by decile of the score distribution: the tails usually wait longest and land in the widest rooms.',
      spec: {
        ...base,
        data: { values: data.scoreBands },
        hconcat: [
          {
            width: WIDTH / 2 - 40,
            height: HEIGHT,
            transform: [{ fold: ['waitP50', 'waitP95'], as: ['figure', 'wait'] }, { calculate: "datum.figure == 'waitP50' ? 'p50' : 'p95'", as: 'name' }],
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'wait', type: 'quantitative', title: 'wait (s)' },
              color: { field: 'name', type: 'nominal', scale: { domain: ['p50', 'p95'], range: ['#1f78b4', '#ff7f00'] }, legend: { title: null, orient: 'top' } },
            },
          },
          {
            width: WIDTH / 2 - 40,
            height: HEIGHT,
            mark: { type: 'bar', color: '#b2df8a', stroke: '#33a02c', strokeWidth: 0.5 },
            encoding: { x, y: { field: 'spreadMean', type: 'quantitative', title: 'mean score spread of their rooms' } },
          },
        ],
      },
    });
  }
  charts.push(...everyRunCharts(own));
  return charts;
}
