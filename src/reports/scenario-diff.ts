import { FORBIDDEN_PARTS } from '../scenarios/overrides.js';

/** A field whose value is not the same in every scenario: its dotted path, and its value in each (as JSON; null where a scenario has none). */
export interface FieldDifference {
  readonly path: string;
  readonly values: ReadonlyArray<string | null>;
}

/** At most this many differences are listed: two scenarios of different traces differ in few fields, not thousands. */
export const MAX_DIFFERENCES = 200;

/** Fields that say what a scenario is called, not what it does. */
const DESCRIPTIVE = new Set(['$schema', 'description']);

/**
 * The fields in which resolved scenarios differ, path by path in the order
 * of the first that has each: objects are walked field by field (own keys
 * only), anything else (numbers, strings, arrays) compared whole. `more`
 * counts the differences beyond MAX_DIFFERENCES.
 */
export function scenarioDiff(scenarios: readonly unknown[]): { readonly fields: readonly FieldDifference[]; readonly more: number } {
  const fields: FieldDifference[] = [];
  let more = 0;
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const walk = (values: readonly unknown[], path: string) => {
    if (values.every(isObject)) {
      const keys: string[] = [];
      for (const v of values) for (const k of Object.keys(v)) if (!keys.includes(k) && !FORBIDDEN_PARTS.has(k)) keys.push(k);
      for (const k of keys) {
        if (path === '' && DESCRIPTIVE.has(k)) continue;
        walk(values.map((v) => (Object.hasOwn(v, k) ? v[k] : undefined)), path === '' ? k : `${path}.${k}`);
      }
      return;
    }
    const texts = values.map((v) => (v === undefined ? null : JSON.stringify(v)));
    if (texts.every((t) => t === texts[0])) return;
    if (fields.length < MAX_DIFFERENCES) fields.push({ path, values: texts });
    else more++;
  };
  walk(scenarios, '');
  return { fields, more };
}
