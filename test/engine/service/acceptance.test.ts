import { describe, expect, it } from 'vitest';
import { createMatchAlgorithm } from '../../../src/algorithms/registry.js';
import { MemoryCache } from '../../../src/engine/memory/memory-cache.js';
import { MemoryChannelLayer } from '../../../src/engine/memory/memory-channel-layer.js';
import { MemoryQueue } from '../../../src/engine/memory/memory-queue.js';
import { Acceptances } from '../../../src/engine/service/acceptance.js';
import { MatchService } from '../../../src/engine/service/match-service.js';
import { partyRequest, playerRequest, type PlayerRequest } from '../../../src/engine/service/player-request.js';
import type { CreatePlayerEvent, RoomMember } from '../../../src/engine/service/rooms.js';

const solo = (uuid: string): PlayerRequest => playerRequest(1500, uuid, uuid, '', uuid);
const party = (...uuids: string[]): PlayerRequest => partyRequest(1500, uuids.map((u) => ({ uuid: u, username: u, photo: '', channelName: u })));

describe('Acceptances (GameLift AcceptMatch)', () => {
  it('makes a match once every player accepted, at the next settling', () => {
    const a = new Acceptances({ timeoutSeconds: 10 });
    const p = a.propose({ tickets: [solo('a'), party('b', 'c')] }, 0);
    expect(a.proposedPlayers).toBe(3);
    expect(a.answer(p.id, 'a', true)).toBe(true);
    expect(a.answer(p.id, 'b', true)).toBe(true);
    expect(a.settle(1)).toEqual({ accepted: [], dropped: [] }); // c has not answered, time is left
    expect(a.answer(p.id, 'c', true)).toBe(true);
    const settled = a.settle(2);
    expect(settled.accepted.map((x) => x.id)).toEqual([p.id]);
    expect(a.proposedPlayers).toBe(0);
    expect(a.answer(p.id, 'a', true)).toBe(false); // settled
  });

  it('takes one answer a player, and only from players of the match', () => {
    const a = new Acceptances({ timeoutSeconds: 10 });
    const p = a.propose({ tickets: [solo('a'), solo('b')] }, 0);
    expect(a.answer(p.id, 'z', true)).toBe(false);
    expect(a.answer(p.id + 1, 'a', true)).toBe(false);
    expect(a.answer(p.id, 'a', true)).toBe(true);
    expect(a.answer(p.id, 'a', false)).toBe(false);
  });

  it('drops a rejected match: tickets whose players all accepted search again, a ticket with a rejecter or a silent player ends', () => {
    const a = new Acceptances({ timeoutSeconds: 10 });
    const [x, y, z] = [solo('a'), party('b', 'c'), solo('d')];
    const p = a.propose({ tickets: [x, y, z] }, 0);
    a.answer(p.id, 'a', true);
    a.answer(p.id, 'b', true); // c never answers: the party's ticket ends
    a.answer(p.id, 'd', false);
    const { accepted, dropped } = a.settle(1);
    expect(accepted).toEqual([]);
    expect(dropped).toEqual([{ id: p.id, reason: 'rejected', returned: [x], cancelled: [y, z] }]);
  });

  it('drops a match whose answers are missing at its deadline, and not before', () => {
    const a = new Acceptances({ timeoutSeconds: 5 });
    const p = a.propose({ tickets: [solo('a'), solo('b')] }, 3);
    expect(p.deadline).toBe(8);
    a.answer(p.id, 'a', true);
    expect(a.settle(7.999).dropped).toEqual([]);
    expect(a.settle(8).dropped).toEqual([{ id: p.id, reason: 'timedOut', returned: [p.match.tickets[0]], cancelled: [p.match.tickets[1]] }]);
  });

  it('a withdrawn ticket fails its proposal as a rejection, and is not reported again as cancelled', () => {
    const a = new Acceptances({ timeoutSeconds: 10 });
    const [x, y] = [solo('a'), solo('b')];
    const p = a.propose({ tickets: [x, y] }, 0);
    a.answer(p.id, 'b', true);
    expect(a.proposedPlayers).toBe(2);
    expect(a.withdraw('a')).toBe(true);
    // Its player is in the service's hands no more, at once: not counted as proposed until the next round settles.
    expect(a.proposedPlayers).toBe(1);
    expect(a.withdraw('a')).toBe(false);
    expect(a.withdraw('nobody')).toBe(false);
    expect(a.settle(1).dropped).toEqual([{ id: p.id, reason: 'rejected', returned: [y], cancelled: [] }]);
    expect(a.proposedPlayers).toBe(0);
  });

  it('settles proposals in the order they were made', () => {
    const a = new Acceptances({ timeoutSeconds: 1 });
    const first = a.propose({ tickets: [solo('a'), solo('b')] }, 0);
    const second = a.propose({ tickets: [solo('c'), solo('d')] }, 0);
    for (const [id, u] of [[second.id, 'c'], [second.id, 'd'], [first.id, 'a'], [first.id, 'b']] as const) a.answer(id, u, true);
    expect(a.settle(0.5).accepted.map((m) => m.id)).toEqual([first.id, second.id]);
  });

  it('refuses a timeout that is not a positive number of seconds', () => {
    expect(() => new Acceptances({ timeoutSeconds: 0 })).toThrow(RangeError);
    expect(() => new Acceptances({ timeoutSeconds: Number.NaN })).toThrow(RangeError);
  });
});

