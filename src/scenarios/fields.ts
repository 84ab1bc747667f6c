import * as z from 'zod';
import { SCORE_MAX, SCORE_MIN } from '../engine/score-range.js';

/*
 * Field schemas the scenario format and the algorithm registry share: bounds,
 * windows and filters. A leaf: it imports nothing of matchsim's but the score
 * range, so an algorithm's settings can be declared next to the algorithm.
 */

/**
 * Bounds on numbers, so that no value can overflow to Infinity or NaN in a
 * run (a window times a wait, a score plus a spread, a time plus a patience):
 * scores are whole i32 numbers as the seed's thrift interface carries them;
 * a window is at most the whole score range (2^32); times at most 1e9 s.
 */
export const LIMITS = { scoreMin: SCORE_MIN, scoreMax: SCORE_MAX, window: 2 ** 32, seconds: 1e9, attribute: 1e15, weight: 1e12 } as const;

/** A relative weight (of a category, a bin, a mixture's part, a party size, a time of day): at most 1e12, so that thousands of them sum without overflow or loss of the small ones. */
export const weight = (what = 'a weight') => z.number().nonnegative({ error: `${what} must be >= 0` }).max(LIMITS.weight, { error: `${what} must be at most 1e12 (weights are relative)` });
export const positive = (what: string) => z.number().positive({ error: `${what} must be a number > 0` });
export const windowPoints = (what: string) =>
  z.number().nonnegative({ error: `${what} must be a number >= 0` }).max(LIMITS.window, { error: `${what} must be at most 2^32 (the whole score range)` });
export const seconds = (what: string) => z.number().nonnegative({ error: `${what} must be a number >= 0` }).max(LIMITS.seconds, { error: `${what} must be at most 1e9 seconds` });
export const positiveSeconds = (what: string) => positive(what).max(LIMITS.seconds, { error: `${what} must be at most 1e9 seconds` });

export const windowSpec = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('linear'), growth: windowPoints('growth') }).describe('growth points per second of waiting (the seed).'),
    z.strictObject({ type: z.literal('capped'), growth: windowPoints('growth'), cap: windowPoints('cap') }).describe('Linear growth up to cap.'),
    z
      .strictObject({
        type: z.literal('steps'),
        steps: z
          .array(z.strictObject({ after: seconds('after'), window: windowPoints('window') }))
          .min(1)
          .max(1000)
          .describe('After `after` seconds of waiting the window is `window` (FlexMatch expansions); 0 before the first.'),
      })
      .describe('Window expansions in steps.'),
    z
      .strictObject({
        type: z.literal('exponential'),
        initial: positive('initial').max(LIMITS.window, { error: 'initial must be at most 2^32 (the whole score range)' }),
        factor: z.number().min(1).max(1000),
        cap: positive('cap').max(LIMITS.window, { error: 'cap must be at most 2^32 (the whole score range)' }).optional(),
      })
      .describe('initial after one second, times factor each further second, up to cap.'),
  ])
  .describe('How a score window grows with waiting.');

export const filter = z.union(
  [
    z.strictObject({ attribute: z.string().min(1), equals: z.string().describe('The attribute must be exactly this string.') }),
    z.strictObject({ attribute: z.string().min(1), present: z.boolean().describe('The attribute (a tag) must be present, or absent.') }),
    z.strictObject({ attribute: z.string().min(1), min: z.number().optional(), max: z.number().optional() }).describe('A number in [min, max].'),
  ],
  { error: 'a filter is {"attribute", "equals": string}, {"attribute", "present": bool} or {"attribute", "min", "max"}' },
);
