import type { Cache, Clock } from '../ports.js';
import { ExpirySchedule, type Deadline } from './expiry-schedule.js';

interface Entry<V> {
  readonly value: V;
  readonly deadline: Deadline;
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
    this.delete(key);
    this.entries.set(key, { value, deadline: this.expiries.add(key, this.clock() + ttlSeconds) });
  }

  get(key: string): V | undefined {
    this.purge();
    return this.entries.get(key)?.value;
  }

  delete(key: string): boolean {
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
