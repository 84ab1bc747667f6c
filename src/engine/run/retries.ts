import { Priority } from '../event-priorities.js';
import { matchesOne } from '../pool/match-algorithm.js';
import { UserMatcherError } from '../pool/user-module.js';
import { RetryMatchService } from '../service/retry-match-service.js';
import type { Player, Room, RunContext } from './run-context.js';
import type { RunModule } from './run-module.js';

/**
 * Per-request retries instead of a worker: the handler puts each request in
 * the pool, and a request not matched tries again `delay` seconds later, on
 * an event of its own. The tick only samples the timeline.
 */
export const retries: RunModule = {
  name: 'retries',
  part: (config) => (config.matcher.service.type === 'retry' ? { start } : undefined),
};

function start(run: RunContext): void {
  const { kernel, config, channels, events, pool, roomFormed, pooledPlayers } = run;
  const { matcher } = config;
  if (matcher.service.type !== 'retry') throw new Error('retries: the scenario asks for a worker');
  if (!matchesOne(pool)) {
    const why = 'the scenario asks for service retry, which needs matchOne(request, waitSeconds), and the matcher has none';
    // The scenario's schema lets only built-in algorithms that can run under retry; a module is seen only once built.
    throw matcher.moduleName !== undefined ? new UserMatcherError(matcher.moduleName, 'createMatcher', new Error(why)) : new RangeError(why);
  }
  /** Rooms matched since the last timeline sample (rooms form between ticks). */
  let roomsSince = 0;
  let matchedAtSample = 0;
  let deliveredAtSample = 0;
  const service = new RetryMatchService<Player, Room>({
    ...run.ports,
    pool,
    delay: matcher.service.delay,
    // Attempts stop with the run: a request still waiting then is written as waiting.
    scheduler: {
      delay: (seconds, event) => {
        if (kernel.now + seconds <= config.end) kernel.delay(seconds, Priority.DELAYED, event);
      },
    },
    onRoom: (room) => {
      roomsSince++;
      roomFormed(kernel.now, room);
    },
  });
  run.service = {
    handler: service,
    joinsOnArrival: true,
    queuedPlayers: () => 0,
    round: (now) => {
      const pooled = pooledPlayers();
      events.ticked(now, 0, pooled, roomsSince, run.counts.matched - matchedAtSample, channels.delivered - deliveredAtSample);
      roomsSince = 0;
      matchedAtSample = run.counts.matched;
      deliveredAtSample = channels.delivered;
      return pooled;
    },
  };
}
