import type { BackfillStreamStats, SessionBackfillStats } from './session-backfill-stats.js';
import type { Accounting } from './conservation.js';
import type { FaultCosts } from './faults.js';
import { GrowableFloat64, GrowableInt32 } from './growable.js';
import type { PopulationStats } from './population/population.js';
import type { Attributes } from './pool/filters.js';
import { eloWinChances, type TeamShape } from './pool/teams.js';
import { roleIndices } from './pool/roles.js';
import type { AttributeDeclaration } from './ticket/attribute-kinds.js';
import { TicketTable } from './ticket/ticket-table.js';
import { FAULT_KINDS, type FaultKind, type RunEvents } from './run-events.js';
import type { RuleEvaluation } from './pool/rule-evaluations.js';

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
  /** Per room, in creation order: how long its member who had waited least had waited (from arrival), ghosts included. */
  readonly shortestWaits: Float64Array;
  /** With teams, per room in creation order: the gap between the highest and lowest team mean score, and the favourite's Elo win chance. Empty without teams. */
  readonly teamGaps: Float64Array;
  readonly favouriteWins: Float64Array;
  /** Per player, in arrival order: score, wait and the spread of its room (NaN when not matched). */
  readonly byPlayer: {
    readonly arrival: Float64Array;
    readonly score: Float64Array;
    readonly wait: Float64Array;
    readonly roomSpread: Float64Array;
    /** Index into matcher.pools, or -1 (no pool, or no pools at all). */
    readonly pool: Float64Array;
    /** Seconds waited before giving up (NaN for players who did not). */
    readonly waitedBeforeLeaving: Float64Array;
    /** The index of the first player of the player's party, or -1 for a player alone. */
    readonly party: Float64Array;
    /** With abandonment (`withPatience`): the patience drawn for each player; empty without. */
    readonly patience: Float64Array;
  };
  /** With faults: at each tick where some struck, how many of which kind (an index into FAULT_KINDS). */
  readonly faultEvents: { readonly time: Float64Array; readonly kind: Float64Array; readonly count: Float64Array };
  /** Where every player was at the end, and on how many ticks that was checked. */
  readonly accounting?: Accounting & { readonly checks: number };
  /** With faults: what they cost. */
  readonly faults?: FaultCosts;
  /** With a population: its players, matches, ratings and states. */
  readonly population?: PopulationStats;
  /** Per tick: its time, the pool left after it, and the rooms it formed. */
  readonly byTick: { readonly time: Float64Array; readonly pool: Float64Array; readonly rooms: Float64Array };
  /** With data centres: where rooms went. */
  readonly placement?: Placement;
  /** With a source that records what production observed of each ticket (a replayed log): each recorded number, by name, per player in arrival order (NaN: not known). */
  readonly observed?: { readonly names: readonly string[]; readonly columns: readonly Float64Array[] };
  /** With a pool that counts its rules' evaluations (a FlexMatch rule set's): each rule's passes and failures over the run. */
  readonly ruleEvaluations?: readonly RuleEvaluation[];
  /** With a request timeout (EngineMatcher.requestTimeout): the players the service gave up on, unmatched. */
  readonly timedOut?: number;
  /** With acceptance (SimulationConfig.acceptance): the proposals and what became of them. */
  readonly acceptance?: AcceptanceStats;
  /** With rooms that vary in size (EngineMatcher.smallestRoom): each room's players, in the order rooms formed. */
  readonly roomPlayers?: Int32Array;
  /** With role queues (SimulationConfig.roles): each player's roles and the role it played. */
  readonly roles?: RoleRecords;
  /** With session backfill (SimulationConfig.sessionBackfill): the sessions, their requests and who joined. */
  readonly sessionBackfill?: SessionBackfillStats;
  /** With a stream of backfill requests (SimulationConfig.backfillStream): the requests and who joined by them. */
  readonly backfillStream?: BackfillStreamStats;
}

