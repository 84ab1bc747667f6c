import { TicketTable } from '../src/engine/ticket/ticket-table.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, createMatchAlgorithm, type AlgorithmName, type MatcherSettings } from '../src/algorithms/registry.js';
import { requestSize, type SingleRequestMatching } from '../src/engine/pool/match-algorithm.js';
import { runScenarioInMemory, type RunRows } from '../src/run.js';
import { resolveScenario } from '../src/scenarios/load.js';

/** How many random cases each property tries; a failure is shrunk to a minimal one and printed with its seed. */
const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 40);

const holdsParties = (a: AlgorithmName) => a !== 'score-scan' && a !== 'arrival-scan';
const seconds = fc.oneof(
  fc.record({ type: fc.constant('constant'), value: fc.double({ min: 0.1, max: 30, noNaN: true }) }),
  fc.record({ type: fc.constant('exponential'), mean: fc.double({ min: 0.1, max: 30, noNaN: true }) }),
);

/** A small random scenario for one algorithm: arrivals, scores, windows, parties, abandonment and faults. */
const scenario = fc.constantFrom(...ALGORITHMS).chain((algorithm) =>
  fc.record({
    name: fc.constant('prop'),
    seed: fc.nat(1000),
    tick: fc.constantFrom(0.5, 1, 2),
    duration: fc.integer({ min: 5, max: 120 }),
    drain: fc.integer({ min: 0, max: 30 }),
    arrivals: fc.record({ type: fc.constant('poisson'), rate: fc.double({ min: 0.2, max: 15, noNaN: true }) }),
    scores: fc.oneof(
      fc.record({ type: fc.constant('normal'), mean: fc.integer({ min: 0, max: 3000 }), sd: fc.integer({ min: 0, max: 600 }) }),
      fc.record({ type: fc.constant('constant'), value: fc.integer({ min: 0, max: 3000 }) }),
    ),
    matcher: fc.integer({ min: 2, max: 4 }).chain((size) =>
      fc.record({
        algorithm: fc.constant(algorithm),
        roomSize: fc.constant(algorithm === 'teams' ? 2 * size : size),
        ...(algorithm === 'flexmatch' ? { flexmatch: fc.integer({ min: 0, max: 400 }).map((maxDistance) => ({ ruleSet: oneTeam(size, maxDistance) })) } : { windowGrowth: fc.integer({ min: 0, max: 200 }) }),
        ...(algorithm === 'teams' ? { teams: fc.record({ count: fc.constant(2), size: fc.constant(size), balance: fc.constantFrom('greedy', 'snake') }) } : {}),
        ...(algorithm === 'profiles' ? { profiles: fc.constant([{ name: 'tight', window: { type: 'capped', growth: 30, cap: 60 } }, { name: 'any' }]) } : {}),
        ...(algorithm === 'retry' ? { retry: fc.record({ delay: fc.constantFrom(0.5, 2, 3) }) } : {}),
      }),
    ),
    parties: holdsParties(algorithm) ? fc.option(fc.record({ sizes: fc.constant({ '1': 3, '2': 2 }), memberSpread: fc.integer({ min: 0, max: 200 }) }), { nil: undefined }) : fc.constant(undefined),
    abandonment: fc.option(fc.record({ patience: seconds, cancel: fc.boolean() }), { nil: undefined }),
    faults: fc.option(
      fc.record(
        {
          channels: fc.record({ capacity: fc.integer({ min: 1, max: 10 }), expiry: fc.double({ min: 0.5, max: 20, noNaN: true }) }),
          delivery: fc.record({ drop: fc.double({ min: 0, max: 0.5, noNaN: true }), delay: seconds }),
          consumer: fc.record({ lag: seconds }),
          disconnect: fc.record({ probability: fc.double({ min: 0, max: 0.5, noNaN: true }), after: seconds, cancel: fc.boolean() }),
          cache: fc.record({ ttl: fc.double({ min: 0.5, max: 60, noNaN: true }), maxEntries: fc.integer({ min: 1, max: 10 }) }),
          ...(algorithm === 'retry' ? {} : { worker: fc.record({ stallProbability: fc.double({ min: 0, max: 0.3, noNaN: true }), stallTicks: fc.integer({ min: 1, max: 5 }) }) }),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    ),
  }),
);

/** A FlexMatch rule set of one team of `size`, its players' skills within `maxDistance` of each other, relaxing to any after 10 s. */
function oneTeam(size: number, maxDistance: number) {
  return {
    name: 'one',
    ruleLanguageVersion: '1.0',
    playerAttributes: [{ name: 'skill', type: 'number' }],
    teams: [{ name: 'all', minPlayers: size, maxPlayers: size }],
    rules: [{ name: 'close', type: 'batchDistance', batchAttribute: 'skill', maxDistance }],
    expansions: [{ target: 'rules[close].maxDistance', steps: [{ waitTimeSeconds: 10, value: 1e9 }] }],
  };
}

/** Drops the keys fast-check left undefined, as a scenario file would not have them. */
const defined = (doc: Record<string, unknown>) => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));

