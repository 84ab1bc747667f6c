import type { RunModule } from '../run-module.js';

/** The channel layer's limits (a fault): inboxes that hold only `capacity` messages, and messages that expire unread after `expiry` seconds. */
export const channelLimits: RunModule = {
  name: 'fault: channels',
  part(config) {
    const limits = config.faults?.channels;
    if (limits === undefined) return undefined;
    return {
      configure(setup) {
        setup.channelOptions = { ...setup.channelOptions, ...limits };
      },
    };
  },
};
