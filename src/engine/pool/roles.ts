/*
 * Role queues: a room's players fill each team's role slots (a composition:
 * slots of each role a team), each player in one of the roles it queues for.
 * Pure functions of indices, for any pool; they know no scenario.
 */

/**
 * A room's players being given roles as it fills: each added player gets one
 * of its roles (`prefs`: role indices, its order of preference) within
 * `capacity` (slots of each role in the room), moving players already in to
 * another of their roles where that makes room (Kuhn's augmenting paths,
 * each player trying its roles in its order). A set of roles that could not
 * be placed once never can while the room fills (Hall's condition stays
 * broken for the same players), so it is refused at once after that.
 */
export class RoleFill {
  private readonly holders: number[][];
  private readonly prefs: Array<readonly number[]> = [];
  private readonly role: number[] = [];
  private readonly failed = new Set<string>();

  constructor(private readonly capacity: readonly number[]) {
    this.holders = capacity.map(() => []);
  }

  /** Adds a player of these roles if every player can still have one; false leaves the room as it was. */
  add(prefs: readonly number[]): boolean {
    const key = prefs.join(' ');
    if (this.failed.has(key)) return false;
    const p = this.prefs.length;
    this.prefs.push(prefs);
    this.role.push(-1);
    if (this.place(p, new Uint8Array(this.capacity.length))) return true;
    this.prefs.pop();
    this.role.pop();
    this.failed.add(key);
    return false;
  }

  /** Each player's role, in the order they were added. */
  roles(): readonly number[] {
    return this.role;
  }

  private place(p: number, seen: Uint8Array): boolean {
    for (const r of this.prefs[p]) {
      if (seen[r]) continue;
      seen[r] = 1;
      const holders = this.holders[r];
      if (holders.length < this.capacity[r]) {
        holders.push(p);
        this.role[p] = r;
        return true;
      }
      // Full: move one of its holders to another of its roles, if one can go.
      for (let h = 0; h < holders.length; h++) {
        const other = holders[h];
        holders.splice(h, 1);
        if (this.place(other, seen)) {
          holders.push(p);
          this.role[p] = r;
          return true;
        }
        holders.splice(h, 0, other);
      }
    }
    return false;
  }
}

/** A player's roles as indices into the run's `names`, in its order, less those the run does not know. */
export function roleIndices(roles: readonly string[] | undefined, names: readonly string[]): number[] {
  return (roles ?? []).map((r) => names.indexOf(r)).filter((k) => k >= 0);
}

/**
 * Deals a room's players into `teams` teams of `slots` (slots of each role a
 * team), each player in the role `role` gives it: strongest first, each to
 * the team with the lowest total so far that still has a slot of its role
 * (ties to the lower team). Returns each team's players (indices into
 * `scores`), and their roles in the same order.
 */
export function dealByRole(scores: readonly number[], role: readonly number[], teams: number, slots: readonly number[]): { readonly rosters: number[][]; readonly roles: number[][] } {
  const rosters: number[][] = Array.from({ length: teams }, () => []);
  const roles: number[][] = Array.from({ length: teams }, () => []);
  const left = Array.from({ length: teams }, () => [...slots]);
  const totals = new Array<number>(teams).fill(0);
  const order = scores.map((_, p) => p).sort((a, b) => scores[b] - scores[a] || a - b);
  for (const p of order) {
    let best = -1;
    for (let t = 0; t < teams; t++) if (left[t][role[p]] > 0 && (best < 0 || totals[t] < totals[best])) best = t;
    if (best < 0) throw new RangeError('dealByRole: a player has no slot of its role left in any team');
    rosters[best].push(p);
    roles[best].push(role[p]);
    left[best][role[p]]--;
    totals[best] += scores[p];
  }
  return { rosters, roles };
}
