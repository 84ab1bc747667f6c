import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, csvLines, csvText } from '../../src/reports/csv-writer.js';
import { neutraliseFormula } from '../../src/reports/csv-safety.js';

const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 40) * 25;

/** Text as the tables hold it, and worse: commas, quotes, line breaks, formula leaders, spaces, non-ASCII, empty. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r', ' ', '=', '+', '-', '@', '\t', "'", '|', 'é', '😀', '_') , maxLength: 12 }),
  fc.constantFrom('', ',', '"', '""', '\n', '\r\n', 'room_p1_p2_p3', '(no pool)', '-1', '=SUM(A1)', 'a b c'),
  fc.string({ maxLength: 20 }).map(neutraliseFormula),
);
const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, -1.5, 1e21, 1e-7, 123.456789, -2147483648));
const cell = fc.oneof(text, number, fc.constant(null));

describe('the direct CSV writer', () => {
  it('writes the bytes csv-stringify writes, on random rows: quoting, commas, quotes, line breaks, formula leaders, negative numbers, empty cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 20 }), (rows) => {
        expect(csvLines(rows)).toBe(stringify(rows));
      }),
      { numRuns: RUNS, seed: 12 },
    );
  });

  it('quotes only what must be quoted', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvLine(['x', null, 1.5, '', -2])).toBe('x,,1.5,,-2\n');
  });
});
