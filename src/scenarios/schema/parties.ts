import * as z from 'zod';
import { weight, windowPoints } from '../fields.js';

/** The parties section: players who queue together. What an algorithm can hold is the matcher's rule (matcher.ts). */
export const parties = z
  .strictObject({
    sizes: z
      .record(z.string().regex(/^[1-9][0-9]{0,2}$/, { error: 'a party size is a whole number from 1 to 999' }), weight())
      .describe('Party size -> weight, e.g. {"1": 6, "2": 3, "3": 1}: each arrival is a request of that many players.'),
    score: z.enum(['mean', 'max']).default('mean').describe("The party's score for matching: its members' mean, or their maximum."),
    memberSpread: windowPoints('memberSpread')
      .optional()
      .describe("Standard deviation of a member's score around the first member's (friends play at similar levels); absent: each member drawn from scores on its own."),
  })
  .optional()
  .describe('Players who queue together: a party is one request, never split. Arrival rates count requests.');

export type PartiesSpec = NonNullable<z.output<typeof parties>>;
