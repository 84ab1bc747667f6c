/**
 * Every number a report writes is rounded to the microsecond (or millionth of
 * a score point): enough for any time the simulation makes, and it keeps
 * float noise such as 0.30000000000000004 out of the files.
 */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r; // no "-0"
}

/** simple-statistics only indexes its input, so a typed array serves as well as number[]. */
export function asNumbers(xs: Float64Array): number[] {
  return xs as unknown as number[];
}
