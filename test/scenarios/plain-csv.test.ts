import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePlainCsv, PlainCsvReader } from '../../src/scenarios/plain-csv.js';

const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 40) * 25;
const csvParse = (text: string) => parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];

/** Text made of the pieces a trace holds, and the ones that trip readers: spaces, blank lines, CRLF, odd widths, non-ASCII spaces. */
const text = fc
  .array(fc.constantFrom('1', '0.5', 'abc', 'é', ',', ', ', ' ,', ' ', '\n', '\r\n', '\n\n', '\u00a0', '\u2003', '\ufeff', '\f', '-3', '1e3', 'u-17', '\t', '"', '\r'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('the plain CSV reader', () => {
  it('reads exactly what csv-parse reads, or declines (for csv-parse to read, errors and all)', () => {
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const plain = parsePlainCsv(t);
        if (plain === undefined) return;
        read++;
        expect(plain.rows).toEqual(csvParse(t));
      }),
      { numRuns: RUNS, seed: 7 },
    );
    // The property is only worth something if the fast path takes most texts it can.
    expect(read).toBeGreaterThan(RUNS / 10);
  });

  it('numbers each row by the line it starts on, blank lines counted', () => {
    expect(parsePlainCsv('time,id,score\n\n0,a,1\n\n\n1,b,2\n')).toEqual({ rows: [['time', 'id', 'score'], ['0', 'a', '1'], ['1', 'b', '2']], lines: [1, 3, 6] });
    expect(parsePlainCsv('time,id,score\r\n\r\n0,a,1\r\n')?.lines).toEqual([1, 3]);
  });

  it('declines quotes, tabs, lone carriage returns and rows of another width', () => {
    for (const t of ['a,b\n"x",y\n', 'a,b\n1\t,2\n', 'a,b\r1,2\r', 'a,b\n1,2,3\n']) expect(parsePlainCsv(t)).toBeUndefined();
  });

  it('reads a text in pieces as it reads it whole, wherever the pieces are cut (inside a line, between \\r and \\n)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const at = [...new Set(cuts.map((c) => c % (t.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...at, t.length].slice(1).map((end, i, ends) => t.slice(i === 0 ? 0 : ends[i - 1], end));
        const rows: string[][] = [];
        const lines: number[] = [];
        const reader = new PlainCsvReader((fields, line) => {
          rows.push(fields);
          lines.push(line);
        });
        const read = pieces.every((piece) => reader.push(piece)) && reader.end();
        const whole = parsePlainCsv(t);
        if (whole === undefined) expect(read).toBe(false);
        else expect({ read, rows, lines }).toEqual({ read: true, ...whole });
      }),
      { numRuns: RUNS, seed: 11 },
    );
  });
});
