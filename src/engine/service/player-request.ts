import type { Attributes } from '../pool/filters.js';
import type { Candidate } from '../pool/match-algorithm.js';

/** One player as the thrift interface of seed 000 describes it. */
export interface PlayerIdentity {
  readonly uuid: string;
  readonly username: string;
  readonly photo: string;
  readonly channelName: string;
}

/**
 * An add_player call as the thrift interface carries it: one player, or a
 * party that queues as one request (`members`, leader first; the seed has
 * no parties). The request's own identity is its leader's.
 */
export interface PlayerRequest extends Candidate, PlayerIdentity {
  readonly score: number;
  /** Search fields for pool filters (Open Match); the seed's add_player has none. */
  readonly attributes?: Attributes;
  /** Players in a party, leader first; absent for a single player. size is then members.length. */
  readonly members?: readonly PlayerIdentity[];
}

/** The players a request brings: its members, or itself. */
export function playersOf(request: PlayerRequest): readonly PlayerIdentity[] {
  return request.members ?? [request];
}

/** A party's request: the leader's identity, every member, and the party's score. */
export function partyRequest(score: number, members: readonly PlayerIdentity[], attributes?: Attributes): PlayerRequest {
  if (members.length === 0) throw new RangeError('a party needs at least one member');
  const leader = members[0];
  const request = { score, uuid: leader.uuid, username: leader.username, photo: leader.photo, channelName: leader.channelName };
  const party = members.length === 1 ? request : { ...request, size: members.length, members };
  return attributes === undefined ? party : { ...party, attributes };
}
