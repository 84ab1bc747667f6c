import { roleIndices } from '../engine/pool/roles.js';
import type { AnchorOptions } from '../engine/pool/anchor-pool.js';
import type { AttributedCandidate } from '../engine/pool/partitioned-pool.js';
import type { MatcherSettings, PoolContext } from './algorithm-entry.js';

/**
 * The role queues of a matcher with a composition, as a pool takes them:
 * each role's slots, and each request's roles read from the ticket table (its
 * player's, in its order of preference, as indices of the composition's
 * roles; worked out once a request). Undefined without a composition.
 */
export function roleSlots<T extends AttributedCandidate>(settings: MatcherSettings, context: PoolContext<T>): AnchorOptions<T>['roles'] {
  const composition = settings.composition as Readonly<Record<string, number>> | undefined;
  if (composition === undefined) return undefined;
  const tickets = context.tickets;
  if (tickets === undefined) throw new RangeError("a composition reads each ticket's roles from the ticket table: give it (tickets)");
  const names = Object.keys(composition);
  const known = new WeakMap<T, readonly number[]>();
  const rolesOf = (c: T): readonly number[] => {
    let roles = known.get(c);
    if (roles === undefined) {
      roles = roleIndices(tickets.table.roles(tickets.slot(c)), names);
      known.set(c, roles);
    }
    return roles;
  };
  const fillAfter = settings.fillAfter as number | undefined;
  return { slots: names.map((r) => composition[r]), names, rolesOf, ...(fillAfter !== undefined ? { fillAfter } : {}) };
}
