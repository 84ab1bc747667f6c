import { GrowableInt32 } from './growable.js';
import { STATES } from './population/states.js';
import { grown } from './growable.js';
import type { PlayerBatch, RunSink } from './records.js';
import type { RunEvents } from './run-events.js';
import type { RunTally } from './run-tally.js';

/** The columns only the CSV tables need, per player not yet written. */
const COLUMNS = ['joined', 'matchedAt', 'notifiedAt', 'leftAt', 'withdrawn'] as const;

/**
 * What happened to each player not yet written, beyond what the tally keeps
 * for the whole run: one typed-array column per field. Players are written
 * in arrival order as soon as every earlier player is settled, so only a
 * window of players is ever held.
 */
class PlayerWindow {
  /** Index of the first player not yet handed to the sink: the space before it may be reused. */
  base = 0;
  /** Players seen so far. */
  count = 0;
  /** Index of the player stored at position 0. */
  private offset = 0;
  private capacity = 4096;
  joined = new Float64Array(this.capacity);
  matchedAt = new Float64Array(this.capacity);
  notifiedAt = new Float64Array(this.capacity);
  leftAt = new Float64Array(this.capacity);
  /** 1 once nothing more can happen to the player: withdrawn by cancel. */
  withdrawn = new Uint8Array(this.capacity);
  /** With teams: the player's team, or -1. */
  team = new Int16Array(this.capacity);
  /** With roles: the role the player played (an index into the run's roles), or -1. */
  role = new Int16Array(this.capacity);
  members: Int32Array;

  constructor(private readonly roomSize: number) {
    this.members = new Int32Array(this.capacity * roomSize);
  }

  /** Position of player `index` in the columns. */
  at(index: number): number {
    return index - this.offset;
  }

  append(): void {
    if (this.count - this.offset === this.capacity) this.makeRoom();
    const p = this.count - this.offset;
    this.joined[p] = NaN;
    this.matchedAt[p] = NaN;
    this.notifiedAt[p] = NaN;
    this.leftAt[p] = NaN;
    this.withdrawn[p] = 0;
    this.team[p] = -1;
    this.role[p] = -1;
    this.members.fill(-1, p * this.roomSize, (p + 1) * this.roomSize);
    this.count++;
  }

  private makeRoom(): void {
    const written = this.base - this.offset;
    if (written >= this.capacity / 2) {
      // Reuse the space of players already written.
      for (const name of COLUMNS) this[name].copyWithin(0, written);
      this.members.copyWithin(0, written * this.roomSize);
      this.team.copyWithin(0, written);
      this.role.copyWithin(0, written);
      this.offset = this.base;
      return;
    }
    this.capacity *= 2;
    for (const name of ['joined', 'matchedAt', 'notifiedAt', 'leftAt'] as const) this[name] = grown(this[name], this.capacity);
    this.withdrawn = grown(this.withdrawn, this.capacity);
    this.team = grown(this.team, this.capacity);
    this.role = grown(this.role, this.capacity);
    this.members = grown(this.members, this.capacity * this.roomSize);
  }
}

/** What the tables read of a population. */
export interface PopulationTables {
  /** Players in each state now (STATES order). */
  states(): Float64Array;
  /** The player of each visit in [from, to), a copy. */
  players(from: number, to: number): Int32Array;
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

/**
 * Folds a run's events into the rows of rooms.csv, players.csv and
 * timeline.csv, handed to a RunSink as columnar batches. It folds after the
 * tally and reads from it what the tally already keeps (each player's
 * arrival, score, pool and party; the figures of the room just formed).
 */
export class TableBatches implements RunEvents {
  private readonly players: PlayerWindow;
  private readonly rooms: BatchColumns<'time' | 'minScore' | 'maxScore' | 'teamGap' | 'favouriteWin' | 'dataCentre' | 'maxLatency'>;
  private roomMembers: Int32Array;
  /** With teams: the team of each member of the rooms in the current batch. */
  private roomMemberTeams: Int16Array;
  /** With roles: each room member's role, as roomMembers lays them out. */
  private roomMemberRoles: Int16Array;
  /** The team means of the rooms in the current batch, `teams` per room. */
  private roomTeamMeans: Float64Array;
  private roomsWritten = 0;
  private readonly ticks: BatchColumns<'time' | 'queue' | 'pool' | 'rooms' | 'matched' | 'messages'>;
  /** With a population: each tick's players by state, STATES.length per tick. */
  private tickStates: Float64Array;
  /** Players before this index are settled: their rows are final. */
  private settled = 0;
  private readonly teams: number;
  /** Each player's team is recorded: with teams, or a pool that gives rosters without them. */
  private readonly rostered: boolean;
  /** The pool's expansions, whose step each room records (EngineMatcher.expansions); 0 without. */
  private readonly expansions: number;
  private readonly roomExpansionSteps: Int16Array;

