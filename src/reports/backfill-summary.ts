import type { BackfillStats, PopulationStats } from '../engine/population/population.js';
import { BACKFILL_OUTCOMES } from '../engine/population/running-match.js';
import { distribution, type Distribution } from './distribution.js';
import { round6 } from './numbers.js';

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

/** The backfill figures of a population run; `wait`: each visit's wait (NaN: not matched), `roomSize`: seats per match. */
export function backfillSummary(population: PopulationStats, backfill: BackfillStats, wait: Float64Array, roomSize: number): BackfillSummary {
  const { requests, played: seats } = backfill;
  const outcomes = new Array<number>(BACKFILL_OUTCOMES.length).fill(0);
  const fillTimes: number[] = [];
  for (let r = 0; r < requests.room.length; r++) {
    outcomes[requests.outcome[r]]++;
    if (BACKFILL_OUTCOMES[requests.outcome[r]] === 'filled') fillTimes.push(requests.closedAt[r] - requests.openedAt[r]);
  }
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
  const joined = new Uint8Array(wait.length);
  for (const visit of backfill.joiners.visit) joined[visit] = 1;
  const joinerWaits: number[] = [];
  const newWaits: number[] = [];
  for (let v = 0; v < wait.length; v++) {
    if (Number.isNaN(wait[v])) continue;
    (joined[v] === 1 ? joinerWaits : newWaits).push(wait[v]);
  }
  const share = (part: number, whole: number): number | null => (whole > 0 ? round6(part / whole) : null);
  return {
    matches: count,
    matchesLosingPlayers: losing,
    playersLeft: left,
    requests: {
      opened: requests.room.length,
      filled: outcomes[BACKFILL_OUTCOMES.indexOf('filled')],
      timedOut: outcomes[BACKFILL_OUTCOMES.indexOf('timedOut')],
      matchEnded: outcomes[BACKFILL_OUTCOMES.indexOf('matchEnded')],
      standing: outcomes[BACKFILL_OUTCOMES.indexOf('standing')],
    },
    playersJoined: backfill.joiners.visit.length,
    ghostJoins: backfill.ghostJoins,
    timeToFill: distribution(sortedOf(fillTimes)),
    shortHandedShare: share(shortSeconds, matchSeconds),
    emptySeatShare: share(emptySeconds, matchSeconds * roomSize),
    waits: { joined: distribution(sortedOf(joinerWaits)), newMatches: distribution(sortedOf(newWaits)) },
  };
}
