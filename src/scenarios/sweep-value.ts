/** A value a sweep runs a field at: a scalar, or a whole object or array. */
export type SweepValue = string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };

/** A swept value as text: a scalar as itself, an object or array as its JSON. */
export const valueText = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
