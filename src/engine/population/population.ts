import { nearestScore } from '../score-range.js';
import { MatchsimError } from '../../errors.js';
import { GrowableFloat64, GrowableInt32, grown } from '../growable.js';
import { Priority } from '../event-priorities.js';
import type { Kernel } from '../kernel.js';
import type { Uniform } from '../rng.js';
import { drawOutcome, type Outcome, type OutcomeModel } from './outcomes.js';
import type { PlayedMatch, RatingSystem } from './rating-system.js';
import { STATES } from './states.js';
import { BackfillLog, RunningMatch, type BackfillRequestColumns } from './running-match.js';
import type { BackfillPriority } from '../pool/backfill.js';

/*
 * A closed population of players who come back: each logs in for sessions,
 * queues, plays a match of some length, and queues again until the session
 * ends; its observed rating moves with each result. The population drives
 * the match service through the simulation's arrival path: each time a
 * player (or a party) queues is one request, a "visit", numbered as the
 * simulation numbers arrivals.
 */

export { STATES } from './states.js';
const OFFLINE = 0;
const QUEUED = 1;
const POOL = 2;
const MATCH = 3;
const GONE = 4;
/** A player's record: its party's first player (itself alone); on a party's first player, the party's size, current visit (-1: none), session end, matches this session, when it queued and how long it waited for its last room (what churn reads); on every player, its state, matches and wins. */
const PARTY = 0;
const SIZE = 1;
const VISIT = 2;
const STATE = 3;
const MATCHES = 4;
const WINS = 5;
const SESSION_MATCHES = 6;
const SESSION_END = 7;
const QUEUED_AT = 8;
const WAITED = 9;
const FIELDS = 10;
/** Where a field of player p's record is. */
const at = (p: number, field: number): number => p * FIELDS + field;
/** Where a ghost visit's request is (ghostVisit). */
const GHOST_QUEUED = 1;
const GHOST_POOL = 2;

/** The simulation's side of the bargain: how the population puts a request on the service and takes one back. */
export interface PopulationPorts {
  readonly kernel: Kernel;
  /** Queues the party led by `leader` (its members leader .. leader + size - 1) with these scores; returns the visit number of its first player. */
  queue(now: number, leader: number, size: number, scores: readonly number[]): number;
  /** Takes the request of the visit back (cancel), or leaves it as a ghost. */
  withdraw(visit: number): void;
  /** With backfill: asks the service to fill `open` places of the room's running match, its present players' score `score` and visits side by side (`present`, each side's in seat order); with role queues, the role of each place. */
  requestBackfill?(now: number, room: number, request: { readonly score: number; readonly open: number; readonly present: ReadonlyArray<readonly number[]>; readonly roles: readonly string[] | undefined }): void;
  /** With role queues: the role the player of a visit played in the room it was last seated in. */
  roleOf?(visit: number): string | undefined;
  /** With a priority pass: the party's visit (its members' visits visit .. visit + size - 1) queues as if `seconds` earlier. */
  queueEarlier?(visit: number, size: number, seconds: number): void;
  /** With backfill: takes the room's standing request back. */
  cancelBackfill?(room: number): void;
}

/**
 * Players who leave running matches, and the requests that fill their seats
 * (FlexMatch's automatic or manual backfill).
 */
export interface BackfillConfig {
  /** Each party in a match leaves it with chance `probability` (`afterBlowout` when its last match was a blowout it lost), at a time uniform over the rest of the match; its session ends. */
  readonly leave: { readonly probability: number; readonly afterBlowout: number; readonly uniform: Uniform };
  /** off: nobody refills a seat; automatic: a request whenever a seat is empty and none stands; manual: only once at least `missing` seats are empty. */
  readonly mode: 'off' | 'automatic' | 'manual';
  readonly missing: number;
  /** A request unfilled this many seconds after it was made times out. */
  readonly timeout: number;
  /** No request is made in a match's last this many seconds. */
  readonly stopBefore: number;
  /** Skill points a side performs below its players' mean for each player it is short, pro rata of the match. */
  readonly missingPlayer: number;
  /** How its requests stand against new matches in the pool's rounds. */
  readonly priority: BackfillPriority;
}

/** How likely a player is to quit for good after a match: a logistic function of what the match was like. */
export interface ChurnModel {
  /** Chance of quitting after a match whose result and wait were these. */
  quit(lost: boolean, blowout: boolean, waitSeconds: number): number;
  readonly uniform: Uniform;
}

export interface PopulationConfig {
  /** Every player's true skill, by index. */
  readonly skill: Float64Array;
  /** Party size at each party's first player (players of a party are consecutive), 0 on its other members; absent: every player alone. */
  readonly partySize?: Uint16Array;
  readonly ratings: RatingSystem;
  /** What the matcher sees as a request's score: the observed rating (the real case) or the true skill (a matcher that knew it). */
  readonly matchOn: 'rating' | 'skill';
  /**
   * How offline parties start sessions: each at `rate(t)` per second, at most
   * `peak`. Generated for the whole population at once, as one Poisson stream
   * of candidates at peak times the number of parties, each candidate a party
   * drawn uniformly and kept when offline with chance rate(t) / peak: every
   * offline party then starts sessions at rate(t), as it would on a clock of
   * its own, with one pending event instead of one per offline party.
   */
  readonly sessions: { readonly peak: number; readonly rate: (t: number) => number; readonly uniform: Uniform };
  readonly sessionLength: () => number;
  readonly matchDuration: () => number;
  /** A session that ends while its player waits withdraws the request (true), or leaves a ghost in the pool. */
  readonly cancel: boolean;
  readonly outcome: OutcomeModel & { readonly uniform: Uniform };
  readonly churn?: ChurnModel;
  /**
   * A warm start: the run begins as if it had always been running. The share
   * `online` of parties (the long-run share, exactly: parties are taken at an
   * even step from a random offset) is online at time 0, in a match
   * begun before the run that ends after `matchLeft()` seconds (the residual
   * of a match's length); with chance `lastMatch` among those online it is the
   * match its session ends in (it goes offline then), otherwise its session
   * has `sessionLeft()` seconds to run (the residual of a session's length)
   * and it queues when the match ends. The others start sessions as usual.
   */
  readonly warmStart?: { readonly online: number; readonly lastMatch: number; readonly matchLeft: () => number; readonly sessionLeft: () => number; readonly uniform: Uniform };
  /** No session starts and no player queues again after this time (the scenario's duration). */
  readonly horizon: number;
  /** Seconds between samples of rating convergence. */
  readonly sampleEvery: number;
  /** A player with fewer matches than this counts as new. */
  readonly newPlayerMatches: number;
  /** Players leaving running matches, and backfill; absent: every match plays out with its starting players. */
  readonly backfill?: BackfillConfig;
  /** With role queues: each player's roles, in its order of preference, the same every visit. */
  readonly roles?: ReadonlyArray<readonly string[]>;
  /**
   * With role queues, Overwatch's priority pass: a player who played a match
   * in a role other than its first choice (it flexed, or was filled in)
   * earns a pass, and its next visit queues as if `seconds` earlier.
   */
  readonly priorityPass?: { readonly seconds: number };
}

