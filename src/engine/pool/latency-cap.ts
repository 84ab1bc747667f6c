import { matchAge } from './expansion.js';

/*
 * Latency in matching, after FlexMatch's latency rule and its expansions: a
 * room may go only to a data centre where every player's round trip is within
 * the cap in force, which relaxes in steps as waiting goes on; optionally no
 * player may be more than maxDistance above the room's reference latency
 * there (the lowest, or the mean). Of the data centres allowed, a room goes to
 * the one with the lowest worst round trip, then the lowest mean, then the
 * first listed: ties are broken by the order the data centres are given.
 */

/** One relaxation: from `after` seconds of waiting on, the cap is `max` (and the distance `maxDistance`, when given). */
export interface LatencyStep {
  readonly after: number;
  readonly max: number;
  readonly maxDistance?: number;
}

/**
 * Whose wait the cap follows. 'member': each player's own wait decides the
 * cap that player must meet (a player who has waited longer may go farther;
 * a newcomer in the same room may not). The match's: one cap for the whole
 * room, from the wait of its longest-waiting member ('oldest', FlexMatch's
 * expansionAgeSelection "oldest") or of its newest ('newest', FlexMatch's
 * default today: a newcomer resets the match's clock).
 */
export type CapClock = 'member' | 'oldest' | 'newest';
export const CAP_CLOCKS: readonly CapClock[] = ['member', 'oldest', 'newest'];

/** 'min': distances are measured from the room's lowest round trip there; 'avg': from its mean (FlexMatch's distanceReference). */
export type LatencyReference = 'min' | 'avg';

/** The matcher's latency setting. */
export interface LatencyCapSpec {
  /** Milliseconds, with no waiting; Infinity: no cap (a data centre only needs a latency for every player). */
  readonly max: number;
  readonly maxDistance?: number;
  readonly reference?: LatencyReference;
  /** Relaxations, `after` strictly increasing, caps never tightening. */
  readonly steps?: readonly LatencyStep[];
  readonly follows?: CapClock;
}

/** A latency cap with its steps, read at any wait. Step -1 is the cap before the first step. */
export class LatencyCap {
  readonly follows: CapClock;
  readonly reference: LatencyReference;
  /** Whether any step limits distance: only then does a room's reference latency matter. */
  readonly limitsDistance: boolean;
  private readonly afters: Float64Array;
  private readonly maxes: Float64Array;
  private readonly distances: Float64Array;

  constructor(spec: LatencyCapSpec) {
    const steps = spec.steps ?? [];
    if (!(spec.max >= 0)) throw new RangeError(`latency max must be >= 0 ms, got ${spec.max}`);
    let last = { after: 0, max: spec.max, maxDistance: spec.maxDistance ?? Infinity };
    if (!(last.maxDistance >= 0)) throw new RangeError(`latency maxDistance must be >= 0 ms, got ${last.maxDistance}`);
    this.afters = new Float64Array(steps.length + 1);
    this.maxes = new Float64Array(steps.length + 1);
    this.distances = new Float64Array(steps.length + 1);
    this.maxes[0] = last.max;
    this.distances[0] = last.maxDistance;
    steps.forEach((step, i) => {
      const maxDistance = step.maxDistance ?? last.maxDistance;
      if (!(step.after > last.after) || !Number.isFinite(step.after)) throw new RangeError(`latency steps[${i}].after must be a finite number of seconds above ${last.after}, got ${step.after}`);
      if (!(step.max >= last.max)) throw new RangeError(`latency steps[${i}].max must relax the cap: at least ${last.max} ms, got ${step.max}`);
      if (!(maxDistance >= last.maxDistance)) throw new RangeError(`latency steps[${i}].maxDistance must relax the distance: at least ${last.maxDistance} ms, got ${maxDistance}`);
      last = { after: step.after, max: step.max, maxDistance };
      this.afters[i + 1] = step.after;
      this.maxes[i + 1] = step.max;
      this.distances[i + 1] = maxDistance;
    });
    this.follows = spec.follows ?? 'member';
    this.reference = spec.reference ?? 'min';
    this.limitsDistance = this.distances.some((d) => d !== Infinity);
  }

  /** Steps there are, the first cap included. */
  get levels(): number {
    return this.maxes.length;
  }

  /** The level in force after `waitSeconds` of waiting: a step is in force from its `after` on (at exactly `after`, too). */
  levelAt(waitSeconds: number): number {
    const afters = this.afters;
    let level = 0;
    while (level + 1 < afters.length && afters[level + 1] <= waitSeconds) level++;
    return level;
  }

