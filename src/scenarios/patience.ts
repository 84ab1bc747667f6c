import { exponential, standardNormal, type Uniform } from '../engine/rng.js';
import type { PatienceSpec } from './schema/patience.js';

/** Draws how many seconds a player waits before giving up. */
export function patienceSampler(spec: PatienceSpec, uniform: Uniform): () => number {
  switch (spec.type) {
    case 'exponential': {
      const rate = 1 / spec.mean;
      return () => exponential(uniform, rate);
    }
    case 'constant': {
      const { value } = spec;
      return () => value;
    }
    case 'uniform': {
      const { min, max } = spec;
      return () => min + uniform() * (max - min);
    }
    case 'lognormal': {
      const { mu, sigma } = spec;
      return () => Math.exp(mu + sigma * standardNormal(uniform));
    }
  }
}
