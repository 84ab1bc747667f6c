import type { Attributes } from '../pool/filters.js';
import type { MatchAlgorithm, SingleRequestMatching } from '../pool/match-algorithm.js';
import type { Scheduler } from '../ports.js';
import type { CreatedRoom } from './match-service.js';
import { singleMatch } from '../pool/match.js';
import { partyRequest, type PlayerIdentity, type PlayerRequest } from './player-request.js';
import { createRoom, type RoomPorts } from './rooms.js';

export type RetryServiceDeps<Id = string, G = string> = RoomPorts<Id, G> & {
  readonly pool: MatchAlgorithm<PlayerRequest<Id>> & SingleRequestMatching<PlayerRequest<Id>>;
  readonly scheduler: Scheduler;
  /** Seconds between a request's attempts (seed 004 uses 2). */
  readonly delay: number;
  /** Called with each room as it is created. */
  readonly onRoom: (room: CreatedRoom<Id, G>) => void;
};

/**
 * Matching as seed 004's play-with-others service does it: no global worker
 * tick. A request tries to match as soon as it arrives; when it cannot, a
 * delayed event brings it back `delay` seconds later with its matching_time
 * grown by the delay, and so on until it is in a room (or withdrawn). Each
 * attempt uses the window of the request's own matching_time.
 */
export class RetryMatchService<Id = string, G = string> {
  /** Requests waiting for a room, by uuid. */
  private readonly pending = new Map<Id, PlayerRequest<Id>>();

  constructor(private readonly deps: RetryServiceDeps<Id, G>) {
    if (!(deps.delay > 0)) throw new RangeError(`delay must be > 0 seconds, got ${deps.delay}`);
  }

  get waiting(): number {
    return this.pending.size;
  }

  addPlayer(score: number, uuid: Id, username: Id, photo: string, channelName: Id, attributes?: Attributes, pool?: number): number {
    return this.addParty(score, [{ uuid, username, photo, channelName }], attributes, pool);
  }

  addParty(score: number, members: readonly PlayerIdentity<Id>[], attributes?: Attributes, pool?: number): number {
    const request = partyRequest(score, members, attributes, pool);
    this.pending.set(request.uuid, request);
    this.deps.pool.add(request);
    this.attempt(request, 0);
    return 0;
  }

  /** Withdraws a waiting request: false when it is already in a room, or unknown. */
  cancelPlayer(uuid: Id): boolean {
    const request = this.pending.get(uuid);
    if (request === undefined) return false;
    this.pending.delete(uuid);
    return this.deps.pool.remove(request);
  }

  /** One attempt, carrying matching_time as the delayed event's payload does. */
  private attempt(request: PlayerRequest<Id>, matchingTime: number): void {
    if (this.pending.get(request.uuid) !== request) return; // matched as another's companion, or withdrawn
    const match = singleMatch(this.deps.pool, request, matchingTime);
    if (match === undefined) {
      this.deps.scheduler.delay(this.deps.delay, () => this.attempt(request, matchingTime + this.deps.delay));
      return;
    }
    const players = match.tickets;
    for (const p of players) this.pending.delete(p.uuid);
    this.deps.onRoom({ name: createRoom(players, this.deps), players, ...(match.rosters ? { rosters: match.rosters } : {}), ...(match.roles ? { roles: match.roles } : {}) });
  }
}
