import { InputError } from '../errors.js';

/** The K-th (from 1) of N slices of a sweep's runs. */
export interface Shard {
  readonly index: number;
  readonly of: number;
}

/** The most shards a sweep or tuning is cut into. */
export const MAX_SHARDS = 1000;

/** "K/N", 1 <= K <= N <= MAX_SHARDS. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const of = m ? Number(m[2]) : NaN;
  if (!m || !(of >= 1 && of <= MAX_SHARDS) || !(index >= 1 && index <= of)) {
    throw new InputError(`--shard ${text}`, undefined, `expected K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. 2/4`);
  }
  return { index, of };
}

/** The items of one shard: a contiguous slice, the slices as even as whole items allow. */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const from = Math.floor(((shard.index - 1) * items.length) / shard.of);
  const to = Math.floor((shard.index * items.length) / shard.of);
  return items.slice(from, to);
}

/** Checks that shard directories hold each of the N shards exactly once (they already agree on N). */
export function checkEveryShardOnce(dirs: readonly string[], shards: ReadonlyArray<{ readonly shard: number; readonly of: number }>): void {
  const seen = new Map<number, string>();
  shards.forEach((m, i) => {
    const other = seen.get(m.shard);
    if (other !== undefined) throw new InputError(dirs[i], undefined, `shard ${m.shard}/${m.of} is also in ${other}`);
    seen.set(m.shard, dirs[i]);
  });
  const of = shards[0].of;
  const missing = Array.from({ length: of }, (_, k) => k + 1).filter((k) => !seen.has(k));
  // A few named, the rest counted: a forged "of" of 1000 would otherwise make a message of a thousand names.
  const named = missing.slice(0, 8).map((k) => `${k}/${of}`).join(', ');
  if (missing.length > 0) throw new InputError('merge', undefined, `missing shard${missing.length > 1 ? 's' : ''} ${named}${missing.length > 8 ? `, ... (${missing.length} in all)` : ''}`);
}
