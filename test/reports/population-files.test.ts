import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { BACKFILL_MATCH_COLUMNS, BACKFILLS_HEADER, MATCH_PLAYERS_HEADER, MATCHES_HEADER, matchCells, matchPlayerCells, writeBackfills, writeMatches, writeMatchPlayers, writeTable } from '../../src/reports/population-files.js';
import { ByteRows } from '../../src/reports/byte-rows.js';
import { csvLine, csvNumber } from '../../src/reports/csv-writer.js';
import type { BackfillStats, PopulationStats } from '../../src/engine/population/population.js';

/** matches.csv as csv-stringify writes the same cells: the oracle of writeMatches' bytes. */
function stringifiedMatches(played: PopulationStats['played'], size: number, backfill?: BackfillStats['played']): string {
  let text = csvLine(backfill === undefined ? MATCHES_HEADER : [...MATCHES_HEADER, ...BACKFILL_MATCH_COLUMNS]);
  for (let i = 0; i < played.count; i++) text += stringify([matchCells(played, i, size, backfill)], { cast: { number: String } });
  return text;
}

/** Runs `body` with a path in a fresh temporary folder, removed afterwards. */
function inTemporaryFolder(name: string, body: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'matchsim-population-files-'));
  try {
    body(join(dir, name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
    inTemporaryFolder('matches.csv', (path) => {
      writeMatches(path, { played } as PopulationStats, size);
      expect(readFileSync(path, 'utf8')).toBe(stringifiedMatches(played, size));
    });
    // match_players.csv, the long table beside it: a row per member, the same bytes as csv-stringify's, with a chunk smaller than a match.
    inTemporaryFolder('match_players.csv', (path) => {
      writeMatchPlayers(path, { played } as PopulationStats, size, 300);
      let expected = csvLine(MATCH_PLAYERS_HEADER);
      for (let i = 0; i < count; i++) expected += stringify(matchPlayerCells(played, i, size), { cast: { number: String } });
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(expected);
      expect(text.trim().split('\n')).toHaveLength(1 + count * size);
      // Its ratings are matches.csv's, unpacked.
      const second = text.split('\n')[1 + size + 1].split(',');
      const packed = matchCells(played, 1, size);
      expect(second.slice(2)).toEqual(['2', String(packed[4]).split(' ')[1], String(packed[5]).split(' ')[1], String(packed[6]).split(' ')[1]]);
    });
  });
});

describe('the backfill columns and backfills.csv', () => {
  const size = 2;
  const played: PopulationStats['played'] = {
    count: 3,
    start: Float64Array.from([0, 10, 20]),
    end: Float64Array.from([100, 110, 120]),
    favouriteWin: Float64Array.from([0.5, 0.6, 0.7]),
    margin: Float64Array.from([1, 2, 3]),
    blowout: Uint8Array.from([0, 0, 1]),
    members: Int32Array.from([0, 1, 2, 3, 4, 5]),
    visits: Int32Array.from([0, 1, 2, 3, 4, 5]),
    place: Int32Array.from([0, 1, 1, 0, 0, 1]),
    before: Float64Array.from([1500, 1500, 1500, 1500, 1500, 1500]),
    after: Float64Array.from([1516, 1484, 1484, 1516, 1516, 1484]),
  };
  // Match 1: nobody left; match 2: p3 and p4 left, p8 joined; match 3: p6 left, nobody came for 12.3456789 s.
  const backfill: BackfillStats = {
    requests: {
      room: Int32Array.from([1, 2]),
      openedAt: Float64Array.from([30, 50]),
      closedAt: Float64Array.from([31.5, Number.NaN]),
      open: Int32Array.from([2, 1]),
      outcome: Int32Array.from([1, 0]),
      joined: Int32Array.from([1, 0]),
    },
    joiners: { request: Int32Array.from([0]), visit: Int32Array.from([6]) },
    played: {
      left: Int32Array.from([0, 2, 1]),
      joined: Int32Array.from([0, 1, 0]),
      shortSeconds: Float64Array.from([0, 78.5, 12.3456789]),
      emptySeatSeconds: Float64Array.from([0, 80, 12.3456789]),
      leftPlayers: Int32Array.from([2, 3, 5]),
      joinedPlayers: Int32Array.from([7]),
    },
    ghostJoins: 0,
    roomVisits: Int32Array.from([0, 1, 2, 3, 4, 5]),
  };

  it("put each match's leavers and joiners beside it in matches.csv, the bytes csv-stringify writes, only when the run has backfill", () => {
    inTemporaryFolder('matches.csv', (path) => {
      writeMatches(path, { played, backfill } as PopulationStats, size);
      const text = readFileSync(path, 'utf8');
      expect(text).toBe(stringifiedMatches(played, size, backfill.played));
      const rows = text.trim().split('\n').map((line) => line.split(','));
      expect(rows[0].slice(-3)).toEqual(['left', 'joined', 'short_seconds']);
      expect(rows.slice(1).map((r) => r.slice(-3))).toEqual([
        ['', '', '0'],
        ['p3 p4', 'p8', '78.5'],
        ['p6', '', '12.345679'],
      ]);
    });
  });

  it('list every request with the running room it asked for (named as rooms.csv names it), its outcome and who joined by it', () => {
    const visitPlayer = Int32Array.from([0, 1, 2, 3, 4, 5, 7]);
    inTemporaryFolder('backfills.csv', (path) => {
      writeBackfills(path, backfill, visitPlayer, size);
      expect(readFileSync(path, 'utf8')).toBe(csvLine(BACKFILLS_HEADER) + 'b1,room_v3_v4,30,31.5,2,filled,p8\n' + 'b2,room_v5_v6,50,,1,standing,\n');
    });
  });
});

describe('writeTable', () => {
  it('writes the header and every line in order, whatever falls across a chunk: lines of any length, wider than ASCII, longer than a chunk', () => {
    inTemporaryFolder('t.csv', (path) => {
      const line = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.nat({ max: 3 })).map(([text, long]) => (long === 3 ? text.repeat(20) : text) + '\n');
      fc.assert(
        fc.property(fc.array(line, { maxLength: 200 }), fc.integer({ min: 64, max: 512 }), (lines, chunk) => {
          writeTable(path, ['a', 'b'], lines.length, (i) => lines[i], chunk);
          expect(readFileSync(path, 'utf8')).toBe('a,b\n' + lines.join(''));
        }),
        { numRuns: 150 },
      );
    });
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
  it('are the bytes csv-stringify writes for the same cells, across buffer edges and for every kind of number', () => {
    inTemporaryFolder('matches.csv', (path) => {
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
          expect(readFileSync(path, 'utf8')).toBe(stringifiedMatches(played, size));
        }),
        { numRuns: 120 },
      );
    });
  });

  it('writes each number as csvNumber does', () => {
    inTemporaryFolder('n.txt', (path) => {
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
    });
  });
});
