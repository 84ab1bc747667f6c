import { describe, expect, it } from 'vitest';
import { GrowableFloat64, GrowableInt32, grown } from '../../src/engine/growable.js';

describe('growable columns', () => {
  it('keep every value pushed, from any starting capacity (none at all included), in order', () => {
    for (const capacity of [0, 1, 3, 1024]) {
      const floats = new GrowableFloat64(capacity);
      const ints = new GrowableInt32(capacity);
      for (let i = 0; i < 5000; i++) {
        floats.push(i / 4);
        ints.push(-i);
      }
      expect(floats.length).toBe(5000);
      expect(Array.from(floats.view())).toEqual(Array.from({ length: 5000 }, (_, i) => i / 4));
      expect(ints.get(4999)).toBe(-4999);
      ints.set(0, 7);
      expect(ints.view()[0]).toBe(7);
    }
  });

  it('grown keeps the old values first, in an array of the same kind', () => {
    const next = grown(Uint8Array.of(1, 2, 3), 5);
    expect(next).toBeInstanceOf(Uint8Array);
    expect(Array.from(next)).toEqual([1, 2, 3, 0, 0]);
  });
});
