import * as z from 'zod';
import { before, parseRfc3339 } from '../formats/rfc3339.js';
import type { AddIssue } from '../schema/section-issue.js';
import { namedRecord } from '../named-record.js';

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
  onBadLine: z
    .enum(['error', 'skip'])
    .default('error')
    .describe('A bad line of the log: an error naming the file and the line (default), or skip: passed over, and counted in summary.json (replay.skippedLines).'),
  fields: namedRecord(z.string().min(1).max(64), z.string().min(1).max(200))
    .optional()
    .describe('Columns named for the log\'s fields, column -> field: {"region": "stringArgs.region_code"} (Open Match doubleArgs.<k>, stringArgs.<k>, tags.<k>; FlexMatch PlayerAttributes.<k>, Team; Nakama numeric_properties.<k>, string_properties.<k>, min_count, max_count, count_multiple, query). Every other field keeps its own name; a field no ticket has is an error.'),
  scale: z
    .strictObject({
      copies: z.int().min(1, { error: 'copies must be a whole number from 1 to 100' }).max(100, { error: 'copies must be a whole number from 1 to 100' }).describe('Tickets in all per ticket of the log: 3 for three times the players.'),
      seconds: z.number().nonnegative().max(3600).default(2).describe('A copy arrives up to this many seconds (uniform) after its ticket, on the replay\'s clock.'),
      score: z.number().nonnegative().max(1e6).default(0).describe('A copy\'s score is its ticket\'s plus a normal of this sd, rounded.'),
      seed: z.int().default(1).describe('The seed of the copies\' draws (streams of their own).'),
    })
    .optional()
    .describe('N copies of each ticket, jittered in time and score on seeded streams: copy k has the id <id>#k, the ticket\'s attributes and round trips, and nothing observed.'),
};

/** A window that ends before it starts is refused. */
export function checkReplayWindow(spec: { readonly from?: string; readonly to?: string }, issue: AddIssue): void {
  const from = spec.from === undefined ? undefined : parseRfc3339(spec.from);
  const to = spec.to === undefined ? undefined : parseRfc3339(spec.to);
  if (from !== undefined && to !== undefined && !before(from, to)) issue(['arrivals', 'to'], 'must be after arrivals.from');
}
