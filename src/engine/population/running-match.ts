import { GrowableFloat64, GrowableInt32 } from '../growable.js';

/*
 * A match being played, seat by seat, where players may leave and others
 * join (backfill): who sits in each seat now, and, per side, how much skill
 * and how many empty seats it played with over time, for the outcome model.
 */

export class RunningMatch {
  /** Each seat's visit now, or -1 for an empty seat. */
  readonly occupant: Int32Array;
  /** When each seat's occupant sat down, or it fell empty. */
  private readonly since: Float64Array;
  /** Per side: seconds of its seats' occupants' skill (skill x seconds present), seconds present, seconds empty. */
  private readonly skillSeconds: Float64Array;
  private readonly presentSeconds: Float64Array;
  private readonly emptySeconds: Float64Array;
  /** Seats empty now. */
  empty = 0;
  /** Seconds with at least one seat empty, and when the current stretch of them began (NaN: every seat filled). */
  shortSeconds = 0;
  private shortSince = Number.NaN;
  /** The backfill request standing for the match (its number), or -1. */
  request = -1;
  /** Some seat changed hands or fell empty: the outcome reads the seats' history. */
  changed = false;
  /** Players who left, in order; visits that joined, and their players. */
  readonly leavers: number[] = [];
  readonly joiners: number[] = [];
  readonly joinedPlayers: number[] = [];

  constructor(
    readonly room: number,
    readonly start: number,
    readonly end: number,
    visits: readonly number[],
    private readonly sideSize: number,
  ) {
    this.occupant = Int32Array.from(visits);
    this.since = new Float64Array(visits.length).fill(start);
    const sides = visits.length / sideSize;
    this.skillSeconds = new Float64Array(sides);
    this.presentSeconds = new Float64Array(sides);
    this.emptySeconds = new Float64Array(sides);
  }

  /** Closes seat k's stretch at `now`: its occupant's skill (`skillOf` its visit) for the time it sat, or the time it stood empty. */
  private settle(k: number, now: number, skillOf: (visit: number) => number): void {
    const side = Math.floor(k / this.sideSize);
    const seconds = now - this.since[k];
    const visit = this.occupant[k];
    if (visit < 0) this.emptySeconds[side] += seconds;
    else {
      this.skillSeconds[side] += skillOf(visit) * seconds;
      this.presentSeconds[side] += seconds;
    }
    this.since[k] = now;
  }

  /** Seat k's occupant leaves at `now`. */
  vacate(k: number, now: number, skillOf: (visit: number) => number): void {
    if (this.occupant[k] < 0) throw new RangeError(`room ${this.room}: seat ${k} is already empty`);
    this.settle(k, now, skillOf);
    this.occupant[k] = -1;
    this.changed = true;
    if (this.empty++ === 0) this.shortSince = now;
  }

  /** `visit` takes empty seat k at `now`. */
  fill(k: number, visit: number, now: number, skillOf: (visit: number) => number): void {
    if (this.occupant[k] >= 0) throw new RangeError(`room ${this.room}: seat ${k} is taken (by visit ${this.occupant[k]}), so visit ${visit} cannot fill it`);
    this.settle(k, now, skillOf);
    this.occupant[k] = visit;
    if (--this.empty === 0) {
      this.shortSeconds += now - this.shortSince;
      this.shortSince = Number.NaN;
    }
  }

  /** With role queues: the role each seat is played in (its first player's), whoever sits in it. */
  seatRoles: ReadonlyArray<string | undefined> | undefined;

  /** The first empty seat (of `role`, and on side `side`, when given), or -1. */
  emptySeat(role?: string, side?: number): number {
    for (let k = 0; k < this.occupant.length; k++) {
      if (this.occupant[k] < 0 && (role === undefined || this.seatRoles?.[k] === role) && (side === undefined || Math.floor(k / this.sideSize) === side)) return k;
    }
    return -1;
  }

  /** The visits in the seats, side by side (each side's in seat order), the empty seats left out. */
  presentBySide(): number[][] {
    const sides: number[][] = [];
    for (let k = 0; k < this.occupant.length; k++) {
      const side = Math.floor(k / this.sideSize);
      (sides[side] ??= []);
      if (this.occupant[k] >= 0) sides[side].push(this.occupant[k]);
    }
    return sides;
  }

