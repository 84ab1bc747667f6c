/**
 * Every number a report writes is rounded to the microsecond (or millionth of
 * a score point): enough for any time the simulation makes, and it keeps
 * float noise such as 0.30000000000000004 out of the files.
 */
export function round6(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r; // no "-0"
}

/** round6, for a figure that may be missing: null (or undefined, or not finite) is null. */
export function round6OrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : round6(x);
}

/** part / whole, rounded; null when whole is 0 (a share of nothing). */
export function ratioOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : round6(part / whole);
}

/** simple-statistics only indexes its input, so a typed array serves as well as number[]. */
export function asNumbers(xs: Float64Array): number[] {
  return xs as unknown as number[];
}
