import type { Attributes } from '../pool/filters.js';
import type { Candidate } from '../pool/match-algorithm.js';

/**
 * One player as the thrift interface of seed 000 describes it. Production
 * passes strings; the simulator passes the player's index as its uuid, name
 * and channel, and builds the id only when a row is written.
 */
export interface PlayerIdentity<Id = string> {
  readonly uuid: Id;
  readonly username: Id;
  readonly photo: string;
  readonly channelName: Id;
}

/**
 * An add_player call as the thrift interface carries it: one player, or a
 * party that queues as one request (`members`, leader first; the seed has
 * no parties). The request's own identity is its leader's.
 */
export interface PlayerRequest<Id = string> extends Candidate, PlayerIdentity<Id> {
  readonly score: number;
  /** Search fields for pool filters (Open Match); the seed's add_player has none. */
  readonly attributes?: Attributes;
  /** The pool the caller routed the request to, when it has (see PartitionedPool). */
  readonly pool?: number;
  /** Players in a party, leader first; absent for a single player. size is then members.length. */
  readonly members?: readonly PlayerIdentity<Id>[];
}

/** The players a request brings: its members, or itself. */
export function playersOf<Id>(request: PlayerRequest<Id>): readonly PlayerIdentity<Id>[] {
  return request.members ?? [request];
}

/*
 * Requests are object literals, a few shapes in all, rather than spread
 * copies: a pool reads a request's fields on every round, and a copy's were
 * measured 7x slower to read (regions.json, 0.30 -> 2.1 s CPU).
 */

/** One player's request: its identity and score, and the search fields and pool when it has them. */
export function playerRequest<Id>(score: number, uuid: Id, username: Id, photo: string, channelName: Id, attributes?: Attributes, pool?: number): PlayerRequest<Id> {
  if (attributes === undefined) return { score, uuid, username, photo, channelName };
  return pool === undefined ? { score, uuid, username, photo, channelName, attributes } : { score, uuid, username, photo, channelName, attributes, pool };
}

/** A party's request: the leader's identity, every member, and the party's score. */
export function partyRequest<Id>(score: number, members: readonly PlayerIdentity<Id>[], attributes?: Attributes, pool?: number): PlayerRequest<Id> {
  if (members.length === 0) throw new RangeError('a party needs at least one member');
  const { uuid, username, photo, channelName } = members[0];
  if (members.length === 1) return playerRequest(score, uuid, username, photo, channelName, attributes, pool);
  const size = members.length;
  if (attributes === undefined) return { score, uuid, username, photo, channelName, size, members };
  return pool === undefined ? { score, uuid, username, photo, channelName, size, members, attributes } : { score, uuid, username, photo, channelName, size, members, attributes, pool };
}
