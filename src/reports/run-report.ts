import { rolesLine } from './roles-summary.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStats } from '../engine/run-tally.js';
import { runCharts } from './charts/run-charts.js';
import { CHARTS_DIR, renderCharts } from './charts/render.js';
import { escapeHtml, figures, fmt, page, pct, section, table } from './html.js';
import { runReportData } from './run-report-data.js';
import { scenarioReportData } from './scenario-report-data.js';
import type { GroupFigures } from './breakdowns.js';
import type { SortedSamples, Summary } from './summary.js';
import { matcherLabel } from './matcher-label.js';
import type { PopulationSummary } from './population-summary.js';
import { isPopulationBackfill, isSessionBackfill, type BackfillSummary, type SessionBackfillSummary, type StreamBackfillSummary } from './backfill-summary.js';


export const REPORT_FILE = 'report.html';

/** The summary's lines of a closed population. */
function populationRows(p: PopulationSummary, scenario: Summary['scenario']): Array<[string, string]> {
  const spec = scenario.population;
  const online = p.concurrency.online;
  return [
    ['population', `${p.players} players (${spec?.rating.system ?? '?'} ratings, matched on ${spec?.matchOn ?? '?'}) · ${p.sessions} sessions · ${p.matches} matches played · ${p.voidRooms} void rooms (a member gone)`],
    ['online', `mean ${fmt(online.mean)} · peak ${fmt(online.max)} · in a match: mean ${fmt(p.concurrency.match.mean)}`],
    ['matches per session', `mean ${fmt(p.matchesPerSession.mean)} · p50 ${fmt(p.matchesPerSession.p50)} · p90 ${fmt(p.matchesPerSession.p90)}`],
    ['rating vs true skill', `correlation ${fmt(p.convergence.correlation)} · RMSE ${fmt(p.convergence.rmse)} (at the end)`],
    ['calibration', `mean gap between predicted and actual win rate ${fmt(p.calibration.error)}`],
    ['matches', `blowouts ${pct(p.blowoutRate)} · true-skill favourite's win chance mean ${pct(p.favouriteWin.mean)}`],
    ['waits: new / established', `p50 ${fmt(p.waits.new.p50)} / ${fmt(p.waits.established.p50)} s · p95 ${fmt(p.waits.new.p95)} / ${fmt(p.waits.established.p95)} s`],
    ['players kept', `${pct(p.retention)}${p.retentionBySkill.length > 0 ? ` · by skill quartile: ${p.retentionBySkill.map((b) => `${b.band} ${pct(b.share)}`).join(', ')}` : ''}`],
  ];
}

/** With a population's backfill: who left running matches, and how their seats were refilled. */
function backfillRows(b: BackfillSummary): Array<[string, string]> {
  const r = b.requests;
  return [
    ['left running matches', `${b.playersLeft} players, from ${b.matchesLosingPlayers} of ${b.matches} matches played`],
    ['backfill requests', `${r.opened} opened: ${r.filled} filled, ${r.timedOut} timed out, ${r.matchEnded} taken back as their match ended, ${r.standing} standing · ${b.playersJoined} players joined running matches (${b.ghostJoins} of them gone by then)`],
    ['time to fill (s)', `p50 ${fmt(b.timeToFill.p50)} · p95 ${fmt(b.timeToFill.p95)} · max ${fmt(b.timeToFill.max)}`],
    ['short-handed', `${pct(b.shortHandedShare)} of match time with a seat empty · ${pct(b.emptySeatShare)} of seat time empty`],
    ['waits: joined a running match / a new one (s)', `p50 ${fmt(b.waits.joined.p50)} / ${fmt(b.waits.newMatches.p50)} · p95 ${fmt(b.waits.joined.p95)} / ${fmt(b.waits.newMatches.p95)}`],
  ];
}