/** What backfill did, with PopulationConfig.backfill. */
export interface BackfillStats extends BackfillRequestColumns {
  /**
   * Per played match, as `played`: how many players left it and joined it,
   * seconds with a seat empty, empty seat-seconds; and the players who left
   * and who joined, every match's side by side in played order (match i's
   * from the sum of the counts before it).
   */
  readonly played: { readonly left: Int32Array; readonly joined: Int32Array; readonly shortSeconds: Float64Array; readonly emptySeatSeconds: Float64Array; readonly leftPlayers: Int32Array; readonly joinedPlayers: Int32Array };
  /** Joiners who had gone by the time they were seated (ghosts): their seats stayed empty. */
  readonly ghostJoins: number;
  /** Every room formed, by number, its starting visits side by side (a room's size each): what names a request's room. */
  readonly roomVisits: Int32Array;
}

/** What a population run leaves, for the tables and the summary. */
export interface PopulationStats {
  readonly players: number;
  readonly skill: Float64Array;
  readonly rating: Float64Array;
  readonly uncertainty: Float64Array;
  readonly sessions: Int32Array;
  readonly matches: Int32Array;
  readonly wins: Int32Array;
  /** When each player quit for good (NaN: never). */
  readonly quitAt: Float64Array;
  /** The party's first player of each player (itself alone). */
  readonly partyOf: Int32Array;
  /** Per visit (request), by visit number: its player (the party's first), and that player's matches and uncertainty when it queued. */
  readonly visitPlayer: Int32Array;
  readonly visitMatchesBefore: Int32Array;
  readonly visitUncertainty: Float64Array;
  /** Played matches, in the order they ended. Per match: */
  readonly played: {
    readonly count: number;
    readonly start: Float64Array;
    readonly end: Float64Array;
    readonly favouriteWin: Float64Array;
    readonly margin: Float64Array;
    readonly blowout: Uint8Array;
    /** count * roomSize, in room order: */
    readonly members: Int32Array;
    /** The visits (requests) the room was made of, which name it in rooms.csv. */
    readonly visits: Int32Array;
    readonly place: Int32Array;
    readonly before: Float64Array;
    readonly after: Float64Array;
  };
  /** Rooms not played because a member had gone (a ghost): their other members queued again. */
  readonly voidRooms: number;
  /** Every pair of sides in every played match: the rating system's chance that the first beats the second, and whether it did. */
  readonly calibration: { readonly predicted: Float64Array; readonly won: Uint8Array };
  /** Samples of convergence: time, correlation and RMSE of rating against true skill, players sampled. */
  readonly convergence: { readonly time: Float64Array; readonly correlation: Float64Array; readonly rmse: Float64Array };
  /** Matches played in each session that ended, in the order they ended. */
  readonly matchesPerSession: Float64Array;
  /** Per tick: players in each state (STATES order, columns). */
  readonly concurrency: { readonly time: Float64Array; readonly byState: readonly Float64Array[] };
  /** The largest change of the sum of ratings over one match (Elo keeps it 0 up to rounding). */
  readonly largestSumChange: number;
  /** With backfill (PopulationConfig.backfill). */
  readonly backfill?: BackfillStats;
}

/** A player in no state or two, or the population and the service disagreeing on who waits: a bug, reported as a conservation failure (exit 3). */
export class PopulationInvariantError extends MatchsimError {
  constructor(message: string) {
    super('E_CONSERVATION', `population invariant broken: ${message}`);
  }
}

/** Rounding a match's rating sum may leave, relative to the ratings' size. */
const SUM_TOLERANCE = 1e-9;

export class Population {
  readonly players: number;
  /**
   * Each player's record: FIELDS numbers side by side (PARTY .. WAITED, at
   * the top of this file), not a column each. Sessions pick players at random, so every
   * match touches scattered players, and one record is one or two cache lines
   * where ten columns were ten misses.
   */
  private readonly record: Float64Array;
  private readonly counts = new Float64Array(STATES.length);
  private readonly sessions: Int32Array;
  private readonly quitAt: Float64Array;
  /** The first players of every party, for drawing session candidates; and those whose warm-start first visit is still to come. */
  private leaders = new Int32Array(0);
  private readonly warming: Uint8Array;
  // Per visit:
  private readonly visitPlayer = new GrowableInt32();
  private readonly visitMatchesBefore = new GrowableInt32();
  private readonly visitUncertainty = new GrowableFloat64();
  /** Visits whose player moved on while the request stayed with the service, by where the request is. */
  private ghostVisit: Uint8Array = new Uint8Array(1024);
  private ghosts = { queued: 0, pool: 0 };
  private readonly played = new PlayedLog();
  private voidRooms = 0;
  private readonly calibrationPredicted = new GrowableFloat64();
  private readonly calibrationWon = new GrowableFloat64();
  private readonly convergence = { time: new GrowableFloat64(), correlation: new GrowableFloat64(), rmse: new GrowableFloat64() };
  private readonly matchesPerSession = new GrowableFloat64();
  private readonly concurrencyTime = new GrowableFloat64();
  private readonly concurrencyByState = STATES.map(() => new GrowableFloat64());
  private largestSumChange = 0;
  private readonly scores: number[] = [];
  /** The match being played, its arrays reused from match to match (members: endMembers). */
  private readonly match: PlayedMatch & { members: number[]; places: number[] };
  private readonly outcome: Outcome = { margin: 0, favouriteWin: 0 };
  private readonly performance: number[] = [];
  /** Every room formed, by its number: when, its members and visits (roomSize each), and whether void. */
  private readonly rooms = { start: new GrowableFloat64(), members: new GrowableInt32(), visits: new GrowableInt32(), void: new GrowableInt32() };
  /**
   * A match's members, visits and present parties (endLeaders[0 .. endLeaderCount)) as it ends, and
   * their ratings before and after it: a room's size each, reused from match to match (never resized:
   * setting an array's length was a visible cost).
   */
  private readonly endMembers: number[];
  private readonly endVisits: number[];
  private readonly endLeaders: number[];
  private endLeaderCount = 0;
  /** A forming room's visits side by side (reused). */
  private readonly seated: number[] = [];
  /** With backfill: the matches being played, by room (a Map iterates in insertion order, so a recount walks them in a fixed order), and what became of requests and seats. */
  private readonly running = new Map<number, RunningMatch>();
  private readonly backfill: BackfillRecorder | undefined;
  /** With backfill: players present in running matches, and those in matches begun before the run (a warm start), against the count of players in a match. */
  private seatedPlayers = 0;
  private warmPlayers = 0;
  /** With backfill: players of void rooms (a member had gone), in a match until it ends at once. */
  private voidPlayers = 0;
  /** With backfill, per player: 1 when its last match was a blowout it lost. */
  private readonly blowoutLoss: Uint8Array;
  /** With a priority pass, per party's first player: 1 while it holds a pass for its next visit. */
  private readonly passes: Uint8Array;
  /** The sides' strengths of a match whose seats changed (reused). */
  private readonly strengths: number[];
  private readonly before: number[];
  private readonly after: number[];

