import { describe, expect, it } from 'vitest';
import { ExpirySchedule } from '../../../src/engine/memory/expiry-schedule.js';

describe('ExpirySchedule', () => {
  it('expires in (time, insertion) order whether deadlines arrive in order or not', () => {
    const s = new ExpirySchedule();
    s.add('c', 30);
    s.add('d', 40);
    s.add('a', 10); // out of order: goes to the heap
    s.add('b', 30); // ties with c, added later
    const out: string[] = [];
    s.expireUpTo(35, (key) => out.push(key));
    expect(out).toEqual(['a', 'c', 'b']);
    s.expireUpTo(100, (key) => out.push(key));
    expect(out).toEqual(['a', 'c', 'b', 'd']);
  });

  it('skips cancelled deadlines and compacts once they dominate', () => {
    const s = new ExpirySchedule();
    const handles = Array.from({ length: 5000 }, (_, i) => s.add(`k${i}`, i));
    for (const h of handles.slice(0, 4000)) s.cancel(h);
    expect(s.size).toBeLessThan(5000);
    const out: string[] = [];
    s.expireUpTo(10000, (key) => out.push(key));
    expect(out).toHaveLength(1000);
    expect(out[0]).toBe('k4000');
  });
});
