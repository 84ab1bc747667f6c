import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { MATCHES_HEADER, matchCells, matchLine, writeMatches, writeTable } from '../../src/reports/population-files.js';
import { ByteRows } from '../../src/reports/byte-rows.js';
import { csvLine, csvNumber } from '../../src/reports/csv-writer.js';
import type { PopulationStats } from '../../src/engine/population/population.js';

describe("matches.csv's direct rows", () => {
  it('are the bytes csv-stringify writes for the same cells, for every kind of number', () => {
    const count = 3;
    const size = 4;
    const played: PopulationStats['played'] = {
      count,
      start: Float64Array.from([0, 12.5, 1e9]),
      end: Float64Array.from([600.1234567, 13, 1e9 + 0.000001]),
      favouriteWin: Float64Array.from([0.5, 0.999999999, Number.NaN]),
      margin: Float64Array.from([12, -0.0000004, 3e-7]),
      blowout: Uint8Array.from([0, 1, 0]),
      members: Int32Array.from({ length: count * size }, (_, i) => i * 7),
      visits: Int32Array.from({ length: count * size }, (_, i) => i * 3 + 1),
      place: Int32Array.from({ length: count * size }, (_, i) => i % size),
      before: Float64Array.from({ length: count * size }, (_, i) => 1500 + i / 3),
      after: Float64Array.from({ length: count * size }, (_, i) => -1500.25 - i * 1e-7),
    };
    for (let i = 0; i < count; i++) {
      expect(matchLine(played, i, size)).toBe(stringify([matchCells(played, i, size)], { cast: { number: String } }));
    }
  });
});

describe('writeTable', () => {
  it('writes the header and every line in order, whatever falls across a chunk: lines of any length, wider than ASCII, longer than a chunk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'matchsim-table-'));
    try {
      const path = join(dir, 't.csv');
      const line = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat({ max: 3 })).map(([text, long]) => (long === 3 ? text.repeat(20) : text) + '\n');
      fc.assert(
        fc.property(fc.array(line, { maxLength: 200 }), fc.integer({ min: 64, max: 512 }), (lines, chunk) => {
          writeTable(path, ['a', 'b'], lines.length, (i) => lines[i], chunk);
          expect(readFileSync(path, 'utf8')).toBe('a,b\n' + lines.join(''));
        }),
        { numRuns: 150 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Every kind of double a rating, time or margin can be: whole, tiny, huge, negative, NaN. */
const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.double({ min: -1e4, max: 1e4, noNaN: true }),
  fc.integer({ min: -1e6, max: 1e9 }),
  fc.constantFrom(0, -0, 0.5, 1e-7, -4e-7, 999999.9999995, 1e9 + 1e-6, 2 ** 53, Number.NaN),
);

describe("matches.csv's bytes", () => {
  it('are header plus matchLine, row by row, across buffer edges and for every kind of number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'matchsim-matches-'));
    try {
      const path = join(dir, 'matches.csv');
      const played = fc.integer({ min: 1, max: 4 }).chain((size) =>
        fc.integer({ min: 0, max: 30 }).chain((count) => {
          const perMatch = fc.float64Array({ minLength: count, maxLength: count });
          const numbers = (n: number) => fc.array(anyNumber, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs));
          const ints = (n: number, max: number) => fc.array(fc.nat({ max }), { minLength: n, maxLength: n }).map((xs) => Int32Array.from(xs));
          return fc.record({
            size: fc.constant(size),
            played: fc.record({
              count: fc.constant(count),
              start: numbers(count),
              end: numbers(count),
              favouriteWin: numbers(count),
              margin: perMatch,
              blowout: fc.array(fc.nat({ max: 1 }), { minLength: count, maxLength: count }).map((xs) => Uint8Array.from(xs)),
              members: ints(count * size, 2 ** 31 - 2),
              visits: ints(count * size, 2 ** 31 - 2),
              place: ints(count * size, size - 1),
              before: numbers(count * size),
              after: numbers(count * size),
            }),
          });
        }),
      );
      fc.assert(
        // Chunks from smaller than a row (the buffer grows) to several rows.
        fc.property(played, fc.integer({ min: 64, max: 4096 }), ({ size, played }, chunk) => {
          writeMatches(path, { played } as PopulationStats, size, chunk);
          let want = csvLine(MATCHES_HEADER);
          for (let i = 0; i < played.count; i++) want += matchLine(played, i, size);
          expect(readFileSync(path, 'utf8')).toBe(want);
        }),
        { numRuns: 120 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes each number as csvNumber does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'matchsim-bytes-'));
    try {
      const path = join(dir, 'n.txt');
      fc.assert(
        fc.property(fc.array(anyNumber, { maxLength: 50 }), (xs) => {
          const rows = new ByteRows(path, 4096);
          try {
            for (const x of xs) {
              rows.room(64);
              rows.number(x);
              rows.byte(10);
            }
            rows.flush();
          } finally {
            rows.close();
          }
          expect(readFileSync(path, 'utf8')).toBe(xs.map((x) => csvNumber(x) + '\n').join(''));
        }),
        { numRuns: 300 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
