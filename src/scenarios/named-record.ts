import * as z from 'zod';

/** What each named record stands for in the JSON Schema: the record zod itself would describe. */
const JSON_SHAPES = new WeakMap<z.ZodType, z.ZodType>();

/** The JSON Schema stand-in of a schema made by namedRecord, if it is one. */
export const jsonShapeOf = (schema: z.ZodType): z.ZodType | undefined => JSON_SHAPES.get(schema);

/**
 * name -> value, as z.record, but every name is an ordinary name: the result
 * is a null-prototype object, so "__proto__", "constructor" or "toString"
 * neither reach Object.prototype nor vanish (zod's record drops "__proto__"
 * without a word). Each entry is validated with its own path.
 */
export function namedRecord<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
  const input = z.custom<Record<string, z.input<V>>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), {
    error: 'must be an object of names to values',
  });
  JSON_SHAPES.set(input, z.record(key, value));
  return input.transform((record, ctx) => {
    const out = Object.create(null) as Record<string, z.output<V>>;
    for (const name of Object.keys(record)) {
      const k = key.safeParse(name);
      if (!k.success) {
        for (const issue of k.error.issues) ctx.issues.push({ code: 'custom', message: issue.message, path: [name], input: name });
        continue;
      }
      const v = value.safeParse(record[name]);
      if (!v.success) {
        for (const issue of v.error.issues) ctx.issues.push({ ...issue, path: [name, ...issue.path] } as (typeof ctx.issues)[number]);
        continue;
      }
      out[name] = v.data as z.output<V>;
    }
    return out;
  });
}

/** Any JSON object, passed on as it is (a matcher module's options): no key of it is dropped or interpreted. */
export function anyObject() {
  const schema = z.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), { error: 'must be an object' });
  JSON_SHAPES.set(schema, z.record(z.string(), z.unknown()));
  return schema;
}

/**
 * A JSON object or array, passed on as it is (a sweep's whole settings);
 * refused when any key in it would reach a prototype, which zod's record
 * would drop without a word and a later copy would lose.
 */
export function anyJsonStructure(forbidden: ReadonlySet<string>) {
  const allowed = (x: unknown): boolean =>
    Array.isArray(x) ? x.every(allowed) : typeof x !== 'object' || x === null || Object.keys(x).every((key) => !forbidden.has(key) && allowed((x as Record<string, unknown>)[key]));
  const schema = z.custom<Record<string, unknown> | unknown[]>((x) => typeof x === 'object' && x !== null && allowed(x), {
    error: `must be a JSON object or array with no key ${[...forbidden].join(', ')}`,
  });
  JSON_SHAPES.set(schema, z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]));
  return schema;
}