/** Role queues, per player in arrival order; roles are indices into `names` (SimulationConfig.roles), -1 for none. */
export interface RoleRecords {
  readonly names: readonly string[];
  /** The role it queued for first (-1: it declared none the run knows). */
  readonly firstChoice: Int32Array;
  /** How many of the run's roles it queued for. */
  readonly choices: Int32Array;
  /** The role it played (-1: not matched). */
  readonly played: Int32Array;
  /** 1 where it played a role it did not queue for (filled in, matcher.fillAfter). */
  readonly filled: Uint8Array;
  /** 1 where it queued with a priority pass (as if earlier: TicketTable.earlier). */
  readonly passed: Uint8Array;
}

/** How a proposal ended: still waiting at the end, accepted (its room formed), rejected, or timed out. */
export const PROPOSAL_OUTCOMES = ['pending', 'accepted', 'rejected', 'timedOut'] as const;

/**
 * The run's proposals, by id (0, 1, ... as proposed), and one row per player
 * of each, in proposal order then match order: its answer (1 accepted, 0
 * rejected, -1 none) and when it came (NaN: none).
 */
export interface ProposalRecords {
  readonly proposedAt: Float64Array;
  /** NaN while pending. */
  readonly settledAt: Float64Array;
  /** An index into PROPOSAL_OUTCOMES. */
  readonly outcome: Int8Array;
  readonly rows: { readonly proposal: Int32Array; readonly player: Int32Array; readonly answer: Int8Array; readonly answeredAt: Float64Array };
}

/** What the acceptance flow did over a run; every match made is a proposal all accepted. */
export interface AcceptanceStats {
  /** Matches proposed (PotentialMatchCreated). */
  readonly potentialMatches: number;
  /** Proposals dropped because a player rejected (or its ticket was cancelled), and because answers were missing at the timeout. */
  readonly rejectedMatches: number;
  readonly timedOutMatches: number;
  /** Players of dropped proposals back in the pool (every player of their ticket accepted), and those whose tickets ended. */
  readonly playersReturned: number;
  readonly playersCancelled: number;
  /** Answers the service took (AcceptMatch), and how many of them were rejections. */
  readonly answers: number;
  readonly rejections: number;
  /** Players in proposals still waiting for answers when the run ended. */
  readonly stillProposed: number;
  /** Every proposal and every answer, for the tables (proposals.csv) and the exported events. */
  readonly proposals: ProposalRecords;
}

/** With data centres: where rooms went and what their players pinged there. */
export interface Placement {
  readonly dataCentres: readonly string[];
  /** Each matched player's round trip to its room's data centre (players present when matched, in arrival order). */
  readonly latency: Float64Array;
  /** The same players' round trip there less their best to any data centre. */
  readonly deltaPing: Float64Array;
  /** The same players' waits, and the data centre each has its lowest round trip to (the first listed on a tie). */
  readonly wait: Float64Array;
  readonly nearest: Int16Array;
  /** Every player's nearest data centre (as nearest), in arrival order: -1 for one with no round trip. */
  readonly nearestOf: Int16Array;
  /** Of them, those placed at a data centre with their lowest round trip. */
  readonly atBest: number;
  /** Each room's data centre, in creation order, its members' highest round trip there, when it formed, and how long its earliest arrival had waited. */
  readonly rooms: Float64Array;
  readonly roomMaxLatency: Float64Array;
  readonly roomTime: Float64Array;
  readonly roomOldestWait: Float64Array;
}

/** The figures of the room formed last, for a sink folding after the tally (see TableBatches). */
export interface FormedRoom {
  lo: number;
  hi: number;
  /** NaN without teams. */
  teamGap: number;
  favouriteWin: number;
  /** With teams: each team's mean score, in team order. */
  readonly teamMeans: number[];
  /** With data centres: the one it went to (an index into them), and its members' highest round trip there; NaN without. */
  dataCentre: number;
  maxLatency: number;
}

