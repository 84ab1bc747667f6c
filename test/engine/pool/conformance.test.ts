import { describe, expect, it } from 'vitest';
import { createMatchAlgorithm, ALGORITHMS, REGISTRY, type AlgorithmName, type MatcherSettings } from '../../../src/algorithms/registry.js';
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

/** Some member of the room (the anchor) has every other within its own window. */
const someAnchorReachesAll = (spec: WindowSpec) => {
  const window = windowPolicy(spec);
  return (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) => {
    const ok = room.some((a) => room.every((c) => Math.abs(c.score - a.score) <= window(round - (joinedAt.get(a.id) as number))));
    return ok ? undefined : `no member of [${room.map((c) => c.id)}] has the others within its window`;
  };
};

/** Teams of `size` players each, in room order, with no party split between two. */
const wholeTeams = (size: number) => (room: readonly TestCandidate[]) => {
  let players = 0;
  for (const c of room) {
    const start = players;
    players += c.size ?? 1;
    if (Math.floor(start / size) !== Math.floor((players - 1) / size)) return `${c.id} (a party of ${c.size}) straddles two teams`;
  }
  return undefined;
};

const both =
  (...rules: Array<(room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) => string | undefined>) =>
  (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) =>
    rules.map((rule) => rule(room, round, joinedAt)).find((m) => m !== undefined);

const windows: WindowSpec[] = [
  { type: 'linear', growth: 50 },
  { type: 'capped', growth: 30, cap: 200 },
  { type: 'steps', steps: [{ after: 0, window: 5 }, { after: 4, window: 300 }] },
  { type: 'exponential', initial: 5, factor: 2, cap: 1000 },
];

/** Settings for each built-in algorithm at one window and room size; teams split the room in two. */
function settingsFor(algorithm: AlgorithmName, window: WindowSpec, roomSize: number): MatcherSettings {
  const base = { algorithm, roomSize, window, parties: true };
  if (algorithm === 'teams') return { ...base, roomSize: 2 * roomSize, teams: { count: 2, size: roomSize, balance: roomSize % 2 ? 'snake' : 'greedy' } };
  if (algorithm === 'profiles') return { ...base, profiles: [{ name: 'tight', window: { type: 'capped', growth: 10, cap: 30 } }, { name: 'scenario' }], evaluator: { waitWeight: 20 } };
  return base;
}

function ruleFor(algorithm: AlgorithmName, window: WindowSpec, roomSize: number) {
  switch (algorithm) {
    case 'anchor':
      return withinAnchorWindow(window);
    case 'teams':
      return both(someAnchorReachesAll(window), wholeTeams(roomSize));
    case 'profiles':
      // Every pair within both members' windows, under one of the two profiles.
      return (room: readonly TestCandidate[], round: number, joinedAt: ReadonlyMap<string, number>) =>
        withinWindows({ type: 'capped', growth: 10, cap: 30 })(room, round, joinedAt) && withinWindows(window)(room, round, joinedAt);
    default:
      return withinWindows(window);
  }
}

describe('conformance of the built-in algorithms', () => {
  // The window-based algorithms; one of its own rules (flexmatch) reads its tickets from a ticket table, and is held to the same invariants by test/properties.test.ts.
  for (const algorithm of ALGORITHMS.filter((a) => REGISTRY.find((e) => e.name === a)?.traits.ownRules !== true)) {
    for (const window of windows) {
      for (const roomSize of [2, 3, 5]) {
        it(`${algorithm}, ${window.type} window, rooms of ${roomSize}`, () => {
          const settings = settingsFor(algorithm, window, roomSize);
          const make = () => createMatchAlgorithm<TestCandidate>(settings, 1);
          expect(checkConformance(make, { checkRoom: ruleFor(algorithm, window, roomSize), largestParty: Math.min(3, roomSize) })).toEqual([]);
        });
      }
    }
  }

  it('sends parties only to algorithms that declare them', () => {
    const sizes = (algorithm: AlgorithmName) => {
      const seen: number[] = [];
      const inner = createMatchAlgorithm<TestCandidate>(settingsFor(algorithm, windows[0], 3), 1);
      checkConformance(() => ({ ...inner, parties: inner.parties, roomSize: inner.roomSize, size: 0, add: (c) => void seen.push(c.size ?? 1), remove: () => true, match: () => [], waiting: () => [] }), { traces: 2 });
      return new Set(seen);
    };
    expect([...sizes('seed')]).toEqual([1]);
    expect([...sizes('anchor')].sort()).toEqual([1, 2, 3]);
  });

  it('pools by attribute filters', () => {
    const make = () =>
      createMatchAlgorithm<TestCandidate>(
        { algorithm: 'seed', roomSize: 3, window: { type: 'linear', growth: 50 }, pools: [{ name: 'a', filters: [{ attribute: 'r', equals: 'a' }] }, { name: 'b', filters: [] }] },
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
    expect(found).toMatch(/a room of 2 .* rooms hold roomSize, 3/);
    expect(found).toMatch(/matched twice/);
    expect(found).toMatch(/remove\(c\d+\) of a waiting request returned false/);
  });

  it('catches an algorithm that mutates its input', () => {
    const mutating = (): MatchAlgorithm<TestCandidate> => {
      const inner = createMatchAlgorithm<TestCandidate>({ algorithm: 'seed', roomSize: 3, window: { type: 'linear', growth: 50 } }, 1);
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
