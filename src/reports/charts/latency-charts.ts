import { fmt, pct } from '../html.js';
import type { ResolvedScenario } from '../../scenarios/load.js';
import type { LatencyReportData } from '../latency-report-data.js';
import { AXIS_FORMAT, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';
import { timeAxis } from './scenario-charts.js';

const base = { $schema: SCHEMA, config: CONFIG };
/** Colours for data centres, the same data centre the same colour in every chart of a run (Tableau 10). */
const DC_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * The colour scale of `labels`, each in the colour of its data centre (`of`,
 * an index into the run's), so that a data centre has one colour in every
 * chart even where some have no label. More data centres than colours:
 * vega's category scheme of 20, by label.
 */
function dcColor(labels: readonly string[], of: readonly number[], dataCentres: number): Record<string, unknown> {
  return dataCentres <= DC_COLORS.length ? { domain: labels, range: of.map((dc) => DC_COLORS[dc]) } : { domain: labels, scheme: 'tableau20' };
}

/** A run with data centres: where rooms went, what players pinged, what waiting for a better ping cost, and the cap over the rooms. */
export function latencyCharts(scenario: ResolvedScenario, data: LatencyReportData): Chart[] {
  const charts: Chart[] = [];
  // A data centre's name is its only label: never cut short.
  const color = { field: 'dataCentre', type: 'nominal', title: 'data centre', scale: dcColor(data.dataCentres, data.dataCentres.map((_, dc) => dc), data.dataCentres.length), sort: data.dataCentres, legend: { labelLimit: 0 } };
  const time = timeAxis(scenario, 'time', 'time2');
  charts.push({
    name: 'rooms-by-data-centre',
    title: 'Rooms by data centre over time',
    caption: `Rooms formed in each data centre per ${fmt((data.roomsOverTime[0]?.time2 ?? 0) - (data.roomsOverTime[0]?.time ?? 0))} s of the run, stacked: where players were sent, and how that moves as the traffic from each region rises and falls.`,
    spec: {
      ...base,
      width: WIDTH,
      height: HEIGHT,
      data: { values: data.roomsOverTime },
      transform: time.transform,
      // Stacked here rather than by vega: a bar that spans x to x2 is not stacked in y.
      mark: { type: 'rect', stroke: '#fff', strokeWidth: 0.3 },
      encoding: {
        x: time.x,
        x2: time.x2,
        y: { field: 'to', type: 'quantitative', title: 'rooms formed' },
        y2: { field: 'from' },
        color,
        tooltip: [{ field: 'dataCentre', title: 'data centre' }, { field: 'time', title: 'from (s)' }, { field: 'rooms', title: 'rooms' }],
      },
    },
  });
  charts.push({
    name: 'latency-cdf',
    title: 'Round trips in the rooms\u2019 data centres',
    caption:
      'Share of matched players (present when matched) whose round trip to their room\u2019s data centre was at most x ms, and whose was at most x ms above their best data centre (delta ping: 0 for a player placed at its best). Every player is drawn: a round trip is bounded by the cap.',
    spec: {
      ...base,
      width: WIDTH,
      height: HEIGHT,
      data: { values: data.cdfs },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'ms', type: 'quantitative', title: 'milliseconds', scale: { zero: true }, axis: { format: AXIS_FORMAT } },
        y: { field: 'share', type: 'quantitative', title: 'share of matched players', ...SHARE_SCALE },
        color: { field: 'measure', type: 'nominal', title: null, scale: { range: ['#1f78b4', '#e31a1c'] }, sort: ['round trip in the room\u2019s data centre', 'above the player\u2019s best data centre'], legend: { orient: 'top', labelLimit: 0, direction: 'vertical' } },
      },
    },
  });
  if (data.byNearest.length > 0) {
    const groups = data.byNearest.map((g) => g.group);
    const groupColor = {
      field: 'group',
      type: 'nominal',
      title: 'players',
      scale: dcColor(groups, data.byNearest.map((g) => data.dataCentres.indexOf(g.dataCentre)), data.dataCentres.length),
      sort: groups,
      legend: { labelLimit: 0 },
    };
    const x = { type: 'quantitative', title: 'round trip in the room\u2019s data centre (ms)', scale: { zero: true }, axis: { format: AXIS_FORMAT } };
    const y = { type: 'quantitative', title: 'wait (s)', scale: { zero: true }, axis: { format: AXIS_FORMAT } };
    const tooltip = [
      { field: 'group', title: 'players' },
      { field: 'players', title: 'how many' },
      { field: 'latency50', title: 'round trip p50 (ms)' },
      { field: 'wait50', title: 'wait p50 (s)' },
    ];
    charts.push({
      name: 'wait-against-latency',
      title: 'Wait against round trip, by where players are',
      caption: `Players grouped by the data centre they have the lowest round trip to (their region, as the network sees it): each dot is a group's median round trip in its rooms and median wait, its lines run from the 10th to the 90th percentile of each. A group far from every data centre but its own waits longer or plays farther away: the trade-off the cap's steps set. ${data.byNearest.map((g) => `${g.group}: ${g.players} players`).join('; ')}.`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 40,
        data: { values: data.byNearest },
        layer: [
          { mark: { type: 'rule', strokeWidth: 2, opacity: 0.6 }, encoding: { x: { field: 'latency10', ...x }, x2: { field: 'latency90' }, y: { field: 'wait50', ...y }, color: groupColor } },
          { mark: { type: 'rule', strokeWidth: 2, opacity: 0.6 }, encoding: { x: { field: 'latency50', ...x }, y: { field: 'wait10', ...y }, y2: { field: 'wait90' }, color: groupColor } },
          { mark: { type: 'circle', size: 90, opacity: 1 }, encoding: { x: { field: 'latency50', ...x }, y: { field: 'wait50', ...y }, color: groupColor, tooltip } },
        ],
      },
    });
  }
  const cap = data.cap;
  if (cap) {
    const x = { field: 'wait', type: 'quantitative', title: 'seconds waited by the room\u2019s earliest arrival', scale: { zero: true }, axis: { format: AXIS_FORMAT } };
    charts.push({
      name: 'latency-cap',
      title: 'Rooms under the latency cap',
      caption: `The line is the cap in force after waiting x seconds (matcher.latency and its steps); each dot is a room (${cap.sampled === cap.total ? 'every room' : `an even sample of ${cap.sampled} of ${cap.total} rooms`}): its members' highest round trip in its data centre against how long its earliest arrival had waited. ${
        cap.follows === 'oldest'
          ? 'The cap follows the match\u2019s oldest member: the earliest arrival\u2019s wait sets it for the whole room.'
          : cap.follows === 'newest'
            ? 'The cap follows the match\u2019s newest member: its wait sets the cap for the whole room, at or under the line of the earliest arrival.'
            : 'The cap follows each member: a member who waited less is held to a lower cap, so a room sits at or under the line of its earliest arrival.'
      } ${cap.above === 0 ? 'No room is above the line.' : `${cap.above} rooms (${pct(cap.above / cap.total)}) are above it.`}`,
      spec: {
        ...base,
        width: WIDTH,
        height: HEIGHT + 40,
        layer: [
          {
            data: { values: cap.rooms },
            mark: { type: 'circle', size: 14, opacity: 0.45 },
            encoding: { x, y: { field: 'latency', type: 'quantitative', title: 'highest round trip in the room (ms)', axis: { format: AXIS_FORMAT } }, color },
          },
          { data: { values: cap.schedule }, mark: { type: 'line', color: '#333', strokeWidth: 2, interpolate: 'step-after' }, encoding: { x, y: { field: 'cap', type: 'quantitative' } } },
        ],
      },
    });
  }
  return charts;
}
