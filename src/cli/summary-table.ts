import { rolesLine } from '../reports/roles-summary.js';
import { isPopulationBackfill, isSessionBackfill, isStreamBackfill } from '../reports/backfill-summary.js';
import type { Distribution, Summary } from '../reports/summary.js';
import { matcherLabel } from '../reports/matcher-label.js';
import { printable } from '../reports/console-text.js';

const fmt = (x: number | null): string => (x === null ? '-' : String(Math.round(x * 100) / 100));

function dist(d: Distribution, keys: ReadonlyArray<keyof Distribution>): string {
  return keys.map((k) => `${k} ${fmt(d[k])}`).join('  ');
}

/** Who was matched: with ghosts (matched after they had gone: gave up, or disconnected), those matched while present first, and the ghosts apart. */
export function matchedText(s: Summary): string {
  const ghosts = s.players.ghosts ?? 0;
  if (ghosts === 0) return `${s.players.matched} matched`;
  return `${s.players.matched - ghosts} matched while present (${fmt((s.players.matchedPresentShare ?? 0) * 100)}%), ${ghosts} matched as ghosts (gone before their room formed)`;
}

/** Where rooms vary in size: how many players they held. */
function roomPlayersText(s: Summary): string {
  const r = s.roomPlayers;
  if (r === undefined || r.mean === null) return '';
  return `, ${fmt(r.mean)} players on average (${r.min} to ${r.max}), ${fmt((r.fullShare ?? 0) * 100)}% full`;
}

