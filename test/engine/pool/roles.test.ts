import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealByRole, RoleFill, roleIndices } from '../../../src/engine/pool/roles.js';

/** One role for each player, the players added to a RoleFill in order; undefined if one cannot be. */
function assignRoles(prefs: ReadonlyArray<readonly number[]>, capacity: readonly number[]): number[] | undefined {
  const fill = new RoleFill(capacity);
  for (const p of prefs) if (!fill.add(p)) return undefined;
  return [...fill.roles()];
}

describe('role slots', () => {
  it('gives each player one of its roles within the slots, moving earlier players where that makes room', () => {
    // Slots: 1 tank (0), 2 damage (1), 2 support (2).
    const capacity = [1, 2, 2];
    const fill = new RoleFill(capacity);
    expect(fill.add([0, 1])).toBe(true); // tank
    expect(fill.add([0])).toBe(true); // the tank slot is taken by a player who also plays damage: it moves
    expect(fill.roles()).toEqual([1, 0]);
    expect(fill.add([0])).toBe(false); // nobody can move off tank now
    expect(fill.roles()).toEqual([1, 0]); // refused: nothing moved
    expect(fill.add([1])).toBe(true);
    expect(fill.add([1, 2])).toBe(true); // damage full: support
    expect(fill.roles()).toEqual([1, 0, 1, 2]);
    expect(assignRoles([[1], [1], [1]], capacity)).toBeUndefined();
    expect(assignRoles([[2, 1], [2], [2]], capacity)).toEqual([1, 2, 2]);
  });

  it('property: a room fills exactly when an assignment exists (a brute-force search), every player in one of its roles, no role over its slots', () => {
    const brute = (prefs: number[][], capacity: number[]): boolean => {
      const left = [...capacity];
      const go = (p: number): boolean => {
        if (p === prefs.length) return true;
        for (const r of new Set(prefs[p])) {
          if (left[r] === 0) continue;
          left[r]--;
          const ok = go(p + 1);
          left[r]++;
          if (ok) return true;
        }
        return false;
      };
      return go(0);
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }), fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), { maxLength: 8 }), (capacity, prefs) => {
        const roles = assignRoles(prefs, capacity);
        expect(roles !== undefined).toBe(brute(prefs, capacity));
        if (roles === undefined) return;
        roles.forEach((r, p) => expect(prefs[p]).toContain(r));
        for (let r = 0; r < capacity.length; r++) expect(roles.filter((x) => x === r).length).toBeLessThanOrEqual(capacity[r]);
        // Added one by one, a refusal is final: the same roles are refused again after more players joined.
        const fill = new RoleFill(capacity);
        const refused: string[] = [];
        for (const p of prefs) if (!fill.add(p)) refused.push(p.join(' '));
        for (const p of prefs) if (refused.includes(p.join(' '))) expect(fill.add(p)).toBe(false);
      }),
      { seed: 29, numRuns: 300 },
    );
  });

  it('reads a player\'s roles as the run\'s indices, in its order, leaving out roles the run does not know', () => {
    expect(roleIndices(['support', 'healer', 'tank'], ['tank', 'damage', 'support'])).toEqual([2, 0]);
    expect(roleIndices(undefined, ['tank'])).toEqual([]);
  });

  it('deals the room by role: strongest first, each to the weakest team with a slot of its role', () => {
    // Two teams of 1 tank (0) and 1 damage (1); scores 40, 30 (tanks), 20, 10 (damage).
    const { rosters, roles } = dealByRole([40, 20, 30, 10], [0, 1, 0, 1], 2, [1, 1]);
    // 40 -> team 0; 30 -> team 1 (its tank slot, lower total); 20 -> team 1 (30 < 40); 10 -> team 0.
    expect(rosters).toEqual([
      [0, 3],
      [2, 1],
    ]);
    expect(roles).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(() => dealByRole([1, 2], [0, 0], 2, [0, 1])).toThrow(/no slot of its role/);
  });
});
