import type { Attributes } from '../pool/filters.js';
import { requestSize, type MatchAlgorithm } from '../pool/match-algorithm.js';
import { roundMatches, ticketTeams, type Match, type MatchForming } from '../pool/match.js';
import type { MessageQueue } from '../ports.js';
import { partyRequest, playerRequest, type PlayerIdentity, type PlayerRequest } from './player-request.js';
import { createRoom, joinRoom, type RoomPorts } from './rooms.js';
import { fillsBackfill, type BackfillMatching, type BackfillRequest } from '../pool/backfill.js';
import { Acceptances, type AcceptanceSettings, type DroppedMatch, type ProposedMatch } from './acceptance.js';

export type MatchServiceDeps<Id = string, G = string> = RoomPorts<Id, G> & {
  readonly queue: MessageQueue<PlayerRequest<Id>>;
  readonly pool: MatchAlgorithm<PlayerRequest<Id>>;
  /**
   * Offer cancelPlayer (Open Match's DeleteTicket). The seed has no such call;
   * keeping track of every request for it costs a lookup per request.
   */
  readonly cancellable?: boolean;
  /** Players accept each match before it is made (FlexMatch's acceptanceRequired): matches are proposed, and made once all accept (acceptMatch). */
  readonly acceptance?: AcceptanceSettings;
};

export interface CreatedRoom<Id = string, G = string> {
  readonly name: G;
  /** Its requests, in room order. */
  readonly players: readonly PlayerRequest<Id>[];
  /** With teams: the requests on each, in team order (the match's rosters). */
  readonly rosters?: ReadonlyArray<readonly PlayerRequest<Id>[]>;
  /** The data centre the match names, if it names one. */
  readonly dataCentre?: string;
  /** The step each of the pool's expansions had reached, if the match says (Match.expansionSteps). */
  readonly expansionSteps?: readonly number[];
  /** With role queues: each request's role, in `players` order (Match.roles). */
  readonly roles?: ReadonlyArray<string | undefined>;
}

/** Players who joined a running room this round, filling its backfill request. */
export interface JoinedRoom<Id = string, G = string> {
  readonly name: G;
  /** The requests that joined, in the match's order. */
  readonly players: readonly PlayerRequest<Id>[];
  /** With role queues: each joiner's role, in `players` order. */
  readonly roles?: ReadonlyArray<string | undefined>;
  /** The teams the joiners were put on, each its requests, in the match's team order (Match.rosters: a FlexMatch fill's); absent: the pool gave none. */
  readonly rosters?: ReadonlyArray<readonly PlayerRequest<Id>[]>;
}

/** The team each player who joined was put on, from the fill's rosters (FlexMatch's), in `players` order (a party's members each); undefined without rosters. */
export function joinerTeamsOf<Id, G>(joined: JoinedRoom<Id, G>): number[] | undefined {
  const requestTeams = ticketTeams({ tickets: joined.players, ...(joined.rosters !== undefined ? { rosters: joined.rosters } : {}) });
  if (requestTeams === undefined) return undefined;
  return joined.players.flatMap((request, r) => Array.from({ length: request.members?.length ?? 1 }, () => requestTeams[r]));
}

/** What one worker round did. */
export interface WorkerRound<Id = string, G = string> {
  /** Requests moved from the queue into the pool, in queue order. */
  readonly joined: readonly PlayerRequest<Id>[];
  readonly rooms: readonly CreatedRoom<Id, G>[];
  /** With acceptance: the matches proposed this round, waiting for answers (their rooms come when all accept). */
  readonly proposed?: readonly ProposedMatch<Id>[];
  /** With acceptance: the proposals that failed this round; their returned tickets are back in the pool. */
  readonly dropped?: readonly DroppedMatch<Id>[];
  /** Running rooms that players joined this round (backfill); absent when none did. */
  readonly backfilled?: readonly JoinedRoom<Id, G>[];
}

/**
 * The match server of seed 000: a handler that only enqueues, and a worker
 * that, once per round, drains the queue into the pool and matches.
 */
