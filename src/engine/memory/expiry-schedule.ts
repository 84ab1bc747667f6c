import { BinaryHeap } from '../binary-heap.js';

interface Deadline {
  readonly at: number;
  readonly seq: number;
  readonly key: string;
}

/**
 * Deadlines for keys, in (time, insertion) order, for stand-ins that expire
 * entries on the simulated clock. A key may be rescheduled; stale deadlines
 * are recognised by the caller comparing with the key's current deadline.
 */
export class ExpirySchedule {
  private readonly heap = new BinaryHeap<Deadline>((a, b) => (a.at !== b.at ? a.at < b.at : a.seq < b.seq));
  private seq = 0;

  add(key: string, at: number): void {
    this.heap.push({ at, seq: this.seq++, key });
  }

  /** Calls `expire(key, at)` for every deadline at or before `now`, oldest first. */
  expireUpTo(now: number, expire: (key: string, at: number) => void): void {
    for (let next = this.heap.peek(); next !== undefined && next.at <= now; next = this.heap.peek()) {
      this.heap.pop();
      expire(next.key, next.at);
    }
  }
}