  constructor(
    private readonly config: PopulationConfig,
    private readonly ports: PopulationPorts,
    private readonly room: { readonly size: number; readonly sides: number },
  ) {
    const n = config.skill.length;
    this.players = n;
    this.record = new Float64Array(n * FIELDS);
    this.counts[OFFLINE] = n;
    for (let p = 0; p < n; ) {
      const size = config.partySize?.[p] ?? 1;
      this.record[at(p, SIZE)] = size;
      for (let m = p; m < p + size; m++) this.record[at(m, PARTY)] = p;
      p += size;
    }
    for (let p = 0; p < n; p++) this.record[at(p, VISIT)] = -1;
    this.sessions = new Int32Array(n);
    this.quitAt = new Float64Array(n).fill(Number.NaN);
    this.warming = new Uint8Array(n);
    const perRoom = (): number[] => new Array<number>(room.size).fill(0);
    this.endMembers = perRoom();
    this.endVisits = perRoom();
    this.endLeaders = perRoom();
    this.before = perRoom();
    this.after = perRoom();
    this.match = { members: this.endMembers, sides: room.sides, sideSize: room.size / room.sides, places: new Array<number>(room.sides).fill(0) };
    this.backfill = config.backfill && new BackfillRecorder();
    this.blowoutLoss = new Uint8Array(config.backfill ? n : 0);
    this.passes = new Uint8Array(config.priorityPass ? n : 0);
    this.strengths = new Array<number>(room.sides).fill(0);
  }

  /** Starts the session process, and the warm start's first sessions. */
  start(): void {
    const warm = this.config.warmStart;
    const leaders: number[] = [];
    // Systematic sampling: exactly the share online (one random offset), rather than a count that varies by chance around it.
    const offset = warm !== undefined ? warm.uniform() : 0;
    for (let p = 0; p < this.players; p += this.record[at(p, SIZE)]) {
      const k = leaders.length;
      leaders.push(p);
      if (warm !== undefined && Math.floor((k + 1) * warm.online + offset) > Math.floor(k * warm.online + offset)) {
        const matchEnds = warm.matchLeft();
        const sessionEnds = warm.uniform() < warm.lastMatch ? 0 : warm.sessionLeft();
        // Online from the start, in a match begun before the run: no candidate may start it another session meanwhile.
        this.warming[p] = 1;
        this.setState(p, MATCH);
        this.warmPlayers += this.record[at(p, SIZE)];
        if (matchEnds < this.config.horizon) this.ports.kernel.at(matchEnds, Priority.ARRIVAL, (t) => this.resumeSession(p, t, sessionEnds));
      }
    }
    this.leaders = Int32Array.from(leaders);
    this.nextCandidate(0);
    const every = this.config.sampleEvery;
    this.ports.kernel.every(0, every, this.config.horizon, Priority.TICK, (now) => this.sample(now));
  }

  /** Schedules the next candidate session start after `now`. */
  private nextCandidate(now: number): void {
    const { peak, uniform } = this.config.sessions;
    if (peak <= 0) return;
    const at = now - Math.log(1 - uniform()) / (peak * this.leaders.length);
    if (at < this.config.horizon) this.ports.kernel.at(at, Priority.ARRIVAL, this.candidate);
  }

  /** A candidate session start: a party drawn uniformly, kept when offline with chance rate(t) / peak. */
  private readonly candidate = (now: number): void => {
    const { peak, rate, uniform } = this.config.sessions;
    const leader = this.leaders[Math.min(this.leaders.length - 1, Math.floor(uniform() * this.leaders.length))];
    const keep = uniform() * peak < rate(now);
    if (keep && this.record[at(leader, STATE)] === OFFLINE && !this.warming[leader]) this.startSession(leader, now);
    this.nextCandidate(now);
  };

  /** A warm-started party's match from before the run ends: it queues again while its session lasts, or goes offline. */
  private resumeSession(leader: number, now: number, end: number): void {
    this.warming[leader] = 0;
    this.warmPlayers -= this.record[at(leader, SIZE)];
    if (end <= now) {
      // Its session ended in that match: offline, a session not counted (the run saw none of it).
      this.record[at(leader, VISIT)] = -1;
      this.setState(leader, OFFLINE);
      return;
    }
    this.setState(leader, OFFLINE);
    this.beginSession(leader, now, end);
  }

  private startSession(leader: number, now: number): void {
    this.warming[leader] = 0;
    if (this.record[at(leader, STATE)] !== OFFLINE) throw new PopulationInvariantError(`player ${leader} started a session while ${STATES[this.record[at(leader, STATE)]]}`);
    this.beginSession(leader, now, now + this.config.sessionLength());
  }

