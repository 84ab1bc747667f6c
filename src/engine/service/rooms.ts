import type { Cache, ChannelLayer } from '../ports.js';
import { playersOf, type PlayerRequest } from './player-request.js';

/** A member as the seed stores it in the room's cache entry. */
export interface RoomMember<Id = string> {
  readonly uuid: Id;
  readonly username: Id;
  readonly photo: string;
  readonly hp: number;
}

/** The event the seed sends through the room group once per member. */
export interface CreatePlayerEvent<Id = string> {
  readonly type: 'group_send_event';
  readonly event: 'create_player';
  readonly uuid: Id;
  readonly username: Id;
  readonly photo: string;
}

export const ROOM_TTL_SECONDS = 3600;
export const STARTING_HP = 100;

/** "room_<uuid>_<uuid>_<uuid>", players in room order (a party's members in party order). */
export function roomName(requests: readonly PlayerRequest[]): string {
  // join() builds a flat string: the name is hashed as a map key by the cache and the channel layer.
  const parts = ['room'];
  for (const r of requests) for (const p of playersOf(r)) parts.push(p.uuid);
  return parts.join('_');
}

interface RoomPortsBase<Id, G> {
  readonly cache: Cache<RoomMember<Id>[], G>;
  readonly channels: ChannelLayer<CreatePlayerEvent<Id>, G, Id>;
  readonly roomTtl: number;
}

/** Names a new room's group and cache entry, from its requests in room order. */
export type RoomNamer<Id, G> = (requests: readonly PlayerRequest<Id>[]) => G;

/**
 * The ports a room is created through. With string ids and names, rooms are
 * named as the seed names them unless `nameRoom` says otherwise; a binding
 * with other keys (the simulator's integers) must say how to name a room.
 */
export type RoomPorts<Id = string, G = string> = RoomPortsBase<Id, G> &
  ([Id, G] extends [string, string] ? { readonly nameRoom?: RoomNamer<Id, G> } : { readonly nameRoom: RoomNamer<Id, G> });

/**
 * Players who join a running room (a backfill fill), in match_success's
 * order: each joins the room group, the cache entry lists them after those
 * already there (or alone, once it has expired), then one create_player event
 * per joiner goes to the whole group. The room's earlier members have left
 * the group once notified, so each joiner receives one event per joiner.
 */
export function joinRoom<Id, G>(name: G, requests: readonly PlayerRequest<Id>[], ports: RoomPorts<Id, G>): void {
  const members = [...(ports.cache.get(name) ?? [])];
  const players = requests.flatMap(playersOf);
  for (const p of players) {
    ports.channels.groupAdd(name, p.channelName);
    members.push({ uuid: p.uuid, username: p.username, photo: p.photo, hp: STARTING_HP });
  }
  ports.cache.set(name, members, ports.roomTtl);
  for (const p of players) sendCreatePlayer(name, p, ports);
}

function sendCreatePlayer<Id, G>(name: G, p: { readonly uuid: Id; readonly username: Id; readonly photo: string }, ports: RoomPorts<Id, G>): void {
  ports.channels.groupSend(name, { type: 'group_send_event', event: 'create_player', uuid: p.uuid, username: p.username, photo: p.photo });
}

/**
 * The seed's match_success, in its order: each member joins the room group,
 * the member list goes into the cache, then one create_player event per
 * member goes to the whole group (so each member receives one per member).
 * Every player of a party is a member of its own.
 */
export function createRoom<Id, G>(requests: readonly PlayerRequest<Id>[], ports: RoomPorts<Id, G>): G {
  // Without nameRoom the types guarantee string ids and names: the seed's naming.
  const name = ports.nameRoom ? ports.nameRoom(requests) : (roomName(requests as unknown as readonly PlayerRequest[]) as G);
  const members: RoomMember<Id>[] = [];
  const players = requests.some((r) => r.members !== undefined) ? requests.flatMap(playersOf) : requests;
  for (const p of players) {
    ports.channels.groupAdd(name, p.channelName);
    members.push({ uuid: p.uuid, username: p.username, photo: p.photo, hp: STARTING_HP });
  }
  ports.cache.set(name, members, ports.roomTtl);
  for (const p of players) sendCreatePlayer(name, p, ports);
  return name;
}
