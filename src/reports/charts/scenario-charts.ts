import { fmt, pct } from '../html.js';
import type { ResolvedScenario } from '../../scenarios/load.js';
import type { Bin } from '../run-report-data.js';
import { arrivalsVary, FAULT_WORDS, LOST_WAYS, type ScenarioReportData } from '../scenario-report-data.js';
import { AXIS_FORMAT, BINNED_AXIS, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';

const base = { $schema: SCHEMA, config: CONFIG };

/**
 * The x axis of a chart over simulated time: seconds in a short run, hh:mm
 * in a long one (time of day when the arrivals follow a daily profile), so
 * that nobody has to divide 80 000 seconds by 3600. `field` (and `field2`,
 * where a bar ends) hold seconds.
 */
export function timeAxis(
  scenario: ResolvedScenario,
  field: string,
  field2?: string,
): { readonly transform: Record<string, unknown>[]; readonly x: Record<string, unknown>; readonly x2?: Record<string, unknown> } {
  const end = scenario.duration + scenario.drain;
  if (end < 7200) return { transform: [], x: { field, type: 'quantitative', title: 'time (s)' }, ...(field2 ? { x2: { field: field2 } } : {}) };
  const daily = scenario.arrivals?.type === 'profile' && scenario.arrivals.period === 86400;
  return {
    // Seconds as a time on 1 January 1970 (UTC), so that vega writes them as a clock does.
    transform: [field, ...(field2 ? [field2] : [])].map((f) => ({ calculate: `datum.${f} * 1000`, as: `${f}Clock` })),
    x: {
      field: `${field}Clock`,
      type: 'temporal',
      title: daily ? 'time of day' : 'time since the start (hh:mm)',
      scale: { type: 'utc' },
      // Text is measured roughly where charts are drawn (no fonts in Node): few ticks, and room between labels.
      axis: { labelExpr: elapsedLabel(end), tickCount: 12, labelOverlap: 'greedy', labelSeparation: 8 },
    },
    ...(field2 ? { x2: { field: `${field2}Clock` } } : {}),
  };
}

/**
 * How a time axis writes elapsed milliseconds: hours past 24 go on counting
 * (24:00, 25:30) in a run of up to two days; a longer one names the day
 * (day 3 06:00). A clock's %H would start again at 00:00 after a day.
 */
export function elapsedLabel(endSeconds: number): string {
  const minutes = "utcFormat(datum.value, '%M')";
  if (endSeconds <= 2 * 86400) return `(floor(datum.value / 3600000) < 10 ? '0' : '') + floor(datum.value / 3600000) + ':' + ${minutes}`;
  return `'day ' + (floor(datum.value / 86400000) + 1) + ' ' + utcFormat(datum.value, '%H:%M')`;
}

/** Every run: where the waits fall by score, and how the rooms sit under the window policy. */
export function everyRunCharts(data: ScenarioReportData): Chart[] {
  const charts: Chart[] = [];
  if (data.waitByScore) {
    charts.push({
      name: 'wait-by-score',
      title: 'Wait by score',
      caption:
        'Matched players by score and wait (darker: more players); scores and waits beyond their 99.5th percentiles are left out. Where the dark band rises, players of those scores wait longer: usually the tails of the distribution, with fewer players near them.',
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 40,
        data: { values: data.waitByScore },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'score', type: 'quantitative', bin: { binned: true }, title: 'score', axis: BINNED_AXIS },
          x2: { field: 'score2' },
          y: { field: 'wait', type: 'quantitative', bin: { binned: true }, title: 'wait (s)', axis: BINNED_AXIS },
          y2: { field: 'wait2' },
          color: { field: 'players', type: 'quantitative', title: 'players', scale: { scheme: 'blues', type: 'sqrt' } },
        },
      },
    });
  }
  const w = data.window;
  if (w) {
    const x = { field: 'wait', type: 'quantitative', title: 'seconds waited by the room\u2019s latest arrival', axis: { format: AXIS_FORMAT } };
    charts.push({
      name: 'window',
      title: 'Room spreads under the window',
      caption: `The line is the score gap the window policy allows after waiting x seconds; each dot is a room (${w.sampled === w.total ? 'every room' : `an even sample of ${w.sampled} of ${w.total} rooms`}): its score spread against how long its latest arrival had waited.${
        w.beyond.count > 0 ? ` ${w.beyond.count} whose latest arrival waited more than ${fmt(w.beyond.limit)} s (the 99.5th percentile) are beyond the right edge.` : ''
      } ${
        w.above === 0
          ? 'No room is above the line.'
          : `${w.above} rooms (${pct(w.above / w.total)}) are above it: a member between the others in score may bridge up to twice its own window, and a room's latest arrival may have joined the pool after it arrived.`
      }`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 40,
        layer: [
          {
            data: { values: w.rooms },
            mark: { type: 'circle', size: 14, opacity: 0.35, color: '#33a02c' },
            encoding: { x, y: { field: 'spread', type: 'quantitative', title: 'score spread of the room', axis: { format: AXIS_FORMAT } } },
          },
          { data: { values: w.policy }, mark: { type: 'line', color: '#e31a1c', strokeWidth: 2, interpolate: 'step-after' }, encoding: { x, y: { field: 'gap', type: 'quantitative' } } },
        ],
      },
    });
  }
  return charts;
}

/** The charts only some scenarios call for: teams, pools, arrivals varying over time, abandonment, faults. */
export function scenarioCharts(scenario: ResolvedScenario, data: ScenarioReportData): Chart[] {
  const charts: Chart[] = [];
  if (data.teams) {
    const histogram = (values: readonly Bin[], title: string, color: string) => ({
      width: WIDTH / 2 - 40,
      height: HEIGHT,
      data: { values },
      mark: { type: 'bar', color, stroke: '#333', strokeWidth: 0.3 },
      encoding: {
        x: { field: 'start', type: 'quantitative', bin: { binned: true }, title, axis: BINNED_AXIS },
        x2: { field: 'end' },
        y: { field: 'count', type: 'quantitative', title: 'rooms' },
      },
    });
    charts.push({
      name: 'teams',
      title: 'How even the teams are',
      caption:
        'Left: rooms by the gap between their strongest and weakest team\u2019s mean score. Right: rooms by the favourite team\u2019s predicted chance to win (Elo); 50% is a fair game between two teams.',
      spec: { ...base, hconcat: [histogram(data.teams.gaps, 'team mean gap (score points)', '#a6cee3'), histogram(data.teams.favourite, "favourite's win chance (%)", '#fdbf6f')] },
    });
  }
  if (data.pools) {
    charts.push({
      name: 'pools',
      title: 'Waits by pool',
      caption:
        `Share of each pool\u2019s matched players who waited at most x seconds: a curve further left is a pool whose players match sooner. Players no pool takes are never matched, so they have no curve.${
          data.pools.beyond > 0 ? ` The curves stop at ${fmt(data.pools.limit)} s, the largest of the pools' 99.5th percentiles; ${data.pools.beyond} players waited longer.` : ''
        }`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT,
        data: { values: data.pools.points },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'wait', type: 'quantitative', title: 'wait (s)', axis: { format: AXIS_FORMAT } },
          y: { field: 'share', type: 'quantitative', title: 'share of matched players', ...SHARE_SCALE },
          color: { field: 'pool', type: 'nominal', title: 'pool', legend: { orient: 'top' } },
        },
      },
    });
  }
  const over = data.overTime;
  if (over && arrivalsVary(scenario)) {
    const { transform, x } = timeAxis(scenario, 'time');
    charts.push({
      name: 'over-time',
      title: 'Arrivals and waits over time',
      caption:
        'Top: arrivals per minute. Bottom: the wait p50 and p95 of the players who arrived in each bucket of time. When few players arrive, windows must grow further before a room forms: waits rise where arrivals fall.',
      spec: {
        ...base,
        data: { values: over },
        transform,
        vconcat: [
          {
            width: WIDTH,
            height: 110,
            mark: { type: 'area', color: '#b2df8a', line: { color: '#33a02c' } },
            encoding: { x: { ...x, title: null }, y: { field: 'arrivalsPerMinute', type: 'quantitative', title: 'arrivals per minute' } },
          },
          {
            width: WIDTH,
            height: 170,
            transform: [{ fold: ['waitP50', 'waitP95'], as: ['figure', 'wait'] }, { calculate: "datum.figure == 'waitP50' ? 'p50' : 'p95'", as: 'name' }, { filter: 'datum.wait != null' }],
            mark: { type: 'line', point: { size: 12 } },
            encoding: {
              x,
              y: { field: 'wait', type: 'quantitative', title: 'wait (s)' },
              color: { field: 'name', type: 'nominal', scale: { domain: ['p50', 'p95'], range: ['#1f78b4', '#ff7f00'] }, legend: { title: null, orient: 'top' } },
            },
          },
        ],
      },
    });
  }
  if (over && scenario.abandonment) {
    const { transform, x } = timeAxis(scenario, 'time');
    charts.push({
      name: 'giving-up',
      title: 'Players giving up over time',
      caption:
        'Of the players who arrived in each bucket of time, the share who gave up waiting (without a cancel path, some are matched afterwards anyway, as ghosts).',
      spec: {
        ...base,
        width: WIDTH,
        height: 160,
        data: { values: over },
        transform: [...transform, { filter: 'datum.gaveUp != null' }],
        mark: { type: 'area', color: '#fb9a99', line: { color: '#e31a1c' }, interpolate: 'step-after' },
        encoding: { x, y: { field: 'gaveUp', type: 'quantitative', title: 'share who gave up', ...SHARE_SCALE } },
      },
    });
  }
  if (data.patience && data.patience.length > 0) {
    const most = Math.max(...data.patience.map((p) => Math.max(p.patience, p.stayed)));
    charts.push({
      name: 'patience',
      title: 'Wait against patience',
      caption:
        'Each dot is a player (an even sample): the patience drawn for it, and how long it stayed: until its room formed, or until it gave up. Players reach the diagonal only by giving up; the further below it a matched player sits, the more patience it had to spare.',
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 60,
        layer: [
          {
            data: { values: data.patience },
            mark: { type: 'circle', size: 14, opacity: 0.5 },
            encoding: {
              x: { field: 'patience', type: 'quantitative', title: 'patience (s)', axis: { format: AXIS_FORMAT } },
              y: { field: 'stayed', type: 'quantitative', title: 'stayed (s)', axis: { format: AXIS_FORMAT } },
              color: { field: 'outcome', type: 'nominal', scale: { domain: ['matched', 'gave up'], range: ['#1f78b4', '#e31a1c'] }, legend: { title: null, orient: 'top' } },
            },
          },
          { data: { values: [{ v: 0 }, { v: most }] }, mark: { type: 'line', color: '#888', strokeDash: [4, 3] }, encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } } },
        ],
      },
    });
  }
  if (data.faults) {
    const f = data.faults;
    const order = [...new Set(f.byFault.map((b) => b.fault))];
    const ways = LOST_WAYS.map(([, words]) => words);
    charts.push({
      name: 'fault-costs',
      title: 'What each fault costs',
      caption:
        'Each fault alone, on the same arrivals, against none. Left: the wait it adds (mean and p95; it can be slightly negative, as a lost room changes who is left for the next). Right: the players it hurts, by how (disconnected before their room was announced, never sent every create_player event of their room, or sent them all but finding the room\u2019s cache entry gone): alone (the upper, pale bar), and what removing it from the others saves (the lower bar), which counts what it does through them: a culled cache entry costs only a player who reads it late. Below zero: players removing it would hurt another way (with no channel limit, players it left unnotified are notified late, and find their entry gone). Faults on the notification path do not delay rooms: they lose players. Faults interact, so these need not add up to the whole run\u2019s.',
      spec: {
        ...base,
        // The panels' colours mean different things: a percentile on the left, a way of losing players on the right.
        resolve: { scale: { color: 'independent', opacity: 'independent' }, legend: { color: 'independent', opacity: 'independent' } },
        hconcat: [
          {
            width: WIDTH / 2 - 60,
            height: 200,
            data: { values: f.byFault },
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'fault', type: 'nominal', title: null, sort: order },
              yOffset: { field: 'figure', sort: ['mean', 'p95'] },
              x: { field: 'seconds', type: 'quantitative', title: 'extra wait (s)', axis: { format: AXIS_FORMAT } },
              color: { field: 'figure', type: 'nominal', scale: { domain: ['mean', 'p95'], range: ['#6a3d9a', '#ff7f00'] }, legend: { title: null, orient: 'top' } },
            },
          },
          {
            width: WIDTH / 2 - 60,
            height: 200,
            data: { values: f.lost },
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'fault', type: 'nominal', title: null, sort: order },
              yOffset: { field: 'measure', sort: ['alone', 'removing it saves'] },
              opacity: { field: 'measure', type: 'nominal', scale: { domain: ['alone', 'removing it saves'], range: [0.45, 1] }, legend: { title: null, orient: 'top', direction: 'vertical' } },
              x: { field: 'players', type: 'quantitative', title: 'players hurt', stack: 'zero' },
              color: { field: 'way', type: 'nominal', scale: { domain: ways, range: ['#e31a1c', '#1f78b4', '#33a02c'] }, legend: { title: null, orient: 'top', direction: 'vertical', labelLimit: 0 } },
              order: { field: 'way', sort: 'ascending' },
            },
          },
        ],
      },
    });
  }
  return charts;
}

/** A panel of the timeline: a strip per kind of fault, darker where more struck in a bucket of time, on the timeline's time axis. */
export function faultsPanel(scenario: ResolvedScenario, overTime: NonNullable<ScenarioReportData['faults']>['overTime']): Record<string, unknown> {
  const { transform, x, x2 } = timeAxis(scenario, 'time', 'time2');
  const struck = new Set(overTime.map((f) => f.kind));
  const kinds = Object.values(FAULT_WORDS).filter((k) => struck.has(k));
  return {
    width: WIDTH,
    height: 16 * kinds.length,
    data: { values: overTime },
    transform,
    mark: { type: 'rect' },
    encoding: {
      x,
      x2,
      y: { field: 'kind', type: 'nominal', title: null, sort: kinds },
      color: { field: 'count', type: 'quantitative', title: 'faults', scale: { scheme: 'reds', type: 'sqrt' } },
    },
  };
}
