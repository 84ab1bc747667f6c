import { PoolClock } from './clock.js';
import { requestSize, type Candidate } from './match-algorithm.js';

export interface Entry<T> {
  readonly candidate: T;
  /** Its clock's stamp on joining: the round it joined in, or the time it was queued (clock.ts). */
  readonly joined: number;
  /** Arrival order: the last tie-break. */
  readonly seq: number;
  /** Players it brings. */
  readonly size: number;
}

/**
 * Waiting requests kept in score order (equal scores in arrival order), each
 * with its stamp on joining: neighbours in score are neighbours here.
 */
export class ScoreOrderedRequests<T extends Candidate> {
  entries: Entry<T>[] = [];
  private readonly byCandidate = new Map<T, Entry<T>>();
  private seq = 0;

  get length(): number {
    return this.entries.length;
  }

  add(candidate: T, stamp: number): void {
    const entry = { candidate, joined: stamp, seq: this.seq++, size: requestSize(candidate) };
    this.entries.splice(this.positionOf(candidate.score, entry.seq), 0, entry);
    this.byCandidate.set(candidate, entry);
  }

  remove(candidate: T): boolean {
    const entry = this.byCandidate.get(candidate);
    if (entry === undefined) return false;
    this.entries.splice(this.positionOf(candidate.score, entry.seq), 1);
    this.byCandidate.delete(candidate);
    return true;
  }

  /** Where a waiting request is in `entries`, or -1. */
  indexOf(candidate: T): number {
    const entry = this.byCandidate.get(candidate);
    return entry === undefined ? -1 : this.positionOf(candidate.score, entry.seq);
  }

  /** Drops the entries marked in `taken` (indices into `entries`) in one pass. */
  removeMarked(taken: Uint8Array): void {
    this.entries = this.entries.filter((e, i) => {
      if (taken[i]) this.byCandidate.delete(e.candidate);
      return !taken[i];
    });
  }

  candidates(): T[] {
    return this.entries.map((e) => e.candidate);
  }

  /** Where a request of this score and sequence number is, or would go. */
  private positionOf(score: number, seq: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = this.entries[mid];
      if (e.candidate.score < score || (e.candidate.score === score && e.seq < seq)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** True when `a` has waited longer than `b`: stamped earlier (an earlier round, or queued earlier), or earlier with the same stamp. */
export function olderThan<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.joined < b.joined || (a.joined === b.joined && a.seq < b.seq);
}

/**
 * One step of a walk outwards in score from `score` over `entries` (score
 * order): the closer of the next untaken entries on each side, on a tie the
 * older, its side's cursor moved past it; -1 once the closer is beyond
 * `reach`. `walk` holds the cursors, the next candidate on each side.
 */
export function nextOutward<T extends Candidate>(entries: readonly Entry<T>[], score: number, walk: { left: number; right: number }, taken: Uint8Array, reach: number): number {
  const n = entries.length;
  while (walk.left >= 0 && taken[walk.left]) walk.left--;
  while (walk.right < n && taken[walk.right]) walk.right++;
  const dl = walk.left >= 0 ? score - entries[walk.left].candidate.score : Infinity;
  const dr = walk.right < n ? entries[walk.right].candidate.score - score : Infinity;
  if (Math.min(dl, dr) > reach) return -1;
  return dl < dr || (dl === dr && olderThan(entries[walk.left], entries[walk.right])) ? walk.left-- : walk.right++;
}

/** Throws unless a request of `size` players can fit a place of `largest` players. */
export function checkRequestSize(size: number, largest: number, place: string): void {
  if (!Number.isInteger(size) || size < 1 || size > largest) {
    throw new RangeError(`a request of ${size} players cannot join ${place} of ${largest}`);
  }
}

/**
 * What the score-ordered pools (anchor, teams, profiles) share: requests kept
 * in score order with each one's stamp on joining, parties held whole. A
 * subclass decides how a round forms rooms.
 */
export abstract class ScoreOrderedPool<T extends Candidate> {
  readonly parties = true;
  protected readonly requests = new ScoreOrderedRequests<T>();
  /** Rounds run so far. */
  protected round = 0;
  /** Whose time a request's wait follows: rounds (the seed's count) unless given another. */
  protected readonly clock: PoolClock<T>;

  constructor(
    readonly roomSize: number,
    roundSeconds: number,
    clock?: PoolClock<T>,
  ) {
    if (!Number.isInteger(roomSize) || roomSize < 2) throw new RangeError(`roomSize must be an integer >= 2, got ${roomSize}`);
    if (!(roundSeconds > 0)) throw new RangeError(`roundSeconds must be > 0, got ${roundSeconds}`);
    this.clock = clock ?? PoolClock.rounds<T>(roundSeconds);
  }

  /** The largest request this pool can seat, and what it must fit into (for the error). */
  protected largestRequest(): { readonly players: number; readonly place: string } {
    return { players: this.roomSize, place: 'a room' };
  }

  get size(): number {
    return this.requests.length;
  }

  add(candidate: T): void {
    const { players, place } = this.largestRequest();
    checkRequestSize(requestSize(candidate), players, place);
    this.requests.add(candidate, this.clock.stamp(candidate, this.round));
  }

  remove(candidate: T): boolean {
    return this.requests.remove(candidate);
  }

  waiting(): T[] {
    return this.requests.candidates();
  }

  abstract match(now: number): T[][];
}
