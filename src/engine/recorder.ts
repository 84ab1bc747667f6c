import type { Accounting } from './conservation.js';
import type { FaultCosts } from './faults.js';
import { GrowableFloat64 } from './growable.js';
import { eloWinChances, type TeamShape } from './pool/teams.js';
import type { PlayerBatch, RunSink } from './records.js';

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
  /** Players who gave up waiting (before being matched). */
  readonly left: number;
  /** Of those, players never matched: withdrawn (cancel) or still in the pool at the end. */
  readonly abandoned: number;
  /** Requests withdrawn by the service on cancel. */
  readonly cancelled: number;
  /** Rooms formed with at least one member who had already gone. */
  readonly ghostRooms: number;
  /** Players matched after they had gone. */
  readonly ghostPlayers: number;
  /** create_player messages sent to connections already closed. */
  readonly messagesLost: number;
  readonly ticks: number;
  /** Wait of every matched player still present when its room formed, in arrival order. */
  readonly waits: Float64Array;
  /** Score spread of every room, in creation order. */
  readonly spreads: Float64Array;
  /** With teams, per room in creation order: the gap between the highest and lowest team mean score, and the favourite's Elo win chance. Empty without teams. */
  readonly teamGaps: Float64Array;
  readonly favouriteWins: Float64Array;
  /** Per player, in arrival order: score, wait and the spread of its room (NaN when not matched). */
  readonly byPlayer: {
    readonly score: Float64Array;
    readonly wait: Float64Array;
    readonly roomSpread: Float64Array;
    /** Index into matcher.pools, or -1 (no pool, or no pools at all). */
    readonly pool: Float64Array;
    /** Seconds waited before giving up (NaN for players who did not). */
    readonly waitedBeforeLeaving: Float64Array;
    /** The index of the first player of the player's party, or -1 for a player alone. */
    readonly party: Float64Array;
  };
  /** Where every player was at the end, and on how many ticks that was checked. */
  readonly accounting?: Accounting & { readonly checks: number };
  /** With faults: what they cost. */
  readonly faults?: FaultCosts;
  /** Per tick: its time, the pool left after it, and the rooms it formed. */
  readonly byTick: { readonly time: Float64Array; readonly pool: Float64Array; readonly rooms: Float64Array };
}

/** Every per-player column: one list, so that compacting and growing cannot miss one. */
const COLUMNS = ['arrival', 'score', 'joined', 'matchedAt', 'notifiedAt', 'leftAt', 'messages', 'withdrawn', 'pool', 'party'] as const;

/**
 * Per-player state, one typed-array column per field, for the players not
 * yet written. Players are written in arrival order as soon as every earlier
 * player is settled, so only a window of players is ever held.
 */
class PlayerWindow {
  /** Index of the first player not yet handed to the sink: the space before it may be reused. */
  base = 0;
  /** Players seen so far. */
  count = 0;
  /** Index of the player stored at position 0. */
  private offset = 0;
  private capacity = 4096;
  arrival = new Float64Array(this.capacity);
  score = new Float64Array(this.capacity);
  joined = new Float64Array(this.capacity);
  matchedAt = new Float64Array(this.capacity);
  notifiedAt = new Float64Array(this.capacity);
  leftAt = new Float64Array(this.capacity);
  messages = new Uint32Array(this.capacity);
  /** 1 once nothing more can happen to the player: withdrawn by cancel. */
  withdrawn = new Uint8Array(this.capacity);
  pool = new Int16Array(this.capacity);
  /** The index of the first player of the player's party, or -1 for a player alone. */
  party = new Int32Array(this.capacity);
  members: Int32Array;

  constructor(private readonly roomSize: number) {
    this.members = new Int32Array(this.capacity * roomSize);
  }

  /** Position of player `index` in the columns. */
  at(index: number): number {
    return index - this.offset;
  }

  append(arrival: number, score: number, pool: number, party: number): number {
    if (this.count - this.offset === this.capacity) this.makeRoom();
    const p = this.count - this.offset;
    this.arrival[p] = arrival;
    this.score[p] = score;
    this.joined[p] = NaN;
    this.matchedAt[p] = NaN;
    this.notifiedAt[p] = NaN;
    this.leftAt[p] = NaN;
    this.messages[p] = 0;
    this.withdrawn[p] = 0;
    this.pool[p] = pool;
    this.party[p] = party;
    this.members.fill(-1, p * this.roomSize, (p + 1) * this.roomSize);
    return this.count++;
  }