function invariants(rows: RunRows): void {
  const { summary, rooms, players } = rows;
  const size = summary.scenario.matcher.roomSize;
  const seen = new Set<string>();
  for (const room of rooms) {
    const ids = (room.players as string).split(' ');
    expect(ids).toHaveLength(size);
    for (const id of ids) {
      expect(seen.has(id), `${id} in two rooms`).toBe(false);
      seen.add(id);
    }
  }
  expect(players).toHaveLength(summary.players.total);
  expect(summary.players.matched).toBe(rooms.length * size);
  expect(summary.players.matched + summary.players.waiting + summary.players.abandoned).toBe(summary.players.total);
  const c = summary.conservation;
  expect(c.arrived).toBe(c.queued + c.pool + c.matched + c.abandoned + c.lost.disconnected);
  for (const p of players) {
    if (p.room !== null) expect(p.wait as number).toBeGreaterThanOrEqual(0);
  }
}

describe('properties over random scenarios (fast-check)', () => {
  it('every algorithm, with parties, abandonment and faults: nothing throws, invariants hold, runs repeat exactly', () => {
    fc.assert(
      fc.property(scenario, (doc) => {
        const loaded = resolveScenario('prop.json', defined(doc as Record<string, unknown>));
        const first = runScenarioInMemory(loaded);
        invariants(first);
        expect(runScenarioInMemory(loaded)).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });
});

/** A random sequence of pool operations: requests arrive (with a score and a party size), some are withdrawn, rounds run. */
const operations = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('add' as const), score: fc.integer({ min: 0, max: 300 }), size: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('match' as const) }),
    // One request tries on its own (per-request retries), with this much waiting behind it.
    fc.record({ op: fc.constant('one' as const), pick: fc.nat(), wait: fc.integer({ min: 0, max: 20 }) }),
  ),
  { maxLength: 120 },
);

describe('properties over random traces through every pool (fast-check)', () => {
  for (const algorithm of ALGORITHMS) {
    it(`${algorithm}: rooms hold exactly roomSize players, nobody twice, parties whole, waiting() in step`, () => {
      fc.assert(
        fc.property(operations, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 100 }), (ops, size, growth) => {
          const settings: MatcherSettings =
            algorithm === 'flexmatch'
              ? { algorithm, roomSize: size, window: { type: 'linear', growth }, clock: 'seconds', flexmatch: { ruleSet: oneTeam(size, growth), scoreAttribute: 'skill' } }
              : algorithm === 'teams'
              ? { algorithm, roomSize: 2 * size, window: { type: 'linear', growth }, teams: { count: 2, size, balance: 'greedy' } }
              : algorithm === 'profiles'
                ? { algorithm, roomSize: size, window: { type: 'linear', growth }, profiles: [{ name: 'a' }] }
                : { algorithm, roomSize: size, window: { type: 'linear', growth } };
          // A pool that reads its tickets (flexmatch) gets a ticket table: each request's players in consecutive slots.
          const table = new TicketTable();
          const slotOf = new Map<number, number>();
          const tickets = { table, slot: (r: { id: number }) => slotOf.get(r.id) as number };
          const pool = createMatchAlgorithm<{ id: number; score: number; size?: number }>(settings, 1, algorithm === 'flexmatch' ? tickets : undefined);
          const largest = algorithm === 'teams' ? size : size;
          const waiting = new Map<number, { id: number; score: number; size?: number }>();
          const matched = new Set<number>();
          let next = 0;
          let round = 0;
          for (const o of ops) {
            if (o.op === 'add') {
              const players = pool.parties ? Math.min(o.size, largest) : 1;
              const request = Object.freeze({ id: next++, score: o.score, ...(players > 1 ? { size: players } : {}) });
              slotOf.set(request.id, table.count);
              for (let k = 0; k < players; k++) table.add(round, o.score, -1, -1, undefined);
              pool.add(request);
              waiting.set(request.id, request);
            } else if (o.op === 'remove' && waiting.size > 0) {
              const ids = [...waiting.keys()];
              const victim = waiting.get(ids[o.pick % ids.length])!;
              expect(pool.remove(victim)).toBe(true);
              waiting.delete(victim.id);
            } else if (o.op === 'match' || (o.op === 'one' && 'matchOne' in pool && waiting.size > 0)) {
              let rooms: Array<Array<{ id: number; score: number; size?: number }>>;
              if (o.op === 'one') {
                const ids = [...waiting.keys()];
                const room = (pool as unknown as SingleRequestMatching<{ id: number; score: number; size?: number }>).matchOne(waiting.get(ids[o.pick % ids.length])!, o.wait);
                rooms = room ? [room] : [];
              } else {
                rooms = pool.match(round++);
              }
              for (const room of rooms) {
                expect(room.reduce((n, r) => n + requestSize(r), 0)).toBe(pool.roomSize);
                for (const r of room) {
                  expect(matched.has(r.id)).toBe(false);
                  expect(waiting.has(r.id)).toBe(true);
                  matched.add(r.id);
                  waiting.delete(r.id);
                }
              }
            }
            expect(pool.waiting().map((r) => r.id).sort((a, b) => a - b)).toEqual([...waiting.keys()].sort((a, b) => a - b));
            expect(pool.size).toBe(waiting.size);
          }
        }),
        { numRuns: RUNS * 5 },
      );
    });
  }
});