/** The short console summary of a run. */
export function summaryTable(summary: Summary, outDir: string): string {
  const s = summary;
  const rows: Array<[string, string]> = [
    ['scenario', `${s.scenario.name} (seed ${s.seed}, ${matcherLabel(s.scenario.matcher)})`],
    // A population's requests are its players' visits to the queue; a visit whose session ended while it waited left unmatched.
    [s.population ? 'visits' : 'players', `${s.players.total} total, ${matchedText(s)}, ${s.players.waiting} waiting${s.players.abandoned > 0 ? `, ${s.players.abandoned} ${s.population || s.acceptance || s.abandonment.timedOut !== undefined ? 'left' : 'gave up'} unmatched` : ''}`],
    ['rooms', `${s.rooms} (${fmt(s.throughput.roomsPerMinute)} per minute)${roomPlayersText(s)}`],
    ['wait (s)', dist(s.wait, ['mean', 'p50', 'p90', 'p95', 'p99', 'max'])],
    ['spread', dist(s.spread, ['mean', 'p50', 'p95', 'max'])],
    ['messages', `${s.notifications.messages} create_player, ${s.notifications.playersNotified} players notified`],
  ];
  if (s.roles !== undefined) rows.push(['roles', rolesLine(s.roles, fmt)]);
  const a = s.abandonment;
  if (a.timedOut !== undefined) rows.push(['timed out', `${a.timedOut} players given up by the service (requestTimeoutSeconds)`]);
  const acc = s.acceptance;
  if (acc) {
    const share = acc.acceptedShare === null ? '-' : `${fmt(acc.acceptedShare * 100)}%`;
    rows.push(['acceptance', `${acc.potentialMatches} matches proposed: ${acc.acceptedMatches} accepted (${share}), ${acc.rejectedMatches} rejected, ${acc.timedOutMatches} timed out, ${acc.pendingMatches} pending`]);
    rows.push(['', `players of failed proposals: ${acc.playersReturned} back to searching, ${acc.playersCancelled} cancelled`]);
  }
  if (s.scenario.abandonment) {
    rows.push([
      'abandonment',
      `${a.left} gave up (${fmt((a.rate ?? 0) * 100)}%), ${a.cancelled} withdrawn, ${a.ghostRooms} ghost rooms holding ${a.ghostPlayers} gone players, ${a.messagesLost} messages to closed connections`,
    ]);
  }
  const f = s.faults;
  if (f) {
    const m = f.messages;
    const lost = f.playersLost;
    rows.push(['faults', `${f.roomsNotFullyNotified} rooms not fully notified; players lost: ${lost.disconnected} disconnected, ${lost.neverNotified} never notified, ${lost.roomEntryGone} found their room entry gone`]);
    rows.push(['', `messages: ${m.dropped} dropped, ${m.delayed} delayed, ${m.overCapacity} over capacity, ${m.expired} expired; ${f.stalledTicks} stalled ticks; cache: ${f.cache.expired} expired, ${f.cache.culled} culled`]);
    rows.push(['', `extra wait against the same arrivals without faults: mean ${fmt(f.extraWait.mean)} s, p95 ${fmt(f.extraWait.p95)} s, p99 ${fmt(f.extraWait.p99)} s`]);
  }
  const pct = (x: number | null) => (x === null ? '-' : `${fmt(x * 100)}%`);
  const p = s.population;
  if (p) {
    rows.push(['population', `${p.players} players, ${p.sessions} sessions, ${p.matches} matches played`]);
    rows.push(['online', `mean ${fmt(p.concurrency.online.mean)}, peak ${fmt(p.concurrency.online.max)}`]);
    rows.push(['kept', `${pct(p.retention)} of players still playing at the end`]);
    rows.push(['ratings', `correlation with true skill ${fmt(p.convergence.correlation)}, RMSE ${fmt(p.convergence.rmse)} (after the last match)`]);
    rows.push(['matches', `blowouts ${pct(p.blowoutRate)}, true-skill favourite's win chance mean ${pct(p.favouriteWin.mean)}`]);
    const b = s.backfill;
    if (b && isPopulationBackfill(b)) {
      rows.push(['backfill', `${b.playersLeft} players left ${b.matchesLosingPlayers} matches; ${b.requests.opened} requests: ${b.requests.filled} filled (p50 ${fmt(b.timeToFill.p50)} s), ${b.requests.timedOut} timed out`]);
      rows.push(['short-handed', `${pct(b.shortHandedShare)} of match time with a seat empty`]);
    }
  }
  if (s.backfill && isStreamBackfill(s.backfill)) {
    const b = s.backfill;
    rows.push(['backfill', `${b.requests.opened} requests from running sessions: ${b.requests.filled} filled (${pct(b.filledShare)}; p50 ${fmt(b.timeToFill.p50)} s), ${b.requests.timedOut} timed out; ${b.playersJoined} players joined`]);
  }
  if (s.backfill && isSessionBackfill(s.backfill)) {
    const b = s.backfill;
    const n = b.sessions;
    rows.push(['backfill', `${n.formedShort} of ${n.formed} sessions formed short: ${n.filledToFull} filled to ${b.seats} (p50 ${fmt(b.timeToFull.p50)} s), ${n.stillShort} still short; ${b.requests.opened} requests, ${b.requests.filled} filled`]);
    rows.push(['session players', `mean ${fmt(b.playersPerSession.atStart)} as formed, ${fmt(b.playersPerSession.final)} when backfill stopped`]);
  }
  const bands = s.breakdowns.scoreBands;
  if (bands.length > 0) {
    const worst = bands.reduce((a, b) => ((b.waitP95 ?? -1) > (a.waitP95 ?? -1) ? b : a));
    const best = bands.reduce((a, b) => ((b.waitP95 ?? Infinity) < (a.waitP95 ?? Infinity) ? b : a));
    rows.push(['score bands', `wait p95 from ${fmt(best.waitP95)} s (scores ${best.label}) to ${fmt(worst.waitP95)} s (scores ${worst.label}); all in breakdown.csv`]);
  }
  for (const g of s.breakdowns.abandonment) {
    const waited = g.label === 'gave up' ? 'waited before leaving' : 'wait';
    rows.push([g.label, `${g.players} players, ${g.matched} matched${g.label === 'gave up' ? ' after leaving' : ''}, ${waited} p50 ${fmt(g.waitP50)} p95 ${fmt(g.waitP95)}, spread mean ${fmt(g.spreadMean)}`]);
  }
  if (s.teams) {
    const t = s.scenario.matcher.teams;
    rows.push(['teams', `${t ? `${t.count} x ${t.size}, ${t.balance}; ` : ''}team mean gap ${dist(s.teams.gap, ['mean', 'p95', 'max'])}`]);
    rows.push(['favourite', `predicted win chance ${dist(s.teams.favouriteWin, ['mean', 'p50', 'p95', 'max'])}`]);
  }
  for (const g of s.breakdowns.parties ?? []) {
    rows.push([g.label, `${g.players} players, ${g.matched} matched, wait p50 ${fmt(g.waitP50)} p95 ${fmt(g.waitP95)}, spread mean ${fmt(g.spreadMean)}`]);
  }
  if (s.replay) rows.push(['log', `${s.replay.skippedLines} bad lines skipped (onBadLine "skip")`]);
  const o = s.observed;
  if (o) {
    const gap = (x: number | null) => (x === null ? '-' : `${x >= 0 ? '+' : ''}${fmt(x * 100)}%`);
    rows.push(['observed wait', `${dist(o.wait, ['p50', 'p95', 'p99'])}  (${o.matched} matched, ${o.left} left, in production)`]);
    rows.push(['simulated vs', `wait p50 ${gap(o.gap.waitP50)}  p95 ${gap(o.gap.waitP95)}  p99 ${gap(o.gap.waitP99)}  matched share ${gap(o.gap.matchedShare)}`]);
  }
  const l = s.latency;
  if (l) {
    rows.push(['latency (ms)', `${dist(l, ['p50', 'p95', 'max'])}  delta ping p95 ${fmt(l.deltaPing.p95)}  at best data centre ${l.atBestShare === null ? '-' : `${fmt(l.atBestShare * 100)}%`}`]);
    rows.push(['rooms by dc', l.rooms.map((r) => `${r.dataCentre} ${r.rooms}`).join(', ')]);
  }
  for (const p of s.breakdowns.pools) {
    rows.push([`pool ${p.pool}`, `${p.players} players, ${p.matched} matched, wait p50 ${fmt(p.waitP50)} p95 ${fmt(p.waitP95)}, spread mean ${fmt(p.spreadMean)}`]);
  }
  rows.push(['output', outDir]);
  const width = Math.max(...rows.map(([k]) => printable(k).length));
  // Pool names and matcher labels come from the scenario: each cell is printed as text.
  return rows.map(([k, v]) => `${printable(k).padEnd(width)}  ${printable(v)}`).join('\n') + '\n';
}
