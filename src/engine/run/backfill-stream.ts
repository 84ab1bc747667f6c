import { Priority } from '../event-priorities.js';
import { BackfillLog } from '../population/running-match.js';
import { STREAM_SESSION_ROOMS } from '../session-backfill-stats.js';
import { backfillService } from './backfill-service.js';
import type { RunModule } from './run-module.js';

/**
 * A stream of backfill requests (SimulationConfig.backfillStream): running
 * sessions the run does not form ask the service for players, each once,
 * named by a room number of their own (STREAM_SESSION_ROOMS + request).
 * A request the pool fills, even with fewer players than it asked for, is
 * done; one unfilled after its timeout is taken back.
 */
export const backfillStream: RunModule = {
  name: 'backfill-stream',
  part(config) {
    const settings = config.backfillStream;
    if (settings === undefined) return undefined;
    const log = new BackfillLog();
    return {
      start(run) {
        const { kernel } = run;
        const standing = new Set<number>();
        const ask = (now: number): void => {
          if (now > settings.until) return;
          const request = log.length;
          const room = STREAM_SESSION_ROOMS + request;
          const open = settings.open();
          log.opened(room, now, open);
          standing.add(request);
          backfillService(run).requestBackfill({ match: room, score: settings.score(), open, requestedAt: now, priority: settings.priority });
          kernel.at(now + settings.timeout, Priority.ABANDON, timedOut, request);
          kernel.at(now + settings.gap(), Priority.ARRIVAL, ask, 0);
        };
        const timedOut = (now: number, request: number): void => {
          if (!standing.delete(request)) return;
          backfillService(run).cancelBackfill(STREAM_SESSION_ROOMS + request);
          log.closed(request, now, 'timedOut', []);
        };
        kernel.at(settings.gap(), Priority.ARRIVAL, ask, 0);
        return {
          roomJoined: (now, room, members) => {
            const request = room - STREAM_SESSION_ROOMS;
            if (request < 0) return;
            if (!standing.delete(request)) throw new Error(`stream session ${request + 1}: players joined a request that stands no more`);
            log.closed(request, now, 'filled', members);
          },
          stats: () => ({ backfillStream: log.view() }),
        };
      },
    };
  },
};
