import type { BackfillStats, PopulationStats } from '../engine/population/population.js';
import type { SessionBackfillStats } from '../engine/session-backfill-stats.js';
import type { BackfillRequestColumns } from '../engine/population/running-match.js';
import { BACKFILL_OUTCOMES } from '../engine/population/running-match.js';
import { distribution, type Distribution } from './distribution.js';
import { ratioOrNull } from './numbers.js';

/** summary.backfill: players who left running matches, and the requests that refilled their seats. */
export interface BackfillSummary {
  /** Played matches, those a player left, and the players who left. */
  readonly matches: number;
  readonly matchesLosingPlayers: number;
  readonly playersLeft: number;
  /** Requests made, and how each ended: filled (by one player or more), timed out, or taken back when their match ended; standing at the end of the run. */
  readonly requests: { readonly opened: number; readonly filled: number; readonly timedOut: number; readonly matchEnded: number; readonly standing: number };
  /** Players who joined running matches, and those of them who had gone by then (their seats stayed empty). */
  readonly playersJoined: number;
  readonly ghostJoins: number;
  /** Seconds from a request to its fill, over filled requests. */
  readonly timeToFill: Distribution;
  /** Of the played matches' time, the share with a seat empty; of their seat-seconds, the share empty. */
  readonly shortHandedShare: number | null;
  readonly emptySeatShare: number | null;
  /** Waits of the visits that joined running matches, and of those matched into new ones. */
  readonly waits: { readonly joined: Distribution; readonly newMatches: Distribution };
}

const sortedOf = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();


/** What every backfill summary says of its requests: how each ended, the players who joined, the time to fill, and the waits of those who joined against those matched into new matches. */
function requestFigures({ requests, joiners }: BackfillRequestColumns, wait: Float64Array): Pick<BackfillSummary, 'requests' | 'playersJoined' | 'timeToFill' | 'waits'> {
  const outcomes = new Array<number>(BACKFILL_OUTCOMES.length).fill(0);
  const fillTimes: number[] = [];
  for (let r = 0; r < requests.room.length; r++) {
    outcomes[requests.outcome[r]]++;
    if (BACKFILL_OUTCOMES[requests.outcome[r]] === 'filled') fillTimes.push(requests.closedAt[r] - requests.openedAt[r]);
  }
  const joined = new Uint8Array(wait.length);
  for (const visit of joiners.visit) joined[visit] = 1;
  const joinerWaits: number[] = [];
  const newWaits: number[] = [];
  for (let v = 0; v < wait.length; v++) {
    if (Number.isNaN(wait[v])) continue;
    (joined[v] === 1 ? joinerWaits : newWaits).push(wait[v]);
  }
  return {
    requests: {
      opened: requests.room.length,
      filled: outcomes[BACKFILL_OUTCOMES.indexOf('filled')],
      timedOut: outcomes[BACKFILL_OUTCOMES.indexOf('timedOut')],
      matchEnded: outcomes[BACKFILL_OUTCOMES.indexOf('matchEnded')],
      standing: outcomes[BACKFILL_OUTCOMES.indexOf('standing')],
    },
    playersJoined: joiners.visit.length,
    timeToFill: distribution(sortedOf(fillTimes)),
    waits: { joined: distribution(sortedOf(joinerWaits)), newMatches: distribution(sortedOf(newWaits)) },
  };
}

/** The backfill figures of a population run; `wait`: each visit's wait (NaN: not matched), `roomSize`: seats per match. */
export function backfillSummary(population: PopulationStats, backfill: BackfillStats, wait: Float64Array, roomSize: number): BackfillSummary {
  const seats = backfill.played;
  const { start, end, count } = population.played;
  let matchSeconds = 0;
  let shortSeconds = 0;
  let emptySeconds = 0;
  let losing = 0;
  let left = 0;
  for (let i = 0; i < count; i++) {
    matchSeconds += end[i] - start[i];
    shortSeconds += seats.shortSeconds[i];
    emptySeconds += seats.emptySeatSeconds[i];
    if (seats.left[i] > 0) losing++;
    left += seats.left[i];
  }
  const { requests, playersJoined, timeToFill, waits } = requestFigures(backfill, wait);
  return {
    matches: count,
    matchesLosingPlayers: losing,
    playersLeft: left,
    requests,
    playersJoined,
    ghostJoins: backfill.ghostJoins,
    timeToFill,
    shortHandedShare: ratioOrNull(shortSeconds, matchSeconds),
    emptySeatShare: ratioOrNull(emptySeconds, matchSeconds * roomSize),
    waits,
  };
}

/** True for the backfill summary of sessions that start short (open arrivals), false for a population's. */
export function isSessionBackfill(summary: BackfillSummary | SessionBackfillSummary | StreamBackfillSummary): summary is SessionBackfillSummary {
  return Object.hasOwn(summary, 'sessions');
}

