import * as z from 'zod';
import { CAP_CLOCKS, type CapClock } from '../../engine/pool/latency-cap.js';
import type { AddIssue } from './section-issue.js';

/** The matcher's latency setting: the cap a room's players must meet in its data centre, and how it relaxes with waiting. */

const ms = (what: string) => z.number().nonnegative({ error: `${what} must be a number of milliseconds >= 0` }).max(100_000, { error: `${what} must be at most 100 000 ms` });

const step = z.strictObject({
  after: z.number().positive({ error: 'after must be a number of seconds > 0' }).max(1e9).describe('Seconds of waiting from which this step is in force (at exactly after, too).'),
  max: ms('max').describe('The cap from then on, in ms: at least the cap before it.'),
  maxDistance: ms('maxDistance').optional().describe('The distance from then on, in ms; absent: as before.'),
});

export const latencyCap = z
  .strictObject({
    max: ms('max').describe('The highest round trip, in ms, any player of a room may have to its data centre with no waiting.'),
    steps: z.array(step).max(100).default([]).describe('Relaxations over waiting, as FlexMatch\'s expansions: [{"after": 10, "max": 100}, ...], after strictly increasing, caps never tightening.'),
    maxDistance: ms('maxDistance').optional().describe('FlexMatch\'s maxDistance: no player may be more than this many ms above (or, with reference avg, away from) the room\'s reference latency in its data centre.'),
    reference: z.enum(['min', 'avg']).optional().describe('What maxDistance is measured from: the room\'s lowest round trip there (min, the default) or its mean (avg).'),
    follows: z
      .enum(CAP_CLOCKS as [CapClock, ...CapClock[]])
      .default('member')
      .describe(
        "Whose wait decides the cap: member (default: each player meets the cap its own wait has reached), oldest (the room's longest wait sets one cap for all: FlexMatch's expansionAgeSelection \"oldest\") or newest (the room's shortest wait: FlexMatch's default, a newcomer resets the match's clock).",
      ),
  })
  .describe('Latency in matching (needs the latency section): a room goes only to a data centre where every player is within the cap in force, and to the best such one (lowest worst round trip, then mean, then the first listed).');

export type LatencyCapSetting = z.output<typeof latencyCap>;

/** What a schema cannot say of the setting: steps in order, each relaxing, a reference only with a distance; and that it has data centres to place rooms in, under the rounds service. */
export function checkLatencyCap(cap: LatencyCapSetting | undefined, context: { readonly dataCentres: boolean; readonly service: string }, issue: AddIssue): void {
  if (context.dataCentres && context.service !== 'rounds') {
    issue(['latency'], `places rooms in data centres under the rounds service: the ${context.service} service tries one request at a time, with no round to place a room in`);
  }
  if (cap === undefined) return;
  const at = ['matcher', 'latency'] as const;
  if (!context.dataCentres) issue([...at], 'needs the latency section: the data centres rooms are placed in, and what players ping');
  if (cap.reference !== undefined && cap.maxDistance === undefined && !cap.steps.some((s) => s.maxDistance !== undefined)) issue([...at, 'reference'], 'is what maxDistance is measured from: give maxDistance too');
  let last = { after: 0, max: cap.max, maxDistance: cap.maxDistance ?? Infinity };
  cap.steps.forEach((s, i) => {
    if (!(s.after > last.after)) issue([...at, 'steps', i, 'after'], `must be after the previous step's ${last.after} s`);
    if (s.max < last.max) issue([...at, 'steps', i, 'max'], `must relax the cap: at least ${last.max} ms`);
    const distance = s.maxDistance ?? last.maxDistance;
    if (distance < last.maxDistance) issue([...at, 'steps', i, 'maxDistance'], `must relax the distance: at least ${last.maxDistance} ms`);
    last = { after: s.after, max: s.max, maxDistance: distance };
  });
}