  /** A session that ends at `end`: counted, its end scheduled, and the party's first visit queued. */
  private beginSession(leader: number, now: number, end: number): void {
    this.record[at(leader, SESSION_END)] = end;
    this.record[at(leader, SESSION_MATCHES)] = 0;
    for (let m = leader; m < leader + this.record[at(leader, SIZE)]; m++) this.sessions[m]++;
    this.ports.kernel.at(end, Priority.ABANDON, this.endSession, leader);
    this.queue(leader, now);
  }

  private setState(leader: number, state: number): void {
    for (let m = leader; m < leader + this.record[at(leader, SIZE)]; m++) {
      this.counts[this.record[at(m, STATE)]]--;
      this.record[at(m, STATE)] = state;
      this.counts[state]++;
    }
  }

  private queue(leader: number, now: number): void {
    const size = this.record[at(leader, SIZE)];
    const scores = this.scores;
    if (scores.length !== size) scores.length = size;
    const source = this.config.matchOn === 'skill' ? this.config.skill : this.config.ratings.rating;
    // add_player carries a whole score (an i32 in the seed's thrift interface): the rating rounded, and clipped into i32 where it drifted beyond.
    for (let k = 0; k < size; k++) scores[k] = nearestScore(source[leader + k]);
    this.setState(leader, QUEUED);
    this.record[at(leader, QUEUED_AT)] = now;
    // The visit's number is known before the request is made: the service may pool (and even match) it at once.
    const visit = this.visitPlayer.length;
    for (let k = 0; k < size; k++) {
      this.visitPlayer.push(leader + k);
      this.visitMatchesBefore.push(this.record[at(leader + k, MATCHES)]);
      this.visitUncertainty.push(this.config.ratings.uncertainty(leader + k));
    }
    this.record[at(leader, VISIT)] = visit;
    const made = this.ports.queue(now, leader, size, this.scores);
    if (made !== visit) throw new PopulationInvariantError(`visit ${visit} of player ${leader} was made as ${made}`);
    const pass = this.config.priorityPass;
    if (pass !== undefined && this.passes[leader] === 1) {
      this.passes[leader] = 0;
      (this.ports.queueEarlier as NonNullable<PopulationPorts['queueEarlier']>)(visit, size, pass.seconds);
    }
  }

  /** The party whose current visit `visit` is (its first player), or -1 when the visit's player has moved on. */
  private current(visit: number): number {
    const player = this.visitPlayer.get(visit);
    const leader = this.record[at(player, PARTY)];
    const current = this.record[at(leader, VISIT)];
    return current >= 0 && current <= visit && visit < current + this.record[at(leader, SIZE)] ? leader : -1;
  }

  /** Where a ghost visit's request is: GHOST_QUEUED, GHOST_POOL, or 0 for a visit that is no ghost. */
  private ghostOf(visit: number): number {
    return visit < this.ghostVisit.length ? this.ghostVisit[visit] : 0;
  }

  private isGhost(visit: number): boolean {
    return this.ghostOf(visit) !== 0;
  }

  /** The service moved a visit's request from its queue into the pool. */
  joined(visit: number): void {
    const leader = this.current(visit);
    if (leader >= 0) {
      if (visit === this.record[at(leader, VISIT)] && this.record[at(leader, STATE)] === QUEUED) this.setState(leader, POOL);
    } else if (this.ghostOf(visit) === GHOST_QUEUED) {
      this.ghostVisit[visit] = GHOST_POOL;
      this.ghosts.queued--;
      this.ghosts.pool++;
    }
  }

  /** A visit's players left the queue before a room: patience ran out, or the session ended (the population asked). */
  left(visit: number, withdrawn: boolean, size: number): void {
    const leader = this.current(visit);
    if (leader < 0) {
      // A ghost's request withdrawn later (its patience ran out, with cancel): it leaves the service's count too.
      if (withdrawn && this.isGhost(visit)) {
        for (let v = visit; v < visit + size; v++) {
          if (this.ghostVisit[v] === GHOST_QUEUED) this.ghosts.queued--;
          else if (this.ghostVisit[v] === GHOST_POOL) this.ghosts.pool--;
          this.ghostVisit[v] = 0;
        }
      }
      return;
    }
    if (visit !== this.record[at(leader, VISIT)]) return;
    if (!withdrawn) {
      if (this.ghostVisit.length <= visit + size) this.ghostVisit = grown(this.ghostVisit, Math.max(visit + size + 1, this.ghostVisit.length * 2));
      const where = this.record[at(leader, STATE)] === QUEUED ? GHOST_QUEUED : GHOST_POOL;
      this.ghostVisit.fill(where, visit, visit + size);
      if (where === GHOST_QUEUED) this.ghosts.queued += size;
      else this.ghosts.pool += size;
    }
    this.goOffline(leader);
  }

  /** A session's end, scheduled with its party's first player. */
  private readonly endSession = (end: number, leader: number): void => {
    // A stale end (the party has since started another session, or quit) is ignored.
    if (this.record[at(leader, SESSION_END)] !== end) return;
    const state = this.record[at(leader, STATE)];
    if (state === QUEUED || state === POOL) this.ports.withdraw(this.record[at(leader, VISIT)]);
    // In a match, the party goes offline when the match ends.
  };

  private goOffline(leader: number): void {
    this.matchesPerSession.push(this.record[at(leader, SESSION_MATCHES)]);
    this.record[at(leader, VISIT)] = -1;
    this.record[at(leader, SESSION_END)] = Number.NaN;
    this.setState(leader, OFFLINE);
  }

