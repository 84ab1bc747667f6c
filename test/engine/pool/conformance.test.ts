import { describe, expect, it } from 'vitest';
import { createMatchAlgorithm, ALGORITHMS } from '../../../src/engine/pool/algorithms.js';
import { checkConformance, type TestCandidate } from '../../../src/engine/pool/conformance.js';
import type { MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import { windowPolicy, type WindowSpec } from '../../../src/engine/pool/window.js';

/** The window rule every window-based algorithm keeps: each pair within both members' windows. */
const withinWindows = (spec: WindowSpec) => {
  const window = windowPolicy(spec);
  return (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) => {
    for (const a of room) {
      for (const b of room) {
        const gap = Math.abs(a.score - b.score);
        if (gap > window(round - (joinedAt.get(a.id) as number))) return `${a.id} and ${b.id} are ${gap} apart, beyond ${a.id}'s window`;
      }
    }
    return undefined;
  };
};

/**
 * The anchor's rule: the first member (the anchor) has every other within its
 * own window. (Companions may be older than the anchor: an older player whose
 * window held too few players is still there to be taken.)
 */
const withinAnchorWindow = (spec: WindowSpec) => {
  const window = windowPolicy(spec);
  return (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) => {
    const [anchor, ...rest] = room;
    const reach = window(round - (joinedAt.get(anchor.id) as number));
    const far = rest.find((c) => Math.abs(c.score - anchor.score) > reach);
    return far ? `${far.id} is beyond anchor ${anchor.id}'s window` : undefined;
  };
};

const windows: WindowSpec[] = [
  { type: 'linear', growth: 50 },
  { type: 'capped', growth: 30, cap: 200 },
  { type: 'steps', steps: [{ after: 0, window: 5 }, { after: 4, window: 300 }] },
  { type: 'exponential', initial: 5, factor: 2, cap: 1000 },
];

describe('conformance of the built-in algorithms', () => {
  for (const algorithm of ALGORITHMS) {
    for (const window of windows) {
      for (const roomSize of [2, 3, 5]) {
        it(`${algorithm}, ${window.type} window, rooms of ${roomSize}`, () => {
          const make = () => createMatchAlgorithm<TestCandidate>({ algorithm, roomSize, windowGrowth: 0, window }, 1);
          const rule = algorithm === 'anchor' ? withinAnchorWindow(window) : withinWindows(window);
          expect(checkConformance(make, { checkRoom: rule })).toEqual([]);
        });
      }
    }
  }

  it('pools by attribute filters', () => {
    const make = () =>
      createMatchAlgorithm<TestCandidate>(
        { algorithm: 'seed', roomSize: 3, windowGrowth: 50, pools: [{ name: 'a', filters: [{ attribute: 'r', equals: 'a' }] }, { name: 'b', filters: [] }] },
        1,
      );
    const violations = checkConformance(make, {
      attributes: (draw) => ({ r: draw() < 0.5 ? 'a' : 'b' }),
      checkRoom: (room) => (new Set(room.map((c) => c.attributes?.r)).size === 1 ? undefined : 'a room mixes pools'),
    });
    expect(violations).toEqual([]);
  });
});

describe('checkConformance', () => {
  it('finds the faults of a broken algorithm', () => {
    // Matches everybody it has ever seen, twice, in rooms of the wrong size, and forgets removals.
    class Broken implements MatchAlgorithm<TestCandidate> {
      readonly roomSize = 3;
      private seen: TestCandidate[] = [];
      get size() {
        return this.seen.length;
      }
      add(c: TestCandidate) {
        this.seen.push(c);
      }
      remove() {
        return false;
      }
      match(): TestCandidate[][] {
        return this.seen.length >= 2 ? [this.seen.slice(0, 2)] : [];
      }
      waiting() {
        return this.seen;
      }
    }
    const found = checkConformance(() => new Broken(), { traces: 3 }).join('\n');
    expect(found).toMatch(/a room of 2 .* roomSize is 3/);
    expect(found).toMatch(/matched twice/);
    expect(found).toMatch(/remove\(c\d+\) of a waiting request returned false/);
  });

  it('catches an algorithm that mutates its input', () => {
    const mutating = (): MatchAlgorithm<TestCandidate> => {
      const inner = createMatchAlgorithm<TestCandidate>({ algorithm: 'seed', roomSize: 3, windowGrowth: 50 }, 1);
      return {
        roomSize: 3,
        get size() {
          return inner.size;
        },
        add: (c) => {
          (c as { score: number }).score = Math.round(c.score);
          inner.add(c);
        },
        remove: (c) => inner.remove(c),
        match: (now) => inner.match(now),
        waiting: () => inner.waiting(),
      };
    };
    expect(checkConformance(mutating, { traces: 1 })[0]).toMatch(/add threw at round \d+: Cannot assign to read only property 'score'/);
  });
});
