import { GrowableFloat64 } from './growable.js';
import type { PlayerRecord, RoomRecord, RunSink, TickRecord } from './records.js';

/** Totals and the raw samples the summary statistics are computed from. */
export interface RunStats {
  readonly players: number;
  readonly matched: number;
  readonly waiting: number;
  readonly rooms: number;
  /** create_player messages delivered. */
  readonly messages: number;
  /** Players whose channel received every create_player event of their room. */
  readonly playersNotified: number;
  readonly ticks: number;
  /** Wait of every matched player, in match order. */
  readonly waits: Float64Array;
  /** Score spread of every room, in creation order. */
  readonly spreads: Float64Array;
}

/**
 * Per-player state, one typed-array column per field, for the players not
 * yet written. Players are written in arrival order as soon as every earlier
 * player is settled, so only a window of players is ever held.
 */
class PlayerWindow {
  /** Index of the first player not yet written. */
  base = 0;
  /** Players seen so far. */
  count = 0;
  /** Index of the player stored at position 0. */
  private offset = 0;
  arrival = new Float64Array(1024);
  score = new Float64Array(1024);
  joined = new Float64Array(1024);
  matchedAt = new Float64Array(1024);
  notifiedAt = new Float64Array(1024);
  messages = new Uint32Array(1024);
  room: (string | undefined)[] = [];

  /** Position of player `index` in the columns. */
  at(index: number): number {
    return index - this.offset;
  }

  append(arrival: number, score: number): number {
    if (this.count - this.offset === this.arrival.length) this.makeRoom();
    const p = this.count - this.offset;
    this.arrival[p] = arrival;
    this.score[p] = score;
    this.joined[p] = NaN;
    this.matchedAt[p] = NaN;
    this.notifiedAt[p] = NaN;
    this.messages[p] = 0;
    this.room[p] = undefined;
    return this.count++;
  }

  private makeRoom(): void {
    const written = this.base - this.offset;
    const capacity = this.arrival.length;
    if (written >= capacity / 2) {
      // Reuse the space of written players.
      for (const column of [this.arrival, this.score, this.joined, this.matchedAt, this.notifiedAt, this.messages]) {
        column.copyWithin(0, written);
      }
      this.room.splice(0, written);
      this.offset = this.base;
      return;
    }
    const grow = <A extends Float64Array | Uint32Array>(column: A, make: (n: number) => A): A => {
      const next = make(capacity * 2);
      next.set(column);
      return next;
    };
    this.arrival = grow(this.arrival, (n) => new Float64Array(n));
    this.score = grow(this.score, (n) => new Float64Array(n));
    this.joined = grow(this.joined, (n) => new Float64Array(n));
    this.matchedAt = grow(this.matchedAt, (n) => new Float64Array(n));
    this.notifiedAt = grow(this.notifiedAt, (n) => new Float64Array(n));
    this.messages = grow(this.messages, (n) => new Uint32Array(n));
  }
}

const nullIfNaN = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Collects what happens to every player and room, and streams it to a sink in batches. */
export class Recorder {
  private readonly players = new PlayerWindow();
  private readonly waits = new GrowableFloat64();
  private readonly spreads = new GrowableFloat64();
  private roomBatch: RoomRecord[] = [];
  private playerBatch: PlayerRecord[] = [];
  private tickBatch: TickRecord[] = [];
  private matched = 0;
  private notified = 0;
  private messages = 0;
  private ticks = 0;

  constructor(
    private readonly sink: RunSink,
    private readonly roomSize: number,
    private readonly idOf: (index: number) => string,
    private readonly batchSize = 4096,
  ) {}

  /** Records an arrival and returns the player's index. */
  arrived(time: number, score: number): number {
    return this.players.append(time, score);
  }

  joined(index: number, time: number): void {
    this.players.joined[this.players.at(index)] = time;
  }

  roomCreated(name: string, time: number, members: readonly number[]): void {
    const w = this.players;
    let lo = Infinity;
    let hi = -Infinity;
    let ids = '';
    for (const index of members) {
      const p = w.at(index);
      const score = w.score[p];
      if (score < lo) lo = score;
      if (score > hi) hi = score;
      w.matchedAt[p] = time;
      w.room[p] = name;
      this.waits.push(time - w.arrival[p]);
      ids += ids === '' ? this.idOf(index) : ' ' + this.idOf(index);
    }
    this.matched += members.length;
    this.spreads.push(hi - lo);
    this.roomBatch.push({ room: name, time, players: ids, minScore: lo, maxScore: hi, spread: hi - lo });
    if (this.roomBatch.length >= this.batchSize) this.flushRooms();
  }

  /** A create_player event reached player `index`'s channel. */
  messageReceived(index: number, time: number): void {
    const w = this.players;
    const p = w.at(index);
    this.messages++;
    if (++w.messages[p] === this.roomSize) {
      w.notifiedAt[p] = time;
      this.notified++;
    }
  }

  tick(record: TickRecord): void {
    this.ticks++;
    this.tickBatch.push(record);
    if (this.tickBatch.length >= this.batchSize) this.flushTicks();
    this.writeSettledPlayers(false);
  }

  /** Writes everything still held; the players not matched by now are written as waiting. */
  finish(): RunStats {
    this.writeSettledPlayers(true);
    this.flushRooms();
    this.flushTicks();
    return {
      players: this.players.count,
      matched: this.matched,
      waiting: this.players.count - this.matched,
      rooms: this.spreads.length,
      messages: this.messages,
      playersNotified: this.notified,
      ticks: this.ticks,
      waits: this.waits.view(),
      spreads: this.spreads.view(),
    };
  }

  private writeSettledPlayers(all: boolean): void {
    const w = this.players;
    while (w.base < w.count) {
      const p = w.at(w.base);
      if (!all && (Number.isNaN(w.matchedAt[p]) || Number.isNaN(w.notifiedAt[p]))) break;
      const matchedAt = nullIfNaN(w.matchedAt[p]);
      this.playerBatch.push({
        id: this.idOf(w.base),
        arrival: w.arrival[p],
        score: w.score[p],
        joined: nullIfNaN(w.joined[p]),
        matchedAt,
        wait: matchedAt === null ? null : matchedAt - w.arrival[p],
        room: w.room[p] ?? null,
        notifiedAt: nullIfNaN(w.notifiedAt[p]),
      });
      w.room[p] = undefined;
      w.base++;
      if (this.playerBatch.length >= this.batchSize) this.flushPlayers();
    }
    if (all) this.flushPlayers();
  }

  private flushRooms(): void {
    if (this.roomBatch.length > 0) this.sink.rooms(this.roomBatch);
    this.roomBatch = [];
  }

  private flushPlayers(): void {
    if (this.playerBatch.length > 0) this.sink.players(this.playerBatch);
    this.playerBatch = [];
  }

  private flushTicks(): void {
    if (this.tickBatch.length > 0) this.sink.ticks(this.tickBatch);
    this.tickBatch = [];
  }
}
