import * as z from 'zod';
import { positiveSeconds, seconds } from '../fields.js';

/** A distribution of seconds: a player's patience, a fault's delay, a session's or a match's length. */
export const patience = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('exponential'), mean: positiveSeconds('mean (seconds)') }).describe('Memoryless patience with this mean.'),
    z.strictObject({ type: z.literal('constant'), value: positiveSeconds('value (seconds)') }),
    z.strictObject({ type: z.literal('uniform'), min: seconds('min (seconds)'), max: positiveSeconds('max (seconds)') }),
    z
      .strictObject({ type: z.literal('lognormal'), mu: z.number().min(-50).max(20), sigma: z.number().nonnegative().max(5) })
      .describe('exp(mu + sigma Z) seconds: most players give up around exp(mu), a few wait much longer.'),
  ])
  .describe('How long a player waits for a room before giving up, in seconds.');

export type PatienceSpec = z.output<typeof patience>;