  constructor(
    private readonly tally: RunTally,
    private readonly sink: RunSink,
    private readonly roomSize: number,
    /** With a population: its players in each state now (STATES order), for each row of the timeline, and the player of each visit. */
    private readonly population?: PopulationTables,
    /** What the pool's matches tell besides their members: rosters without team figures, the step of each of its expansions; whether players may join running rooms (backfill). */
    matches: { readonly rostered?: boolean; readonly expansions?: number; readonly backfill?: boolean } = {},
    private readonly batchSize = 2048,
  ) {
    this.teams = tally.room.teamMeans.length;
    this.rostered = matches.rostered === true || this.teams > 0;
    this.expansions = matches.expansions ?? 0;
    this.roomExpansionSteps = new Int16Array(batchSize * this.expansions);
    this.players = new PlayerWindow(roomSize);
    this.rooms = new BatchColumns(['time', 'minScore', 'maxScore', 'teamGap', 'favouriteWin', 'dataCentre', 'maxLatency'], batchSize);
    this.roomMembers = new Int32Array(batchSize * roomSize);
    this.roomMemberTeams = new Int16Array(this.teams > 0 ? batchSize * roomSize : 0);
    this.roomMemberRoles = new Int16Array(tally.tickets.hasRoles ? batchSize * roomSize : 0);
    this.roomTeamMeans = new Float64Array(batchSize * this.teams);
    this.ticks = new BatchColumns(['time', 'queue', 'pool', 'rooms', 'matched', 'messages'], batchSize);
    this.tickStates = new Float64Array(population ? batchSize * STATES.length : 0);
    this.everyRoom = matches.backfill === true ? new GrowableInt32() : undefined;
  }

  /** With backfill: every room's starting members (roomSize each, -1 after a smaller room's), so that a player who joins one later is written in it. */
  private readonly everyRoom: GrowableInt32 | undefined;

  arrived(): void {
    this.players.append();
  }

  joined(time: number, player: number): void {
    this.players.joined[this.players.at(player)] = time;
  }

  roomPlaced(): void {}

  // Told just before roomFormed: the room's row is the next one.
  roomRoles(_room: number, roles: readonly number[]): void {
    this.nextRoles = roles;
  }

  /** With roles: the roles of the room about to form, in members order (told just before roomFormed). */
  private nextRoles: readonly number[] | undefined;

  roomExpanded(_room: number, steps: readonly number[]): void {
    const at = this.rooms.length * this.expansions;
    for (let k = 0; k < this.expansions; k++) this.roomExpansionSteps[at + k] = steps[k];
  }