  /** Copies players [from, to) out as a batch. */
  slice(from: number, to: number): PlayerBatch {
    const a = this.at(from);
    const b = this.at(to);
    return {
      first: from,
      count: to - from,
      arrival: this.arrival.slice(a, b),
      score: this.score.slice(a, b),
      joined: this.joined.slice(a, b),
      matchedAt: this.matchedAt.slice(a, b),
      notifiedAt: this.notifiedAt.slice(a, b),
      leftAt: this.leftAt.slice(a, b),
      pool: this.pool.slice(a, b),
      party: this.party.slice(a, b),
      members: this.members.slice(a * this.roomSize, b * this.roomSize),
    };
  }

  private makeRoom(): void {
    const written = this.base - this.offset;
    if (written >= this.capacity / 2) {
      // Reuse the space of players already written.
      for (const name of COLUMNS) this[name].copyWithin(0, written);
      this.members.copyWithin(0, written * this.roomSize);
      this.offset = this.base;
      return;
    }
    this.capacity *= 2;
    // The columns differ in element type; each is replaced by a longer one of its own type.
    const columns = this as unknown as Record<(typeof COLUMNS)[number], TypedColumn>;
    for (const name of COLUMNS) columns[name] = grown(columns[name], this.capacity);
    this.members = grown(this.members, this.capacity * this.roomSize);
  }
}

type TypedColumn = Float64Array | Uint32Array | Int32Array | Int16Array | Uint8Array;

/** A column of the same kind with room for `length` values, holding the old ones first. */
function grown<A extends TypedColumn>(old: A, length: number): A {
  const next = new (old.constructor as new (n: number) => A)(length);
  next.set(old);
  return next;
}

/** Fixed-size columns for one batch of rooms or ticks, filled row by row. */
class BatchColumns<K extends string> {
  length = 0;
  columns: Record<K, Float64Array>;

  constructor(
    private readonly names: readonly K[],
    readonly size: number,
  ) {
    this.columns = this.fresh();
  }

  /** Hands the filled rows over and starts a new batch. */
  take(): Record<K, Float64Array> {
    const taken = {} as Record<K, Float64Array>;
    for (const name of this.names) taken[name] = this.columns[name].subarray(0, this.length);
    this.columns = this.fresh();
    this.length = 0;
    return taken;
  }

  private fresh(): Record<K, Float64Array> {
    const columns = {} as Record<K, Float64Array>;
    for (const name of this.names) columns[name] = new Float64Array(this.size);
    return columns;
  }
}

/** Collects what happens to every player and room, and streams it to a sink in batches. */
export class Recorder {
  private readonly players: PlayerWindow;
  private readonly spreads = new GrowableFloat64();
  private readonly teamGaps = new GrowableFloat64();
  private readonly favouriteWins = new GrowableFloat64();
  private readonly playerScore = new GrowableFloat64();
  private readonly playerWait = new GrowableFloat64();
  private readonly playerSpread = new GrowableFloat64();
  private readonly playerPool = new GrowableFloat64();
  private readonly playerLeft = new GrowableFloat64();
  private readonly playerParty = new GrowableFloat64();
  private readonly tickTime = new GrowableFloat64();
  private readonly tickPool = new GrowableFloat64();
  private readonly tickRooms = new GrowableFloat64();
  private readonly rooms: BatchColumns<'time' | 'minScore' | 'maxScore' | 'teamGap' | 'favouriteWin'>;
  private roomMembers: Int32Array;
  /** The team means of the rooms in the current batch, teams.count per room. */
  private roomTeamMeans: Float64Array;
  private roomsWritten = 0;
  private readonly ticks: BatchColumns<'time' | 'queue' | 'pool' | 'rooms' | 'matched' | 'messages'>;
  private matched = 0;
  private notified = 0;
  private leftCount = 0;
  private cancelledCount = 0;
  private ghostRooms = 0;
  private ghostPlayers = 0;
  private messagesLost = 0;
  private messages = 0;
  /** Players before this index are settled: their rows are final. */
  private settled = 0;
  /** Settled players who left and were never matched. */
  private abandonedWritten = 0;

  private readonly teamMeans: number[];