/**
 * Folds a run's events into its totals and whole-run samples (RunStats).
 * Every per-player figure of a run is stored here, once, for the whole run:
 * what each ticket is in the run's ticket table (`tickets`: arrival, score,
 * pool, party, attributes), what became of it in the tally's own columns;
 * the CSV tables read from both rather than keep their own copy.
 */
export class RunTally implements RunEvents {
  /** The run's tickets, filled as they arrive. */
  readonly tickets: TicketTable;
  private readonly wait = new GrowableFloat64();
  private readonly roomSpread = new GrowableFloat64();
  private readonly waitedBeforeLeaving = new GrowableFloat64();
  private readonly spreads = new GrowableFloat64();
  private readonly shortestWaits = new GrowableFloat64();
  /** Only with abandonment: a column of NaN for every player of every other run would cost memory for nothing. */
  private readonly patienceOf: GrowableFloat64 | undefined;
  private readonly faultTime = new GrowableFloat64();
  private readonly faultKind = new GrowableFloat64();
  private readonly faultCount = new GrowableFloat64();
  private readonly teamGaps = new GrowableFloat64();
  private readonly favouriteWins = new GrowableFloat64();
  private readonly tickTime = new GrowableFloat64();
  private readonly tickPool = new GrowableFloat64();
  private readonly tickRooms = new GrowableFloat64();
  readonly room: FormedRoom;
  private matched = 0;
  private notifiedCount = 0;
  private messages = 0;
  private gaveUp = 0;
  /** Players who left before being matched, for any reason: some may be matched later, as ghosts. */
  private leftUnmatched = 0;
  private cancelled = 0;
  private ghostRooms = 0;
  private ghostPlayers = 0;
  private lostMessages = 0;
  /** With data centres: each player's room's data centre (NaN: not matched), each room's, and its highest round trip; `next`, the room being placed. */
  private readonly placing:
    | { readonly player: GrowableFloat64; readonly room: GrowableFloat64; readonly maxLatency: GrowableFloat64; readonly roomTime: GrowableFloat64; readonly oldestWait: GrowableFloat64; next: number }
    | undefined;

  /** `teams`: rooms list their teams one after another, each `size` players (see dealTeams). */
  constructor(
    roomSize: number,
    private readonly teams?: TeamShape & { readonly eloScale: number },
    withPatience = false,
    /** The attributes to keep of each ticket, as declared. */
    attributes: readonly AttributeDeclaration[] = [],
    /** The per-ticket numbers the source recorded, by name. */
    recorded: readonly string[] = [],
    /** The data centres each ticket has a latency to. */
    dataCentres: readonly string[] = [],
    /** The run's roles (role queues): each ticket keeps its role set, and the role each player played is kept. */
    private readonly roleNames?: readonly string[],
  ) {
    this.tickets = new TicketTable(attributes, dataCentres, roleNames !== undefined, recorded);
    this.played = roleNames === undefined ? undefined : new GrowableInt32();
    this.patienceOf = withPatience ? new GrowableFloat64() : undefined;
    if (teams && teams.count * teams.size !== roomSize) throw new RangeError(`teams of ${teams.count} x ${teams.size} do not make rooms of ${roomSize}`);
    this.room = { lo: NaN, hi: NaN, teamGap: NaN, favouriteWin: NaN, teamMeans: new Array<number>(teams?.count ?? 0).fill(NaN), dataCentre: NaN, maxLatency: NaN };
    if (dataCentres.length > 0) {
      this.placing = { player: new GrowableFloat64(), room: new GrowableFloat64(), maxLatency: new GrowableFloat64(), roomTime: new GrowableFloat64(), oldestWait: new GrowableFloat64(), next: NaN };
    }
  }

