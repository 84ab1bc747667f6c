/** Attribute values a request may carry (Open Match's search fields): strings, numbers, and tags (true). */
export type AttributeValue = string | number | true;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** A pool filter over one attribute (Open Match's string-equals, double-range and tag-present filters). */
export type Filter =
  | { readonly attribute: string; readonly equals: string }
  | { readonly attribute: string; readonly min?: number; readonly max?: number }
  | { readonly attribute: string; readonly present: boolean };

/** A named pool: the requests for which every filter holds. */
export interface PoolSpec {
  readonly name: string;
  readonly filters: readonly Filter[];
}

export function matchesFilter(attributes: Attributes | undefined, filter: Filter): boolean {
  // Own properties only: an attribute named "constructor" or "toString" is a name like any other, absent unless the request has it.
  const value = attributes !== undefined && Object.hasOwn(attributes, filter.attribute) ? attributes[filter.attribute] : undefined;
  if ('present' in filter) return (value !== undefined) === filter.present;
  if ('equals' in filter) return value === filter.equals;
  if (typeof value !== 'number') return false;
  return (filter.min === undefined || value >= filter.min) && (filter.max === undefined || value <= filter.max);
}

/** The first pool whose filters all hold for these attributes, or -1. */
export function poolFor(pools: readonly PoolSpec[], attributes: Attributes | undefined): number {
  for (let i = 0; i < pools.length; i++) {
    if (pools[i].filters.every((f) => matchesFilter(attributes, f))) return i;
  }
  return -1;
}
