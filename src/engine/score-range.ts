/** Scores are whole numbers in the range of an i32, as the seed's thrift interface carries them. */
export const SCORE_MIN = -(2 ** 31);
export const SCORE_MAX = 2 ** 31 - 1;

/** True for a score as the service receives it: a whole number in i32's range. */
export const isScore = (x: number): boolean => Number.isInteger(x) && x >= SCORE_MIN && x <= SCORE_MAX;

/** A number as the nearest score the service can carry: rounded, and clipped into i32's range (a rating may drift beyond it). */
export const nearestScore = (x: number): number => Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(x)));