export class MatchService<Id = string, G = string> {
  /**
   * Every waiting request, by uuid: what a cancel has to find. In the queue, its
   * number of players; in the pool, the request itself. One map, updated in place
   * as a request moves on, costs a cancellable service three map operations a
   * request where two maps cost five. A uuid names one waiting request at a time
   * (as an Open Match ticket id does).
   */
  private readonly waiting = new Map<Id, PlayerRequest<Id> | number>();
  /** Requests cancelled while in the queue, dropped when drained. */
  private readonly cancelledInQueue = new Set<Id>();
  /** Players of the cancelled requests still in the queue. */
  private cancelledQueuedPlayers = 0;
  private readonly acceptances: Acceptances<Id> | undefined;

  constructor(private readonly deps: MatchServiceDeps<Id, G>) {
    this.acceptances = deps.acceptance && new Acceptances<Id>(deps.acceptance);
  }

  /** The thrift handler: enqueue and return 0 at once. `attributes` extends the seed's call with Open Match search fields. */
  addPlayer(score: number, uuid: Id, username: Id, photo: string, channelName: Id, attributes?: Attributes, pool?: number): number {
    this.deps.queue.put(playerRequest(score, uuid, username, photo, channelName, attributes, pool));
    if (this.deps.cancellable) this.waiting.set(uuid, 1);
    return 0;
  }

  /**
   * A party queues as one request under its leader's uuid (the first member)
   * and is never split; `score` is the party's score. The seed has no such call.
   */
  addParty(score: number, members: readonly PlayerIdentity<Id>[], attributes?: Attributes, pool?: number): number {
    const request = partyRequest(score, members, attributes, pool);
    this.deps.queue.put(request);
    if (this.deps.cancellable) this.waiting.set(request.uuid, members.length);
    return 0;
  }

  /** One worker round at time `now`. */
  work(now: number): WorkerRound<Id, G> {
    const { queue, pool, cancellable } = this.deps;
    const joined: PlayerRequest<Id>[] = [];
    const rooms: CreatedRoom<Id, G>[] = [];
    const acceptances = this.acceptances;
    // Answers came in since the last round: matches all accepted are made, failed ones give their accepted tickets back to the pool first (they are older than the queue's).
    const settled = acceptances?.settle(now);
    if (settled !== undefined) {
      for (const proposal of settled.accepted) rooms.push(this.room(proposal.match));
      for (const dropped of settled.dropped) {
        for (const request of dropped.returned) {
          if (cancellable) this.waiting.set(request.uuid, request);
          pool.add(request);
        }
        if (cancellable) for (const request of dropped.cancelled) this.waiting.delete(request.uuid);
      }
    }
    for (let request = queue.getNowait(); request !== undefined; request = queue.getNowait()) {
      if (cancellable) {
        if (this.cancelledInQueue.size > 0 && this.cancelledInQueue.delete(request.uuid)) {
          this.waiting.delete(request.uuid);
          this.cancelledQueuedPlayers -= requestSize(request);
          continue;
        }
        this.waiting.set(request.uuid, request);
      }
      pool.add(request);
      joined.push(request);
    }
    const forming = pool as MatchAlgorithm<PlayerRequest<Id>> & Partial<MatchForming<PlayerRequest<Id>>>;
    if (acceptances !== undefined) {
      const backfilled: JoinedRoom<Id, G>[] = [];
      const proposed: ProposedMatch<Id>[] = [];
      for (const match of roundMatches(pool, now)) {
        // A backfill fill is not proposed: its players join the running room at once (FlexMatch asks no acceptance of backfills).
        if (match.backfill !== undefined) {
          backfilled.push(this.join(match));
          continue;
        }
        // Out of the pool, not yet in a room: a cancel finds it in its proposal.
        if (cancellable) for (const t of match.tickets) this.waiting.delete(t.uuid);
        proposed.push(acceptances.propose(match, now));
      }
      return { joined, rooms, proposed, dropped: settled?.dropped ?? [], ...(backfilled.length > 0 ? { backfilled } : {}) };
    }
    // A pool that forms matches gives its rosters too; one that forms rooms (today's contract) is taken as it is, without an object per room.
    if (typeof forming.matches === 'function') {
      let backfilled: JoinedRoom<Id, G>[] | undefined;
      for (const match of forming.matches(now)) {
        if (match.backfill === undefined) rooms.push(this.room(match));
        else (backfilled ??= []).push(this.join(match));
      }
      if (backfilled !== undefined) return { joined, rooms, backfilled };
    } else {
      for (const players of pool.match(now)) rooms.push(this.room({ tickets: players }));
    }
    return { joined, rooms };
  }

