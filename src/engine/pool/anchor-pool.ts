import type { Candidate, MatchAlgorithm } from './match-algorithm.js';
import type { WindowPolicy } from './window.js';

export interface AnchorOptions {
  readonly roomSize: number;
  readonly window: WindowPolicy;
  /** Seconds between rounds: waiting is counted in rounds, as in the seed. */
  readonly roundSeconds: number;
}

interface Entry<T> {
  readonly candidate: T;
  readonly joined: number;
  /** Arrival order: the last tie-break. */
  readonly seq: number;
}

/**
 * Oldest first: each round, the longest-waiting player (the anchor) takes the
 * roomSize - 1 closest scores inside its own window, then the next oldest
 * still waiting does the same. Only the anchor's window counts: the player who
 * has waited longest decides, so rooms form sooner than in the seed's pairwise
 * rule, at some cost in spread. Ties in closeness go to the longer-waiting,
 * then to the earlier arrival. The room lists the anchor first, then its
 * companions from closest to farthest.
 */
export class AnchorPool<T extends Candidate> implements MatchAlgorithm<T> {
  readonly roomSize: number;
  /** By score, then arrival: neighbours in score are neighbours here. */
  private entries: Entry<T>[] = [];
  private round = 0;
  private seq = 0;

  constructor(private readonly options: AnchorOptions) {
    if (!Number.isInteger(options.roomSize) || options.roomSize < 2) throw new RangeError(`roomSize must be an integer >= 2, got ${options.roomSize}`);
    if (!(options.roundSeconds > 0)) throw new RangeError(`roundSeconds must be > 0, got ${options.roundSeconds}`);
    this.roomSize = options.roomSize;
  }

  get size(): number {
    return this.entries.length;
  }

  add(candidate: T): void {
    const entry = { candidate, joined: this.round, seq: this.seq++ };
    // Binary search for the first entry with a higher score: equal scores keep arrival order.
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid].candidate.score <= candidate.score) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
  }

  remove(candidate: T): boolean {
    const at = this.entries.findIndex((e) => e.candidate === candidate);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    return true;
  }

  waiting(): T[] {
    return this.entries.map((e) => e.candidate);
  }

  match(_now: number): T[][] {
    const round = this.round++;
    const entries = this.entries;
    const n = entries.length;
    const size = this.roomSize;
    const rooms: T[][] = [];
    if (n < size) return rooms;
    const taken = new Uint8Array(n);
    const byAge = Array.from({ length: n }, (_, i) => i).sort((a, b) => entries[a].joined - entries[b].joined || entries[a].seq - entries[b].seq);
    const older = (a: number, b: number): boolean => entries[a].joined < entries[b].joined || (entries[a].joined === entries[b].joined && entries[a].seq < entries[b].seq);
    for (const anchor of byAge) {
      if (taken[anchor]) continue;
      const score = entries[anchor].candidate.score;
      const reach = this.options.window((round - entries[anchor].joined) * this.options.roundSeconds);
      // Walk outwards from the anchor, always taking the closer side (on a tie, the older player).
      const chosen: number[] = [];
      let left = anchor - 1;
      let right = anchor + 1;
      while (chosen.length < size - 1) {
        while (left >= 0 && taken[left]) left--;
        while (right < n && taken[right]) right++;
        const dl = left >= 0 ? score - entries[left].candidate.score : Infinity;
        const dr = right < n ? entries[right].candidate.score - score : Infinity;
        if (Math.min(dl, dr) > reach) break;
        if (dl < dr || (dl === dr && older(left, right))) chosen.push(left--);
        else chosen.push(right++);
      }
      if (chosen.length < size - 1) continue;
      taken[anchor] = 1;
      for (const c of chosen) taken[c] = 1;
      rooms.push([entries[anchor].candidate, ...chosen.map((c) => entries[c].candidate)]);
    }
    if (rooms.length > 0) this.entries = entries.filter((_, i) => !taken[i]);
    return rooms;
  }
}
