import type { Cache, ChannelLayer } from '../ports.js';
import type { PlayerRequest } from './player-request.js';

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

/** "room_<uuid>_<uuid>_<uuid>", members in room order. */
export function roomName(players: readonly PlayerRequest[]): string {
  // join() builds a flat string: the name is hashed as a map key by the cache and the channel layer.
  const parts = ['room'];
  for (const p of players) parts.push(p.uuid);
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
 */
export function createRoom(players: readonly PlayerRequest[], ports: RoomPorts): string {
  const name = roomName(players);
  const members: RoomMember[] = [];
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
