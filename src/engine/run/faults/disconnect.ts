import { Priority } from '../../event-priorities.js';
import type { RunModule } from '../run-module.js';

/** Connections that close (a fault): a request's connection closes some time after it arrives, with some probability; with `cancel` the service withdraws it. */
export const disconnect: RunModule = {
  name: 'fault: disconnect',
  part(config) {
    const fault = config.faults?.disconnect;
    if (fault === undefined) return undefined;
    return {
      configure(setup) {
        if (fault.cancel) setup.cancellable = true;
        setup.cancels.disconnect = fault.cancel;
      },
      start(run) {
        const { kernel } = run;
        return {
          arrived: (now, leader) => {
            if (fault.draw() < fault.probability) kernel.at(now + fault.after(), Priority.ABANDON, () => run.withdraw(leader, 'disconnect'));
          },
        };
      },
    };
  },
};
