import type { FaultCosts } from '../../faults.js';
import { FAULT_KINDS, type FaultKind } from '../../run-events.js';
import type { Room } from '../run-context.js';
import type { RunModule } from '../run-module.js';

/**
 * What the faults cost, with any fault: each kind's count is told at every
 * tick it grew, and at the end the players lost and the rooms whose members
 * were not all notified. With faults the game server's consumer learns its
 * room when added to the group, as it reads the room's cache entry on being
 * notified, which may happen while the room is still being created.
 */
export const faultCosts: RunModule = {
  name: 'fault costs',
  part(config) {
    if (config.faults === undefined) return undefined;
    /** Rooms still waiting for a member to be notified, with how many. */
    const pendingRooms = new Map<Room, number>();
    return {
      configure(setup) {
        const { connections } = setup;
        setup.serviceChannels = (channels) => ({
          groupAdd: (group, channel) => {
            if (connections.isOpen(channel)) connections.setRoom(channel, group);
            pendingRooms.set(group, (pendingRooms.get(group) ?? 0) + 1);
            channels.groupAdd(group, channel);
          },
          groupDiscard: (group, channel) => channels.groupDiscard(group, channel),
          groupSend: (group, message) => channels.groupSend(group, message),
          receive: (channel) => channels.receive(channel),
        });
      },
      start(run) {
        const { connections, channels, cache, events, faultCounters: counters } = run;
        const counts = (): Record<FaultKind, number> => ({
          stalledTick: counters.stalledTicks,
          dropped: counters.dropped,
          delayed: counters.delayed,
          overCapacity: channels.overCapacity,
          expired: channels.expired,
          disconnected: counters.disconnected,
          cacheCulled: cache.culled,
          cacheExpired: cache.expired,
        });
        let before = counts();
        const tell = (now: number): void => {
          const current = counts();
          for (const kind of FAULT_KINDS) if (current[kind] > before[kind]) events.faulted(now, kind, current[kind] - before[kind]);
          before = current;
        };
        return {
          notified: (player) => {
            const room = connections.room(player);
            const left = (pendingRooms.get(room) ?? 1) - 1;
            if (left <= 0) pendingRooms.delete(room);
            else pendingRooms.set(room, left);
          },
          ticked: (now) => tell(now),
          ended: (now) => tell(now),
          stats: () => {
            for (let player = 0; player < connections.opened; player++) {
              const open = connections.isOpen(player);
              if (open && connections.room(player) >= 0 && !connections.isNotified(player) && !connections.isGone(player)) counters.neverNotified++;
            }
            const faults: FaultCosts = {
              stalledTicks: counters.stalledTicks,
              messages: { dropped: counters.dropped, delayed: counters.delayed, overCapacity: channels.overCapacity, expired: channels.expired },
              roomsNotFullyNotified: pendingRooms.size,
              playersLost: { disconnected: counters.disconnected, neverNotified: counters.neverNotified, roomEntryGone: counters.roomEntryGone },
              cache: { expired: cache.expired, culled: cache.culled },
            };
            return { faults };
          },
        };
      },
    };
  },
};
