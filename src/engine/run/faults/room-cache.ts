import type { RunModule } from '../run-module.js';

/** A bounded room cache (a fault): entries culled past `maxEntries`, and a room's entry that may be gone when a notified player reads it. */
export const roomCache: RunModule = {
  name: 'fault: cache',
  part(config) {
    const fault = config.faults?.cache;
    if (fault === undefined) return undefined;
    return {
      configure(setup) {
        setup.cacheLimit = fault.limit;
      },
      start(run) {
        const { cache, connections, faultCounters } = run;
        return {
          notified: (player) => {
            if (cache.get(connections.room(player)) === undefined) faultCounters.roomEntryGone++;
          },
        };
      },
    };
  },
};
