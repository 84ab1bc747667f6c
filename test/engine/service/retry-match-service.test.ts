import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../src/engine/kernel.js';
import { Priority } from '../../../src/engine/event-priorities.js';
import { MemoryCache } from '../../../src/engine/memory/memory-cache.js';
import { MemoryChannelLayer } from '../../../src/engine/memory/memory-channel-layer.js';
import { AnchorPool } from '../../../src/engine/pool/anchor-pool.js';
import { linearWindow } from '../../../src/engine/pool/window.js';
import type { CreatedRoom } from '../../../src/engine/service/match-service.js';
import type { PlayerRequest } from '../../../src/engine/service/player-request.js';
import { RetryMatchService } from '../../../src/engine/service/retry-match-service.js';
import type { CreatePlayerEvent, RoomMember } from '../../../src/engine/service/rooms.js';

function setup(delay = 2) {
  const kernel = new Kernel();
  const clock = () => kernel.now;
  const channels = new MemoryChannelLayer<CreatePlayerEvent>({ clock });
  const cache = new MemoryCache<RoomMember[]>(clock);
  const rooms: Array<{ at: number; room: CreatedRoom }> = [];
  const attempts: number[] = [];
  const svc = new RetryMatchService({
    pool: new AnchorPool<PlayerRequest>({ roomSize: 3, window: linearWindow(10), roundSeconds: 1 }),
    cache,
    channels,
    roomTtl: 3600,
    delay,
    scheduler: {
      delay: (seconds, event) => {
        attempts.push(kernel.now + seconds);
        kernel.delay(seconds, Priority.DELAYED, event);
      },
    },
    onRoom: (room) => rooms.push({ at: kernel.now, room }),
  });
  const add = (t: number, uuid: string, score: number) => kernel.at(t, Priority.ARRIVAL, () => svc.addPlayer(score, uuid, uuid, '', uuid));
  return { kernel, svc, rooms, attempts, cache, add };
}

describe('RetryMatchService (seed 004: delayed events)', () => {
  it('tries at once, then every delay seconds with matching_time grown by the delay', () => {
    const s = setup();
    s.add(0, 'a', 100);
    s.add(0.5, 'b', 125);
    s.add(0.7, 'c', 80);
    s.kernel.at(20, Priority.TICK, () => s.kernel.stop());
    s.kernel.run();
    // a: window 0 at 0, 20 at 2 (b is 25 away), 40 at 4: b (25) and c (20) -> room at 4.
    expect(s.rooms.map((r) => [r.at, r.room.name])).toEqual([[4, 'room_a_c_b']]);
    // b and c retried at 2.5 and 2.7 with windows of 20, too narrow for two companions; a took them at 4,
    // so their attempts at 4.5 and 4.7 find them matched and schedule nothing more.
    expect(s.attempts).toEqual([2, 2.5, 2.7, 4, 4.5, 4.7]);
    expect(s.svc.waiting).toBe(0);
    expect(s.cache.get('room_a_c_b')?.map((m) => m.uuid)).toEqual(['a', 'c', 'b']);
  });

  it('stops retrying a request once it is withdrawn', () => {
    const s = setup();
    s.add(0, 'a', 100);
    s.kernel.at(1, Priority.ABANDON, () => expect(s.svc.cancelPlayer('a')).toBe(true));
    s.kernel.at(30, Priority.TICK, () => s.kernel.stop());
    s.kernel.run();
    expect(s.attempts).toEqual([2]); // the attempt at 2 finds it gone and schedules nothing
    expect(s.svc.cancelPlayer('a')).toBe(false);
  });

  it('refuses a delay that is not positive', () => {
    expect(() => setup(0)).toThrow(/delay must be > 0/);
  });
});