/** summary.backfill of a run whose sessions start short (open arrivals, FlexMatch's automatic backfill): how full sessions started, and how full backfill made them. */
export interface SessionBackfillSummary {
  /** Sessions (rooms) formed; those formed with open places; of those, the ones backfill made full, and those still short when they stopped backfilling (or the run ended). */
  readonly sessions: { readonly formed: number; readonly formedShort: number; readonly formedShortShare: number | null; readonly filledToFull: number; readonly stillShort: number; readonly stillShortShare: number | null };
  /** Players per session, mean: as formed, and when it stopped backfilling. */
  readonly playersPerSession: { readonly atStart: number | null; readonly final: number | null };
  readonly seats: number;
  readonly requests: BackfillSummary['requests'];
  readonly playersJoined: number;
  readonly timeToFill: Distribution;
  /** Seconds from a short session forming to its last open place filled, over those made full. */
  readonly timeToFull: Distribution;
  /** Of the sessions' backfill windows (from forming to untilSeconds later, or the run's end), the share of time with a place open, and the share of seat time open. */
  readonly shortHandedShare: number | null;
  readonly emptySeatShare: number | null;
  readonly waits: BackfillSummary['waits'];
}

/** The backfill figures of a run with session backfill; `wait`: each player's wait (NaN: not matched), `end`: when the run ended. */
export function sessionBackfillSummary(stats: SessionBackfillStats, wait: Float64Array, end: number): SessionBackfillSummary {
  const { sessions, requests, seats, window } = stats;
  const figures = requestFigures(stats, wait);
  // Each session's fills, in the order they came: when, and how many joined.
  const fillsOf = new Map<number, Array<{ at: number; joined: number }>>();
  for (let r = 0; r < requests.room.length; r++) {
    if (BACKFILL_OUTCOMES[requests.outcome[r]] !== 'filled') continue;
    let list = fillsOf.get(requests.room[r]);
    if (list === undefined) fillsOf.set(requests.room[r], (list = []));
    list.push({ at: requests.closedAt[r], joined: requests.joined[r] });
  }
  let short = 0;
  let full = 0;
  let atStart = 0;
  let final = 0;
  let windowSeconds = 0;
  let shortSeconds = 0;
  let emptySeatSeconds = 0;
  const toFull: number[] = [];
  const count = sessions.formedAt.length;
  for (let i = 0; i < count; i++) {
    const from = sessions.formedAt[i];
    const to = Math.min(from + window, end);
    atStart += sessions.startPlayers[i];
    final += sessions.finalPlayers[i];
    windowSeconds += Math.max(0, to - from);
    if (sessions.startPlayers[i] >= seats) continue;
    short++;
    if (!Number.isNaN(sessions.fullAt[i])) {
      full++;
      toFull.push(sessions.fullAt[i] - from);
    }
    // Open seats over the window, step by step at each fill.
    let open = seats - sessions.startPlayers[i];
    let since = from;
    for (const fill of fillsOf.get(i) ?? []) {
      if (fill.at > to) break;
      emptySeatSeconds += open * (fill.at - since);
      if (open > 0 && open - fill.joined === 0) shortSeconds += fill.at - from;
      open -= fill.joined;
      since = fill.at;
    }
    emptySeatSeconds += open * Math.max(0, to - since);
    if (open > 0) shortSeconds += Math.max(0, to - from);
  }
  return {
    sessions: { formed: count, formedShort: short, formedShortShare: ratioOrNull(short, count), filledToFull: full, stillShort: short - full, stillShortShare: ratioOrNull(short - full, count) },
    playersPerSession: { atStart: ratioOrNull(atStart, count), final: ratioOrNull(final, count) },
    seats,
    ...figures,
    timeToFull: distribution(sortedOf(toFull)),
    shortHandedShare: ratioOrNull(shortSeconds, windowSeconds),
    emptySeatShare: ratioOrNull(emptySeatSeconds, windowSeconds * seats),
  };
}

/** summary.backfill of a run with a stream of backfill requests (scenario.backfillRequests): how many were filled, how soon, and the waits of those who joined against those matched into new matches. */
export interface StreamBackfillSummary {
  /** Requests per second, as the scenario says. */
  readonly stream: { readonly rate: number };
  readonly requests: BackfillSummary['requests'];
  /** Of the requests made, the share filled (by one player or more). */
  readonly filledShare: number | null;
  readonly playersJoined: number;
  readonly timeToFill: Distribution;
  readonly waits: BackfillSummary['waits'];
}

/** The backfill figures of a run with a stream of backfill requests; `wait`: each player's wait (NaN: not matched). */
export function streamBackfillSummary(stats: BackfillRequestColumns, rate: number, wait: Float64Array): StreamBackfillSummary {
  const figures = requestFigures(stats, wait);
  return { stream: { rate }, ...figures, filledShare: ratioOrNull(figures.requests.filled, figures.requests.opened) };
}

/** True for the backfill summary of a stream of backfill requests. */
export function isStreamBackfill(summary: BackfillSummary | SessionBackfillSummary | StreamBackfillSummary): summary is StreamBackfillSummary {
  return Object.hasOwn(summary, 'stream');
}

/** True for a population's backfill summary. */
export function isPopulationBackfill(summary: BackfillSummary | SessionBackfillSummary | StreamBackfillSummary): summary is BackfillSummary {
  return Object.hasOwn(summary, 'matches');
}
