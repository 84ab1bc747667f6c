import { standardNormal, type Uniform } from '../engine/rng.js';
import type { ScoresSpec } from './schema.js';

/** Draws one score. */
export type ScoreSampler = () => number;

/**
 * Score samplers. Scores are whole numbers, as the thrift interface carries
 * them (i32): normal draws are rounded and clipped at 0, uniform draws are
 * whole numbers from ceil(min) to floor(max), each equally likely.
 */
export function scoreSampler(spec: ScoresSpec, uniform: Uniform): ScoreSampler {
  switch (spec.type) {
    case 'normal': {
      const { mean, sd } = spec;
      return () => Math.max(0, Math.round(mean + sd * standardNormal(uniform)));
    }
    case 'uniform': {
      const lo = Math.ceil(spec.min);
      const span = Math.floor(spec.max) - lo + 1;
      return () => lo + Math.floor(uniform() * span);
    }
  }
}
