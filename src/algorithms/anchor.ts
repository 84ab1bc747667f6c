import { AnchorPool } from '../engine/pool/anchor-pool.js';
import { defineAlgorithm } from './algorithm-entry.js';
import { roleSlots } from './role-slots.js';

export const anchor = defineAlgorithm({
  name: 'anchor',
  description: 'oldest first: the longest-waiting request takes the closest scores inside its own window',
  traits: { parties: true, teams: false, services: ['rounds', 'retry'], oneWindow: true, clocks: ['rounds', 'seconds'], roles: true, backfill: true },
  create: (settings, context) => {
    const roles = roleSlots(settings, context);
    return new AnchorPool({ ...context, ...(roles !== undefined ? { roles } : {}) });
  },
});
