import type { MatcherSettings } from '../algorithms/algorithm-entry.js';
import { settingsFilters } from '../algorithms/registry.js';
import type { Filter } from '../engine/pool/filters.js';
import { filterKindMismatch, filterNeeds, type AttributeKind } from '../engine/ticket/attribute-kinds.js';

/** A matcher as the filter checks read it: its pools, and whatever its algorithms' settings hold (each entry finds its own filters, settingsFilters). */
export interface Filtered {
  readonly pools?: ReadonlyArray<{ readonly filters: readonly Filter[] }>;
  readonly [setting: string]: unknown;
}

/**
 * Every filter of a matcher (its pools' and its profiles') that names an
 * attribute the players do not carry, with its path: the one check for a
 * scenario's generated attributes and a trace's extra columns alike.
 */
export function unknownFilterAttributes(matcher: Filtered, known: (attribute: string) => boolean): Array<{ readonly path: Array<string | number>; readonly attribute: string }> {
  return filtersOf(matcher).flatMap(({ filter, path }) => (known(filter.attribute) ? [] : [{ path, attribute: filter.attribute }]));
}

/** Every filter of a matcher with the path of its attribute field. */
export function filtersOf(matcher: Filtered): Array<{ readonly filter: Filter; readonly path: Array<string | number> }> {
  const filtered = [...(matcher.pools ?? []).map((pool, i) => ({ filters: pool.filters, path: ['matcher', 'pools', i] })), ...settingsFilters(matcher as unknown as MatcherSettings)];
  return filtered.flatMap(({ filters, path }) => filters.map((filter, j) => ({ filter, path: [...path, 'filters', j, 'attribute'] })));
}

/** Every filter that tests its attribute as another kind than the attribute is declared: it could never hold. */
export function filterKindIssues(matcher: Filtered, kindOf: (attribute: string) => AttributeKind | undefined): Array<{ readonly path: Array<string | number>; readonly attribute: string; readonly message: string }> {
  return filtersOf(matcher).flatMap(({ filter, path }) => {
    const kind = kindOf(filter.attribute);
    const mismatch = kind === undefined ? undefined : filterKindMismatch(filter, kind);
    return mismatch === undefined ? [] : [{ path, attribute: filter.attribute, message: mismatch }];
  });
}

/** The kind the first filter naming an attribute tests it as (equals: string, a range: number), with that filter's path; none for presence alone. */
export function kindFromFilters(matcher: Filtered, attribute: string): { readonly kind: AttributeKind; readonly path: Array<string | number> } | undefined {
  for (const { filter, path } of filtersOf(matcher)) {
    const kind = filter.attribute === attribute ? filterNeeds(filter) : undefined;
    if (kind !== undefined) return { kind, path };
  }
  return undefined;
}
