import type { Filter } from '../engine/pool/filters.js';

interface Filtered {
  readonly pools?: ReadonlyArray<{ readonly filters: readonly Filter[] }>;
  readonly profiles?: ReadonlyArray<{ readonly filters?: readonly Filter[] }>;
}

/**
 * Every filter of a matcher (its pools' and its profiles') that names an
 * attribute the players do not carry, with its path: the one check for a
 * scenario's generated attributes and a trace's extra columns alike.
 */
export function unknownFilterAttributes(matcher: Filtered, known: (attribute: string) => boolean): Array<{ readonly path: Array<string | number>; readonly attribute: string }> {
  const filtered = [
    ...(matcher.pools ?? []).map((pool, i) => ({ filters: pool.filters, path: ['matcher', 'pools', i] })),
    ...(matcher.profiles ?? []).map((profile, i) => ({ filters: profile.filters ?? [], path: ['matcher', 'profiles', i] })),
  ];
  return filtered.flatMap(({ filters, path }) =>
    filters.flatMap((f, j) => (known(f.attribute) ? [] : [{ path: [...path, 'filters', j, 'attribute'], attribute: f.attribute }])),
  );
}
