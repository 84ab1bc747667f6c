import { Priority } from '../event-priorities.js';
import type { RunModule } from './run-module.js';

/**
 * The service gives a ticket up: a request still unmatched the matcher's
 * requestTimeout seconds after it was made (its arrival: StartMatchmaking)
 * is withdrawn, its players gone (FlexMatch's requestTimeoutSeconds, a
 * MatchmakingTimedOut event). They are counted apart from players who gave
 * up (timedOut).
 */
export const requestTimeout: RunModule = {
  name: 'request-timeout',
  part(config) {
    const seconds = config.matcher.requestTimeout;
    if (seconds === undefined) return undefined;
    let timedOut = 0;
    return {
      configure(setup) {
        setup.cancellable = true;
        setup.cancels.timeout = true;
      },
      start(run) {
        const { kernel, counts } = run;
        return {
          arrived: (now, leader) => {
            kernel.at(now + seconds, Priority.ABANDON, () => {
              // Withdrawn now, not earlier (given up, matched or gone): what the withdrawal counts as abandoned is this timeout's.
              const before = counts.abandoned;
              run.withdraw(leader, 'timeout');
              timedOut += counts.abandoned - before;
            });
          },
          stats: () => ({ timedOut }),
        };
      },
    };
  },
};