describe('MatchService with acceptance', () => {
  function service() {
    const now = { t: 0 };
    const queue = new MemoryQueue<PlayerRequest>();
    const cache = new MemoryCache<RoomMember[]>(() => now.t);
    const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock: () => now.t });
    const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'seed', roomSize: 2, window: { type: 'linear', growth: 50 } }, 1);
    return { now, pool, cache, svc: new MatchService({ queue, cache, channels, pool, roomTtl: 3600, cancellable: true, acceptance: { timeoutSeconds: 5 } }) };
  }

  it('proposes instead of making rooms, makes the room at the round after the last acceptance', () => {
    const s = service();
    s.svc.addPlayer(1500, 'u1', 'u1', '', 'u1');
    s.svc.addPlayer(1500, 'u2', 'u2', '', 'u2');
    const first = s.svc.work(0);
    expect(first.rooms).toEqual([]);
    expect(first.proposed?.map((p) => p.match.tickets.map((t) => t.uuid))).toEqual([['u1', 'u2']]);
    expect(s.svc.proposedPlayers()).toBe(2);
    expect(s.pool.size).toBe(0);
    const id = first.proposed![0].id;
    expect(s.svc.acceptMatch(id, 'u1', true)).toBe(true);
    expect(s.svc.acceptMatch(id, 'u2', true)).toBe(true);
    const second = s.svc.work(1);
    expect(second.rooms.map((r) => r.name)).toEqual(['room_u1_u2']);
    expect(s.cache.get('room_u1_u2')).toHaveLength(2);
    expect(s.svc.proposedPlayers()).toBe(0);
  });

  it('puts a failed proposal\'s accepting tickets back in the pool, where they match again', () => {
    const s = service();
    for (const u of ['u1', 'u2']) s.svc.addPlayer(1500, u, u, '', u);
    const id = s.svc.work(0).proposed![0].id;
    s.svc.acceptMatch(id, 'u1', true);
    s.svc.acceptMatch(id, 'u2', false);
    s.svc.addPlayer(1500, 'u3', 'u3', '', 'u3');
    const round = s.svc.work(1);
    expect(round.dropped).toEqual([expect.objectContaining({ reason: 'rejected', returned: [expect.objectContaining({ uuid: 'u1' })], cancelled: [expect.objectContaining({ uuid: 'u2' })] })]);
    // u1 is back before u3 joins: they are proposed together in the same round.
    expect(round.proposed?.map((p) => p.match.tickets.map((t) => t.uuid).sort())).toEqual([['u1', 'u3']]);
    // u2's ticket is over: a cancel finds nothing.
    expect(s.svc.cancelPlayer('u2')).toBe(false);
  });

  it('cancels a proposed ticket (StopMatchmaking) by failing its proposal; the other ticket searches again once it accepted', () => {
    const s = service();
    for (const u of ['u1', 'u2']) s.svc.addPlayer(1500, u, u, '', u);
    const id = s.svc.work(0).proposed![0].id;
    s.svc.acceptMatch(id, 'u2', true);
    expect(s.svc.cancelPlayer('u1')).toBe(true);
    const round = s.svc.work(1);
    expect(round.dropped).toEqual([expect.objectContaining({ reason: 'rejected', returned: [expect.objectContaining({ uuid: 'u2' })], cancelled: [] })]);
    expect(s.pool.waiting().map((r) => r.uuid)).toEqual(['u2']);
    expect(s.svc.cancelPlayer('u2')).toBe(true);
    expect(s.pool.size).toBe(0);
  });

  it('refuses answers when it was built without acceptance', () => {
    const queue = new MemoryQueue<PlayerRequest>();
    const pool = createMatchAlgorithm<PlayerRequest>({ algorithm: 'seed', roomSize: 2, window: { type: 'linear', growth: 50 } }, 1);
    const svc = new MatchService({ queue, cache: new MemoryCache<RoomMember[]>(() => 0), channels: new MemoryChannelLayer<CreatePlayerEvent>({ clock: () => 0 }), pool, roomTtl: 3600 });
    expect(() => svc.acceptMatch(0, 'u1', true)).toThrow(/without acceptance/);
    expect(svc.proposedPlayers()).toBe(0);
  });
});