  arrived(time: number, _player: number, score: number, pool: number, party: number, attributes?: Attributes, recorded?: readonly number[], latency?: Float64Array, roles?: readonly string[]): void {
    const slot = this.tickets.add(time, score, pool, party, attributes, roles);
    if (recorded !== undefined) this.tickets.record(slot, recorded);
    if (latency !== undefined) {
      if (latency.length !== this.tickets.dataCentres.length) throw new RangeError(`a ticket has latencies to ${latency.length} data centres, the run has ${this.tickets.dataCentres.length}`);
      for (let dc = 0; dc < latency.length; dc++) this.tickets.setLatency(slot, dc, latency[dc]);
    }
    this.wait.push(NaN);
    this.played?.push(-1);
    this.placing?.player.push(NaN);
    this.roomSpread.push(NaN);
    this.waitedBeforeLeaving.push(NaN);
    this.patienceOf?.push(NaN);
  }

  joined(): void {}

  roomExpanded(): void {}

  /** Told just before roomFormed: the roles its members play, applied there. */
  roomRoles(_room: number, roles: readonly number[]): void {
    this.nextRoles = roles;
  }

  /** The role a player played (an index into SimulationConfig.roles), or -1: none yet, or no role queues. */
  rolePlayed(player: number): number {
    return this.played === undefined ? -1 : this.played.get(player);
  }

  /** With roles: each player's role played (-1: none yet), and the roles of the room about to form. */
  private readonly played: GrowableInt32 | undefined;
  private nextRoles: readonly number[] | undefined;

  roomPlaced(_room: number, dc: number): void {
    if (this.placing === undefined) throw new RangeError('a room was placed in a data centre, and the run has none');
    this.placing.next = dc;
  }

  roomFormed(time: number, _room: number, members: readonly number[], teams: readonly number[] | undefined): void {
    // roomSize players, or fewer where rooms vary in size.
    const size = members.length;
    let lo = Infinity;
    let hi = -Infinity;
    let ghosts = 0;
    let latest = -Infinity;
    for (let m = 0; m < size; m++) {
      const player = members[m];
      const score = this.tickets.score.get(player);
      if (score < lo) lo = score;
      if (score > hi) hi = score;
      if (!Number.isNaN(this.waitedBeforeLeaving.get(player))) ghosts++;
      latest = Math.max(latest, this.tickets.arrival.get(player));
    }
    this.matched += size;
    this.spreads.push(hi - lo);
    this.shortestWaits.push(time - latest);
    if (ghosts > 0) {
      this.ghostRooms++;
      this.ghostPlayers += ghosts;
    }
    for (let m = 0; m < size; m++) {
      const player = members[m];
      if (Number.isNaN(this.waitedBeforeLeaving.get(player))) this.wait.set(player, time - this.tickets.arrival.get(player));
      this.roomSpread.set(player, hi - lo);
    }
    if (this.played !== undefined && this.nextRoles !== undefined) {
      for (let m = 0; m < size; m++) this.played.set(members[m], this.nextRoles[m]);
      this.nextRoles = undefined;
    }
    const room = this.room;
    room.lo = lo;
    room.hi = hi;
    if (this.placing !== undefined) this.place(time, members);
    if (this.teams) this.tallyTeams(members, teams);
  }

  /**
   * Players joined a running room (backfill): matched now, their waits ended,
   * each given its room's spread as it formed (the room's figures are its
   * starting players'; how close a joiner came is the backfill figures').
   */
  /** The data centre (an index into SimulationConfig.dataCentres) the room formed `room`-th was placed in; NaN without data centres, or for a room the run did not form. */
  roomDataCentre(room: number): number {
    return this.placing === undefined || room >= this.placing.room.length ? Number.NaN : this.placing.room.get(room);
  }

  roomJoined(time: number, room: number, members: readonly number[]): void {
    // A joiner plays where its room is (a stream's session, the run did not place: none).
    if (this.placing !== undefined) for (const p of members) this.placing.player.set(p, this.roomDataCentre(room));
    if (this.played !== undefined && this.nextRoles !== undefined) {
      for (let m = 0; m < members.length; m++) this.played.set(members[m], this.nextRoles[m]);
      this.nextRoles = undefined;
    }
    // A session the run did not form (a stream's) has no spread of its own.
    const spread = room < this.spreads.length ? this.spreads.get(room) : Number.NaN;
    for (let m = 0; m < members.length; m++) {
      const player = members[m];
      if (Number.isNaN(this.waitedBeforeLeaving.get(player))) this.wait.set(player, time - this.tickets.arrival.get(player));
      else this.ghostPlayers++;
      this.roomSpread.set(player, spread);
    }
    this.matched += members.length;
  }