  /**
   * A player's answer to a proposed match (GameLift's AcceptMatch): the match
   * is made at the next round once every player accepted, and dropped there
   * when one rejected. False when the proposal is settled or unknown, the
   * player is not in it, or it answered already.
   */
  acceptMatch(proposal: number, player: Id, accept: boolean): boolean {
    if (this.acceptances === undefined) throw new Error('this service was built without acceptance');
    return this.acceptances.answer(proposal, player, accept);
  }

  /** Players in proposed matches, waiting for their answers (none without acceptance). */
  proposedPlayers(): number {
    return this.acceptances?.proposedPlayers ?? 0;
  }

  /** A matched room created: its entry, group and create_player events. */
  private room(match: Match<PlayerRequest<Id>>): CreatedRoom<Id, G> {
    const { tickets: players, rosters, dataCentre, expansionSteps, roles } = match;
    if (this.deps.cancellable) for (const p of players) this.waiting.delete(p.uuid);
    const name = createRoom(players, this.deps);
    // One shape for every room, whatever the match says.
    return { name, players, rosters, dataCentre, expansionSteps, roles };
  }

  /**
   * A running match asks for players to fill its open places (FlexMatch's
   * StartMatchBackfill): `request.match` names its room. One request stands
   * per room; a new one replaces it. The pool must fill backfill requests.
   */
  requestBackfill(request: BackfillRequest<G>): void {
    this.backfilling().addBackfill(request);
  }

  /** Takes a room's backfill request back (StopMatchBackfill); false if none stands. */
  cancelBackfill(room: G): boolean {
    return this.backfilling().removeBackfill(room);
  }

  private backfilling(): BackfillMatching<G> {
    const pool = this.deps.pool;
    if (!fillsBackfill<typeof pool, G>(pool)) throw new Error('this service\'s pool does not fill backfill requests');
    return pool;
  }

  /** A backfill fill: its players join the running room named by the match. */
  private join(match: Match<PlayerRequest<Id>>): JoinedRoom<Id, G> {
    const { tickets: players, roles, rosters } = match;
    if (this.deps.cancellable) for (const p of players) this.waiting.delete(p.uuid);
    const name = match.backfill as G;
    joinRoom(name, players, this.deps);
    return { name, players, ...(roles !== undefined ? { roles } : {}), ...(rosters !== undefined ? { rosters } : {}) };
  }

  /** Players whose requests wait in the queue and will go to the pool (not those cancelled there). */
  queuedPlayers(): number {
    let players = 0;
    this.deps.queue.forEach?.((request) => (players += requestSize(request)));
    return players - this.cancelledQueuedPlayers;
  }

  /**
   * Withdraws a request, as Open Match's DeleteTicket (the seed has no such
   * call): out of the pool at once, or dropped when the worker drains it from
   * the queue. False when it was already matched, or never added.
   */
  cancelPlayer(uuid: Id): boolean {
    if (!this.deps.cancellable) throw new Error('this service was built without cancelPlayer (cancellable: false)');
    const found = this.waiting.get(uuid);
    // A ticket in a proposed match is cancelled as GameLift's StopMatchmaking does it: the proposal fails as if rejected.
    if (found === undefined) return this.acceptances?.withdraw(uuid) ?? false;
    if (typeof found !== 'number') {
      this.waiting.delete(uuid);
      return this.deps.pool.remove(found);
    }
    const players = found;
    if (this.cancelledInQueue.has(uuid)) return false;
    this.cancelledInQueue.add(uuid);
    this.cancelledQueuedPlayers += players;
    return true;
  }
}
