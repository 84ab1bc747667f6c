import type { Filter } from '../pool/filters.js';

/**
 * What an attribute holds, declared before any ticket arrives, as production
 * tickets declare their search fields:
 * - 'number': Open Match's double_args, FlexMatch's N;
 * - 'string': string_args, S;
 * - 'string-list': FlexMatch's SL (a player's roles, the modes it accepts);
 * - 'number-map': a string-to-number map, FlexMatch's SDM (skill by mode, a latency per region);
 * - 'tag': present or not, one of Open Match's tags.
 * Plain data, for production code as much as for the simulator.
 */
export type AttributeKind = 'number' | 'string' | 'string-list' | 'number-map' | 'tag';

export const ATTRIBUTE_KINDS: readonly AttributeKind[] = ['number', 'string', 'string-list', 'number-map', 'tag'];

/** One declared attribute, in the order a ticket's declaration lists it (its column's place in players.csv). */
export interface AttributeDeclaration {
  readonly name: string;
  readonly kind: AttributeKind;
}

/** The declared attributes, by name (a Map: a user's names are never object keys). */
export type AttributeKinds = ReadonlyMap<string, AttributeKind>;

/** What a filter tests: a string for equals, a number for a range, anything for presence. */
export function filterNeeds(filter: Filter): AttributeKind | undefined {
  if ('equals' in filter) return 'string';
  if ('present' in filter) return undefined;
  return 'number';
}

/**
 * Why a filter can never hold for an attribute of this kind, or undefined
 * when it can: an equals filter on a number (a region code "01" read as 1
 * would never equal "01"), a range on a string or a tag.
 */
export function filterKindMismatch(filter: Filter, kind: AttributeKind): string | undefined {
  const needs = filterNeeds(filter);
  if (needs === undefined || needs === kind) return undefined;
  const test = needs === 'string' ? 'an equals filter compares strings' : 'a range filter (min, max) compares numbers';
  return `"${filter.attribute}" is a ${kind} attribute, and ${test}`;
}
