import type { Cache, ChannelLayer } from '../ports.js';
import { playersOf, type PlayerRequest } from './player-request.js';

/** A member as the seed stores it in the room's cache entry. */
export interface RoomMember {
  readonly uuid: string;
  readonly username: string;
  readonly photo: string;
  readonly hp: number;
}

/** The event the seed sends through the room group once per member. */
export interface CreatePlayerEvent {
  readonly type: 'group_send_event';
  readonly event: 'create_player';
  readonly uuid: string;
  readonly username: string;
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

export interface RoomPorts {
  readonly cache: Cache<RoomMember[]>;
  readonly channels: ChannelLayer<CreatePlayerEvent>;
  readonly roomTtl: number;
}

/**
 * The seed's match_success, in its order: each member joins the room group,
 * the member list goes into the cache, then one create_player event per
 * member goes to the whole group (so each member receives one per member).
 * Every player of a party is a member of its own.
 */
export function createRoom(requests: readonly PlayerRequest[], ports: RoomPorts): string {
  const name = roomName(requests);
  const members: RoomMember[] = [];
  const players = requests.some((r) => r.members !== undefined) ? requests.flatMap(playersOf) : requests;
  for (const p of players) {
    ports.channels.groupAdd(name, p.channelName);
    members.push({ uuid: p.uuid, username: p.username, photo: p.photo, hp: STARTING_HP });
  }
  ports.cache.set(name, members, ports.roomTtl);
  for (const p of players) {
    ports.channels.groupSend(name, {
      type: 'group_send_event',
      event: 'create_player',
      uuid: p.uuid,
      username: p.username,
      photo: p.photo,
    });
  }
  return name;
}
