/**
 * Attribute values a request may carry (Open Match's search fields,
 * FlexMatch's player attributes): numbers, strings, string lists, maps of
 * strings to numbers (a Map: its keys come from users' files), and tags
 * (true). Filters test numbers, strings and presence; lists and maps are for
 * the algorithms that read them.
 */
export type AttributeValue = string | number | true | readonly string[] | ReadonlyMap<string, number>;
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

/** Whether a request's attributes pass a filter (see compileFilter). */
export function matchesFilter(attributes: Attributes | undefined, filter: Filter): boolean {
  return compileFilter(filter)(attributes);
}

/** A filter as a test of attributes, its shape decided once rather than at every request. */
export type FilterTest = (attributes: Attributes | undefined) => boolean;

/**
 * Compiles a filter, with Open Match's semantics (internal/filter): a range
 * holds for a number within [min, max] (never NaN), equals for exactly that
 * string, present for any value; an absent attribute fails all but present:
 * false. Own properties only: an attribute named "constructor" or "toString"
 * is a name like any other, absent unless the request has it.
 */
export function compileFilter(filter: Filter): FilterTest {
  const name = filter.attribute;
  const valueOf = (attributes: Attributes | undefined) => (attributes !== undefined && Object.hasOwn(attributes, name) ? attributes[name] : undefined);
  if ('present' in filter) {
    const present = filter.present;
    return (attributes) => (valueOf(attributes) !== undefined) === present;
  }
  if ('equals' in filter) {
    const equals = filter.equals;
    return (attributes) => valueOf(attributes) === equals;
  }
  const min = filter.min ?? -Infinity;
  const max = filter.max ?? Infinity;
  return (attributes) => {
    const value = valueOf(attributes);
    // Not simplified, so that NaN fails as in Open Match.
    return typeof value === 'number' && value >= min && value <= max;
  };
}

/** A pool's filters as one test: every filter holds. */
export function compileFilters(filters: readonly Filter[]): FilterTest {
  const tests = filters.map(compileFilter);
  if (tests.length === 0) return () => true;
  if (tests.length === 1) return tests[0];
  return (attributes) => tests.every((test) => test(attributes));
}

/** Routes requests to the first pool whose filters all hold, each pool's filters compiled once. */
export function poolRouter(pools: readonly PoolSpec[]): (attributes: Attributes | undefined) => number {
  const tests = pools.map((p) => compileFilters(p.filters));
  return (attributes) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](attributes)) return i;
    return -1;
  };
}

/** The first pool whose filters all hold for these attributes, or -1. */
export function poolFor(pools: readonly PoolSpec[], attributes: Attributes | undefined): number {
  return poolRouter(pools)(attributes);
}
