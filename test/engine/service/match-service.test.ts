import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/engine/memory/memory-cache.js';
import { MemoryChannelLayer } from '../../../src/engine/memory/memory-channel-layer.js';
import { MemoryQueue } from '../../../src/engine/memory/memory-queue.js';
import { createMatchAlgorithm } from '../../../src/algorithms/registry.js';
import { MatchService } from '../../../src/engine/service/match-service.js';
import type { PlayerRequest } from '../../../src/engine/service/player-request.js';
import type { CreatePlayerEvent, RoomMember } from '../../../src/engine/service/rooms.js';

function service(now: { t: number }, cancellable = true) {
  const queue = new MemoryQueue<PlayerRequest>();
  const cache = new MemoryCache<RoomMember[]>(() => now.t);
  const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock: () => now.t });
  const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'seed', roomSize: 3, window: { type: 'linear', growth: 50 } }, 1);
  return { queue, cache, channels, pool, svc: new MatchService({ queue, cache, channels, pool, roomTtl: 3600, cancellable }) };
}

describe('MatchService', () => {
  it('add_player only enqueues and returns 0', () => {
    const s = service({ t: 0 });
    expect(s.svc.addPlayer(1500, 'u1', 'alice', 'a.png', 'ch1')).toBe(0);
    expect(s.queue.length).toBe(1);
    expect(s.pool.size).toBe(0);
  });

  it('a worker round drains the queue in FIFO order, then matches', () => {
    const now = { t: 0 };
    const s = service(now);
    s.svc.addPlayer(1500, 'u1', 'alice', 'a.png', 'ch1');
    s.svc.addPlayer(1520, 'u2', 'bob', 'b.png', 'ch2');
    s.svc.addPlayer(1510, 'u3', 'carol', 'c.png', 'ch3');
    const first = s.svc.work(0);
    expect(first.joined.map((r) => r.uuid)).toEqual(['u1', 'u2', 'u3']);
    expect(first.rooms).toEqual([]); // windows are 0 in the first round
    now.t = 1;
    const second = s.svc.work(1);
    expect(second.rooms.map((r) => r.name)).toEqual(['room_u1_u3_u2']); // score order
  });

  it('creates the room as the seed does: cache entry with hp 100 for an hour, one create_player per member to every member', () => {
    const now = { t: 0 };
    const s = service(now);
    for (const [uuid, score] of [['u1', 100], ['u2', 100], ['u3', 100]] as const) {
      s.svc.addPlayer(score, uuid, `name-${uuid}`, `${uuid}.png`, `ch-${uuid}`);
    }
    const [room] = s.svc.work(0).rooms;
    expect(room.name).toBe('room_u1_u2_u3');
    expect(s.cache.get(room.name)).toEqual([
      { uuid: 'u1', username: 'name-u1', photo: 'u1.png', hp: 100 },
      { uuid: 'u2', username: 'name-u2', photo: 'u2.png', hp: 100 },
      { uuid: 'u3', username: 'name-u3', photo: 'u3.png', hp: 100 },
    ]);
    for (const member of ['u1', 'u2', 'u3']) {
      const inbox: CreatePlayerEvent[] = [];
      for (let m = s.channels.receive(`ch-${member}`); m !== undefined; m = s.channels.receive(`ch-${member}`)) inbox.push(m);
      expect(inbox.map((e) => [e.type, e.event, e.uuid])).toEqual([
        ['group_send_event', 'create_player', 'u1'],
        ['group_send_event', 'create_player', 'u2'],
        ['group_send_event', 'create_player', 'u3'],
      ]);
    }
    expect(s.channels.delivered).toBe(9);
    now.t = 3600;
    expect(s.cache.get(room.name)).toBeUndefined();
  });
});

describe('MatchService.cancelPlayer (Open Match DeleteTicket)', () => {
  it('drops a cancelled request when the worker drains the queue', () => {
    const s = service({ t: 0 });
    s.svc.addPlayer(100, 'u1', 'a', '', 'c1');
    s.svc.addPlayer(100, 'u2', 'b', '', 'c2');
    expect(s.svc.cancelPlayer('u1')).toBe(true);
    expect(s.svc.cancelPlayer('u1')).toBe(false);
    expect(s.svc.work(0).joined.map((r) => r.uuid)).toEqual(['u2']);
  });

  it('is not offered by the seed service', () => {
    const s = service({ t: 0 }, false);
    s.svc.addPlayer(100, 'u1', 'a', '', 'c1');
    expect(() => s.svc.cancelPlayer('u1')).toThrow(/without cancelPlayer/);
  });

  it('takes a request out of the pool, and cannot take back a matched one', () => {
    const s = service({ t: 0 });
    for (const u of ['u1', 'u2', 'u3', 'u4']) s.svc.addPlayer(500, u, u, '', u);
    s.svc.addPlayer(9000, 'far', 'far', '', 'far');
    const round = s.svc.work(0);
    expect(round.rooms.map((r) => r.name)).toEqual(['room_u1_u2_u3']);
    expect(s.svc.cancelPlayer('u1')).toBe(false);
    expect(s.svc.cancelPlayer('far')).toBe(true);
    expect(s.pool.waiting().map((r) => r.uuid)).toEqual(['u4']);
    expect(s.svc.cancelPlayer('nobody')).toBe(false);
  });
});

