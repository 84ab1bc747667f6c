import type { AttributeValue, Attributes } from '../engine/pool/filters.js';
import { standardNormal, type Uniform } from '../engine/rng.js';
import type { AttributeSpecs } from './schema/attributes.js';

/** Draws a generated player's attributes, in the order the scenario lists them. */
export function attributesSampler(specs: AttributeSpecs, uniform: Uniform): () => Attributes {
  const draws = Object.entries(specs).map(([name, spec]): [string, () => AttributeValue | undefined] => {
    switch (spec.type) {
      case 'category': {
        const values = Object.keys(spec.values);
        const weights = Object.values(spec.values);
        const total = weights.reduce((a, b) => a + b, 0);
        return [
          name,
          () => {
            let u = uniform() * total;
            for (let i = 0; i < values.length; i++) {
              u -= weights[i];
              if (u < 0) return values[i];
            }
            return values[values.length - 1];
          },
        ];
      }
      case 'tag': {
        const p = spec.probability;
        return [name, () => (uniform() < p ? true : undefined)];
      }
      case 'normal': {
        const { mean, sd } = spec;
        return [name, () => mean + sd * standardNormal(uniform)];
      }
      case 'uniform': {
        const { min, max } = spec;
        return [name, () => min + uniform() * (max - min)];
      }
    }
  });
  return () => {
    // Null prototype: a user's attribute name ("__proto__", "constructor") is an own property like any other.
    const attributes = Object.create(null) as Record<string, AttributeValue>;
    for (const [name, draw] of draws) {
      const value = draw();
      if (value !== undefined) attributes[name] = value;
    }
    return attributes;
  };
}
