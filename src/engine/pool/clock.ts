/*
 * Whose time a pool's windows and expansions follow. The reference server
 * counts waiting in worker rounds (waiting_time += 1 per match()), so a
 * stalled worker widens nobody's window; a production matchmaker such as
 * FlexMatch or Open Match reads a ticket's age from its creation time, so
 * a stall widens everyone's. An algorithm declares the clocks it can follow
 * and the matcher setting `clock` picks one.
 */

/** 'rounds': waiting counted in worker rounds (the reference server); 'seconds': seconds since the ticket was queued. */
export type ClockKind = 'rounds' | 'seconds';

export const CLOCK_KINDS: readonly ClockKind[] = ['rounds', 'seconds'];

/**
 * A pool's clock. A request is stamped when it joins (the round, or the time
 * it was queued) and its age at a round is `(reading - stamp) * unitSeconds`:
 * with rounds, exactly the reference server's `rounds waited * roundSeconds`;
 * with seconds, `now - queuedAt`. One formula either way, so a pool's hot
 * loop has no branch and the rounds clock gives the same bits as before.
 */
export class PoolClock<T> {
  readonly kind: ClockKind;
  /** Seconds per unit of reading: the round's length, or 1. */
  readonly unitSeconds: number;
  /** A request's stamp read from the request itself (its queue time, or the round it first joined a pool elsewhere); undefined: the round it joins. */
  private readonly stampOf: ((candidate: T) => number) | undefined;

  private constructor(kind: ClockKind, unitSeconds: number, stampOf: ((candidate: T) => number) | undefined) {
    this.kind = kind;
    this.unitSeconds = unitSeconds;
    this.stampOf = stampOf;
  }

  /** Waiting counted in rounds of `roundSeconds` each. */
  static rounds<T>(roundSeconds: number): PoolClock<T> {
    if (!(roundSeconds > 0)) throw new RangeError(`roundSeconds must be > 0, got ${roundSeconds}`);
    return new PoolClock<T>('rounds', roundSeconds, undefined);
  }

  /** Seconds since each request was queued, as `queuedAt` reads it (a ticket's creation time, on the clock match(now) is called with). */
  static seconds<T>(queuedAt: (candidate: T) => number): PoolClock<T> {
    return new PoolClock<T>('seconds', 1, queuedAt);
  }

  /**
   * This clock for a pool that takes requests already waiting elsewhere (a
   * data centre's pool, joined once a relaxed latency cap admits a request):
   * each keeps the stamp `stampOf` gives, the round it first joined or its
   * queue time, rather than starting its wait again.
   */
  carrying(stampOf: (candidate: T) => number): PoolClock<T> {
    return new PoolClock<T>(this.kind, this.unitSeconds, stampOf);
  }

  /** The clock of this kind, for a worker whose rounds are `roundSeconds` apart. */
  static of<T>(kind: ClockKind, roundSeconds: number, queuedAt: (candidate: T) => number): PoolClock<T> {
    return kind === 'seconds' ? PoolClock.seconds(queuedAt) : PoolClock.rounds(roundSeconds);
  }

  /** The stamp of a request joining before round `round`. */
  stamp(candidate: T, round: number): number {
    return this.stampOf === undefined ? round : this.stampOf(candidate);
  }

  /** The clock's reading at round `round`, run at time `now`. */
  reading(round: number, now: number): number {
    return this.kind === 'rounds' ? round : now;
  }

  /** Seconds of waiting of a request stamped `stamp`, at a reading. */
  age(stamp: number, reading: number): number {
    return (reading - stamp) * this.unitSeconds;
  }
}
