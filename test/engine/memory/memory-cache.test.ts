import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/engine/memory/memory-cache.js';

describe('MemoryCache', () => {
  it('expires an entry the moment its TTL is reached on the given clock', () => {
    let now = 0;
    const cache = new MemoryCache<string>(() => now);
    cache.set('room_a_b_c', 'members', 3600);
    now = 3599.999;
    expect(cache.get('room_a_b_c')).toBe('members');
    now = 3600;
    expect(cache.get('room_a_b_c')).toBeUndefined();
    expect(cache.expired).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('restarts the TTL when a key is set again', () => {
    let now = 0;
    const cache = new MemoryCache<number>(() => now);
    cache.set('k', 1, 10);
    now = 8;
    cache.set('k', 2, 10);
    now = 12;
    expect(cache.get('k')).toBe(2);
    now = 18;
    expect(cache.get('k')).toBeUndefined();
  });

  it('expires entries with different TTLs in time order', () => {
    let now = 0;
    const cache = new MemoryCache<number>(() => now);
    cache.set('long', 1, 100);
    cache.set('short', 2, 5);
    now = 50;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBe(1);
  });

  it('deletes, and keeps its bookkeeping bounded under heavy churn', () => {
    const now = 0;
    const cache = new MemoryCache<number>(() => now);
    for (let i = 0; i < 10000; i++) {
      cache.set(`k${i}`, i, 60);
      expect(cache.delete(`k${i}`)).toBe(true);
    }
    expect(cache.delete('k0')).toBe(false);
    expect(cache.size).toBe(0);
  });
});
