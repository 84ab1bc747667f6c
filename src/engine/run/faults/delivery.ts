import { faultyTransport } from '../../faults.js';
import type { RunModule } from '../run-module.js';

/** Delivery faults: a message to a channel is lost with some probability, and the others may arrive late. */
export const delivery: RunModule = {
  name: 'fault: delivery',
  part(config) {
    const fault = config.faults?.delivery;
    if (fault === undefined) return undefined;
    return {
      configure(setup) {
        setup.channelOptions = { ...setup.channelOptions, transport: faultyTransport(fault, setup.kernel, setup.faultCounters) };
      },
    };
  },
};