  /**
   * A room formed from these visits: its players are in a match until it ends
   * (a room with a ghost is void and ends at once). `teams`: each visit's
   * team, as the match's rosters say; the room is kept side by side, in team
   * order, so a side is the team the match dealt whatever the members' order.
   * Without teams every player is a side of its own.
   */
  roomFormed(now: number, room: number, visits: readonly number[], teams?: readonly number[]): void {
    // Rooms are numbered in the order they form: a room's members are kept by its number until its match ends.
    if (room !== this.rooms.start.length) throw new PopulationInvariantError(`room ${room} formed as room ${this.rooms.start.length}`);
    if (visits.length !== this.room.size) throw new PopulationInvariantError(`room ${room} has ${visits.length} players, not ${this.room.size}`);
    let ghosts = 0;
    for (const visit of teams === undefined ? visits : this.sideBySide(room, visits, teams)) {
      const leader = this.current(visit);
      this.rooms.visits.push(visit);
      this.rooms.members.push(this.visitPlayer.get(visit));
      if (leader < 0) {
        if (this.ghostOf(visit) !== GHOST_POOL) throw new PopulationInvariantError(`room ${room}: visit ${visit} belongs to nobody in the pool`);
        this.ghostVisit[visit] = 0;
        this.ghosts.pool--;
        ghosts++;
      } else if (visit === this.record[at(leader, VISIT)]) {
        this.setState(leader, MATCH);
        this.record[at(leader, WAITED)] = now - this.record[at(leader, QUEUED_AT)];
      }
    }
    this.rooms.start.push(now);
    this.rooms.void.push(ghosts > 0 ? 1 : 0);
    const duration = ghosts > 0 ? 0 : this.config.matchDuration();
    if (ghosts > 0) this.voidRooms++;
    this.ports.kernel.at(now + duration, Priority.ARRIVAL, this.matchEnd, room);
    if (this.config.backfill !== undefined) {
      if (ghosts === 0) this.beginPlay(room, now, now + duration);
      else this.voidPlayers += visits.length - ghosts;
    }
  }

  /** With backfill: the match of a room just formed is running; each party in it may leave before it ends. */
  private beginPlay(room: number, now: number, end: number): void {
    const size = this.room.size;
    const visits = this.seated;
    visits.length = 0;
    for (let k = 0; k < size; k++) visits.push(this.rooms.visits.get(room * size + k));
    const match = new RunningMatch(room, now, end, visits, this.match.sideSize);
    // With role queues, each seat keeps the role its first player played: whoever fills it plays that role.
    const roleOf = this.ports.roleOf;
    if (roleOf !== undefined) match.seatRoles = visits.map(roleOf);
    this.running.set(room, match);
    this.seatedPlayers += size;
    for (let k = 0; k < size; k++) this.mayLeave(match, k, now);
  }

  /** Draws whether the party whose first player sits in seat k leaves the match, and when. */
  private mayLeave(match: RunningMatch, k: number, now: number): void {
    const leave = (this.config.backfill as BackfillConfig).leave;
    const visit = match.occupant[k];
    const player = this.visitPlayer.get(visit);
    if (this.record[at(player, PARTY)] !== player) return;
    const chance = this.blowoutLoss[player] === 1 ? leave.afterBlowout : leave.probability;
    if (chance <= 0 || leave.uniform() >= chance) return;
    const when = now + leave.uniform() * (match.end - now);
    this.ports.kernel.at(when, Priority.ABANDON, this.leaveMatch, match.room * this.room.size + k);
  }

  /** The skill of a visit's player (what decides its side's result). */
  private readonly skillOfVisit = (visit: number): number => this.config.skill[this.visitPlayer.get(visit)];

  /** A party leaves its match (seat: the room's number times its size, plus the seat of its first player): its seats are empty, its session over, and the match may ask for players. */
  private readonly leaveMatch = (now: number, seat: number): void => {
    const size = this.room.size;
    const match = this.running.get(Math.floor(seat / size));
    if (match === undefined) return;
    const visit = match.occupant[seat % size];
    if (visit < 0) return;
    const leader = this.current(visit);
    if (leader < 0 || this.record[at(leader, VISIT)] !== visit || this.record[at(leader, STATE)] !== MATCH) return;
    const partySize = this.record[at(leader, SIZE)];
    const seats = match.seatsOf(visit, partySize);
    if (seats.length !== partySize) throw new PopulationInvariantError(`room ${match.room}: the party of visit ${visit} sits in ${seats.length} seats, not ${partySize}`);
    for (const k of seats) {
      match.leavers.push(this.visitPlayer.get(match.occupant[k]));
      match.vacate(k, now, this.skillOfVisit);
    }
    this.seatedPlayers -= partySize;
    this.goOffline(leader);
    this.askForPlayers(match, now);
  };

  /** Opens a backfill request for the match's empty seats, if its mode asks for one now and none stands. */
  private askForPlayers(match: RunningMatch, now: number): void {
    const config = this.config.backfill as BackfillConfig;
    if (config.mode === 'off' || match.request >= 0 || match.empty === 0) return;
    if (config.mode === 'manual' && match.empty < config.missing) return;
    // Nor in its last stopBefore seconds, nor once the run has stopped taking players (no round would fill it).
    if (match.end - now <= config.stopBefore || now >= this.config.horizon) return;
    const source = this.config.matchOn === 'skill' ? this.config.skill : this.config.ratings.rating;
    let total = 0;
    let present = 0;
    for (const visit of match.occupant) {
      if (visit < 0) continue;
      total += source[this.visitPlayer.get(visit)];
      present++;
    }
    // A match everyone has left asks around the score of the players it began with.
    if (present === 0) {
      for (let k = 0; k < this.room.size; k++) total += source[this.rooms.members.get(match.room * this.room.size + k)];
      present = this.room.size;
    }
    const recorder = this.backfill as BackfillRecorder;
    match.request = recorder.log.opened(match.room, now, match.empty);
    (this.ports.requestBackfill as NonNullable<PopulationPorts['requestBackfill']>)(now, match.room, { score: nearestScore(total / present), open: match.empty, present: match.presentBySide(), roles: match.openRoles() });
    this.ports.kernel.at(now + config.timeout, Priority.ABANDON, this.backfillTimeout, match.request);
  }

  /** A request's time is up: unless it was filled or its match ended, it is taken back; an automatic match asks again at once. */
  private readonly backfillTimeout = (now: number, request: number): void => {
    const recorder = this.backfill as BackfillRecorder;
    const match = this.running.get(recorder.log.room.get(request));
    if (match === undefined || match.request !== request) return;
    (this.ports.cancelBackfill as NonNullable<PopulationPorts['cancelBackfill']>)(match.room);
    recorder.log.closed(request, now, 'timedOut', []);
    match.request = -1;
    this.askForPlayers(match, now);
  };

