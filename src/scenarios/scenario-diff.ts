import { FORBIDDEN_PARTS } from './overrides.js';

/** How fieldDifferences walks the documents. */
export interface DiffOptions {
  /** Dotted paths left out, with everything below them. */
  readonly skip?: readonly string[];
  /** Keys never walked, at any depth. */
  readonly skipKeys?: ReadonlySet<string>;
  /** Keys in sorted order (the first difference then does not depend on which document has a key first); else in the order first met. */
  readonly sortKeys?: boolean;
  /** Arrays of one length compared element by element (path.0, path.1, ...); else each array as a whole. */
  readonly elementwise?: boolean;
}

/**
 * Every dotted path at which some of `documents` differ, with each one's
 * value there (undefined where it has none): objects are walked field by
 * field, through own keys only; anything else is compared as its JSON. The
 * path of a difference at the top is ''.
 */
export function fieldDifferences(documents: readonly unknown[], options: DiffOptions = {}): Array<{ readonly path: string; readonly values: readonly unknown[] }> {
  const found: Array<{ path: string; values: unknown[] }> = [];
  const walk = (values: unknown[], path: readonly string[]): void => {
    const dotted = path.join('.');
    if (options.skip?.includes(dotted)) return;
    if (values.every(isRecord)) {
      const keys: string[] = [];
      for (const v of values) for (const k of Object.keys(v)) if (!keys.includes(k) && !options.skipKeys?.has(k)) keys.push(k);
      if (options.sortKeys) keys.sort();
      for (const key of keys) walk(values.map((v) => (Object.hasOwn(v, key) ? v[key] : undefined)), [...path, key]);
    } else if (options.elementwise && values.every(Array.isArray) && values.every((v) => v.length === values[0].length)) {
      for (let i = 0; i < values[0].length; i++) walk(values.map((v) => v[i]), [...path, String(i)]);
    } else {
      const texts = values.map((v) => JSON.stringify(v));
      if (!texts.every((t) => t === texts[0])) found.push({ path: dotted, values });
    }
  };
  walk([...documents], []);
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field whose value is not the same in every scenario: its dotted path, and its value in each (as JSON; null where a scenario has none). */
export interface FieldDifference {
  readonly path: string;
  readonly values: ReadonlyArray<string | null>;
}

/** At most this many differences are listed: two scenarios of different traces differ in few fields, not thousands. */
export const MAX_DIFFERENCES = 200;

/**
 * The fields in which resolved scenarios differ, for people: path by path in
 * the order of the first that has each, arrays compared whole, what names or
 * describes a scenario ($schema, description) left out. `more` counts the
 * differences beyond MAX_DIFFERENCES.
 */
export function scenarioDiff(scenarios: readonly unknown[]): { readonly fields: readonly FieldDifference[]; readonly more: number } {
  const all = fieldDifferences(scenarios, { skip: ['$schema', 'description'], skipKeys: FORBIDDEN_PARTS });
  const fields = all.slice(0, MAX_DIFFERENCES).map((d) => ({ path: d.path, values: d.values.map((v) => (v === undefined ? null : JSON.stringify(v))) }));
  return { fields, more: all.length - fields.length };
}
