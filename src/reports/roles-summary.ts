import type { RoleRecords } from '../engine/run-tally.js';
import { distribution } from './distribution.js';
import { ratioOrNull, round6 } from './numbers.js';

/** One role's figures: its players are those whose first choice it is. */
export interface RoleFigures {
  /** Players whose first choice it is, matched of them, and their waits (seconds). */
  readonly players: number;
  readonly matched: number;
  readonly waitP50: number | null;
  readonly waitP95: number | null;
  /** Of the matched, the share who played it (their first choice). */
  readonly playedFirstChoice: number | null;
  /** The room's slots of it (matcher.composition times the teams). */
  readonly slots: number;
  /** Its players per slot of it (players / slots): the role with the fewest is the bottleneck. */
  readonly playersPerSlot: number | null;
}

/** summary.json's roles: by role (its name, the scenario's), the bottleneck, and how often players played off their first choice or queued flex. */
export interface RolesSummary {
  /** By role name, in the scenario's order (a null-prototype object: role names are the scenario's). */
  readonly byRole: Readonly<Record<string, RoleFigures>>;
  /** The role with the fewest players per slot: the one whose supply sets the rooms a second (null without slots). */
  readonly bottleneck: string | null;
  /** Matched players who played a role other than their first choice, as a share of the matched. */
  readonly offFirstChoiceShare: number | null;
  /** Players who queued for more than one role, and for every role (flex), as shares of all. */
  readonly multiRoleShare: number | null;
  readonly flexShare: number | null;
  /** Matched players who played a role they did not queue for (matcher.fillAfter), as a share of the matched. */
  readonly fillShare: number | null;
  /** With a priority pass (roles.priorityPass): the visits that queued with one, and the waits of the matched among them against the others'. */
  readonly priorityPass?: { readonly visits: number; readonly share: number | null; readonly waitP50: number | null; readonly waitP95: number | null; readonly othersWaitP50: number | null; readonly othersWaitP95: number | null };
}

/**
 * The roles' figures of a run: `slots`, each role's slots in a room (by the
 * run's role order; 0 for a role no team needs), `wait` each player's wait
 * (NaN: not matched).
 */
export function rolesSummary(records: RoleRecords, slots: readonly number[], wait: Float64Array, priorityPass = false): RolesSummary {
  const { names, firstChoice, choices, played, filled } = records;
  const players = firstChoice.length;
  const byRole = Object.create(null) as Record<string, RoleFigures>;
  let bottleneck: string | null = null;
  let fewest = Infinity;
  names.forEach((name, r) => {
    const waits: number[] = [];
    let count = 0;
    let stayed = 0;
    for (let p = 0; p < players; p++) {
      if (firstChoice[p] !== r) continue;
      count++;
      if (!Number.isNaN(wait[p])) {
        waits.push(wait[p]);
        if (played[p] === r) stayed++;
      }
    }
    const d = distribution(Float64Array.from(waits).sort());
    const perSlot = slots[r] > 0 ? count / slots[r] : null;
    if (perSlot !== null && perSlot < fewest) {
      fewest = perSlot;
      bottleneck = name;
    }
    byRole[name] = { players: count, matched: waits.length, waitP50: d.p50, waitP95: d.p95, playedFirstChoice: waits.length === 0 ? null : round6(stayed / waits.length), slots: slots[r], playersPerSlot: perSlot === null ? null : round6(perSlot) };
  });
  let matched = 0;
  let off = 0;
  let multi = 0;
  let flex = 0;
  let fills = 0;
  for (let p = 0; p < players; p++) {
    if (played[p] >= 0) {
      matched++;
      if (played[p] !== firstChoice[p]) off++;
      if (filled[p] === 1) fills++;
    }
    if (choices[p] > 1) multi++;
    if (choices[p] === names.length && names.length > 1) flex++;
  }
    return {
    byRole,
    bottleneck,
    offFirstChoiceShare: ratioOrNull(off, matched),
    multiRoleShare: ratioOrNull(multi, players),
    flexShare: ratioOrNull(flex, players),
    fillShare: ratioOrNull(fills, matched),
    ...(priorityPass ? { priorityPass: passFigures(records.passed, wait) } : {}),
  };
}

/** The visits that queued with a priority pass, and the matched ones' waits against the others'. */
function passFigures(passed: Uint8Array, wait: Float64Array): NonNullable<RolesSummary['priorityPass']> {
  const withPass: number[] = [];
  const others: number[] = [];
  let visits = 0;
  for (let p = 0; p < passed.length; p++) {
    if (passed[p] === 1) visits++;
    if (!Number.isNaN(wait[p])) (passed[p] === 1 ? withPass : others).push(wait[p]);
  }
  const a = distribution(Float64Array.from(withPass).sort());
  const b = distribution(Float64Array.from(others).sort());
  return { visits, share: ratioOrNull(visits, passed.length), waitP50: a.p50, waitP95: a.p95, othersWaitP50: b.p50, othersWaitP95: b.p95 };
}

/** The roles in one line, for the console and the report: the bottleneck, each role's wait p50, and how many played off their first choice. */
export function rolesLine(roles: RolesSummary, fmt: (x: number) => string): string {
  const waits = Object.keys(roles.byRole).map((r) => `${r} ${roles.byRole[r].waitP50 === null ? '-' : fmt(roles.byRole[r].waitP50 as number)}`);
  const off = roles.offFirstChoiceShare === null ? '' : `; ${fmt(roles.offFirstChoiceShare * 100)}% played off their first choice`;
  const pass = roles.priorityPass;
  const passText = pass === undefined ? '' : `; ${pass.visits} visits with a priority pass, wait p50 ${pass.waitP50 === null ? '-' : fmt(pass.waitP50)} s against ${pass.othersWaitP50 === null ? '-' : fmt(pass.othersWaitP50)} s`;
  return `bottleneck ${roles.bottleneck ?? '-'}; wait p50 by first choice: ${waits.join(', ')}${off}${passText}`;
}

