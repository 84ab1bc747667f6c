import type { Cache, Clock } from '../ports.js';
import { ExpirySchedule, type Deadline } from './expiry-schedule.js';

interface Entry<V, K> {
  readonly value: V;
  readonly deadline: Deadline<K>;
}

/** Django's local-memory cache's size limit: MAX_ENTRIES and CULL_FREQUENCY. */
export interface CacheLimit {
  readonly maxEntries: number;
  /** When full, 1/cullFrequency of the entries go, least recently used first; 0 clears the cache. */
  readonly cullFrequency: number;
}

/**
 * A cache whose entries expire on the given (simulated) clock. As in Django's
 * local-memory cache, an entry is gone from the moment its expiry time is
 * reached; with a limit, a set into a full cache first culls the least
 * recently used entries, as Django's does.
 */
export class MemoryCache<V, K = string> implements Cache<V, K> {
  private readonly entries = new Map<K, Entry<V, K>>();
  private readonly expiries = new ExpirySchedule<K>();
  /** Entries removed because their time ran out. */
  expired = 0;
  /** Entries culled to make room. */
  culled = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limit?: CacheLimit,
  ) {}

  /** Live entries. */
  get size(): number {
    this.purge();
    return this.entries.size;
  }

  set(key: K, value: V, ttlSeconds: number): void {
    this.purge();
    this.delete(key);
    if (this.limit && this.entries.size >= this.limit.maxEntries) this.cull(this.limit.cullFrequency);
    this.entries.set(key, { value, deadline: this.expiries.add(key, this.clock() + ttlSeconds) });
  }

  get(key: K): V | undefined {
    this.purge();
    const entry = this.entries.get(key);
    if (entry !== undefined && this.limit) {
      // Most recently used last: the Map's order is the cull order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry?.value;
  }

  private cull(frequency: number): void {
    const count = frequency === 0 ? this.entries.size : Math.floor(this.entries.size / frequency);
    const victims: K[] = [];
    for (const key of this.entries.keys()) {
      if (victims.length >= count) break;
      victims.push(key);
    }
    for (const key of victims) this.delete(key);
    this.culled += victims.length;
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.expiries.cancel(entry.deadline);
    return this.entries.delete(key);
  }

  private purge(): void {
    this.expiries.expireUpTo(this.clock(), (key) => {
      this.entries.delete(key);
      this.expired++;
    });
  }
}
