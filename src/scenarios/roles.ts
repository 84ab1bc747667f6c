import type { ArrivalSource } from '../engine/arrival-source.js';
import { weightedPicker, type Uniform } from '../engine/rng.js';
import type { RolesSpec } from './schema/roles.js';

/**
 * A drawer of the roles a player queues for, in its order of preference,
 * into `out`: a first choice drawn by the shares; then, with the flex share,
 * every other role (in the shares' order); else, with the second share, one
 * more drawn by the shares from the others. Draws on `uniform` alone, so that
 * roles change no other draw of a run.
 */
export function roleDrawer(spec: RolesSpec & { readonly shares: Readonly<Record<string, number>> }, uniform: Uniform): (out: string[]) => void {
  const names = Object.keys(spec.shares);
  const weights = names.map((r) => spec.shares[r]);
  const first = weightedPicker(weights, uniform);
  // A second choice by the shares of the roles left: one picker per first choice.
  const seconds = names.map((_, f) => {
    const others = names.map((_, k) => k).filter((k) => k !== f && weights[k] > 0);
    return others.length === 0 ? undefined : { others, pick: weightedPicker(others.map((k) => weights[k]), uniform) };
  });
  return (out) => {
    out.length = 0;
    const f = first();
    out.push(names[f]);
    const kind = uniform();
    if (kind < spec.flex) {
      for (let k = 0; k < names.length; k++) if (k !== f) out.push(names[k]);
    } else if (kind < spec.flex + (1 - spec.flex) * spec.second) {
      const second = seconds[f];
      if (second !== undefined) out.push(names[second.others[second.pick()]]);
    }
  };
}

/** Each player from `source` with the roles it queues for (roleDrawer). */
export function withRoles(source: ArrivalSource, spec: RolesSpec & { readonly shares: Readonly<Record<string, number>> }, uniform: Uniform): ArrivalSource {
  const draw = roleDrawer(spec, uniform);
  const roles: string[] = [];
  return {
    ids: source.ids,
    next(slot) {
      if (!source.next(slot)) return false;
      draw(roles);
      slot.roles = roles;
      return true;
    },
  };
}

/** Each player from `source` with the roles its string list attribute `attribute` records (none where it has no such list). */
export function withRecordedRoles(source: ArrivalSource, attribute: string): ArrivalSource {
  return {
    ids: source.ids,
    next(slot) {
      if (!source.next(slot)) return false;
      const value = slot.attributes?.[attribute];
      slot.roles = Array.isArray(value) ? (value as readonly string[]) : undefined;
      return true;
    },
  };
}

