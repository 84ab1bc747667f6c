import type { PoolClock } from './clock.js';
import type { LatencyPlacer } from './latency-cap.js';
import type { Candidate, MatchAlgorithm, RoomCondition } from './match-algorithm.js';
import { roundMatches, type Match, type MatchForming } from './match.js';
import { fillsBackfill, type BackfillMatching, type BackfillRequest } from './backfill.js';

export type { RoomCondition } from './match-algorithm.js';

export interface DataCentrePoolsOptions<T extends Candidate> {
  readonly roomSize: number;
  /** The clock the waits follow; each data centre's pool gets it carrying each request's own stamp. */
  readonly clock: PoolClock<T>;
  readonly placer: LatencyPlacer<T>;
  /**
   * A data centre's pool, of any algorithm: `clock` is the one its waits
   * follow; `accepts`, when given, is what every room it forms must pass
   * (the cap in force when it depends on the room as a whole).
   */
  makePool(dc: number, clock: PoolClock<T>, accepts: RoomCondition<T> | undefined): MatchAlgorithm<T>;
}

/** A request waiting, with its stamp and the data centres' pools it is in. */
interface Waiting {
  readonly stamp: number;
  /** The cap level its admissions were made at; -1 before its first round. */
  level: number;
  /** The wait at which a higher level comes into force. */
  nextAfter: number;
  readonly inPool: Uint8Array;
}

/**
 * One pool per data centre, each of the matcher's own algorithm. A request
 * is in the pool of every data centre where all its players are within the
 * cap in force for it, and joins more as the cap relaxes, with the wait it
 * already has. Each round the pools match in the order the data centres are
 * listed; a request matched in one leaves them all. A room goes to the best
 * data centre that every member is within the cap at (LatencyPlacer.place),
 * which may be better than the pool it formed in.
 *
 * Pools by region are the case where each player has a round trip to one
 * data centre only: each pool then holds that region's players alone.
 */
export class DataCentrePools<T extends Candidate> implements MatchAlgorithm<T>, MatchForming<T>, BackfillMatching<unknown, T> {
  readonly roomSize: number;
  readonly parties: boolean;
  private readonly pools: MatchAlgorithm<T>[];
  /** Insertion ordered: requests in the order they were added. */
  private readonly requests = new Map<T, Waiting>();
  private readonly clock: PoolClock<T>;
  private readonly placer: LatencyPlacer<T>;
  private round = 0;
  private readonly ages: number[] = [];

  constructor(options: DataCentrePoolsOptions<T>) {
    const { placer, clock } = options;
    this.roomSize = options.roomSize;
    this.clock = clock;
    this.placer = placer;
    const count = placer.pings.dataCentres.length;
    if (count === 0) throw new RangeError('data centre pools need at least one data centre');
    const carried = clock.carrying((request) => this.stampOf(request));
    // Who is admitted where already holds each member within its own cap; only a cap of the whole room (the match's clock, a distance) needs a test per room.
    const needsTest = placer.cap.follows !== 'member' || placer.cap.limitsDistance;
    this.pools = Array.from({ length: count }, (_, dc) => options.makePool(dc, carried, needsTest ? (members, ages) => placer.fitsAt(members, ages, dc) : undefined));
    this.parties = this.pools.every((pool) => pool.parties === true);
  }

  private stampOf(request: T): number {
    const waiting = this.requests.get(request);
    if (waiting === undefined) throw new Error('a data centre pool took a request that is not waiting');
    return waiting.stamp;
  }

  get size(): number {
    return this.requests.size;
  }

  /** Backfill requests standing, by match: the data centre whose pool holds each. */
  private readonly backfillIn = new Map<unknown, number>();

  /**
   * A running match's request goes to the pool of the data centre it is
   * placed in (`request.dataCentre`): only the players the cap in force for
   * them admits there may join, as a new room there.
   */
  addBackfill(request: BackfillRequest<unknown, T>): void {
    const names = this.placer.pings.dataCentres;
    const dc = request.dataCentre === undefined ? -1 : names.indexOf(request.dataCentre);
    if (dc < 0) throw new RangeError(`a backfill request with pools by data centre names the data centre its match is in (one of ${names.join(', ')}), got ${request.dataCentre ?? 'none'}`);
    const pool = this.pools[dc];
    if (!fillsBackfill<MatchAlgorithm<T>, unknown>(pool)) throw new RangeError(`the pool of data centre ${names[dc]} does not fill backfill requests`);
    this.removeBackfill(request.match);
    pool.addBackfill(request);
    this.backfillIn.set(request.match, dc);
  }

