import type { Attributes } from '../pool/filters.js';
import { requestSize, type MatchAlgorithm } from '../pool/match-algorithm.js';
import type { MessageQueue } from '../ports.js';
import { partyRequest, type PlayerIdentity, type PlayerRequest } from './player-request.js';
import { createRoom, type RoomPorts } from './rooms.js';

export type MatchServiceDeps<Id = string, G = string> = RoomPorts<Id, G> & {
  readonly queue: MessageQueue<PlayerRequest<Id>>;
  readonly pool: MatchAlgorithm<PlayerRequest<Id>>;
  /**
   * Offer cancelPlayer (Open Match's DeleteTicket). The seed has no such call;
   * keeping track of every request for it costs a lookup per request.
   */
  readonly cancellable?: boolean;
};

export interface CreatedRoom<Id = string, G = string> {
  readonly name: G;
  readonly players: readonly PlayerRequest<Id>[];
}

/** What one worker round did. */
export interface WorkerRound<Id = string, G = string> {
  /** Requests moved from the queue into the pool, in queue order. */
  readonly joined: readonly PlayerRequest<Id>[];
  readonly rooms: readonly CreatedRoom<Id, G>[];
}

/**
 * The match server of seed 000: a handler that only enqueues, and a worker
 * that, once per round, drains the queue into the pool and matches.
 */
export class MatchService<Id = string, G = string> {
  /** Requests in the pool, by uuid: what a cancel has to find. */
  private readonly pooled = new Map<Id, PlayerRequest<Id>>();
  /** Requests in the queue, by uuid (with their players), and the cancelled ones among them (dropped when drained). */
  private readonly queued = new Map<Id, number>();
  private readonly cancelledInQueue = new Set<Id>();
  /** Players of the cancelled requests still in the queue. */
  private cancelledQueuedPlayers = 0;

  constructor(private readonly deps: MatchServiceDeps<Id, G>) {}

  /** The thrift handler: enqueue and return 0 at once. `attributes` extends the seed's call with Open Match search fields. */
  addPlayer(score: number, uuid: Id, username: Id, photo: string, channelName: Id, attributes?: Attributes): number {
    this.deps.queue.put(attributes === undefined ? { score, uuid, username, photo, channelName } : { score, uuid, username, photo, channelName, attributes });
    if (this.deps.cancellable) this.queued.set(uuid, 1);
    return 0;
  }

  /**
   * A party queues as one request under its leader's uuid (the first member)
   * and is never split; `score` is the party's score. The seed has no such call.
   */
  addParty(score: number, members: readonly PlayerIdentity<Id>[], attributes?: Attributes): number {
    const request = partyRequest(score, members, attributes);
    this.deps.queue.put(request);
    if (this.deps.cancellable) this.queued.set(request.uuid, members.length);
    return 0;
  }

  /** One worker round at time `now`. */
  work(now: number): WorkerRound<Id, G> {
    const { queue, pool, cancellable } = this.deps;
    const joined: PlayerRequest<Id>[] = [];
    for (let request = queue.getNowait(); request !== undefined; request = queue.getNowait()) {
      if (cancellable) {
        this.queued.delete(request.uuid);
        if (this.cancelledInQueue.delete(request.uuid)) {
          this.cancelledQueuedPlayers -= requestSize(request);
          continue;
        }
        this.pooled.set(request.uuid, request);
      }
      pool.add(request);
      joined.push(request);
    }
    const rooms: CreatedRoom<Id, G>[] = [];
    for (const players of pool.match(now)) {
      if (cancellable) for (const p of players) this.pooled.delete(p.uuid);
      rooms.push({ name: createRoom(players, this.deps), players });
    }
    return { joined, rooms };
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
    const request = this.pooled.get(uuid);
    if (request !== undefined) {
      this.pooled.delete(uuid);
      return this.deps.pool.remove(request);
    }
    const players = this.queued.get(uuid);
    if (players === undefined || this.cancelledInQueue.has(uuid)) return false;
    this.cancelledInQueue.add(uuid);
    this.cancelledQueuedPlayers += players;
    return true;
  }
}
