import type { BackfillReportData } from '../backfill-report-data.js';
import { fmt, pct } from '../html.js';
import { AXIS_FORMAT, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';

const base = { $schema: SCHEMA, config: CONFIG, width: WIDTH, height: HEIGHT };

/** Backfill's two questions: how soon does a running match get its players back, and how much is played short-handed meanwhile? */
export function backfillCharts(data: BackfillReportData): Chart[] {
  const s = data.summary;
  const r = s.requests;
  const charts: Chart[] = [];
  if (r.opened > 0) {
    charts.push({
      name: 'backfill-fill-time',
      title: 'How soon backfill requests are filled',
      caption: `Share of all ${r.opened} backfill requests filled within x seconds of opening. ${r.filled} were filled (time to fill p50 ${fmt(s.timeToFill.p50)} s, p95 ${fmt(s.timeToFill.p95)} s); the curve stops at their share, and the rest of the way to 100% is ${r.timedOut} timed out (at ${fmt(data.timeout)} s, the dashed rule), ${r.matchEnded} taken back when their match ended and ${r.standing} standing at the end.`,
      spec: {
        ...base,
        layer: [
          {
            data: { values: data.filledWithin },
            mark: { type: 'line', interpolate: 'step-after', color: '#1f78b4', strokeWidth: 2 },
            encoding: {
              x: { field: 'seconds', type: 'quantitative', title: 'seconds from request to fill', scale: { domain: [0, data.timeout], nice: false }, axis: { format: AXIS_FORMAT } },
              y: { field: 'share', type: 'quantitative', title: 'share of requests filled', ...SHARE_SCALE },
            },
          },
          { data: { values: [{ seconds: data.timeout }] }, mark: { type: 'rule', color: '#e31a1c', strokeDash: [4, 3] }, encoding: { x: { field: 'seconds', type: 'quantitative' } } },
        ],
      },
    });
  }
  if (data.shortHanded.length > 0) {
    const untouched = s.matches - s.matchesLosingPlayers;
    charts.push({
      name: 'backfill-short-handed',
      title: 'How much of a match is played short-handed',
      caption: `Of the ${s.matchesLosingPlayers} matches a player left (${s.playersLeft} players in all), the share played with a seat empty for at most x% of their length; the ${untouched} matches nobody left played full throughout and are not drawn. Over all ${s.matches} matches, ${pct(s.shortHandedShare)} of the time had a seat empty, and ${pct(s.emptySeatShare)} of the seat time was empty.`,
      spec: {
        ...base,
        data: { values: data.shortHanded },
        mark: { type: 'line', interpolate: 'step-after', color: '#ff7f00', strokeWidth: 2 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: 'share of the match played short-handed (%)', scale: { domain: [0, 100], nice: false }, axis: { format: AXIS_FORMAT } },
          y: { field: 'share', type: 'quantitative', title: 'share of matches a player left', ...SHARE_SCALE },
        },
      },
    });
  }
  return charts;
}
