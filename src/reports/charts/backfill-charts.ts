import type { BackfillReportData } from '../backfill-report-data.js';
import { fmt, pct } from '../html.js';
import { AXIS_FORMAT, type Chart, CONFIG, HEIGHT, SCHEMA, SHARE_SCALE, WIDTH } from './chart.js';

const base = { $schema: SCHEMA, config: CONFIG, width: WIDTH, height: HEIGHT };

/** Backfill's questions: how soon does a running match get its players back, and how much is played short-handed meanwhile (or, for sessions that start short, how full they start and end)? */
export function backfillCharts(data: BackfillReportData): Chart[] {
  const s = data.summary;
  const r = s.requests;
  const charts: Chart[] = [];
  if (r.opened > 0) {
    charts.push({
      name: 'backfill-fill-time',
      title: 'How soon backfill requests are filled',
      caption: `Share of all ${r.opened} backfill requests filled within x seconds of opening. ${r.filled} were filled (time to fill p50 ${fmt(s.timeToFill.p50)} s, p95 ${fmt(s.timeToFill.p95)} s); the curve stops at their share, and the rest of the way to 100% is ${r.timedOut} timed out (at ${fmt(data.timeout)} s, the dashed rule), ${data.takenBackWhen === undefined ? '' : `${r.matchEnded} taken back when ${data.takenBackWhen} and `}${r.standing} standing at the end.`,
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
  const short = data.shortHanded;
  if (short !== undefined && short.cdf.length > 0) {
    const p = short.summary;
    const untouched = p.matches - p.matchesLosingPlayers;
    charts.push({
      name: 'backfill-short-handed',
      title: 'How much of a match is played short-handed',
      caption: `Of the ${p.matchesLosingPlayers} matches a player left (${p.playersLeft} players in all), the share played with a seat empty for at most x% of their length; the ${untouched} matches nobody left played full throughout and are not drawn. Over all ${p.matches} matches, ${pct(p.shortHandedShare)} of the time had a seat empty, and ${pct(p.emptySeatShare)} of the seat time was empty.`,
      spec: {
        ...base,
        data: { values: short.cdf },
        mark: { type: 'line', interpolate: 'step-after', color: '#ff7f00', strokeWidth: 2 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: 'share of the match played short-handed (%)', scale: { domain: [0, 100], nice: false }, axis: { format: AXIS_FORMAT } },
          y: { field: 'share', type: 'quantitative', title: 'share of matches a player left', ...SHARE_SCALE },
        },
      },
    });
  }
  const sessions = data.sessions;
  if (sessions !== undefined && sessions.rows.length > 0) {
    const t = sessions.summary;
    const n = t.sessions;
    charts.push({
      name: 'backfill-session-players',
      title: 'How full sessions start, and how full backfill makes them',
      caption: `Sessions by their players as formed and when they stopped backfilling (the largest match holds ${t.seats}). Of ${n.formed} sessions, ${n.formedShort} formed short; backfill made ${n.filledToFull} full (p50 ${fmt(t.timeToFull.p50)} s after forming) and ${n.stillShort} were still short when they stopped. Players per session: ${fmt(t.playersPerSession.atStart)} as formed, ${fmt(t.playersPerSession.final)} at the end; ${pct(t.shortHandedShare)} of the backfill windows had a place open.`,
      spec: {
        ...base,
        data: { values: sessions.rows },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'players', type: 'ordinal', title: 'players in the session', axis: { labelAngle: 0 } },
          xOffset: { field: 'when', sort: ['as formed', 'when backfill stopped'] },
          y: { field: 'sessions', type: 'quantitative', title: 'sessions' },
          color: { field: 'when', type: 'nominal', sort: ['as formed', 'when backfill stopped'], scale: { range: ['#a6cee3', '#1f78b4'] }, legend: { title: null, orient: 'top', labelLimit: 0 } },
          tooltip: [{ field: 'players' }, { field: 'when' }, { field: 'sessions' }],
        },
      },
    });
  }
  return charts;
}