  roomFormed(time: number, _room: number, members: readonly number[], teams: readonly number[] | undefined): void {
    const w = this.players;
    const size = this.roomSize;
    // A room smaller than roomSize (rooms that vary in size) ends its members with -1s.
    const players = members.length;
    const r = this.rooms.length++;
    for (let m = 0; m < players; m++) {
      const p = w.at(members[m]);
      w.matchedAt[p] = time;
      if (this.rostered && teams !== undefined) w.team[p] = teams[m];
      if (this.nextRoles !== undefined) w.role[p] = this.nextRoles[m];
      if (this.roomMemberRoles.length > 0) this.roomMemberRoles[r * size + m] = this.nextRoles?.[m] ?? -1;
      if (this.teams > 0 && teams !== undefined) this.roomMemberTeams[r * size + m] = teams[m];
      this.roomMembers[r * size + m] = members[m];
      for (let k = 0; k < players; k++) w.members[p * size + k] = members[k];
    }
    if (players < size) this.roomMembers.fill(-1, r * size + players, (r + 1) * size);
    if (this.everyRoom !== undefined) for (let k = 0; k < size; k++) this.everyRoom.push(k < players ? members[k] : -1);
    this.nextRoles = undefined;
    const formed = this.tally.room;
    const c = this.rooms.columns;
    c.time[r] = time;
    c.minScore[r] = formed.lo;
    c.maxScore[r] = formed.hi;
    c.teamGap[r] = formed.teamGap;
    c.favouriteWin[r] = formed.favouriteWin;
    c.dataCentre[r] = formed.dataCentre;
    c.maxLatency[r] = formed.maxLatency;
    if (this.teams > 0) this.roomTeamMeans.set(formed.teamMeans, r * this.teams);
    if (this.rooms.length === this.rooms.size) this.flushRooms();
  }

  roomJoined(time: number, room: number, members: readonly number[], teams: readonly number[] | undefined): void {
    const everyRoom = this.everyRoom;
    if (everyRoom === undefined) throw new RangeError('players joined a running room, and the tables were not told to expect backfill');
    const w = this.players;
    const size = this.roomSize;
    for (let m = 0; m < members.length; m++) {
      const p = w.at(members[m]);
      w.matchedAt[p] = time;
      if (this.rostered && teams !== undefined) w.team[p] = teams[m];
      if (this.nextRoles !== undefined) w.role[p] = this.nextRoles[m];
      // Its room is the room it joined, named by the players it began with; a session the run did not form (a stream's), by the players who joined it.
      const formed = (room + 1) * size <= everyRoom.length;
      for (let k = 0; k < size; k++) w.members[p * size + k] = formed ? everyRoom.get(room * size + k) : k < members.length ? members[k] : -1;
    }
    this.nextRoles = undefined;
  }

  messageRead(): void {}

  notified(time: number, player: number): void {
    this.players.notifiedAt[this.players.at(player)] = time;
  }

  left(time: number, player: number, withdrawn: boolean): void {
    const p = this.players.at(player);
    this.players.leftAt[p] = time;
    if (withdrawn) this.players.withdrawn[p] = 1;
  }

  messagesLost(): void {}

  patience(): void {}

  faulted(): void {}

  ticked(time: number, queue: number, pool: number, rooms: number, matched: number, messages: number): void {
    const t = this.ticks.length++;
    const c = this.ticks.columns;
    c.time[t] = time;
    c.queue[t] = queue;
    c.pool[t] = pool;
    c.rooms[t] = rooms;
    c.matched[t] = matched;
    c.messages[t] = messages;
    if (this.population) this.tickStates.set(this.population.states(), t * STATES.length);
    if (this.ticks.length === this.ticks.size) this.flushTicks();
    this.advanceSettled();
  }

  /** Writes everything still held; players not matched by now are written as waiting. */
  ended(): void {
    this.settled = this.players.count;
    this.flushPlayers();
    this.flushRooms();
    this.flushTicks();
  }

  private advanceSettled(): void {
    const w = this.players;
    while (this.settled < w.count) {
      const p = w.at(this.settled);
      // Final: matched and then notified or gone; or withdrawn before any match.
      const done = !Number.isNaN(w.matchedAt[p]) ? !Number.isNaN(w.notifiedAt[p]) || !Number.isNaN(w.leftAt[p]) : w.withdrawn[p] === 1;
      if (!done) break;
      this.settled++;
    }
    if (this.settled - w.base >= this.batchSize) this.flushPlayers();
  }

  private flushPlayers(): void {
    const w = this.players;
    for (let from = w.base; from < this.settled; from += this.batchSize) {
      this.sink.players(this.playerBatch(from, Math.min(this.settled, from + this.batchSize)));
    }
    w.base = this.settled;
  }

