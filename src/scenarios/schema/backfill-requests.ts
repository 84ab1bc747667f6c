import * as z from 'zod';
import { BACKFILL_PRIORITIES } from '../../engine/pool/backfill.js';
import { positive, positiveSeconds, weight } from '../fields.js';
import { scoresSchema } from './scores.js';

/**
 * A stream of backfill requests with open arrivals: long-running sessions
 * matchsim does not form (a service that backfills running games) asking
 * for players, at a rate, each for some open places around its players'
 * score. Only what such a request carries is drawn: no session length, no
 * present players' attributes.
 */
export const backfillRequests = z
  .strictObject({
    rate: positive('rate (requests per second)').max(1e6).describe('Backfill requests per second, a Poisson stream, until the end of duration.'),
    open: z
      .record(z.string().regex(/^[1-9][0-9]{0,2}$/, { error: 'places open is a whole number from 1 to 999' }), weight())
      .default({ '1': 1 })
      .describe('Places a request asks to fill -> weight, e.g. {"1": 7, "2": 3}.'),
    score: scoresSchema.optional().describe("The score of a request's session (its present players' mean), the centre of its window; absent: drawn as the players' scores are."),
    timeoutSeconds: positiveSeconds('timeoutSeconds').default(60).describe('A request unfilled this long is taken back (it is not asked again).'),
    priority: z.enum(BACKFILL_PRIORITIES).default('normal').describe("How requests stand against new matches in a round (FlexMatch's backfillPriority): high first, normal by age among the new matches' oldest tickets, low last."),
  })
  .optional()
  .describe('A stream of backfill requests from running sessions matchsim does not form (open arrivals): each fills from the pool under the rules a new match obeys, and its joiners are matched when it is filled.');

export type BackfillRequestsSpec = NonNullable<z.output<typeof backfillRequests>>;
