import { Priority } from '../../event-priorities.js';
import type { RunModule } from '../run-module.js';

/** A slow consumer (a fault): each message is read `lag` seconds after it lands. */
export const consumerLag: RunModule = {
  name: 'fault: consumer',
  part(config) {
    const lag = config.faults?.consumerLag;
    if (lag === undefined) return undefined;
    return {
      configure(setup) {
        const { kernel } = setup;
        setup.consumer = (read) => (player) => kernel.delay(lag(), Priority.DELIVERY, () => read(player));
      },
    };
  },
};