/** With a stream of backfill requests: how many were filled, how soon, and the waits of those who joined. */
function streamBackfillRows(b: StreamBackfillSummary): Array<[string, string]> {
  const r = b.requests;
  return [
    ['backfill requests from running sessions', `${r.opened} at ${fmt(b.stream.rate)} a second: ${r.filled} filled (${pct(b.filledShare)}), ${r.timedOut} timed out, ${r.standing} standing · ${b.playersJoined} players joined`],
    ['time to fill (s)', `p50 ${fmt(b.timeToFill.p50)} · p95 ${fmt(b.timeToFill.p95)} · max ${fmt(b.timeToFill.max)}`],
    ['waits: joined a session / a new match (s)', `p50 ${fmt(b.waits.joined.p50)} / ${fmt(b.waits.newMatches.p50)} · p95 ${fmt(b.waits.joined.p95)} / ${fmt(b.waits.newMatches.p95)}`],
  ];
}

/** With sessions that start short (open arrivals, FlexMatch's automatic backfill): how full they started, and how full backfill made them. */
function sessionBackfillRows(b: SessionBackfillSummary): Array<[string, string]> {
  const n = b.sessions;
  const r = b.requests;
  return [
    ['sessions', `${n.formed} formed, ${n.formedShort} short of ${b.seats} players: ${n.filledToFull} made full by backfill, ${n.stillShort} (${pct(n.stillShortShare)} of all) still short when they stopped backfilling`],
    ['players per session', `mean ${fmt(b.playersPerSession.atStart)} as formed, ${fmt(b.playersPerSession.final)} when backfill stopped · time to full p50 ${fmt(b.timeToFull.p50)} s, p95 ${fmt(b.timeToFull.p95)} s`],
    ['backfill requests', `${r.opened} opened: ${r.filled} filled, ${r.timedOut} timed out, ${r.matchEnded} taken back as their session stopped backfilling, ${r.standing} standing · ${b.playersJoined} players joined · time to fill p50 ${fmt(b.timeToFill.p50)} s`],
    ['short-handed', `${pct(b.shortHandedShare)} of the backfill windows with a place open · ${pct(b.emptySeatShare)} of their seat time open`],
    ['waits: joined a session / a new match (s)', `p50 ${fmt(b.waits.joined.p50)} / ${fmt(b.waits.newMatches.p50)} · p95 ${fmt(b.waits.joined.p95)} / ${fmt(b.waits.newMatches.p95)}`],
  ];
}

