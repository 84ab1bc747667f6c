import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import type { PlayerBatch, RoomBatch, TickBatch } from '../../src/engine/records.js';
import { CsvFormatter, type TableContext } from '../../src/reports/csv-tables.js';
import { csvNumber } from '../../src/reports/csv-writer.js';
import { round6 } from '../../src/reports/numbers.js';

const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 40) * 5;

/** Ids as a trace may bring them: commas, quotes, line breaks, formula leaders, spaces, non-ASCII. */
const id = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r', ' ', '=', '+', '-', '@', '\t', "'", 'é', '_'), minLength: 1, maxLength: 8 }),
  fc.constantFrom('u1', 'player-7', '=cmd', '-5', '@x'),
);
/** A time, a score or a count: integers, fractions of every length, negatives, huge values, NaN (an empty cell). */
const number = fc.oneof(
  fc.integer({ min: -3000, max: 100000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ noDefaultInfinity: true }),
  fc.constantFrom(NaN, 0, -0, 0.1 + 0.2, 86400.000001, 1e-7, 5e-7, -5e-7, 999999999.999999, 1e15, 1e21),
);

const numbers = (n: number) => fc.array(number, { minLength: n, maxLength: n }).map((xs) => Float64Array.from(xs));

const context = fc.record({
  ids: fc.oneof(
    fc.constant({ kind: 'sequence' as const, prefix: 'p' }),
    fc.uniqueArray(id, { minLength: 12, maxLength: 12 }).map((ids) => ({ kind: 'list' as const, ids })),
  ),
  roomSize: fc.integer({ min: 1, max: 4 }),
  pools: fc.oneof(fc.constant([]), fc.constant(['eu', '=evil', 'a,b'])),
  parties: fc.boolean(),
  population: fc.boolean(),
  // Declared attributes, one of each kind, with names that call for quotes.
  attributes: fc.option(fc.constant([{ name: 'region', kind: 'string' as const }, { name: 'ping, ms', kind: 'number' as const }, { name: 'voice', kind: 'tag' as const }]), { nil: undefined }),
  // A FlexMatch rule set's expansions: a step column each in rooms.csv.
  expansions: fc.option(fc.constant(['rules[Skill].maxDistance', 'teams[red].minPlayers']), { nil: undefined }),
}) satisfies fc.Arbitrary<TableContext>;

function batches(c: TableContext): fc.Arbitrary<{ players: PlayerBatch; rooms: RoomBatch; ticks: TickBatch }> {
  const n = 3;
  const member = fc.integer({ min: -1, max: 11 });
  const members = fc.array(fc.integer({ min: 0, max: 11 }), { minLength: n * c.roomSize, maxLength: n * c.roomSize });
  return fc.record({
    players: fc.record({
      first: fc.integer({ min: 0, max: 12 - n }),
      arrival: numbers(n),
      score: numbers(n),
      joined: numbers(n),
      matchedAt: numbers(n),
      notifiedAt: numbers(n),
      leftAt: numbers(n),
      pool: fc.array(fc.integer({ min: -1, max: Math.max(-1, c.pools.length - 1) }), { minLength: n, maxLength: n }).map((xs) => Int16Array.from(xs)),
      party: fc.array(member, { minLength: n, maxLength: n }).map((xs) => Int32Array.from(xs)),
      // A player's room, or -1s when not matched.
      members: fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 11 }), { minLength: c.roomSize, maxLength: c.roomSize }), { nil: undefined }), { minLength: n, maxLength: n })
        .map((rooms) => Int32Array.from(rooms.flatMap((r) => r ?? new Array<number>(c.roomSize).fill(-1)))),
      // With a population, each visit's player.
      player: fc.array(fc.integer({ min: 0, max: 100000 }), { minLength: n, maxLength: n }).map((xs) => Int32Array.from(xs)),
      // With attributes: strings from a trace (formula leaders, quotes) or absent, numbers or absent (NaN), tags.
      attributes: fc.tuple(
        fc.array(fc.option(id, { nil: null }), { minLength: n, maxLength: n }),
        numbers(n),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }).map((xs) => Uint8Array.from(xs)),
      ),
    }).map((b) => ({ ...b, count: n, ...(c.population ? {} : { player: undefined }), ...(c.attributes ? {} : { attributes: undefined }) })),
    rooms: fc.record({ first: fc.constant(0), time: numbers(n), minScore: numbers(n), maxScore: numbers(n), members: members.map((xs) => Int32Array.from(xs)), steps: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n * 2, maxLength: n * 2 }) })
      .map(({ steps, ...b }) => ({ ...b, count: n, teamGap: new Float64Array(n).fill(NaN), favouriteWin: new Float64Array(n).fill(NaN), teamMeans: new Float64Array(0), ...(c.expansions ? { expansionSteps: Int16Array.from(steps) } : {}) })),
    ticks: fc
      .record({
        time: numbers(n),
        queue: numbers(n),
        pool: numbers(n),
        rooms: numbers(n),
        matched: numbers(n),
        messages: numbers(n),
        // With a population: players by state, whole counts.
        states: fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: n * 5, maxLength: n * 5 }).map((xs) => Float64Array.from(xs)),
      })
      .map((b) => ({ ...b, count: n, ...(c.population ? {} : { states: undefined }) })),
  });
}

describe('the direct table writer', () => {
  it('writes the bytes csv-stringify writes for the same rows, on random batches: trace ids with commas, quotes, line breaks and formula leaders; pools; parties; a population\'s players and states; attributes of each kind; expansion steps; fractions, negatives, huge numbers and empty cells', () => {
    fc.assert(
      fc.property(context.chain((c) => fc.tuple(fc.constant(c), batches(c))), ([c, b]) => {
        const formatter = new CsvFormatter(c);
        expect(formatter.lines('players', b.players)).toBe(stringify(formatter.rows('players', b.players)));
        expect(formatter.lines('rooms', b.rooms)).toBe(stringify(formatter.rows('rooms', b.rooms)));
        expect(formatter.lines('timeline', b.ticks)).toBe(stringify(formatter.rows('timeline', b.ticks)));
      }),
      { numRuns: RUNS, seed: 7 },
    );
  });

  it('writes a number as String(round6(x)) does, including where a double has too few digits for the direct path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.double({ min: -1e10, max: 1e10, noNaN: true })), (x) => {
        expect(csvNumber(x)).toBe(String(round6(x)));
      }),
      { numRuns: RUNS * 5, seed: 3 },
    );
    expect([csvNumber(-0), csvNumber(4e-7), csvNumber(-5e-7), csvNumber(0.1 + 0.2), csvNumber(86400.000001), csvNumber(1e21)]).toEqual(['0', '0', '0', '0.3', '86400.000001', '1e+21']);
  });
});
