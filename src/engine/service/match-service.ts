import type { MatchAlgorithm } from '../pool/match-algorithm.js';
import type { MessageQueue } from '../ports.js';
import type { PlayerRequest } from './player-request.js';
import { createRoom, type RoomPorts } from './rooms.js';

export interface MatchServiceDeps extends RoomPorts {
  readonly queue: MessageQueue<PlayerRequest>;
  readonly pool: MatchAlgorithm<PlayerRequest>;
}

export interface CreatedRoom {
  readonly name: string;
  readonly players: readonly PlayerRequest[];
}

/** What one worker round did. */
export interface WorkerRound {
  /** Requests moved from the queue into the pool, in queue order. */
  readonly joined: readonly PlayerRequest[];
  readonly rooms: readonly CreatedRoom[];
}

/**
 * The match server of seed 000: a handler that only enqueues, and a worker
 * that, once per round, drains the queue into the pool and matches.
 */
export class MatchService {
  constructor(private readonly deps: MatchServiceDeps) {}

  /** The thrift handler: enqueue and return 0 at once. */
  addPlayer(score: number, uuid: string, username: string, photo: string, channelName: string): number {
    this.deps.queue.put({ score, uuid, username, photo, channelName });
    return 0;
  }

  /** One worker round at time `now`. */
  work(now: number): WorkerRound {
    const { queue, pool } = this.deps;
    const joined: PlayerRequest[] = [];
    for (let request = queue.getNowait(); request !== undefined; request = queue.getNowait()) {
      pool.add(request);
      joined.push(request);
    }
    const rooms: CreatedRoom[] = [];
    for (const players of pool.match(now)) {
      rooms.push({ name: createRoom(players, this.deps), players });
    }
    return { joined, rooms };
  }
}