  /**
   * The service filled the room's standing request with these visits: each
   * takes an empty seat (with role queues, one of the role it was given; with
   * the fill's teams, one on its team), in seat order, for the rest of the match. A visit whose player has gone (a
   * ghost) takes none.
   */
  backfilled(now: number, room: number, visits: readonly number[], roles?: ReadonlyArray<string | undefined>, teams?: readonly number[]): void {
    const match = this.running.get(room);
    const recorder = this.backfill;
    if (match === undefined || recorder === undefined || match.request < 0) throw new PopulationInvariantError(`room ${room}: players joined a match that asked for none`);
    const log = recorder.log;
    if (visits.length > log.open.get(match.request)) throw new PopulationInvariantError(`room ${room}: ${visits.length} players joined by a request for ${log.open.get(match.request)}`);
    for (let j = 0; j < visits.length; j++) {
      const visit = visits[j];
      const leader = this.current(visit);
      if (leader < 0) {
        if (this.ghostOf(visit) !== GHOST_POOL) throw new PopulationInvariantError(`room ${room}: visit ${visit} joined from nowhere in the pool`);
        this.ghostVisit[visit] = 0;
        this.ghosts.pool--;
        recorder.ghostJoins++;
        continue;
      }
      if (visit !== this.record[at(leader, VISIT)] || this.record[at(leader, STATE)] !== POOL || this.record[at(leader, SIZE)] !== 1) {
        throw new PopulationInvariantError(`room ${room}: visit ${visit} joined while ${STATES[this.record[at(leader, STATE)]]}`);
      }
      const role = roles?.[j];
      const side = teams?.[j];
      const seat = match.emptySeat(role, side);
      if (seat < 0) throw new PopulationInvariantError(`room ${room}: visit ${visit} joined a match with no empty seat${role === undefined ? '' : ` for role ${role}`}${side === undefined ? '' : ` on side ${side + 1}`}`);
      match.fill(seat, visit, now, this.skillOfVisit);
      match.joiners.push(visit);
      match.joinedPlayers.push(leader);
      this.setState(leader, MATCH);
      this.record[at(leader, WAITED)] = now - this.record[at(leader, QUEUED_AT)];
      this.seatedPlayers++;
      this.mayLeave(match, seat, now);
    }
    log.closed(match.request, now, 'filled', visits);
    match.request = -1;
    this.askForPlayers(match, now);
  }

  /** The side (team) of each seat the visits of the last fill took, in their order; for a ghost, -1. */
  sidesOf(room: number, visits: readonly number[]): number[] {
    const match = this.running.get(room);
    return visits.map((v) => {
      const k = match === undefined ? -1 : match.occupant.indexOf(v);
      return k < 0 ? -1 : Math.floor(k / this.match.sideSize);
    });
  }

  /** A room's visits in team order (each team's members in room order), each team exactly a side: the order the sides are read in. */
  private sideBySide(room: number, visits: readonly number[], teams: readonly number[]): number[] {
    const { sides } = this.match;
    const seated = this.seated;
    seated.length = 0;
    for (let side = 0; side < sides; side++) {
      for (let k = 0; k < visits.length; k++) if (teams[k] === side) seated.push(visits[k]);
      if (seated.length !== (side + 1) * this.match.sideSize) throw new PopulationInvariantError(`room ${room}: team ${side + 1} has ${seated.length - side * this.match.sideSize} players, not ${this.match.sideSize}`);
    }
    if (seated.length !== visits.length) throw new PopulationInvariantError(`room ${room}: a member is on no team of ${sides}`);
    return seated;
  }

  /** A room's match ends (its members, visits and present parties read back by its number). */
  private readonly matchEnd = (end: number, room: number): void => {
    const size = this.room.size;
    const members = this.endMembers;
    const visits = this.endVisits;
    const leaders = this.endLeaders;
    let present = 0;
    for (let k = 0; k < size; k++) {
      const visit = this.rooms.visits.get(room * size + k);
      const member = this.rooms.members.get(room * size + k);
      visits[k] = visit;
      members[k] = member;
      // A party present in the room: its first player, still on this visit, in this match (a ghost's player has moved on).
      if (member === this.record[at(member, PARTY)] && this.record[at(member, VISIT)] === visit && this.record[at(member, STATE)] === MATCH) leaders[present++] = member;
    }
    const running = this.running.get(room);
    if (running !== undefined) present = this.endPlay(running, present);
    else if (this.config.backfill !== undefined && this.rooms.void.get(room) === 1) for (let l = 0; l < present; l++) this.voidPlayers -= this.record[at(leaders[l], SIZE)];
    this.endLeaderCount = present;
    this.matchEnded(room, this.rooms.start.get(room), end, members, visits, this.rooms.void.get(room) === 1);
  };

  /**
   * With backfill, a running match ends: its standing request is taken back,
   * the players who joined it are among those present (endLeaders from
   * `present` on), and the sides' strengths are worked out from its seats.
   * Returns the parties present.
   */
  private endPlay(match: RunningMatch, present: number): number {
    const config = this.config.backfill as BackfillConfig;
    const recorder = this.backfill as BackfillRecorder;
    this.running.delete(match.room);
    if (match.request >= 0) {
      (this.ports.cancelBackfill as NonNullable<PopulationPorts['cancelBackfill']>)(match.room);
      recorder.log.closed(match.request, match.end, 'matchEnded', []);
      match.request = -1;
    }
    const leaders = this.endLeaders;
    for (const visit of match.joiners) {
      const leader = this.current(visit);
      // A joiner still in this match (it may have left it since).
      if (leader >= 0 && this.record[at(leader, VISIT)] === visit && this.record[at(leader, STATE)] === MATCH && match.occupant.includes(visit)) leaders[present++] = leader;
    }
    for (const visit of match.occupant) if (visit >= 0) this.seatedPlayers--;
    match.finish(this.skillOfVisit, config.missingPlayer, this.strengths);
    recorder.ended(match);
    this.endingMatch = match;
    return present;
  }

  /** With backfill: the running match whose end matchEnded is handling (its seats say where a joiner played). */
  private endingMatch: RunningMatch | undefined;

