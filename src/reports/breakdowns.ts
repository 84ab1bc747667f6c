import { quantileSorted } from 'simple-statistics';
import type { RunStats } from '../engine/run-tally.js';
import { asNumbers, round6 } from './numbers.js';

/** Figures of one group of players. */
export interface GroupFigures {
  /** What the group is: a score range, a pool name. */
  readonly label: string;
  readonly players: number;
  readonly matched: number;
  /** Waits of its matched players still present when their room formed. */
  readonly waitP50: number | null;
  readonly waitP95: number | null;
  /** Mean score spread of the rooms its matched players landed in. */
  readonly spreadMean: number | null;
}

/** Players in one decile band of the score distribution. */
export interface ScoreBand extends GroupFigures {
  readonly band: number;
}

/** Players of one pool; "(no pool)" gathers those no pool takes. */
export interface PoolFigures extends GroupFigures {
  readonly pool: string;
}


/**
 * Players by decile of the score distribution: band k holds the scores above
 * the (k-1)th decile up to the kth, and is labelled by the lowest and highest
 * it holds. Where many players share a score, deciles coincide and the empty
 * bands are left out.
 */
export function scoreBands(stats: RunStats): ScoreBand[] {
  const { score } = stats.byPlayer;
  if (score.length === 0) return [];
  const scores = asNumbers(Float64Array.from(score).sort());
  const cuts = Array.from({ length: 9 }, (_, k) => quantileSorted(scores, (k + 1) / 10));
  const band = new Uint8Array(score.length);
  for (let i = 0; i < score.length; i++) {
    let b = 0;
    while (b < 9 && score[i] > cuts[b]) b++;
    band[i] = b;
  }
  // Labelled by the lowest and highest score each band holds: bands never share an endpoint (the deciles may).
  const lo = new Float64Array(10).fill(Infinity);
  const hi = new Float64Array(10).fill(-Infinity);
  for (let i = 0; i < score.length; i++) {
    lo[band[i]] = Math.min(lo[band[i]], score[i]);
    hi[band[i]] = Math.max(hi[band[i]], score[i]);
  }
  const labels = Array.from({ length: 10 }, (_, b) => (lo[b] === hi[b] ? `${lo[b]}` : `${lo[b]}-${hi[b]}`));
  return groupFigures(stats, band, labels).flatMap((g, b) => (g.players === 0 ? [] : [{ band: b + 1, ...g }]));
}

/**
 * Players who stayed and players who gave up. For those who gave up, the wait
 * figures are how long they waited before leaving, `matched` counts those
 * matched after they had gone (ghosts), and the spread is their ghost rooms'.
 */
export function abandonmentFigures(stats: RunStats): GroupFigures[] {
  const { waitedBeforeLeaving, roomSpread } = stats.byPlayer;
  const gaveUp = new Uint8Array(waitedBeforeLeaving.length);
  for (let i = 0; i < gaveUp.length; i++) gaveUp[i] = Number.isNaN(waitedBeforeLeaving[i]) ? 0 : 1;
  const stayed = groupFigures(stats, gaveUp, ['stayed', 'gave up'])[0];
  const waited = asNumbers(waitedBeforeLeaving.filter((x) => !Number.isNaN(x)).sort());
  let ghosts = 0;
  let ghostSpread = 0;
  for (let i = 0; i < gaveUp.length; i++) {
    if (gaveUp[i] === 1 && !Number.isNaN(roomSpread[i])) {
      ghosts++;
      ghostSpread += roomSpread[i];
    }
  }
  const left: GroupFigures = {
    label: 'gave up',
    players: waited.length,
    matched: ghosts,
    waitP50: waited.length > 0 ? round6(quantileSorted(waited, 0.5)) : null,
    waitP95: waited.length > 0 ? round6(quantileSorted(waited, 0.95)) : null,
    spreadMean: ghosts > 0 ? round6(ghostSpread / ghosts) : null,
  };
  return [stayed, left];
}

/** Players by the size of the party they queued in ("alone", "party of 2", ...), smallest first. */
export function partyFigures(stats: RunStats): GroupFigures[] {
  const { party } = stats.byPlayer;
  const sizeOf = new Map<number, number>();
  for (let i = 0; i < party.length; i++) if (party[i] >= 0) sizeOf.set(party[i], (sizeOf.get(party[i]) ?? 0) + 1);
  const sizes = new Uint16Array(party.length);
  let largest = 1;
  for (let i = 0; i < party.length; i++) {
    sizes[i] = party[i] < 0 ? 1 : (sizeOf.get(party[i]) as number);
    if (sizes[i] > largest) largest = sizes[i];
  }
  const labels = Array.from({ length: largest + 1 }, (_, k) => (k === 1 ? 'alone' : `party of ${k}`));
  return groupFigures(stats, sizes, labels).filter((g) => g.players > 0);
}

/** Figures per pool of matcher.pools, and for the players no pool took (when there are any). */
export function poolFigures(stats: RunStats, pools: readonly string[]): PoolFigures[] {
  const { pool } = stats.byPlayer;
  const none = pools.length;
  const group = new Uint16Array(pool.length);
  for (let i = 0; i < pool.length; i++) group[i] = pool[i] < 0 ? none : pool[i];
  const labels = [...pools, '(no pool)'];
  return groupFigures(stats, group, labels).flatMap((g, i) => (i === none && g.players === 0 ? [] : [{ pool: labels[i], ...g }]));
}

/** Players, matched, wait p50/p95 and mean room spread per group; group[i] is player i's group index. */
function groupFigures(stats: RunStats, group: Uint8Array | Uint16Array, labels: readonly string[]): GroupFigures[] {
  const { wait, roomSpread } = stats.byPlayer;
  const n = labels.length;
  // Two passes over typed arrays: count per group, then fill; millions of players stay cheap.
  const players = new Array<number>(n).fill(0);
  const matched = new Array<number>(n).fill(0);
  for (let i = 0; i < group.length; i++) {
    players[group[i]]++;
    if (!Number.isNaN(wait[i])) matched[group[i]]++;
  }
  const waits = matched.map((m) => new Float64Array(m));
  const spreadSums = new Array<number>(n).fill(0);
  const filled = new Array<number>(n).fill(0);
  for (let i = 0; i < group.length; i++) {
    if (Number.isNaN(wait[i])) continue;
    const g = group[i];
    waits[g][filled[g]++] = wait[i];
    spreadSums[g] += roomSpread[i];
  }
  return labels.map((label, g) => {
    const w = asNumbers(waits[g].sort());
    return {
      label,
      players: players[g],
      matched: matched[g],
      waitP50: matched[g] > 0 ? round6(quantileSorted(w, 0.5)) : null,
      waitP95: matched[g] > 0 ? round6(quantileSorted(w, 0.95)) : null,
      spreadMean: matched[g] > 0 ? round6(spreadSums[g] / matched[g]) : null,
    };
  });
}