  /** With role queues, the roles of the empty seats, in seat order (what a request asks for); else undefined. */
  openRoles(): string[] | undefined {
    const roles = this.seatRoles;
    if (roles === undefined) return undefined;
    const open: string[] = [];
    for (let k = 0; k < this.occupant.length; k++) {
      if (this.occupant[k] >= 0) continue;
      const role = roles[k];
      // A seat whose player played no role (none recorded) takes anyone: the request then names no roles.
      if (role === undefined) return undefined;
      open.push(role);
    }
    return open;
  }

  /** The seats `visit`'s party sits in (its members' visits visit .. visit + size - 1). */
  seatsOf(visit: number, size: number): number[] {
    const seats: number[] = [];
    for (let k = 0; k < this.occupant.length; k++) if (this.occupant[k] >= visit && this.occupant[k] < visit + size) seats.push(k);
    return seats;
  }

  /**
   * The match is over at `end`: each side's strength for the outcome, its
   * occupants' mean skill over the time they sat, less `perMissing` points for
   * each player it was short on average (empty seat-seconds over the match's
   * length). Closes every seat's stretch.
   */
  finish(skillOf: (visit: number) => number, perMissing: number, strengths: number[]): void {
    for (let k = 0; k < this.occupant.length; k++) this.settle(k, this.end, skillOf);
    if (!Number.isNaN(this.shortSince)) this.shortSeconds += this.end - this.shortSince;
    this.shortSince = Number.NaN;
    const length = this.end - this.start;
    for (let s = 0; s < this.skillSeconds.length; s++) {
      const mean = this.presentSeconds[s] > 0 ? this.skillSeconds[s] / this.presentSeconds[s] : 0;
      strengths[s] = mean - (length > 0 ? (perMissing * this.emptySeconds[s]) / length : 0);
    }
  }

  /** Seat-seconds empty over the match, every side (after finish). */
  emptySeatSeconds(): number {
    let total = 0;
    for (const s of this.emptySeconds) total += s;
    return total;
  }
}

/** Outcomes of a backfill request (backfills.csv's `outcome`). */
export const BACKFILL_OUTCOMES = ['standing', 'filled', 'timedOut', 'matchEnded'] as const;

/** Every backfill request of a run, by number (as opened): its room, when it opened and closed (NaN: standing at the end), places asked for, outcome (an index into BACKFILL_OUTCOMES) and players who joined by it; and one row per player who joined: its request and visit. */
export interface BackfillRequestColumns {
  readonly requests: { readonly room: Int32Array; readonly openedAt: Float64Array; readonly closedAt: Float64Array; readonly open: Int32Array; readonly outcome: Int32Array; readonly joined: Int32Array };
  readonly joiners: { readonly request: Int32Array; readonly visit: Int32Array };
}

/** Every backfill request of a run, by number (0, 1, ... as opened), in columns. */
export class BackfillLog {
  readonly room = new GrowableInt32();
  readonly openedAt = new GrowableFloat64();
  readonly closedAt = new GrowableFloat64();
  readonly open = new GrowableInt32();
  /** An index into BACKFILL_OUTCOMES. */
  readonly outcome = new GrowableInt32();
  /** Players who joined by it (ghosts, who had gone, included). */
  readonly joined = new GrowableInt32();
  /** One row per player who joined: its request, and its visit. */
  readonly joinerRequest = new GrowableInt32();
  readonly joinerVisit = new GrowableInt32();

  get length(): number {
    return this.room.length;
  }

  /** The log as it stands, in columns. */
  view(): BackfillRequestColumns {
    return {
      requests: { room: this.room.view(), openedAt: this.openedAt.view(), closedAt: this.closedAt.view(), open: this.open.view(), outcome: this.outcome.view(), joined: this.joined.view() },
      joiners: { request: this.joinerRequest.view(), visit: this.joinerVisit.view() },
    };
  }

  opened(room: number, now: number, open: number): number {
    const id = this.room.length;
    this.room.push(room);
    this.openedAt.push(now);
    this.closedAt.push(Number.NaN);
    this.open.push(open);
    this.outcome.push(0);
    this.joined.push(0);
    return id;
  }

  closed(id: number, now: number, outcome: (typeof BACKFILL_OUTCOMES)[number], joiners: readonly number[]): void {
    if (this.outcome.get(id) !== 0) throw new RangeError(`backfill request ${id} was closed twice`);
    this.closedAt.set(id, now);
    this.outcome.set(id, BACKFILL_OUTCOMES.indexOf(outcome));
    this.joined.set(id, joiners.length);
    for (const v of joiners) {
      this.joinerRequest.push(id);
      this.joinerVisit.push(v);
    }
  }
}
