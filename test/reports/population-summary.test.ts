import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedWithout } from '../../src/reports/population-summary.js';

describe('sortedWithout', () => {
  it("is the sorted rest of a sample once a sub-sample is taken out: ties, zeros and repeats included (a sort of the rest as the oracle)", () => {
    const value = fc.oneof(fc.constantFrom(0, 1, 1.5, 2), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 300 }), (tagged) => {
        const all = Float64Array.from(tagged.map(([x]) => x)).sort();
        const part = Float64Array.from(tagged.filter(([, inPart]) => inPart).map(([x]) => x)).sort();
        const rest = Float64Array.from(tagged.filter(([, inPart]) => !inPart).map(([x]) => x)).sort();
        expect(sortedWithout(all, part)).toEqual(rest);
      }),
    );
  });

  it('refuses a part that is not in the whole, rather than return a wrong rest', () => {
    expect(() => sortedWithout(Float64Array.of(1, 2, 3), Float64Array.of(2.5))).toThrow(/not in the whole/);
    expect(() => sortedWithout(Float64Array.of(1, 2), Float64Array.of(2, 2))).toThrow();
  });
});