/** With a replayed log: what production observed of the same tickets, and the simulation against it. */
function observedRows(s: Summary): Array<[string, string]> {
  const o = s.observed;
  if (!o) return [];
  const gap = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${fmt(x * 100)}%`);
  return [
    ['observed in production: wait (s)', `p50 ${fmt(o.wait.p50)} · p95 ${fmt(o.wait.p95)} · p99 ${fmt(o.wait.p99)} · ${o.matched} matched (${pct(o.matchedShare)}), ${o.left} left unmatched`],
    ['simulated against observed', `wait p50 ${gap(o.gap.waitP50)} · p95 ${gap(o.gap.waitP95)} · p99 ${gap(o.gap.waitP99)} · matched share ${gap(o.gap.matchedShare)}`],
  ];
}

/** With data centres: the round trips in the rooms' data centres, and where the rooms went (names from the scenario, escaped by the table). */
function latencyRows(s: Summary): Array<[string, string]> {
  const l = s.latency;
  if (!l) return [];
  return [
    ['round trip in the room\u2019s data centre (ms)', `mean ${fmt(l.mean)} · p50 ${fmt(l.p50)} · p95 ${fmt(l.p95)} · max ${fmt(l.max)} · above the player\u2019s best: p95 ${fmt(l.deltaPing.p95)} · placed at their best: ${pct(l.atBestShare)}`],
    ['rooms by data centre', l.rooms.map((r) => `${r.dataCentre} ${r.rooms}`).join(' · ')],
  ];
}

/** Writes report.html for a run (and its charts, unless `charts` is false) into `dir`. */
export async function writeRunReport(dir: string, summary: Summary, stats: RunStats, sorted: SortedSamples, charts: boolean): Promise<void> {
  const rendered = charts ? await renderCharts(runCharts(runReportData(summary, stats, sorted), summary.scenario, scenarioReportData(summary, stats), summary.population), dir) : [];
  const s = summary;
  const m = s.scenario.matcher;
  const rows: Array<[string, string]> = [
    s.population
      ? ['visits to the queue', `${s.players.total} (${s.players.matched} matched, ${s.players.waiting} still waiting, ${s.players.abandoned} left unmatched: the session ended, or patience ran out)`]
      : ['players', `${s.players.total} (${s.players.matched} matched, ${s.players.waiting} still waiting, ${s.players.abandoned} ${s.acceptance || s.abandonment.timedOut !== undefined ? 'left' : 'gave up'} unmatched)`],
    ...matchedRows(s),
    ['rooms', `${s.rooms} (${fmt(s.throughput.roomsPerMinute)} per minute)`],
    ...serviceRows(s),
    ['wait (s)', `mean ${fmt(s.wait.mean)} · p50 ${fmt(s.wait.p50)} · p90 ${fmt(s.wait.p90)} · p95 ${fmt(s.wait.p95)} · p99 ${fmt(s.wait.p99)} · max ${fmt(s.wait.max)}`],
    ['score spread', `mean ${fmt(s.spread.mean)} · p50 ${fmt(s.spread.p50)} · p95 ${fmt(s.spread.p95)} · max ${fmt(s.spread.max)}`],
    ['notifications', `${s.notifications.messages} create_player messages, ${s.notifications.playersNotified} players notified`],
    ...latencyRows(s),
    ...observedRows(s),
  ];
  if (s.scenario.abandonment) {
    const a = s.abandonment;
    rows.push([
      'gave up waiting',
      `${a.left} players (${fmt((a.rate ?? 0) * 100)}%) · ${a.cancelled} requests withdrawn · ${a.ghostRooms} ghost rooms holding ${a.ghostPlayers} gone players · ${a.messagesLost} messages to closed connections`,
    ]);
  }
  if (s.faults) {
    const f = s.faults;
    const m = f.messages;
    const lost = f.playersLost;
    rows.push(['faults: rooms not fully notified', String(f.roomsNotFullyNotified)]);
    rows.push(['faults: players lost', `${lost.disconnected} disconnected · ${lost.neverNotified} never notified · ${lost.roomEntryGone} found their room entry gone`]);
    rows.push(['faults: messages', `${m.dropped} dropped · ${m.delayed} delayed · ${m.overCapacity} over capacity · ${m.expired} expired`]);
    rows.push(['faults: service', `${f.stalledTicks} stalled ticks · cache entries ${f.cache.expired} expired, ${f.cache.culled} culled`]);
    rows.push(['faults: extra wait (s)', `mean ${fmt(f.extraWait.mean)} · p95 ${fmt(f.extraWait.p95)} · p99 ${fmt(f.extraWait.p99)} (against the same arrivals without the faults)`]);
  }
  const c = s.conservation;
  // Requests of players who gave up stay where they are without a cancel path (the seed has none): counted there, not as waiting.
  // With acceptance, players in proposed matches wait too: out of the pool, in no room.
  const proposed = c.proposed ?? 0;
  const gone = c.queued + c.pool + proposed - s.players.waiting;
  const stay = gone > 0 ? ` (of the queued and pooled, ${gone} players gave up and their requests stay, as the service has no cancel)` : '';
  rows.push(['conservation', `${c.arrived} arrived = ${c.queued} queued + ${c.pool} in pool${c.proposed === undefined ? '' : ` + ${proposed} proposed`} + ${c.matched} matched + ${c.abandoned} withdrawn + ${c.lost.disconnected} lost${stay}; checked at ${c.checks} instants`]);
  if (s.teams) {
    const t = s.teams;
    rows.push(['team mean gap', `mean ${fmt(t.gap.mean)} · p50 ${fmt(t.gap.p50)} · p95 ${fmt(t.gap.p95)} · max ${fmt(t.gap.max)}`]);
    rows.push(["favourite's predicted win chance", `mean ${pct(t.favouriteWin.mean)} · p50 ${pct(t.favouriteWin.p50)} · p95 ${pct(t.favouriteWin.p95)} · max ${pct(t.favouriteWin.max)}`]);
  }
  if (s.population) rows.push(...populationRows(s.population, s.scenario));
  if (s.backfill) rows.push(...(isSessionBackfill(s.backfill) ? sessionBackfillRows(s.backfill) : isPopulationBackfill(s.backfill) ? backfillRows(s.backfill) : streamBackfillRows(s.backfill)));
  const cells = rows.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]);
  const groups = (title: string, first: string, list: ReadonlyArray<GroupFigures>) =>
    list.length === 0
      ? []
      : [
          section(
            title,
            table(
              [first, 'players', 'matched', 'wait p50', 'wait p95', 'spread mean'],
              list.map((g) => [escapeHtml(g.label), String(g.players), String(g.matched), fmt(g.waitP50), fmt(g.waitP95), fmt(g.spreadMean)]),
            ),
          ),
        ];
  const html = page(
    `matchsim: ${s.scenario.name}`,
    `seed ${s.seed} · ${matcherLabel(m)} · ${s.ticks} ticks of ${s.scenario.tick} s`,
    [
      section('Summary', table(['figure', 'value'], cells, 'facts')),
      ...groups('Pools', 'pool', s.breakdowns.pools),
      ...groups('Parties', 'queued', s.breakdowns.parties ?? []),
      section('Charts', figures(rendered, CHARTS_DIR)),
      section('Scenario (resolved)', `<pre>${escapeHtml(JSON.stringify(s.scenario, null, 2))}</pre>`),
    ],
  );
  writeFileSync(join(dir, REPORT_FILE), html);
}

/** What a FlexMatch configuration adds: rooms of a size that varies, tickets timed out, the acceptance flow. */
function serviceRows(s: Summary): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const r = s.roomPlayers;
  if (r !== undefined && r.mean !== null) rows.push(['players per room', `mean ${fmt(r.mean)} · ${r.min} to ${r.max} · ${pct(r.fullShare)} of rooms full (${s.scenario.matcher.roomSize})`]);
  if (s.roles !== undefined) rows.push(['roles', rolesLine(s.roles, fmt)]);
  if (s.abandonment.timedOut !== undefined) rows.push(['timed out', `${s.abandonment.timedOut} players given up by the service (requestTimeoutSeconds)`]);
  const a = s.acceptance;
  if (a !== undefined) {
    rows.push(['acceptance', `${a.potentialMatches} matches proposed: ${a.acceptedMatches} accepted (${pct(a.acceptedShare)}) · ${a.rejectedMatches} rejected · ${a.timedOutMatches} timed out · ${a.pendingMatches} pending; players of failed ones: ${a.playersReturned} back to searching, ${a.playersCancelled} cancelled`]);
  }
  return rows;
}

/** The matched share a reader assumes: with ghosts (matched after they gave up), the share matched while present, and the ghosts on their own line. */
function matchedRows(s: Summary): Array<[string, string]> {
  const ghosts = s.players.ghosts ?? 0;
  if (ghosts === 0) return [['matched share', pct(s.players.matchedShare)]];
  return [
    ['matched while present', `${pct(s.players.matchedPresentShare)} (${s.players.matched - ghosts} of ${s.players.total})`],
    ['matched as ghosts', `${ghosts} (${pct(s.players.total === 0 ? null : ghosts / s.players.total)}): gone before their room formed (gave up, or disconnected), put in it anyway: no cancel path`],
  ];
}
