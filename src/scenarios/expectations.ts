import * as z from 'zod';
import { FIGURES, figureOf } from '../reports/figure-catalogue.js';
import { namedRecord } from './named-record.js';

/** Bounds on one figure: its value (min, max) or, for a count of players, its share of all players (minShare, maxShare). */
const bounds = z
  .strictObject({
    min: z.number().optional(),
    max: z.number().optional(),
    minShare: z.number().min(0).max(1).optional().describe('For a count of players: at least this share of players.total.'),
    maxShare: z.number().min(0).max(1).optional().describe('For a count of players: at most this share of players.total.'),
  })
  .refine((b) => b.min !== undefined || b.max !== undefined || b.minShare !== undefined || b.maxShare !== undefined, {
    error: 'give min, max, minShare or maxShare',
  });

/**
 * Expectations: figure key -> bounds, e.g. {"wait.p95": {"max": 30},
 * "players.matched": {"minShare": 0.95}}. With replications a bound is
 * checked against the mean over replications; in a sweep, at every point.
 */
export const expectationsSchema = namedRecord(z.string(), bounds)
  .superRefine((expectations, ctx) => {
    for (const [key, b] of Object.entries(expectations)) {
      const figure = figureOf(key);
      if (figure === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `not a figure; expected one of ${FIGURES.map((f) => f.key).join(', ')}` });
      } else if ((b.minShare !== undefined || b.maxShare !== undefined) && !figure.perPlayer) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'minShare and maxShare are for counts of players (players.matched, players.waiting, players.abandoned, abandonment.timedOut, acceptance.playersCancelled)' });
      }
      if (b.min !== undefined && b.max !== undefined && b.max < b.min) ctx.addIssue({ code: 'custom', path: [key, 'max'], message: `must be >= min (${b.min})` });
    }
  })
  .describe('What the results must satisfy, for matchsim check: figure -> {min, max, minShare, maxShare}.');

export type Expectations = z.output<typeof expectationsSchema>;
export type Bounds = Expectations[string];