describe('MatchService with parties', () => {
  it('queues a party as one request and seats every member, each getting one create_player per player', () => {
    const queue = new MemoryQueue<PlayerRequest>();
    const cache = new MemoryCache<RoomMember[]>(() => 0);
    const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock: () => 0 });
    const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'anchor', roomSize: 3, window: { type: 'linear', growth: 50 } }, 1);
    const svc = new MatchService({ queue, cache, channels, pool, roomTtl: 3600 });
    const member = (uuid: string) => ({ uuid, username: uuid, photo: '', channelName: `ch-${uuid}` });
    expect(svc.addParty(1500, [member('lead'), member('friend')])).toBe(0);
    svc.addPlayer(1500, 'solo', 'solo', '', 'ch-solo');
    expect(queue.length).toBe(2);
    const round = svc.work(0);
    expect(round.joined.map((r) => [r.uuid, r.size ?? 1])).toEqual([['lead', 2], ['solo', 1]]);
    expect(round.rooms.map((r) => r.name)).toEqual(['room_lead_friend_solo']);
    expect(cache.get('room_lead_friend_solo')?.map((m) => m.uuid)).toEqual(['lead', 'friend', 'solo']);
    for (const uuid of ['lead', 'friend', 'solo']) {
      const got: string[] = [];
      for (let m = channels.receive(`ch-${uuid}`); m !== undefined; m = channels.receive(`ch-${uuid}`)) got.push(m.uuid);
      expect(got).toEqual(['lead', 'friend', 'solo']);
    }
  });

  it('refuses a party in a pool that groups requests, not players', () => {
    const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'seed', roomSize: 3, window: { type: 'linear', growth: 50 } }, 1);
    expect(pool.parties).toBeUndefined();
    expect(() => pool.add({ score: 1, uuid: 'a', username: 'a', photo: '', channelName: 'a', size: 2 })).toThrow(/single players only/);
  });
});

describe('MatchService with backfill', () => {
  it('joins a running room\'s backfill players into it: the group, the cache entry after those there, one create_player per joiner; no new room', () => {
    const now = { t: 0 };
    const queue = new MemoryQueue<PlayerRequest>();
    const cache = new MemoryCache<RoomMember[]>(() => now.t);
    const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock: () => now.t });
    const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'anchor', roomSize: 2, window: { type: 'linear', growth: 50 } }, 1);
    const svc = new MatchService({ queue, cache, channels, pool, roomTtl: 3600 });
    svc.addPlayer(100, 'u1', 'n1', 'p1', 'ch1');
    svc.addPlayer(100, 'u2', 'n2', 'p2', 'ch2');
    const [room] = svc.work(0).rooms;
    expect(room.name).toBe('room_u1_u2');
    // u2 leaves the game; its channel leaves the group as the consumer does once notified.
    channels.groupDiscard(room.name, 'ch1');
    channels.groupDiscard(room.name, 'ch2');
    svc.requestBackfill({ match: room.name, score: 100, open: 1, requestedAt: 0, priority: 'normal' });
    svc.addPlayer(100, 'u3', 'n3', 'p3', 'ch3'); // the request's window is 0 at its first round
    svc.addPlayer(900, 'u4', 'n4', 'p4', 'ch4');
    now.t = 1;
    const round = svc.work(1);
    expect(round.rooms).toEqual([]);
    expect(round.backfilled).toEqual([{ name: 'room_u1_u2', players: [expect.objectContaining({ uuid: 'u3' })] }]);
    expect(cache.get(room.name)?.map((m) => m.uuid)).toEqual(['u1', 'u2', 'u3']);
    expect(channels.receive('ch3')).toEqual({ type: 'group_send_event', event: 'create_player', uuid: 'u3', username: 'n3', photo: 'p3' });
    expect(channels.receive('ch3')).toBeUndefined();
    expect(svc.cancelBackfill(room.name)).toBe(false); // filled: done
    svc.requestBackfill({ match: room.name, score: 100, open: 1, requestedAt: 1, priority: 'normal' });
    expect(svc.cancelBackfill(room.name)).toBe(true);
  });

  it('refuses a backfill request when its pool fills none', () => {
    const s = service({ t: 0 });
    expect(() => s.svc.requestBackfill({ match: 'room', score: 1, open: 1, requestedAt: 0, priority: 'normal' })).toThrow(/does not fill backfill/);
  });
});
