import * as z from 'zod';
import { positive, positiveSeconds, seconds } from '../fields.js';

/** The scenario's own fields: what it is, its seed, its clock. */
export const coreFields = {
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
  name: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      error: 'name must be letters, digits, ".", "_" or "-" (it names the output directory)',
    }),
  description: z.string().optional().describe('What the scenario is for.'),
  seed: z.int().nonnegative({ error: 'seed must be a whole number >= 0' }).describe('Every random stream derives from it.'),
  tick: positive('tick (seconds)').max(86400, { error: 'tick must be at most 86400 seconds' }).default(1).describe('Seconds between worker rounds.'),
  duration: positiveSeconds('duration (seconds)')
    .optional()
    .describe('Seconds of arrivals; for a trace, defaults to its last arrival rounded up to a whole tick.'),
  drain: seconds('drain').default(0).describe('Seconds to keep ticking after arrivals stop.'),
};
