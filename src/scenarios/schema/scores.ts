import * as z from 'zod';
import { SCORE_MAX, SCORE_MIN } from '../../engine/score-range.js';
import { weight, windowPoints } from '../fields.js';
import type { AddIssue } from './section-issue.js';

/** The scores section: how generated players' scores (and a population's skills) are distributed. */

/** A score: a whole i32 number, as the seed's thrift interface carries them. */
export const score = (what = 'a score') =>
  z
    .number()
    .min(SCORE_MIN, { error: `${what} must be from ${SCORE_MIN} to ${SCORE_MAX} (scores are i32)` })
    .max(SCORE_MAX, { error: `${what} must be from ${SCORE_MIN} to ${SCORE_MAX} (scores are i32)` });

const clip = z
  .strictObject({ min: score('clip.min').optional(), max: score('clip.max').optional() })
  .optional()
  .describe('Bounds scores are clipped to, after rounding; the default clips at 0 (no negative scores).');

const normalScores = z
  .strictObject({
    type: z.literal('normal'),
    mean: score('mean'),
    sd: windowPoints('sd'),
    clip,
  })
  .describe('Normal scores.');

const uniformScores = z
  .strictObject({
    type: z.literal('uniform'),
    min: score('min'),
    max: score('max'),
    clip,
  })
  .describe('Whole-number scores from ceil(min) to floor(max), each equally likely.');

const lognormalScores = z
  .strictObject({
    type: z.literal('lognormal'),
    mu: z.number().min(-100).max(100).describe('Mean of the logarithm of the score.'),
    sigma: z.number().nonnegative({ error: 'sigma must be a number >= 0' }).max(100).describe('Standard deviation of the logarithm of the score.'),
    clip,
  })
  .describe('Log-normal scores: exp(mu + sigma Z), skewed to the right like many rating ladders.');

const constantScores = z
  .strictObject({ type: z.literal('constant'), value: score('value'), clip })
  .describe("Everybody has the same score, e.g. 150 for a new account, as the reference server gives one.");

const histogramScores = z
  .strictObject({
    type: z.literal('histogram'),
    bins: z
      .array(z.strictObject({ min: score('min'), max: score('max'), weight: weight('weight') }))
      .min(1, { error: 'a histogram needs at least one bin' })
      .max(100000)
      .describe('Bins [min, max) with weights; a score is drawn uniformly within a bin chosen by weight.'),
    clip,
  })
  .describe('Scores from a histogram, e.g. of last season\'s ratings.');

const empiricalScores = z
  .strictObject({
    type: z.literal('empirical'),
    file: z.string().min(1).describe('A CSV file with a header, relative to the scenario file.'),
    column: z.string().min(1).default('score').describe('The column to resample.'),
    clip,
  })
  .describe('Scores resampled (with replacement) from a column of a CSV file.');

const componentScores = z.discriminatedUnion('type', [normalScores, uniformScores, lognormalScores, constantScores, histogramScores]);

const mixtureScores = z
  .strictObject({
    type: z.literal('mixture'),
    components: z
      .array(z.strictObject({ weight: weight('weight').positive({ error: 'weight must be > 0' }), scores: componentScores }))
      .min(1, { error: 'a mixture needs at least one component' })
      .max(100)
      .describe('Distributions with weights; each player draws from one, chosen by weight.'),
    clip,
  })
  .describe('A weighted mixture of distributions, e.g. a launch day: most players new at 150, some veterans.');

export const scoresSchema = z.discriminatedUnion('type', [
  normalScores,
  uniformScores,
  lognormalScores,
  constantScores,
  histogramScores,
  empiricalScores,
  mixtureScores,
]);

export type ScoresSpec = z.output<typeof scoresSchema>;
type ComponentScores = z.output<typeof componentScores>;

/** What a score distribution must hold beyond its fields' types: ranges with a whole number in them, a weight somewhere. */
export function checkScores(scores: ScoresSpec | ComponentScores, path: ReadonlyArray<string | number>, issue: AddIssue): void {
  if (scores.type === 'uniform' && Math.floor(scores.max) < Math.ceil(scores.min)) {
    issue([...path, 'max'], 'must be >= min, with a whole number between them');
  }
  if (scores.type === 'histogram') {
    scores.bins.forEach((b, i) => {
      if (b.max <= b.min) issue([...path, 'bins', i, 'max'], `must be above min (${b.min})`);
    });
    if (scores.bins.every((b) => b.weight === 0)) issue([...path, 'bins'], 'every weight is 0');
  }
  if (scores.clip?.min !== undefined && scores.clip.max !== undefined && scores.clip.max < scores.clip.min) {
    issue([...path, 'clip', 'max'], 'must be >= clip.min');
  }
  if (scores.type === 'mixture') scores.components.forEach((c, i) => checkScores(c.scores, [...path, 'components', i, 'scores'], issue));
}
