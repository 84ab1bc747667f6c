import { PoolClock } from './clock.js';
import type { Candidate, MatchAlgorithm, RoomCondition } from './match-algorithm.js';
import type { WindowPolicy } from './window.js';

export interface WindowScanOptions<T = Candidate> {
  /** Players per room (the seed: 3). */
  readonly roomSize: number;
  readonly window: WindowPolicy;
  /**
   * Seconds between rounds. The seed counts waiting time in rounds
   * (waiting_time += 1 per match()), so a window grows per round, not per
   * wall-clock second: a stalled worker does not widen anybody's window.
   */
  readonly roundSeconds: number;
  /** Whose time the windows follow; default the rounds of roundSeconds, as the seed counts. */
  readonly clock?: PoolClock<T>;
  /**
   * 'score': the pool is kept sorted by score, equal scores in arrival order
   * (the seed as intended). 'arrival': the pool stays in arrival order (the
   * seed as published, whose sort result is assigned to a misspelt field).
   */
  readonly order: 'score' | 'arrival';
  /** What a group must pass besides the windows to become a room (a latency cap of the whole room); absent: nothing. */
  readonly accepts?: RoomCondition<T>;
}

/**
 * The seed's pool: scan consecutive groups of roomSize players in pool order;
 * a group whose members all lie within each other's windows becomes a room.
 *
 * The seed restarts its scan from the start after every room. The groups
 * before the removed one were already rejected and nothing about them has
 * changed, so one pass with a stack gives the same rooms: push each player;
 * when the top roomSize players match, pop them as a room. After a pop the
 * new top group was already rejected when its top was pushed, so it needs no
 * second look. One round costs O(n) after the merge of newcomers.
 */
export class WindowScanPool<T extends Candidate> implements MatchAlgorithm<T> {
  readonly roomSize: number;
  private readonly window: WindowPolicy;
  private readonly clock: PoolClock<T>;
  private readonly order: 'score' | 'arrival';
  private readonly accepts: RoomCondition<T> | undefined;

  /** Pool members in pool order, with each one's clock stamp on joining (parallel arrays). */
  private members: T[] = [];
  private joinStamps: number[] = [];
  private newcomers: T[] = [];
  private round = 0;

  constructor(options: WindowScanOptions<T>) {
    if (!Number.isInteger(options.roomSize) || options.roomSize < 2) {
      throw new RangeError(`roomSize must be an integer >= 2, got ${options.roomSize}`);
    }
    if (!(options.roundSeconds > 0)) {
      throw new RangeError(`roundSeconds must be > 0, got ${options.roundSeconds}`);
    }
    this.roomSize = options.roomSize;
    this.window = options.window;
    this.clock = options.clock ?? PoolClock.rounds<T>(options.roundSeconds);
    this.order = options.order;
    this.accepts = options.accepts;
  }

  get size(): number {
    return this.members.length + this.newcomers.length;
  }

  add(candidate: T): void {
    // Groups are of roomSize requests: a party would overfill its room.
    if (candidate.size !== undefined && candidate.size !== 1) throw new RangeError(`this pool takes single players only, not a party of ${candidate.size}`);
    this.newcomers.push(candidate);
  }

  remove(candidate: T): boolean {
    const fresh = this.newcomers.indexOf(candidate);
    if (fresh >= 0) {
      this.newcomers.splice(fresh, 1);
      return true;
    }
    const at = this.members.indexOf(candidate);
    if (at < 0) return false;
    this.members.splice(at, 1);
    this.joinStamps.splice(at, 1);
    return true;
  }

  waiting(): T[] {
    return [...this.members, ...this.newcomers];
  }

  match(now: number): T[][] {
    this.admitNewcomers();
    const n = this.members.length;
    const size = this.roomSize;
    const rooms: T[][] = [];
    const round = this.round;
    this.round = round + 1;
    if (n < size) return rooms;
    const clock = this.clock;
    const reading = clock.reading(round, now);

    const stack: T[] = [];
    const stackJoins: number[] = [];
    const stackWindows: number[] = [];
    for (let i = 0; i < n; i++) {
      const joined = this.joinStamps[i];
      stack.push(this.members[i]);
      stackJoins.push(joined);
      stackWindows.push(this.window(clock.age(joined, reading)));
      const top = stack.length;
      if (top >= size && groupMatches(stack, stackWindows, top - size, top) && (this.accepts === undefined || this.groupAccepted(stack, stackJoins, top - size, top, reading))) {
        rooms.push(stack.slice(top - size, top));
        stack.length = top - size;
        stackJoins.length = top - size;
        stackWindows.length = top - size;
      }
    }
    this.members = stack;
    this.joinStamps = stackJoins;
    return rooms;
  }

  /** Whether the group stack[from, to) passes the room condition, each member with its wait at this reading. */
  private groupAccepted(stack: readonly T[], joins: readonly number[], from: number, to: number, reading: number): boolean {
    const ages: number[] = [];
    for (let i = from; i < to; i++) ages.push(this.clock.age(joins[i], reading));
    return (this.accepts as RoomCondition<T>)(stack.slice(from, to), ages);
  }

  private admitNewcomers(): void {
    const incoming = this.newcomers;
    if (incoming.length === 0) return;
    this.newcomers = [];
    const round = this.round;
    const clock = this.clock;
    if (this.order === 'arrival') {
      for (const candidate of incoming) {
        this.members.push(candidate);
        this.joinStamps.push(clock.stamp(candidate, round));
      }
      return;
    }
    // Array.prototype.sort is stable, so equal scores keep arrival order.
    incoming.sort((a, b) => a.score - b.score);
    const old = this.members;
    const oldJoins = this.joinStamps;
    const merged: T[] = new Array(old.length + incoming.length);
    const mergedJoins: number[] = new Array(merged.length);
    let i = 0;
    let j = 0;
    let k = 0;
    // On equal scores the earlier member (already in the pool) goes first.
    while (i < old.length && j < incoming.length) {
      if (incoming[j].score < old[i].score) {
        mergedJoins[k] = clock.stamp(incoming[j], round);
        merged[k++] = incoming[j++];
      } else {
        merged[k] = old[i];
        mergedJoins[k++] = oldJoins[i++];
      }
    }
    while (i < old.length) {
      merged[k] = old[i];
      mergedJoins[k++] = oldJoins[i++];
    }
    while (j < incoming.length) {
      mergedJoins[k] = clock.stamp(incoming[j], round);
      merged[k++] = incoming[j++];
    }
    this.members = merged;
    this.joinStamps = mergedJoins;
  }
}

/**
 * True when every pair in group[from, to) is within both members' windows:
 * |a - b| <= window(a) and <= window(b). For each member, its largest gap is
 * to the group's lowest or highest score, so one pass over the group suffices.
 */
export function groupMatches<T extends Candidate>(
  group: readonly T[],
  windows: readonly number[],
  from: number,
  to: number,
): boolean {
  let lo = group[from].score;
  let hi = lo;
  for (let i = from + 1; i < to; i++) {
    const s = group[i].score;
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  for (let i = from; i < to; i++) {
    const s = group[i].score;
    const gap = hi - s > s - lo ? hi - s : s - lo;
    if (gap > windows[i]) return false;
  }
  return true;
}