  /** `teams`: rooms list their teams one after another, each `size` players (see dealTeams). */
  constructor(
    private readonly sink: RunSink,
    private readonly roomSize: number,
    private readonly teams?: TeamShape & { readonly eloScale: number },
    private readonly batchSize = 2048,
  ) {
    if (teams && teams.count * teams.size !== roomSize) throw new RangeError(`teams of ${teams.count} x ${teams.size} do not make rooms of ${roomSize}`);
    this.teamMeans = new Array<number>(teams?.count ?? 0);
    this.players = new PlayerWindow(roomSize);
    this.rooms = new BatchColumns(['time', 'minScore', 'maxScore', 'teamGap', 'favouriteWin'], batchSize);
    this.roomMembers = new Int32Array(batchSize * roomSize);
    this.roomTeamMeans = new Float64Array(batchSize * (teams?.count ?? 0));
    this.ticks = new BatchColumns(['time', 'queue', 'pool', 'rooms', 'matched', 'messages'], batchSize);
  }

  /** The index the next player to arrive will get: the number of players who arrived. */
  get nextIndex(): number {
    return this.players.count;
  }

  /** Players in rooms so far. */
  get matchedPlayers(): number {
    return this.matched;
  }

  /**
   * Records an arrival (with the pool its request will go to, or -1, and the
   * index of its party's first player, or -1 alone) and returns the player's index.
   */
  arrived(time: number, score: number, pool = -1, party = -1): number {
    this.playerParty.push(party);
    this.playerScore.push(score);
    this.playerWait.push(NaN);
    this.playerSpread.push(NaN);
    this.playerPool.push(pool);
    this.playerLeft.push(NaN);
    return this.players.append(time, score, pool, party);
  }

  joined(index: number, time: number): void {
    this.players.joined[this.players.at(index)] = time;
  }

  /**
   * The player left before being matched; `withdrawn` when the service took
   * its request back; `gaveUp` when its patience ran out (not a fault).
   */
  left(index: number, time: number, withdrawn: boolean, gaveUp = true): void {
    const w = this.players;
    const p = w.at(index);
    w.leftAt[p] = time;
    this.playerLeft.set(index, time - w.arrival[p]);
    if (gaveUp) this.leftCount++;
    if (withdrawn) {
      w.withdrawn[p] = 1;
      this.cancelledCount++;
    }
  }

  /** create_player messages that went to a closed connection. */
  messagesToClosedConnection(count: number): void {
    this.messagesLost += count;
  }

  roomCreated(time: number, members: readonly number[]): void {
    const w = this.players;
    const size = this.roomSize;
    const r = this.rooms.length++;
    let lo = Infinity;
    let hi = -Infinity;
    let ghosts = 0;
    for (let m = 0; m < size; m++) {
      const p = w.at(members[m]);
      const score = w.score[p];
      if (score < lo) lo = score;
      if (score > hi) hi = score;
      w.matchedAt[p] = time;
      if (!Number.isNaN(w.leftAt[p])) ghosts++;
      this.roomMembers[r * size + m] = members[m];
      for (let k = 0; k < size; k++) w.members[p * size + k] = members[k];
    }
    this.matched += size;
    this.spreads.push(hi - lo);
    if (ghosts > 0) {
      this.ghostRooms++;
      this.ghostPlayers += ghosts;
    }
    for (let m = 0; m < size; m++) {
      const p = w.at(members[m]);
      if (Number.isNaN(w.leftAt[p])) this.playerWait.set(members[m], time - w.arrival[p]);
      this.playerSpread.set(members[m], hi - lo);
    }
    const c = this.rooms.columns;
    c.time[r] = time;
    c.minScore[r] = lo;
    c.maxScore[r] = hi;
    c.teamGap[r] = NaN;
    c.favouriteWin[r] = NaN;
    if (this.teams) this.recordTeams(r, members);
    if (this.rooms.length === this.rooms.size) this.flushRooms();
  }

  /** Team figures of room r: teams are consecutive runs of teams.size members. */
  private recordTeams(r: number, members: readonly number[]): void {
    const { count, size, eloScale } = this.teams as TeamShape & { eloScale: number };
    const w = this.players;
    const means = this.teamMeans;
    for (let t = 0; t < count; t++) {
      let sum = 0;
      for (let m = t * size; m < (t + 1) * size; m++) sum += w.score[w.at(members[m])];
      means[t] = sum / size;
    }
    const gap = Math.max(...means) - Math.min(...means);
    const favourite = Math.max(...eloWinChances(means, eloScale));
    this.roomTeamMeans.set(means, r * count);
    this.teamGaps.push(gap);
    this.favouriteWins.push(favourite);
    this.rooms.columns.teamGap[r] = gap;
    this.rooms.columns.favouriteWin[r] = favourite;
  }

