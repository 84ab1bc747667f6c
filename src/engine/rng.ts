import seedrandom from 'seedrandom';

/** A uniform source in [0, 1) with 53 bits of randomness. */
export type Uniform = () => number;

/**
 * Independent seeded random streams, one per named purpose. Each stream is
 * seeded from (seed, name) alone, so a new draw in one place (say, scores)
 * never shifts the values another place (say, arrivals) sees.
 */
export class RandomStreams {
  private readonly streams = new Map<string, Uniform>();

  constructor(readonly seed: number) {}

  stream(name: string): Uniform {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      // alea passes BigCrush and is several times faster than seedrandom's default ARC4.
      const prng = seedrandom.alea(`matchsim:${this.seed}:${name}`);
      stream = () => prng.double();
      this.streams.set(name, stream);
    }
    return stream;
  }
}

/** Exponential variate with the given rate, by inversion (1 - u avoids log(0)). */
export function exponential(uniform: Uniform, rate: number): number {
  return -Math.log(1 - uniform()) / rate;
}

/**
 * Standard normal variate by the Box-Muller transform. Uses exactly two
 * uniforms per call and keeps no spare, so the number of draws a value costs
 * never depends on history.
 */
export function standardNormal(uniform: Uniform): number {
  const u1 = 1 - uniform();
  const u2 = uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Picks an index with probability proportional to its weight, with one uniform draw. */
export function weightedPicker(weights: readonly number[], uniform: Uniform): () => number {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w) / total);
  return () => {
    const u = uniform();
    let i = 0;
    while (i < cumulative.length - 1 && u >= cumulative[i]) i++;
    return i;
  };
}
