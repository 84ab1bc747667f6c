import type { RunModule } from '../run-module.js';

/** A worker that stalls (a fault): with some probability a round does not run, nor the `stallTicks - 1` after it. */
export const workerStall: RunModule = {
  name: 'fault: worker',
  part(config) {
    const stall = config.faults?.worker;
    if (stall === undefined) return undefined;
    let stalledLeft = 0;
    return {
      start(run) {
        const counters = run.faultCounters;
        return {
          skipsRound: () => {
            if (!(stalledLeft > 0 || stall.draw() < stall.stallProbability)) return false;
            stalledLeft = stalledLeft > 0 ? stalledLeft - 1 : stall.stallTicks - 1;
            counters.stalledTicks++;
            return true;
          },
        };
      },
    };
  },
};