  /** A create_player event reached player `index`'s channel; true once it has had all of its room's. */
  messageReceived(index: number, time: number): boolean {
    const w = this.players;
    const p = w.at(index);
    this.messages++;
    if (++w.messages[p] !== this.roomSize) return false;
    w.notifiedAt[p] = time;
    this.notified++;
    return true;
  }

  tick(time: number, queue: number, pool: number, rooms: number, matched: number, messages: number): void {
    this.tickTime.push(time);
    this.tickPool.push(pool);
    this.tickRooms.push(rooms);
    const t = this.ticks.length++;
    const c = this.ticks.columns;
    c.time[t] = time;
    c.queue[t] = queue;
    c.pool[t] = pool;
    c.rooms[t] = rooms;
    c.matched[t] = matched;
    c.messages[t] = messages;
    if (this.ticks.length === this.ticks.size) this.flushTicks();
    this.advanceSettled();
  }

  /** Writes everything still held; players not matched by now are written as waiting. */
  finish(): RunStats {
    const w = this.players;
    // Players not settled yet who left and were never matched: gone from a pool that kept their request.
    let unmatchedLeft = 0;
    for (let i = this.settled; i < w.count; i++) {
      const p = w.at(i);
      if (!Number.isNaN(w.leftAt[p]) && Number.isNaN(w.matchedAt[p])) unmatchedLeft++;
    }
    this.settled = w.count;
    this.flushPlayers();
    this.flushRooms();
    this.flushTicks();
    const abandoned = this.abandonedWritten + unmatchedLeft;
    return {
      players: w.count,
      matched: this.matched,
      waiting: w.count - this.matched - abandoned,
      left: this.leftCount,
      abandoned,
      cancelled: this.cancelledCount,
      ghostRooms: this.ghostRooms,
      ghostPlayers: this.ghostPlayers,
      messagesLost: this.messagesLost,
      rooms: this.spreads.length,
      messages: this.messages,
      playersNotified: this.notified,
      ticks: this.tickTime.length,
      // Derived from the per-player waits rather than kept twice.
      waits: this.playerWait.view().filter((x) => !Number.isNaN(x)),
      spreads: this.spreads.view(),
      teamGaps: this.teamGaps.view(),
      favouriteWins: this.favouriteWins.view(),
      byPlayer: { score: this.playerScore.view(), wait: this.playerWait.view(), roomSpread: this.playerSpread.view(),
        pool: this.playerPool.view(),
        waitedBeforeLeaving: this.playerLeft.view(),
        party: this.playerParty.view(),
      },
      byTick: { time: this.tickTime.view(), pool: this.tickPool.view(), rooms: this.tickRooms.view() },
    };
  }

  private advanceSettled(): void {
    const w = this.players;
    while (this.settled < w.count) {
      const p = w.at(this.settled);
      // Final: matched and then notified or gone; or withdrawn before any match.
      const matched = !Number.isNaN(w.matchedAt[p]);
      const done = matched ? !Number.isNaN(w.notifiedAt[p]) || !Number.isNaN(w.leftAt[p]) : w.withdrawn[p] === 1;
      if (!done) break;
      if (!matched) this.abandonedWritten++;
      this.settled++;
    }
    if (this.settled - w.base >= this.batchSize) this.flushPlayers();
  }

  private flushPlayers(): void {
    const w = this.players;
    for (let from = w.base; from < this.settled; from += this.batchSize) {
      this.sink.players(w.slice(from, Math.min(this.settled, from + this.batchSize)));
    }
    w.base = this.settled;
  }

  private flushRooms(): void {
    const count = this.rooms.length;
    if (count === 0) return;
    const members = this.roomMembers.slice(0, count * this.roomSize);
    const teamMeans = this.roomTeamMeans.slice(0, count * (this.teams?.count ?? 0));
    const c = this.rooms.take();
    this.sink.rooms({ first: this.roomsWritten, count, ...c, members, teamMeans });
    this.roomsWritten += count;
  }

  private flushTicks(): void {
    const count = this.ticks.length;
    if (count === 0) return;
    this.sink.ticks({ count, ...this.ticks.take() });
  }
}
