import * as z from 'zod';
import { ALGORITHMS } from '../engine/pool/algorithms.js';

/**
 * The scenario format, defined once: validation (with the path of every bad
 * field) and the resolved type both come from here, and defaults are filled
 * here and nowhere else.
 */
const positive = (what: string) => z.number().positive({ error: `${what} must be a number > 0` });

const poissonArrivals = z
  .strictObject({
    type: z.literal('poisson'),
    rate: positive('rate (arrivals per second)').describe('Arrivals per second.'),
  })
  .describe('A Poisson process: exponential gaps at a constant rate.');

const traceArrivals = z
  .strictObject({
    type: z.literal('trace'),
    file: z
      .string()
      .min(1, { error: 'file must be a non-empty path' })
      .describe('CSV with the header time,id,score, rows in time order; a path relative to the scenario file.'),
  })
  .describe('Replays a recorded arrival trace.');

const normalScores = z
  .strictObject({
    type: z.literal('normal'),
    mean: z.number(),
    sd: z.number().nonnegative({ error: 'sd must be a number >= 0' }),
  })
  .describe('Normal scores, rounded to whole numbers and clipped at 0.');

const uniformScores = z
  .strictObject({
    type: z.literal('uniform'),
    min: z.number(),
    max: z.number(),
  })
  .describe('Whole-number scores from ceil(min) to floor(max), each equally likely.');

const matcher = z.strictObject({
  algorithm: z
    .enum(ALGORITHMS)
    .default('seed')
    .describe('seed: the pool sorted by score, as the seed intends; seed-legacy: in arrival order, as the published code runs.'),
  roomSize: z.int().min(2, { error: 'roomSize must be an integer >= 2' }).max(1000).default(3).describe('Players per room.'),
  windowGrowth: z
    .number()
    .nonnegative({ error: 'windowGrowth must be a number >= 0' })
    .default(50)
    .describe('G: score points of window per second of waiting.'),
});

/** Fields a sweep may not vary: they name or shape the sweep itself. */
export const UNSWEEPABLE = ['name', 'sweep', 'replications', '$schema', 'description'] as const;

const sweepValue = z.union([z.number(), z.string(), z.boolean()]);

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    name: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
        error: 'name must be letters, digits, ".", "_" or "-" (it names the output directory)',
      }),
    description: z.string().optional().describe('What the scenario is for.'),
    seed: z.int().nonnegative({ error: 'seed must be a whole number >= 0' }).describe('Every random stream derives from it.'),
    tick: positive('tick (seconds)').default(1).describe('Seconds between worker rounds.'),
    duration: positive('duration (seconds)')
      .optional()
      .describe('Seconds of arrivals; for a trace, defaults to its last arrival rounded up to a whole tick.'),
    drain: z.number().nonnegative({ error: 'drain must be a number >= 0' }).default(0).describe('Seconds to keep ticking after arrivals stop.'),
    arrivals: z.discriminatedUnion('type', [poissonArrivals, traceArrivals]).describe('Who arrives when.'),
    scores: z
      .discriminatedUnion('type', [normalScores, uniformScores])
      .optional()
      .describe('Score distribution of generated players (not used with a trace).'),
    matcher: matcher.prefault({}).describe('The match algorithm and its parameters.'),
    sweep: z
      .record(
        z.string().regex(/^[A-Za-z$][\w$]*(\.[A-Za-z$][\w$]*)*$/, { error: 'a sweep key must be a dotted field path' }),
        z.array(sweepValue).min(1, { error: 'a sweep needs at least one value' }).max(1000),
      )
      .optional()
      .describe('Dotted field path -> the values to run it at; several fields give their cartesian product.'),
    replications: z
      .int()
      .min(1, { error: 'replications must be a whole number >= 1' })
      .max(1000)
      .default(1)
      .describe('Runs of each point, with seeds seed, seed + 1, ...; figures then get 95% confidence intervals.'),
  })
  .superRefine((s, ctx) => {
    if (s.arrivals.type === 'poisson') {
      if (s.duration === undefined) {
        ctx.addIssue({ code: 'custom', path: ['duration'], message: 'required with poisson arrivals' });
      }
      if (s.scores === undefined) {
        ctx.addIssue({ code: 'custom', path: ['scores'], message: 'required with poisson arrivals' });
      }
    } else if (s.scores !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['scores'], message: 'not used with a trace: scores come from the trace' });
    }
    for (const key of Object.keys(s.sweep ?? {})) {
      if ((UNSWEEPABLE as readonly string[]).includes(key.split('.')[0])) {
        ctx.addIssue({ code: 'custom', path: ['sweep', key], message: `${key} cannot be swept` });
      }
    }
    if (s.scores?.type === 'uniform' && Math.floor(s.scores.max) < Math.ceil(s.scores.min)) {
      ctx.addIssue({ code: 'custom', path: ['scores', 'max'], message: 'must be >= min, with a whole number between them' });
    }
  });

/** A scenario as written, before defaults. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario after validation, with every default filled in. */
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ArrivalsSpec = ParsedScenario['arrivals'];
export type ScoresSpec = NonNullable<ParsedScenario['scores']>;