  /** Records where the room just formed went, and its highest round trip there. */
  private place(time: number, members: readonly number[]): void {
    const placing = this.placing as NonNullable<RunTally['placing']>;
    const dc = placing.next;
    if (Number.isNaN(dc)) throw new Error('a room formed in a run with data centres without being placed in one');
    placing.next = NaN;
    const latency = this.tickets.latency[dc];
    let worst = -Infinity;
    let earliest = Infinity;
    for (let m = 0; m < members.length; m++) {
      placing.player.set(members[m], dc);
      worst = Math.max(worst, latency.get(members[m]));
      earliest = Math.min(earliest, this.tickets.arrival.get(members[m]));
    }
    placing.room.push(dc);
    placing.maxLatency.push(worst);
    placing.roomTime.push(time);
    placing.oldestWait.push(time - earliest);
    this.room.dataCentre = dc;
    this.room.maxLatency = worst;
  }

  /** The data centre of each player [from, to)'s room (NaN: not matched); NaN for all without data centres. */
  placedIn(from: number, to: number): Float64Array {
    return this.placing === undefined ? new Float64Array(to - from).fill(NaN) : this.placing.player.view().slice(from, to);
  }

  /** Team figures of a room, each member on the team its match's rosters put it on. */
  private tallyTeams(members: readonly number[], teams: readonly number[] | undefined): void {
    const { count, size, eloScale } = this.teams as TeamShape & { eloScale: number };
    if (teams === undefined) throw new Error('a room of teams formed without its rosters');
    const means = this.room.teamMeans;
    means.fill(0);
    for (let m = 0; m < members.length; m++) means[teams[m]] += this.tickets.score.get(members[m]);
    for (let t = 0; t < count; t++) means[t] /= size;
    this.room.teamGap = Math.max(...means) - Math.min(...means);
    this.room.favouriteWin = Math.max(...eloWinChances(means, eloScale));
    this.teamGaps.push(this.room.teamGap);
    this.favouriteWins.push(this.room.favouriteWin);
  }

  messageRead(): void {
    this.messages++;
  }

  notified(): void {
    this.notifiedCount++;
  }

  left(time: number, player: number, withdrawn: boolean, gaveUp: boolean): void {
    this.waitedBeforeLeaving.set(player, time - this.tickets.arrival.get(player));
    this.leftUnmatched++;
    if (gaveUp) this.gaveUp++;
    if (withdrawn) this.cancelled++;
  }

  messagesLost(count: number): void {
    this.lostMessages += count;
  }

  patience(player: number, seconds: number): void {
    this.patienceOf?.set(player, seconds);
  }

  faulted(time: number, kind: FaultKind, count: number): void {
    this.faultTime.push(time);
    this.faultKind.push(FAULT_KINDS.indexOf(kind));
    this.faultCount.push(count);
  }

  ticked(time: number, _queue: number, pool: number, rooms: number): void {
    this.tickTime.push(time);
    this.tickPool.push(pool);
    this.tickRooms.push(rooms);
  }

  ended(): void {}

