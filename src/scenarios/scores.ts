import { standardNormal, weightedPicker, type Uniform } from '../engine/rng.js';
import type { ScoresSpec } from './schema/scores.js';
import { SCORE_MAX, SCORE_MIN } from '../engine/score-range.js';

/** Draws one score. */
export type ScoreSampler = () => number;

type AnySpec = ScoresSpec | Extract<ScoresSpec, { type: 'mixture' }>['components'][number]['scores'];

/** Values read for empirical distributions, by file and column: loaded with the scenario. */
export type EmpiricalValues = ReadonlyMap<string, Float64Array>;

export const empiricalKey = (file: string, column: string): string => `${file}#${column}`;

/**
 * A score sampler for a distribution. Scores are whole numbers, as the thrift
 * interface carries them (i32): each draw is rounded, then clipped to the
 * distribution's clip bounds (by default at 0, so that no score is negative).
 */
export function scoreSampler(spec: ScoresSpec, uniform: Uniform, empirical: EmpiricalValues = new Map()): ScoreSampler {
  const draw = rawSampler(spec, uniform, empirical);
  const finish = wholeScore(spec);
  return () => finish(draw());
}

/** A value made a score of this distribution: rounded, then clipped to its bounds (by default at 0). */
export function wholeScore(spec: ScoresSpec): (x: number) => number {
  // Within i32 whatever the distribution draws: a score the service could not carry is never made.
  const lo = Math.max(SCORE_MIN, spec.clip?.min ?? 0);
  const hi = Math.min(SCORE_MAX, spec.clip?.max ?? SCORE_MAX);
  return (x) => Math.min(hi, Math.max(lo, Math.round(x)));
}

function rawSampler(spec: AnySpec, uniform: Uniform, empirical: EmpiricalValues): ScoreSampler {
  switch (spec.type) {
    case 'normal': {
      const { mean, sd } = spec;
      return () => mean + sd * standardNormal(uniform);
    }
    case 'uniform': {
      const lo = Math.ceil(spec.min);
      const span = Math.floor(spec.max) - lo + 1;
      return () => lo + Math.floor(uniform() * span);
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return () => Math.exp(mu + sigma * standardNormal(uniform));
    }
    case 'constant': {
      const { value } = spec;
      return () => value;
    }
    case 'histogram': {
      const pick = weightedPicker(spec.bins.map((b) => b.weight), uniform);
      const bins = spec.bins;
      return () => {
        const b = bins[pick()];
        return b.min + uniform() * (b.max - b.min);
      };
    }
    case 'empirical': {
      const values = empirical.get(empiricalKey(spec.file, spec.column));
      if (values === undefined) throw new Error(`empirical scores ${spec.file} were not loaded`);
      return () => values[Math.floor(uniform() * values.length)];
    }
    case 'mixture': {
      const pick = weightedPicker(spec.components.map((c) => c.weight), uniform);
      const parts = spec.components.map((c) => rawSampler(c.scores, uniform, empirical));
      return () => parts[pick()]();
    }
  }
}
