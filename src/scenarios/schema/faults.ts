import * as z from 'zod';
import { positiveSeconds } from '../fields.js';
import { patience } from './patience.js';
import type { AddIssue } from './section-issue.js';

/** The faults section: faults injected into the in-memory services. */

const probability = z.number().min(0, { error: 'a probability is from 0 to 1' }).max(1, { error: 'a probability is from 0 to 1' });

export const faults = z
  .strictObject({
    channels: z
      .strictObject({
        capacity: z.int().min(1).default(100).describe('Messages an inbox holds; a message to a full inbox is dropped (channels_redis: 100).'),
        expiry: positiveSeconds('expiry (seconds)').default(60).describe('Seconds a message waits in an inbox before it is discarded unread (channels_redis: 60).'),
      })
      .optional()
      .describe('The channel layer bounded as channels_redis is.'),
    delivery: z
      .strictObject({
        drop: probability.default(0).describe('Chance that a create_player message to one channel is lost.'),
        delay: patience.optional().describe('Seconds each message takes to reach an inbox.'),
      })
      .optional()
      .describe('Lost and late notifications.'),
    consumer: z
      .strictObject({ lag: patience.describe('Seconds between a message landing in an inbox and the consumer reading it.') })
      .optional()
      .describe('A slow game-server consumer: what makes capacity and expiry bite.'),
    disconnect: z
      .strictObject({
        probability: probability.describe('Chance that a player\'s connection closes after it queues.'),
        after: patience.describe('Seconds after arrival the connection closes.'),
        cancel: z.boolean().default(false).describe('The service withdraws the request when the connection closes (otherwise it stays and may form a ghost room).'),
      })
      .optional()
      .describe('Players whose connection closes after they queue.'),
    cache: z
      .strictObject({
        ttl: positiveSeconds('ttl (seconds)').optional().describe('Seconds a room entry lives (the seed: 3600).'),
        maxEntries: z.int().min(1).optional().describe("Entries the cache holds before culling, as Django's local-memory cache (MAX_ENTRIES, 300 there)."),
        cullFrequency: z.int().min(0).default(3).describe('When full, 1/cullFrequency of the entries, oldest first, are culled; 0 clears all (Django: 3).'),
      })
      .optional()
      .describe('Room entries that expire or are evicted before the players read them (each player reads its room entry once notified).'),
    worker: z
      .strictObject({
        stallProbability: probability.describe('Chance, each round, that the worker stalls.'),
        stallTicks: z.int().min(1).describe('Rounds a stall lasts: no draining, no matching.'),
      })
      .optional()
      .describe('A worker that stalls for some ticks.'),
  })
  .optional()
  .describe('Faults injected into the in-memory services; summary.faults reports what each cost.');

export type FaultsSpec = NonNullable<z.output<typeof faults>>;

/** Faults the service mode has no place for. */
export function checkFaults(faults: FaultsSpec | undefined, service: { readonly type: string }, issue: AddIssue): void {
  if (faults?.worker && service.type === 'retry') issue(['faults', 'worker'], 'the retry service has no worker rounds to stall');
}
