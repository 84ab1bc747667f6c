import type { Cache, Clock } from '../ports.js';
import { ExpirySchedule } from './expiry-schedule.js';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/**
 * A cache whose entries expire on the given (simulated) clock. As in Django's
 * local-memory cache, an entry is gone from the moment its expiry time is reached.
 */
export class MemoryCache<V> implements Cache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly expiries = new ExpirySchedule();
  /** Entries removed because their time ran out. */
  expired = 0;

  constructor(private readonly clock: Clock) {}

  /** Live entries. */
  get size(): number {
    this.purge();
    return this.entries.size;
  }

  set(key: string, value: V, ttlSeconds: number): void {
    this.purge();
    const expiresAt = this.clock() + ttlSeconds;
    this.entries.set(key, { value, expiresAt });
    this.expiries.add(key, expiresAt);
  }

  get(key: string): V | undefined {
    this.purge();
    return this.entries.get(key)?.value;
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  private purge(): void {
    this.expiries.expireUpTo(this.clock(), (key, at) => {
      // A key set again later has a later deadline; only its latest one counts.
      if (this.entries.get(key)?.expiresAt === at) {
        this.entries.delete(key);
        this.expired++;
      }
    });
  }
}
