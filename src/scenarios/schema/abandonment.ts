import * as z from 'zod';
import { patience } from './patience.js';
import type { AddIssue } from './section-issue.js';

/** The abandonment section: players who give up waiting. */
export const abandonment = z
  .strictObject({
    patience,
    cancel: z
      .boolean()
      .default(false)
      .describe(
        'true: the service withdraws the request of a player who gives up (as Open Match DeleteTicket). false (the reference server): the request stays and may still be matched into a room whose member is gone (a ghost room).',
      ),
  })
  .optional()
  .describe('Players who give up waiting.');

export type AbandonmentSpec = NonNullable<z.output<typeof abandonment>>;

export function checkAbandonment(abandonment: AbandonmentSpec | undefined, issue: AddIssue): void {
  const p = abandonment?.patience;
  if (p?.type === 'uniform' && p.max < p.min) issue(['abandonment', 'patience', 'max'], `must be >= min (${p.min})`);
}
