import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../src/engine/event-heap.js';

interface Pending {
  time: number;
  priority: number;
  seq: number;
}

const byOrder = (a: Pending, b: Pending): number => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

describe('EventHeap', () => {
  it('pops in (time, priority, seq) order, pushes and pops interleaved, with each event its own action and number: a sorted list as the oracle', () => {
    // Few distinct times and priorities, so that ties are the common case; sizes past the first growth (1024).
    const op = fc.oneof(fc.record({ time: fc.integer({ min: 0, max: 20 }), priority: fc.integer({ min: -2, max: 2 }) }), fc.constant('pop' as const));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const heap = new EventHeap<() => number>();
        const oracle: Pending[] = [];
        let seq = 0;
        const popBoth = (): void => {
          oracle.sort(byOrder);
          const want = oracle.shift() as Pending;
          expect([heap.nextTime, heap.topAction(), heap.topArg]).toEqual([want.time, want.seq, want.seq * 10]);
          heap.pop();
        };
        for (const o of ops) {
          if (o === 'pop') {
            if (oracle.length > 0) popBoth();
            continue;
          }
          const mine = seq++;
          oracle.push({ ...o, seq: mine });
          heap.push(o.time, o.priority, mine, () => mine, mine * 10);
        }
        expect(heap.size).toBe(oracle.length);
        while (oracle.length > 0) popBoth();
        expect(heap.size).toBe(0);
        expect(heap.nextTime).toBe(Infinity);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps every event when it grows: 5000 pending, popped in order', () => {
    const heap = new EventHeap<number>();
    // Times in a scrambled order (7919 is prime to 5000), every time once.
    for (let k = 0; k < 5000; k++) heap.push((k * 7919) % 5000, 0, k, k, k);
    const times: number[] = [];
    while (heap.size > 0) {
      times.push(heap.nextTime);
      heap.pop();
    }
    expect(times).toEqual(Array.from({ length: 5000 }, (_, k) => k));
  });
});