  /** A match of `members` (endMembers) ends; its present parties are endLeaders[0 .. endLeaderCount). */
  private matchEnded(room: number, start: number, end: number, members: readonly number[], visits: readonly number[], isVoid: boolean): void {
    const leaders = this.endLeaders;
    const present = this.endLeaderCount;
    if (isVoid) {
      // Nobody played: the members present queue again (a void room costs them no session time, and no churn).
      for (let l = 0; l < present; l++) this.queueAgainOrLeave(leaders[l], end);
      return;
    }
    const blowout = this.play(room, start, end, members, visits);
    // A member wins when its side finishes first (in a free-for-all, a party's members are sides of their own).
    const places = this.match.places;
    const sideSize = this.match.sideSize;
    for (let i = 0; i < members.length; i++) {
      this.record[at(members[i], MATCHES)]++;
      if (places[Math.floor(i / sideSize)] === 0) this.record[at(members[i], WINS)]++;
    }
    if (this.config.priorityPass !== undefined) this.earnPasses(members, visits);
    const ending = this.endingMatch;
    this.endingMatch = undefined;
    for (let l = 0; l < present; l++) {
      const leader = leaders[l];
      this.record[at(leader, SESSION_MATCHES)]++;
      // A party stays or quits together, on its first player's result; a player who joined by backfill plays its seat's side.
      const seat = ending === undefined ? members.indexOf(leader) : ending.occupant.indexOf(this.record[at(leader, VISIT)]);
      const lost = places[Math.floor(seat / sideSize)] !== 0;
      if (this.config.backfill !== undefined) this.blowoutLoss[leader] = blowout && lost ? 1 : 0;
      this.afterMatch(leader, end, lost, blowout);
    }
  }

  /** With a priority pass: each party whose first player played off its first choice in the match just played earns a pass for its next visit. */
  private earnPasses(members: readonly number[], visits: readonly number[]): void {
    const roles = this.config.roles as NonNullable<PopulationConfig['roles']>;
    const roleOf = this.ports.roleOf as NonNullable<PopulationPorts['roleOf']>;
    for (let i = 0; i < members.length; i++) {
      const player = members[i];
      if (this.record[at(player, PARTY)] !== player) continue;
      const played = roleOf(visits[i]);
      if (played !== undefined && played !== roles[player][0]) this.passes[player] = 1;
    }
  }

  private afterMatch(leader: number, now: number, lost: boolean, blowout: boolean): void {
    const churn = this.config.churn;
    if (churn && churn.uniform() < churn.quit(lost, blowout, this.record[at(leader, WAITED)])) {
      this.matchesPerSession.push(this.record[at(leader, SESSION_MATCHES)]);
      this.record[at(leader, VISIT)] = -1;
      this.record[at(leader, SESSION_END)] = Number.NaN;
      for (let m = leader; m < leader + this.record[at(leader, SIZE)]; m++) this.quitAt[m] = now;
      this.setState(leader, GONE);
      return;
    }
    this.queueAgainOrLeave(leader, now);
  }

  private queueAgainOrLeave(leader: number, now: number): void {
    if (now < this.record[at(leader, SESSION_END)] && now < this.config.horizon) this.queue(leader, now);
    else this.goOffline(leader);
  }

  /** Plays a match: draws its outcome from true skill (places in this.match), updates ratings, records it. Returns whether it was a blowout. */
  private play(room: number, start: number, end: number, members: readonly number[], visits: readonly number[]): boolean {
    const { ratings, skill, outcome: model } = this.config;
    const match = this.match;
    // A match whose seats changed hands or stood empty is decided by who sat in them, and for how long.
    const changed = this.endingMatch?.changed === true;
    drawOutcome(match, skill, model, model.uniform, this.performance, this.outcome, changed ? this.strengths : undefined);
    for (let a = 0; a < match.sides; a++) {
      for (let b = a + 1; b < match.sides; b++) {
        this.calibrationPredicted.push(ratings.winChance(match, a, b));
        this.calibrationWon.push(match.places[a] < match.places[b] ? 1 : 0);
      }
    }
    const { before, after } = this;
    for (let i = 0; i < members.length; i++) before[i] = ratings.rating[members[i]];
    ratings.update(match);
    let change = 0;
    let size = 0;
    for (let i = 0; i < members.length; i++) {
      after[i] = ratings.rating[members[i]];
      change += after[i] - before[i];
      size += Math.abs(before[i]);
    }
    this.largestSumChange = Math.max(this.largestSumChange, Math.abs(change));
    if (this.config.ratings.keepsSum && Math.abs(change) > SUM_TOLERANCE * Math.max(1, size)) {
      throw new PopulationInvariantError(`room ${room}: the match changed the sum of Elo ratings by ${change}`);
    }
    const blowout = this.outcome.margin >= model.blowout;
    this.played.add(start, end, this.outcome, blowout, members, visits, match, before, after);
    return blowout;
  }

  /** Checks, after a tick, that every player is in exactly one state and that the service holds the requests the population thinks it does. */
  check(now: number, service: { queued: number; pool: number }): void {
    let total = 0;
    for (const count of this.counts) total += count;
    if (total !== this.players) throw new PopulationInvariantError(`t=${now}: players by state sum to ${total}, not ${this.players}`);
    if (this.counts[QUEUED] + this.ghosts.queued !== service.queued || this.counts[POOL] + this.ghosts.pool !== service.pool) {
      throw new PopulationInvariantError(
        `t=${now}: the population has ${this.counts[QUEUED]} queued and ${this.counts[POOL]} in the pool (+ ghosts ${this.ghosts.queued}, ${this.ghosts.pool}); the service ${service.queued} and ${service.pool}`,
      );
    }
    if (this.config.backfill !== undefined && this.counts[MATCH] !== this.seatedPlayers + this.warmPlayers + this.voidPlayers) {
      throw new PopulationInvariantError(`t=${now}: ${this.counts[MATCH]} players are in a match, and the running matches' seats hold ${this.seatedPlayers} (+ ${this.warmPlayers} from before the run, ${this.voidPlayers} in void rooms)`);
    }
    this.concurrencyTime.push(now);
    for (let s = 0; s < STATES.length; s++) this.concurrencyByState[s].push(this.counts[s]);
  }

  /** The player of each visit in [from, to), a copy. */
  playersOfVisits(from: number, to: number): Int32Array {
    return this.visitPlayer.view().slice(from, to);
  }

  /** Players in each state now (STATES order). */
  concurrencyNow(): Float64Array {
    return this.counts;
  }

  /** Samples convergence, and recounts every player's state against the running counts. */
  private sample(now: number): void {
    const recount = new Float64Array(STATES.length);
    const { skill, ratings } = this.config;
    const { rating } = ratings;
    const record = this.record;
    let squares = 0;
    // One pass for the recount and the squared errors: a sample reads every player.
    for (let p = 0; p < this.players; p++) {
      recount[record[at(p, STATE)]]++;
      const error = rating[p] - skill[p];
      squares += error * error;
    }
    if (recount.some((count, s) => count !== this.counts[s])) throw new PopulationInvariantError(`t=${now}: a recount of players by state (${[...recount]}) differs from the running counts (${[...this.counts]})`);
    if (this.config.backfill !== undefined) this.recountSeats(now);
    this.convergence.time.push(now);
    this.convergence.correlation.push(this.players > 1 ? correlation(ratings.rating, skill) : Number.NaN);
    this.convergence.rmse.push(Math.sqrt(squares / this.players));
  }

