import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatchAlgorithm } from '../../../src/algorithms/registry.js';
import type { MatcherSettings } from '../../../src/algorithms/algorithm-entry.js';
import type { LatencyCapSpec } from '../../../src/engine/pool/latency-cap.js';
import { roundMatches, type Match } from '../../../src/engine/pool/match.js';
import type { AttributedCandidate } from '../../../src/engine/pool/partitioned-pool.js';
import { TicketTable } from '../../../src/engine/ticket/ticket-table.js';

interface Req extends AttributedCandidate {
  readonly slot: number;
}

const DCS = ['a', 'b', 'c'];
const TICK = 1;

interface Arrival {
  readonly round: number;
  /** Seconds into its round it was queued. */
  readonly offset: number;
  readonly score: number;
  readonly region: string;
  readonly pings: readonly number[];
}

/** The cap in force at a wait, written plainly: the last step whose after has passed. */
function capAt(spec: LatencyCapSpec, wait: number): { max: number; maxDistance: number } {
  let max = spec.max;
  let maxDistance = spec.maxDistance ?? Infinity;
  for (const step of spec.steps ?? []) {
    if (wait >= step.after) {
      max = step.max;
      maxDistance = step.maxDistance ?? maxDistance;
    }
  }
  return { max, maxDistance };
}

/** Whether a room may go to data centre dc, and its worst and mean round trip there, by the rules of the README, independently of LatencyPlacer. */
function allowedAt(spec: LatencyCapSpec, pings: ReadonlyArray<readonly number[]>, waits: readonly number[], dc: number): { worst: number; mean: number } | undefined {
  const oldest = Math.max(...waits);
  const newest = Math.min(...waits);
  const caps = waits.map((w) => capAt(spec, spec.follows === 'oldest' ? oldest : spec.follows === 'newest' ? newest : w));
  const ms = pings.map((p) => p[dc]);
  if (ms.some((x, i) => !(x <= caps[i].max))) return undefined;
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const reference = spec.reference === 'avg' ? mean : Math.min(...ms);
  if (ms.some((x, i) => Math.abs(x - reference) > caps[i].maxDistance)) return undefined;
  return { worst: Math.max(...ms), mean };
}

/** Runs a pool round by round over the arrivals, checking every room of every round; returns the rooms, as slots. */
function runRounds(settings: MatcherSettings, arrivals: readonly Arrival[], rounds: number, check: (match: Match<Req>, waits: number[], now: number) => void): number[][] {
  const table = new TicketTable([], DCS);
  const pool = createMatchAlgorithm<Req>(settings, TICK, { table, slot: (r) => r.slot });
  const joinRound = new Map<Req, number>();
  const seen = new Set<number>();
  const rooms: number[][] = [];
  const sorted = [...arrivals].sort((x, y) => x.round - y.round || x.offset - y.offset);
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    const now = (round + 1) * TICK;
    while (next < sorted.length && sorted[next].round === round) {
      const a = sorted[next++];
      const slot = table.add(round * TICK + a.offset, a.score, -1, -1, undefined);
      a.pings.forEach((ms, dc) => table.setLatency(slot, dc, ms));
      const request = { score: a.score, slot };
      joinRound.set(request, round);
      pool.add(request);
    }
    for (const match of roundMatches(pool, now)) {
      const waits = match.tickets.map((r) => (settings.clock === 'seconds' ? now - table.arrival.get(r.slot) : (round - (joinRound.get(r) as number)) * TICK));
      for (const r of match.tickets) {
        expect(seen.has(r.slot), 'a request matched twice').toBe(false);
        seen.add(r.slot);
      }
      check(match, waits, now);
      rooms.push(match.tickets.map((r) => r.slot));
    }
  }
  return rooms;
}

// Round trips in tens of ms, so that worsts and means tie often enough to test the tie-breaks.
const pingArb = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 30 }).map((t) => t * 10) });
const arrivalArb = fc.record({
  round: fc.integer({ min: 0, max: 25 }),
  offset: fc.double({ min: 0, max: 0.99, noNaN: true }),
  score: fc.integer({ min: 1000, max: 2000 }),
  region: fc.constantFrom('x', 'y'),
  pings: fc.tuple(pingArb, pingArb, pingArb),
});
const capArb: fc.Arbitrary<LatencyCapSpec> = fc
  .record({
    max: fc.integer({ min: 10, max: 150 }),
    rises: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 8 }), more: fc.integer({ min: 0, max: 80 }), moreDistance: fc.integer({ min: 0, max: 40 }) }), { maxLength: 3 }),
    distance: fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }),
    reference: fc.constantFrom('min' as const, 'avg' as const),
    follows: fc.constantFrom('member' as const, 'oldest' as const, 'newest' as const),
  })
  .map(({ max, rises, distance, reference, follows }) => {
    let after = 0;
    let cap = max;
    let d = distance;
    const steps = rises.map((r) => {
      after += r.gap;
      cap += r.more;
      d = d === undefined ? undefined : d + r.moreDistance;
      return d === undefined ? { after, max: cap } : { after, max: cap, maxDistance: d };
    });
    return { max, steps, follows, ...(distance !== undefined ? { maxDistance: distance, reference } : {}) };
  });

