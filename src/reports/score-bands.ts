import { quantileSorted } from 'simple-statistics';
import type { RunStats } from '../engine/recorder.js';
import { asNumbers, round6 } from './numbers.js';

/** Players in one decile band of the score distribution. */
export interface ScoreBand {
  readonly band: number;
  /** The band's score range, lowest to highest score in it. */
  readonly label: string;
  readonly players: number;
  readonly matched: number;
  readonly waitP50: number | null;
  readonly waitP95: number | null;
  /** Mean score spread of the rooms its matched players landed in. */
  readonly spreadMean: number | null;
}


/**
 * Players by decile of the score distribution: band k holds scores from the
 * (k-1)th to the kth decile. Where many players share a score, deciles
 * coincide and the empty bands are left out.
 */
export function scoreBands(stats: RunStats): ScoreBand[] {
  const { score, wait, roomSpread } = stats.byPlayer;
  if (score.length === 0) return [];
  const scores = asNumbers(Float64Array.from(score).sort());
  const cuts = Array.from({ length: 9 }, (_, k) => quantileSorted(scores, (k + 1) / 10));
  const bandOf = (s: number): number => {
    let b = 0;
    while (b < 9 && s > cuts[b]) b++;
    return b;
  };
  // Two passes over typed arrays: count per band, then fill; millions of players stay cheap.
  const band = new Uint8Array(score.length);
  const players = new Array<number>(10).fill(0);
  const matched = new Array<number>(10).fill(0);
  for (let i = 0; i < score.length; i++) {
    const b = (band[i] = bandOf(score[i]));
    players[b]++;
    if (!Number.isNaN(wait[i])) matched[b]++;
  }
  const waits = matched.map((n) => new Float64Array(n));
  const spreadSums = new Array<number>(10).fill(0);
  const filled = new Array<number>(10).fill(0);
  for (let i = 0; i < score.length; i++) {
    if (Number.isNaN(wait[i])) continue;
    const b = band[i];
    waits[b][filled[b]++] = wait[i];
    spreadSums[b] += roomSpread[i];
  }
  const bounds = [scores[0], ...cuts, scores[scores.length - 1]];
  const out: ScoreBand[] = [];
  for (let b = 0; b < 10; b++) {
    if (players[b] === 0) continue;
    const w = asNumbers(waits[b].sort());
    out.push({
      band: b + 1,
      label: `${Math.round(bounds[b])}-${Math.round(bounds[b + 1])}`,
      players: players[b],
      matched: matched[b],
      waitP50: matched[b] > 0 ? round6(quantileSorted(w, 0.5)) : null,
      waitP95: matched[b] > 0 ? round6(quantileSorted(w, 0.95)) : null,
      spreadMean: matched[b] > 0 ? round6(spreadSums[b] / matched[b]) : null,
    });
  }
  return out;
}