  /** With backfill: every seat of every running match recounted, each held by a player in a match on that very visit, and nobody in two seats. */
  private recountSeats(now: number): void {
    const seen = new Set<number>();
    let seated = 0;
    for (const match of this.running.values()) {
      for (const visit of match.occupant) {
        if (visit < 0) continue;
        const player = this.visitPlayer.get(visit);
        const leader = this.current(visit);
        if (leader < 0 || this.record[at(player, STATE)] !== MATCH || seen.has(player)) throw new PopulationInvariantError(`t=${now}: room ${match.room} seats visit ${visit}, whose player is ${seen.has(player) ? 'in another seat' : 'not in this match'}`);
        seen.add(player);
        seated++;
      }
    }
    if (seated !== this.seatedPlayers) throw new PopulationInvariantError(`t=${now}: a recount of seats finds ${seated} players, the running count ${this.seatedPlayers}`);
  }

  /** One field of every player's record, as a column. */
  private column(field: number): Int32Array {
    const column = new Int32Array(this.players);
    for (let p = 0; p < this.players; p++) column[p] = this.record[at(p, field)];
    return column;
  }

  stats(): PopulationStats {
    const { ratings, skill } = this.config;
    const uncertainty = new Float64Array(this.players);
    for (let p = 0; p < this.players; p++) uncertainty[p] = ratings.uncertainty(p);
    const won = this.calibrationWon.view();
    return {
      players: this.players,
      skill,
      rating: ratings.rating,
      uncertainty,
      sessions: this.sessions,
      matches: this.column(MATCHES),
      wins: this.column(WINS),
      quitAt: this.quitAt,
      partyOf: this.column(PARTY),
      visitPlayer: this.visitPlayer.view(),
      visitMatchesBefore: this.visitMatchesBefore.view(),
      visitUncertainty: this.visitUncertainty.view(),
      played: this.played.view(),
      voidRooms: this.voidRooms,
      calibration: { predicted: this.calibrationPredicted.view(), won: Uint8Array.from(won) },
      convergence: { time: this.convergence.time.view(), correlation: this.convergence.correlation.view(), rmse: this.convergence.rmse.view() },
      matchesPerSession: this.matchesPerSession.view(),
      concurrency: { time: this.concurrencyTime.view(), byState: this.concurrencyByState.map((c) => c.view()) },
      largestSumChange: this.largestSumChange,
      ...(this.backfill !== undefined ? { backfill: this.backfill.stats(this.rooms.visits.view()) } : {}),
    };
  }
}

/** What backfill did over a run, in columns (BackfillStats). */
class BackfillRecorder {
  readonly log = new BackfillLog();
  ghostJoins = 0;
  private readonly left = new GrowableInt32();
  private readonly joined = new GrowableInt32();
  private readonly shortSeconds = new GrowableFloat64();
  private readonly emptySeatSeconds = new GrowableFloat64();
  private readonly leftPlayers = new GrowableInt32();
  private readonly joinedPlayers = new GrowableInt32();

  /** A running match ended (its row goes beside the played match's, which follows at once). */
  ended(match: RunningMatch): void {
    this.left.push(match.leavers.length);
    this.joined.push(match.joiners.length);
    this.shortSeconds.push(match.shortSeconds);
    this.emptySeatSeconds.push(match.emptySeatSeconds());
    for (const p of match.leavers) this.leftPlayers.push(p);
    for (const p of match.joinedPlayers) this.joinedPlayers.push(p);
  }

  stats(roomVisits: Int32Array): BackfillStats {
    return {
      ...this.log.view(),
      played: { left: this.left.view(), joined: this.joined.view(), shortSeconds: this.shortSeconds.view(), emptySeatSeconds: this.emptySeatSeconds.view(), leftPlayers: this.leftPlayers.view(), joinedPlayers: this.joinedPlayers.view() },
      ghostJoins: this.ghostJoins,
      roomVisits,
    };
  }
}

/**
 * Pearson's correlation, in two passes over the typed arrays (simple-statistics'
 * sampleCorrelation, its test oracle, wants plain arrays: copying a hundred
 * thousand ratings a sample cost a tenth of a run); NaN when either side is
 * constant (every rating still at its start, say).
 */
export function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  const r = ab / Math.sqrt(aa * bb);
  return Number.isFinite(r) ? r : Number.NaN;
}

/** Every played match, in columns. */
class PlayedLog {
  private readonly start = new GrowableFloat64();
  private readonly end = new GrowableFloat64();
  private readonly favouriteWin = new GrowableFloat64();
  private readonly margin = new GrowableFloat64();
  private readonly blowout = new GrowableInt32();
  private readonly members = new GrowableInt32();
  private readonly visits = new GrowableInt32();
  private readonly place = new GrowableInt32();
  private readonly before = new GrowableFloat64();
  private readonly after = new GrowableFloat64();

  add(start: number, end: number, outcome: Outcome, blowout: boolean, members: readonly number[], visits: readonly number[], match: PlayedMatch, before: readonly number[], after: readonly number[]): void {
    this.start.push(start);
    this.end.push(end);
    this.favouriteWin.push(outcome.favouriteWin);
    this.margin.push(outcome.margin);
    this.blowout.push(blowout ? 1 : 0);
    for (let i = 0; i < members.length; i++) {
      this.members.push(members[i]);
      this.visits.push(visits[i]);
      this.place.push(match.places[Math.floor(i / match.sideSize)]);
      this.before.push(before[i]);
      this.after.push(after[i]);
    }
  }

  view(): PopulationStats['played'] {
    return {
      count: this.start.length,
      start: this.start.view(),
      end: this.end.view(),
      favouriteWin: this.favouriteWin.view(),
      margin: this.margin.view(),
      blowout: Uint8Array.from(this.blowout.view()),
      members: this.members.view(),
      visits: this.visits.view(),
      place: this.place.view(),
      before: this.before.view(),
      after: this.after.view(),
    };
  }
}
