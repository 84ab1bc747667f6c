import { checkConservation, type Accounting } from '../conservation.js';
import type { RunModule } from './run-module.js';

/** After every tick and at the end, every player who arrived is somewhere: queued, in the pool, matched, or withdrawn (a ConservationError otherwise). */
export const conservation: RunModule = {
  name: 'conservation',
  part() {
    let checks = 0;
    let final: Accounting | undefined;
    return {
      start: () => ({
        ticked: (now, accounting) => {
          checkConservation(now, accounting);
          checks++;
        },
        ended: (now, accounting) => {
          checkConservation(now, accounting);
          checks++;
          final = accounting;
        },
        stats: () => (final === undefined ? {} : { accounting: { ...final, checks } }),
      }),
    };
  },
};
