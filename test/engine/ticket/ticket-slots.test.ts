import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../../src/algorithms/registry.js';
import type { ArrivalSlot, ArrivalSource } from '../../../src/engine/arrival-source.js';
import type { Candidate, MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import type { MatcherContext } from '../../../src/engine/pool/user-module.js';
import { simulate } from '../../../src/engine/simulation.js';

/** Players at 0.25 s apart, each with a region; the attributes are kept in the run's ticket table. */
function arrivals(count: number): ArrivalSource {
  let i = 0;
  return {
    ids: { kind: 'sequence', prefix: 'p' },
    next(slot: ArrivalSlot) {
      if (i >= count) return false;
      slot.time = i * 0.25;
      slot.score = 1000 + i;
      slot.attributes = { region: i % 2 === 0 ? 'eu' : 'na' };
      i++;
      return true;
    },
  };
}

describe('a pool sees the tickets behind its requests by slot', () => {
  it("reads each request's queue time and attributes from the run's ticket table, through the pool contract", () => {
    const seen: Array<[number, unknown]> = [];
    // A user's module: pairs requests in arrival order, noting what the table says of each.
    const create = (_options: unknown, context: MatcherContext): MatchAlgorithm<Candidate> => {
      const waiting: Candidate[] = [];
      const tickets = context.tickets!;
      const region = tickets.table.attributes.findIndex((a) => a.name === 'region');
      return {
        roomSize: 2,
        get size() {
          return waiting.length;
        },
        add(request) {
          const slot = tickets.slot(request);
          seen.push([tickets.table.arrival.get(slot), tickets.table.value(region, slot)]);
          waiting.push(request);
        },
        remove: () => false,
        waiting: () => [...waiting],
        match: () => {
          const rooms: Candidate[][] = [];
          while (waiting.length >= 2) rooms.push(waiting.splice(0, 2));
          return rooms;
        },
      };
    };
    const matcher = engineMatcher({
      algorithm: 'score-scan',
      roomSize: 2,
      window: { type: 'linear', growth: 1 },
      service: { type: 'rounds' },
      userModule: { name: 'pairs.mjs', create, options: {} },
    });
    const stats = simulate({ tick: 1, end: 10, matcher, abandonment: undefined, attributes: [{ name: 'region', kind: 'string' }] }, arrivals(8));
    expect(stats.matched).toBe(8);
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => [i * 0.25, i % 2 === 0 ? 'eu' : 'na']));
  });
});