  /** The wait at which the level after `level` comes into force; Infinity at the last. */
  nextAfter(level: number): number {
    return level + 1 < this.afters.length ? this.afters[level + 1] : Infinity;
  }

  maxAt(level: number): number {
    return this.maxes[level];
  }

  maxDistanceAt(level: number): number {
    return this.distances[level];
  }

  /** The cap in force after `waitSeconds`, in milliseconds. */
  capAt(waitSeconds: number): number {
    return this.maxes[this.levelAt(waitSeconds)];
  }
}

/** What a pool reads of a request's round trips: each of its players' to each data centre. */
export interface RequestPings<T> {
  /** The data centres, in the order ties are broken in. */
  readonly dataCentres: readonly string[];
  /** Players the request brings (a party: all of them must be within the cap). */
  players(request: T): number;
  /** The `player`-th player's round trip to the `dc`-th data centre, in milliseconds; NaN: none measured, so it cannot be placed there. */
  ping(request: T, player: number, dc: number): number;
}

/** How a room would fare in one data centre. */
interface Fit {
  worst: number;
  mean: number;
}

/**
 * Decides where a room of requests may go, given each member's wait (on the
 * pool's clock): the cap each member must meet, and the best data centre that
 * every member meets it at.
 */
export class LatencyPlacer<T> {
  private readonly fit: Fit = { worst: NaN, mean: NaN };
  private levels: number[] = [];

  constructor(
    readonly cap: LatencyCap,
    readonly pings: RequestPings<T>,
  ) {}

  /** The level each member must meet, by the cap's clock: its own wait, or the room's longest or shortest. */
  private levelsOf(ages: readonly number[]): number[] {
    const levels = this.levels;
    levels.length = ages.length;
    const follows = this.cap.follows;
    if (follows !== 'member') {
      levels.fill(this.cap.levelAt(matchAge(ages, follows)));
    } else {
      for (let i = 0; i < ages.length; i++) levels[i] = this.cap.levelAt(ages[i]);
    }
    return levels;
  }

  /** Whether every player of `members` (waits `ages`, in the same order) may play in the `dc`-th data centre. */
  fitsAt(members: readonly T[], ages: readonly number[], dc: number): boolean {
    return this.measure(members, this.levelsOf(ages), dc);
  }

  /**
   * The data centre the room goes to: of those where every member is within
   * the cap in force, the one with the lowest worst round trip, then the
   * lowest mean, then the first listed; -1 when there is none.
   */
  place(members: readonly T[], ages: readonly number[]): number {
    const levels = this.levelsOf(ages);
    let best = -1;
    let bestWorst = Infinity;
    let bestMean = Infinity;
    const fit = this.fit;
    for (let dc = 0; dc < this.pings.dataCentres.length; dc++) {
      if (!this.measure(members, levels, dc)) continue;
      if (best < 0 || fit.worst < bestWorst || (fit.worst === bestWorst && fit.mean < bestMean)) {
        best = dc;
        bestWorst = fit.worst;
        bestMean = fit.mean;
      }
    }
    return best;
  }

  /** Checks the room at one data centre, leaving its worst and mean round trip in `fit`. */
  private measure(members: readonly T[], levels: readonly number[], dc: number): boolean {
    const { cap, pings } = this;
    let worst = -Infinity;
    let lowest = Infinity;
    let sum = 0;
    let players = 0;
    for (let i = 0; i < members.length; i++) {
      const limit = cap.maxAt(levels[i]);
      const n = pings.players(members[i]);
      for (let k = 0; k < n; k++) {
        const ms = pings.ping(members[i], k, dc);
        // Written so that NaN (no latency measured) fails.
        if (!(ms <= limit)) return false;
        if (ms > worst) worst = ms;
        if (ms < lowest) lowest = ms;
        sum += ms;
        players++;
      }
    }
    const mean = sum / players;
    if (cap.limitsDistance) {
      const reference = cap.reference === 'avg' ? mean : lowest;
      for (let i = 0; i < members.length; i++) {
        const distance = cap.maxDistanceAt(levels[i]);
        const n = pings.players(members[i]);
        for (let k = 0; k < n; k++) if (Math.abs(pings.ping(members[i], k, dc) - reference) > distance) return false;
      }
    }
    this.fit.worst = worst;
    this.fit.mean = mean;
    return true;
  }

  /** Whether a request alone may ever be placed in the `dc`-th data centre at `level`: every player within that level's cap there. */
  admits(request: T, level: number, dc: number): boolean {
    const limit = this.cap.maxAt(level);
    const n = this.pings.players(request);
    for (let k = 0; k < n; k++) if (!(this.pings.ping(request, k, dc) <= limit)) return false;
    return true;
  }
}
