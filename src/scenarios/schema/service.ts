import * as z from 'zod';
import { positiveSeconds } from '../fields.js';

/** The service section (matcher.service): how the match service drives the pool. What an algorithm can run under is the matcher's rule (matcher.ts). */
export const service = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('rounds') }).describe("A worker drains the queue into the pool and matches the whole pool every tick (the reference server)."),
    z
      .strictObject({
        type: z.literal('retry'),
        delay: positiveSeconds('delay (seconds)').default(2).describe('Seconds between attempts of one request (default 2).'),
      })
      .describe("No worker round: each request tries to match as it arrives and again every delay seconds on its own delayed events, as a play-with-others service does; the algorithm (or module) must match one request on its own (matchOne)."),
  ])
  .describe('How the match service drives the pool.');