  removeBackfill(match: unknown): boolean {
    const dc = this.backfillIn.get(match);
    if (dc === undefined) return false;
    this.backfillIn.delete(match);
    return (this.pools[dc] as MatchAlgorithm<T> & BackfillMatching<unknown, T>).removeBackfill(match);
  }

  get backfills(): number {
    return this.backfillIn.size;
  }

  add(candidate: T): void {
    if (this.requests.has(candidate)) throw new RangeError('this request is already waiting');
    this.requests.set(candidate, { stamp: this.clock.stamp(candidate, this.round), level: -1, nextAfter: -Infinity, inPool: new Uint8Array(this.pools.length) });
  }

  remove(candidate: T): boolean {
    const waiting = this.requests.get(candidate);
    if (waiting === undefined) return false;
    this.leave(candidate, waiting, -1);
    return true;
  }

  /** Takes a request out of every data centre's pool but `except`'s (which took it out itself). */
  private leave(candidate: T, waiting: Waiting, except: number): void {
    for (let dc = 0; dc < this.pools.length; dc++) if (dc !== except && waiting.inPool[dc] === 1) this.pools[dc].remove(candidate);
    this.requests.delete(candidate);
  }

  waiting(): T[] {
    return [...this.requests.keys()];
  }

  match(now: number): T[][] {
    return this.matches(now).map((match) => match.tickets as T[]);
  }

  matches(now: number): Match<T>[] {
    const round = this.round++;
    const reading = this.clock.reading(round, now);
    this.admit(reading);
    const out: Match<T>[] = [];
    const names = this.placer.pings.dataCentres;
    const ages = this.ages;
    for (let dc = 0; dc < this.pools.length; dc++) {
      for (const match of roundMatches(this.pools[dc], now)) {
        ages.length = 0;
        for (const ticket of match.tickets) {
          const waiting = this.requests.get(ticket);
          if (waiting === undefined || waiting.inPool[dc] !== 1) throw new Error(`the pool of data centre ${names[dc]} formed a room with a request it was not given`);
          ages.push(this.clock.age(waiting.stamp, reading));
          this.leave(ticket, waiting, dc);
        }
        // A fill joins its match where it is: the data centre whose pool filled it.
        if (match.backfill !== undefined) {
          this.backfillIn.delete(match.backfill);
          out.push({ ...match, dataCentre: names[dc] });
          continue;
        }
        const placed = this.placer.place(match.tickets, ages);
        if (placed < 0) throw new Error(`the pool of data centre ${names[dc]} formed a room no data centre can take within the latency cap`);
        out.push({ tickets: match.tickets, rosters: match.rosters, quality: match.quality, dataCentre: names[placed], ...(match.roles !== undefined ? { roles: match.roles } : {}) });
      }
    }
    return out;
  }

  /** Puts each request into the pools of the data centres the cap in force for it now admits it to. */
  private admit(reading: number): void {
    const { cap } = this.placer;
    // Under the oldest member's clock a room may be as relaxed as the longest wait in the pool allows: admit to that, and let each room's test decide.
    // Under the newest member's, a member's own cap is the most its room can allow it, as under its own clock.
    const byMatch = cap.follows === 'oldest';
    let roomLevel = 0;
    if (byMatch) {
      let oldest = -Infinity;
      for (const waiting of this.requests.values()) oldest = Math.max(oldest, this.clock.age(waiting.stamp, reading));
      roomLevel = cap.levelAt(oldest);
    }
    for (const [request, waiting] of this.requests) {
      if (!byMatch && this.clock.age(waiting.stamp, reading) < waiting.nextAfter) continue;
      const level = byMatch ? roomLevel : cap.levelAt(this.clock.age(waiting.stamp, reading));
      if (level <= waiting.level) continue;
      waiting.level = level;
      waiting.nextAfter = cap.nextAfter(level);
      for (let dc = 0; dc < this.pools.length; dc++) {
        if (waiting.inPool[dc] === 1 || !this.placer.admits(request, level, dc)) continue;
        waiting.inPool[dc] = 1;
        this.pools[dc].add(request);
      }
    }
  }
}
