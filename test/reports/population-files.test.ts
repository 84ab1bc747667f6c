import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { matchCells, matchLine, writeTable } from '../../src/reports/population-files.js';
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