const ALGORITHMS: ReadonlyArray<Partial<MatcherSettings> & { algorithm: string }> = [
  { algorithm: 'score-scan' },
  { algorithm: 'arrival-scan' },
  { algorithm: 'anchor' },
  { algorithm: 'teams', teams: { count: 2, size: 2, balance: 'greedy', eloScale: 400 } },
  { algorithm: 'profiles', profiles: { list: [{ name: 'all', filters: [] }] } },
];

describe('DataCentrePools', () => {
  it('forms no room with a player above the cap in force, and places each at the best data centre allowed (every round, every built-in)', () => {
    const checked = new Map<string, number>();
    fc.assert(
      fc.property(
        fc.array(arrivalArb, { minLength: 20, maxLength: 80 }),
        capArb,
        fc.constantFrom(...ALGORITHMS),
        fc.constantFrom('rounds' as const, 'seconds' as const),
        (arrivals, cap, algorithm, clock) => {
          const settings = { ...algorithm, roomSize: 4, window: { type: 'linear', growth: 100 }, clock, latency: cap } as MatcherSettings;
          const byslot: Arrival[] = [];
          runRounds(settings, arrivals, 40, (match, waits) => {
            checked.set(algorithm.algorithm, (checked.get(algorithm.algorithm) ?? 0) + 1);
            expect(match.dataCentre).toBeDefined();
            const dc = DCS.indexOf(match.dataCentre as string);
            const pings = match.tickets.map((r) => arrivalsBySlot(arrivals, byslot)[r.slot].pings);
            const here = allowedAt(cap, pings, waits, dc);
            expect(here, `a room in ${match.dataCentre} breaks the cap in force`).toBeDefined();
            // No data centre allowed is better: a lower worst, or the same worst and a lower mean, or the same both and listed earlier.
            DCS.forEach((_, other) => {
              const there = allowedAt(cap, pings, waits, other);
              if (there === undefined || here === undefined) return;
              const better = there.worst < here.worst || (there.worst === here.worst && (there.mean < here.mean || (there.mean === here.mean && other < dc)));
              expect(better, `${DCS[other]} was better than ${match.dataCentre}`).toBe(false);
            });
          });
        },
      ),
      { numRuns: 200, seed: 20261203 },
    );
    // Not vacuous: every algorithm formed rooms to check.
    for (const { algorithm } of ALGORITHMS) expect(checked.get(algorithm) ?? 0, algorithm).toBeGreaterThan(50);
  });

  it('with each player pinging its own region alone, forms the rooms of pools by region', () => {
    let formedByRegion = 0;
    fc.assert(
      fc.property(fc.array(arrivalArb, { minLength: 4, maxLength: 80 }), fc.constantFrom('score-scan', 'anchor'), (drawn, algorithm) => {
        const arrivals = drawn.map((a) => ({ ...a, pings: a.region === 'x' ? [10, NaN, NaN] : [NaN, 10, NaN] }));
        const base = { algorithm, roomSize: 3, window: { type: 'linear' as const, growth: 60 } };
        const placed = runRounds(base, arrivals, 40, () => {});
        const pooled = runPooled(base, arrivals, 40);
        expect(placed).toEqual(pooled);
        formedByRegion += placed.length;
      }),
      { numRuns: 100 },
    );
    expect(formedByRegion).toBeGreaterThan(100);
  });

  it('follows a step from its after on: a player 90 ms away waits until the cap reaches 100', () => {
    const arrivals: Arrival[] = [0, 1, 2].map((i) => ({ round: 0, offset: 0, score: 1500 + i, region: 'x', pings: [90, NaN, NaN] }));
    const formed: number[] = [];
    runRounds({ algorithm: 'score-scan', roomSize: 3, window: { type: 'linear', growth: 100 }, latency: { max: 50, steps: [{ after: 5, max: 100 }] } }, arrivals, 10, (_m, waits, now) => {
      formed.push(now);
      expect(Math.min(...waits)).toBe(5);
    });
    // Joined in round 0, five rounds of waiting by round 5, whose tick ends at 6.
    expect(formed).toEqual([6]);
  });
});

/** The arrivals by slot: the order runRounds added them in. */
function arrivalsBySlot(arrivals: readonly Arrival[], cache: Arrival[]): Arrival[] {
  if (cache.length === 0) cache.push(...[...arrivals].sort((x, y) => x.round - y.round || x.offset - y.offset));
  return cache;
}

/** The same arrivals through pools by an attribute, without data centres: the rooms as slots. */
function runPooled(base: MatcherSettings, arrivals: readonly Arrival[], rounds: number): number[][] {
  const settings = { ...base, pools: [{ name: 'x', filters: [{ attribute: 'region', equals: 'x' }] }, { name: 'y', filters: [{ attribute: 'region', equals: 'y' }] }] };
  const table = new TicketTable();
  const pool = createMatchAlgorithm<Req>(settings, TICK, { table, slot: (r) => r.slot });
  const sorted = [...arrivals].sort((x, y) => x.round - y.round || x.offset - y.offset);
  const rooms: number[][] = [];
  let next = 0;
  for (let round = 0; round < rounds; round++) {
    while (next < sorted.length && sorted[next].round === round) {
      const a = sorted[next++];
      const slot = table.add(round * TICK + a.offset, a.score, -1, -1, undefined);
      pool.add({ score: a.score, slot, attributes: { region: a.region } });
    }
    for (const match of roundMatches(pool, (round + 1) * TICK)) rooms.push(match.tickets.map((r) => r.slot));
  }
  return rooms;
}
