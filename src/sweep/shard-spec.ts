import { InputError } from '../errors.js';

/** The K-th (from 1) of N slices of a sweep's runs. */
export interface Shard {
  readonly index: number;
  readonly of: number;
}

/** "K/N", 1 <= K <= N <= 1000. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const of = m ? Number(m[2]) : NaN;
  if (!m || !(of >= 1 && of <= 1000) || !(index >= 1 && index <= of)) {
    throw new InputError(`--shard ${text}`, undefined, 'expected K/N with 1 <= K <= N <= 1000, e.g. 2/4');
  }
  return { index, of };
}

/** The items of one shard: a contiguous slice, the slices as even as whole items allow. */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.of);
  const to = Math.floor((shard.index * items.length) / shard.of);
  return items.slice(from, to);
}
