import { Priority } from '../event-priorities.js';
import type { RunModule } from './run-module.js';

/**
 * Players who give up: each request draws a patience on arrival (or takes
 * the one its source recorded: a replayed log's observed leave) and leaves
 * when it runs out unmatched (withdrawn with `cancel`).
 */
export const patience: RunModule = {
  name: 'patience',
  part(config) {
    const abandonment = config.abandonment;
    if (abandonment === undefined) return undefined;
    return {
      configure(setup) {
        if (abandonment.cancel) setup.cancellable = true;
        setup.cancels.patience = abandonment.cancel;
      },
      start(run) {
        const { kernel, events } = run;
        const recorded = abandonment.recorded;
        const patienceOf = recorded === undefined ? () => abandonment.patience() : (leader: number) => run.tally.tickets.recordedValue(recorded.column, leader) * recorded.scale;
        return {
          arrived: (now, leader, size) => {
            const seconds = patienceOf(leader);
            // A recorded ticket that was never seen to leave never gives up.
            if (Number.isNaN(seconds)) return;
            for (let k = 0; k < size; k++) events.patience(leader + k, seconds);
            kernel.at(now + seconds, Priority.ABANDON, () => run.withdraw(leader, 'patience'));
          },
        };
      },
    };
  },
};