  /** The run's totals and samples, as folded so far. */
  stats(): RunStats {
    const players = this.tickets.arrival.length;
    // Ghosts left and were matched later: only the others are abandoned.
    const abandoned = this.leftUnmatched - this.ghostPlayers;
    const wait = this.wait.view();
    return {
      players,
      matched: this.matched,
      waiting: players - this.matched - abandoned,
      left: this.gaveUp,
      abandoned,
      cancelled: this.cancelled,
      ghostRooms: this.ghostRooms,
      ghostPlayers: this.ghostPlayers,
      messagesLost: this.lostMessages,
      rooms: this.spreads.length,
      messages: this.messages,
      playersNotified: this.notifiedCount,
      ticks: this.tickTime.length,
      waits: wait.filter((x) => !Number.isNaN(x)),
      spreads: this.spreads.view(),
      shortestWaits: this.shortestWaits.view(),
      teamGaps: this.teamGaps.view(),
      favouriteWins: this.favouriteWins.view(),
      byPlayer: {
        arrival: this.tickets.arrival.view(),
        score: this.tickets.score.view(),
        wait,
        roomSpread: this.roomSpread.view(),
        pool: this.tickets.pool.view(),
        waitedBeforeLeaving: this.waitedBeforeLeaving.view(),
        party: this.tickets.party.view(),
        patience: this.patienceOf?.view() ?? new Float64Array(0),
      },
      faultEvents: { time: this.faultTime.view(), kind: this.faultKind.view(), count: this.faultCount.view() },
      byTick: { time: this.tickTime.view(), pool: this.tickPool.view(), rooms: this.tickRooms.view() },
      ...(this.placing !== undefined ? { placement: this.placement(wait) } : {}),
      ...(this.tickets.recorded.length > 0 ? { observed: { names: this.tickets.recorded, columns: this.tickets.recorded.map((_, k) => this.tickets.recordedColumn(k, 0, players)) } } : {}),
      ...(this.roleNames !== undefined && this.played !== undefined ? { roles: this.roleRecords(this.roleNames, this.played, players) } : {}),
    };
  }

  private roleRecords(names: readonly string[], played: GrowableInt32, players: number): RoleRecords {
    const firstChoice = new Int32Array(players);
    const choices = new Int32Array(players);
    const filled = new Uint8Array(players);
    const roleOf = played.view();
    for (let p = 0; p < players; p++) {
      const roles = roleIndices(this.tickets.roles(p), names);
      firstChoice[p] = roles.length === 0 ? -1 : roles[0];
      choices[p] = new Set(roles).size;
      if (roleOf[p] >= 0 && !roles.includes(roleOf[p])) filled[p] = 1;
    }
    const passed = new Uint8Array(players);
    for (const slot of this.tickets.earlier.keys()) if (slot < players) passed[slot] = 1;
    return { names, firstChoice, choices, played: roleOf.slice(), filled, passed };
  }

  /** Where matched players played and what they pinged there (see RunStats.placement). */
  private placement(wait: Float64Array): Placement {
    const placing = this.placing as NonNullable<RunTally['placing']>;
    const dcs = placing.player.view();
    const latency: number[] = [];
    const delta: number[] = [];
    const waits: number[] = [];
    const nearest: number[] = [];
    let atBest = 0;
    for (let p = 0; p < dcs.length; p++) {
      // Ghosts are matched after they left: only the players present have a ping that counts, as with their waits.
      if (Number.isNaN(dcs[p]) || Number.isNaN(wait[p])) continue;
      const ms = this.tickets.latency[dcs[p]].get(p);
      const best = this.tickets.bestLatency(p);
      latency.push(ms);
      delta.push(ms - best);
      waits.push(wait[p]);
      nearest.push(this.tickets.latency.findIndex((column) => column.get(p) === best));
      if (ms === best) atBest++;
    }
    const nearestOf = new Int16Array(dcs.length);
    for (let p = 0; p < dcs.length; p++) {
      const best = this.tickets.bestLatency(p);
      nearestOf[p] = this.tickets.latency.findIndex((column) => column.get(p) === best);
    }
    return {
      dataCentres: this.tickets.dataCentres,
      nearestOf,
      latency: Float64Array.from(latency),
      deltaPing: Float64Array.from(delta),
      wait: Float64Array.from(waits),
      nearest: Int16Array.from(nearest),
      atBest,
      rooms: placing.room.view(),
      roomMaxLatency: placing.maxLatency.view(),
      roomTime: placing.roomTime.view(),
      roomOldestWait: placing.oldestWait.view(),
    };
  }
}