  /** Players [from, to) as a batch of copies: the sink may keep it. */
  private playerBatch(from: number, to: number): PlayerBatch {
    const w = this.players;
    const a = w.at(from);
    const b = w.at(to);
    const tickets = this.tally.tickets;
    return {
      first: from,
      count: to - from,
      arrival: tickets.arrival.view().slice(from, to),
      score: tickets.score.view().slice(from, to),
      joined: w.joined.slice(a, b),
      matchedAt: w.matchedAt.slice(a, b),
      notifiedAt: w.notifiedAt.slice(a, b),
      leftAt: w.leftAt.slice(a, b),
      pool: copied(tickets.pool.view().subarray(from, to), Int16Array),
      party: copied(tickets.party.view().subarray(from, to), Int32Array),
      members: w.members.slice(a * this.roomSize, b * this.roomSize),
      ...(this.rostered ? { team: w.team.slice(a, b) } : {}),
      ...(tickets.hasRoles ? { role: w.role.slice(a, b), roles: rolesOf(tickets, from, to) } : {}),
      ...(this.population ? { player: this.population.players(from, to) } : {}),
      ...(tickets.attributes.length > 0 ? { attributes: tickets.attributes.map((_, k) => tickets.attributeColumn(k, from, to)) } : {}),
      ...(tickets.recorded.length > 0 ? { recorded: tickets.recorded.map((_, k) => tickets.recordedColumn(k, from, to)) } : {}),
      ...(tickets.dataCentres.length > 0 ? this.latencies(from, to) : {}),
    };
  }

  /** Players [from, to)'s data centre (-1: not placed), round trip there and best round trip anywhere. */
  private latencies(from: number, to: number): Pick<PlayerBatch, 'dataCentre' | 'latency' | 'bestLatency'> {
    const tickets = this.tally.tickets;
    const placed = this.tally.placedIn(from, to);
    const dataCentre = new Int16Array(to - from);
    const latency = new Float64Array(to - from);
    const bestLatency = new Float64Array(to - from);
    for (let i = 0; i < to - from; i++) {
      const dc = placed[i];
      dataCentre[i] = Number.isNaN(dc) ? -1 : dc;
      latency[i] = Number.isNaN(dc) ? NaN : tickets.latency[dc].get(from + i);
      bestLatency[i] = tickets.bestLatency(from + i);
    }
    return { dataCentre, latency, bestLatency };
  }

  private flushRooms(): void {
    const count = this.rooms.length;
    if (count === 0) return;
    const members = this.roomMembers.slice(0, count * this.roomSize);
    const teamMeans = this.roomTeamMeans.slice(0, count * this.teams);
    const c = this.rooms.take();
    const memberTeams = this.teams > 0 ? { memberTeams: this.roomMemberTeams.slice(0, count * this.roomSize) } : {};
    const memberRoles = this.roomMemberRoles.length > 0 ? { memberRoles: this.roomMemberRoles.slice(0, count * this.roomSize) } : {};
    const expanded = this.expansions > 0 ? { expansionSteps: this.roomExpansionSteps.slice(0, count * this.expansions) } : {};
    this.sink.rooms({ first: this.roomsWritten, count, ...c, members, teamMeans, ...memberTeams, ...memberRoles, ...expanded });
    this.roomsWritten += count;
  }

  private flushTicks(): void {
    const count = this.ticks.length;
    if (count === 0) return;
    const states = this.population ? { states: this.tickStates.slice(0, count * STATES.length) } : {};
    this.sink.ticks({ count, ...this.ticks.take(), ...states });
  }
}

/** Numbers copied into a new typed array of another kind (TypedArray.from would walk an iterator). */
function copied<A extends Int16Array | Int32Array>(values: Float64Array, kind: new (n: number) => A): A {
  const copy = new kind(values.length);
  copy.set(values);
  return copy;
}

/** Players [from, to)'s declared roles, each its roles in its order of preference joined by spaces ('' for none). */
function rolesOf(tickets: RunTally['tickets'], from: number, to: number): string[] {
  const out: string[] = [];
  for (let p = from; p < to; p++) out.push((tickets.roles(p) ?? []).join(' '));
  return out;
}

