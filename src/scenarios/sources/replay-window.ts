import * as z from 'zod';
import { before, parseRfc3339 } from '../formats/rfc3339.js';
import type { AddIssue } from '../schema/section-issue.js';

/** What every kind that replays a production log takes besides its files: a window of the log, and how fast to replay it. */

const rfc3339 = (what: string) =>
  z
    .string()
    .refine((text) => parseRfc3339(text) !== undefined, { error: `${what} must be an RFC 3339 time, e.g. 2024-05-21T06:56:14Z` })
    .optional();

/** The fields, for a kind's strict object (`...REPLAY_WINDOW`). */
export const REPLAY_WINDOW = {
  from: rfc3339('from').describe("Only tickets that entered the queue at or after this time; time 0 of the run. Default: the first ticket's."),
  to: rfc3339('to').describe('Only tickets that entered the queue before this time.'),
  speed: z.number().positive({ error: 'speed must be a number > 0' }).max(1e6).default(1).describe('Replay this many times as fast: 2 makes arrivals twice as dense.'),
};

/** A window that ends before it starts is refused. */
export function checkReplayWindow(spec: { readonly from?: string; readonly to?: string }, issue: AddIssue): void {
  const from = spec.from === undefined ? undefined : parseRfc3339(spec.from);
  const to = spec.to === undefined ? undefined : parseRfc3339(spec.to);
  if (from !== undefined && to !== undefined && !before(from, to)) issue(['arrivals', 'to'], 'must be after arrivals.from');
}
