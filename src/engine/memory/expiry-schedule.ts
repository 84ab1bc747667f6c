import { BinaryHeap } from '../binary-heap.js';

/** A scheduled expiry; keep it to cancel the expiry later. */
export interface Deadline<K = string> {
  readonly at: number;
  readonly seq: number;
  readonly key: K;
  cancelled: boolean;
}

const earlier = (a: Deadline<unknown>, b: Deadline<unknown>): boolean => (a.at !== b.at ? a.at < b.at : a.seq < b.seq);

/**
 * Deadlines for keys, in (time, insertion) order, for stand-ins that expire
 * entries on the simulated clock.
 *
 * With one TTL for everything, deadlines arrive in time order; those go to a
 * FIFO (O(1) each) and only out-of-order ones to a heap. Cancelled deadlines
 * are dropped in bulk once they are the majority, so memory follows the live
 * entries, not everything ever scheduled.
 */
export class ExpirySchedule<K = string> {
  private fifo: Deadline<K>[] = [];
  private head = 0;
  private heap = new BinaryHeap<Deadline<K>>(earlier);
  private seq = 0;
  private cancelledCount = 0;

  get size(): number {
    return this.fifo.length - this.head + this.heap.size;
  }

  add(key: K, at: number): Deadline<K> {
    const deadline: Deadline<K> = { at, seq: this.seq++, key, cancelled: false };
    const last = this.fifo.length > this.head ? this.fifo[this.fifo.length - 1] : undefined;
    if (last === undefined || last.at <= at) this.fifo.push(deadline);
    else this.heap.push(deadline);
    return deadline;
  }

  cancel(deadline: Deadline<K>): void {
    if (deadline.cancelled) return;
    deadline.cancelled = true;
    if (++this.cancelledCount > 1024 && this.cancelledCount * 2 > this.size) this.compact();
  }

  /** Calls `expire(key)` for every live deadline at or before `now`, oldest first. */
  expireUpTo(now: number, expire: (key: K) => void): void {
    for (;;) {
      const fromFifo = this.head < this.fifo.length ? this.fifo[this.head] : undefined;
      const fromHeap = this.heap.peek();
      const next = fromFifo && (!fromHeap || earlier(fromFifo, fromHeap)) ? fromFifo : fromHeap;
      if (next === undefined || next.at > now) break;
      if (next === fromFifo) this.takeFromFifo();
      else this.heap.pop();
      if (next.cancelled) this.cancelledCount--;
      else expire(next.key);
    }
  }

  private takeFromFifo(): void {
    this.fifo[this.head++] = undefined as unknown as Deadline<K>;
    if (this.head > 1024 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
  }

  private compact(): void {
    this.fifo = this.fifo.slice(this.head).filter((d) => !d.cancelled);
    this.head = 0;
    const live: Deadline<K>[] = [];
    for (let d = this.heap.pop(); d !== undefined; d = this.heap.pop()) if (!d.cancelled) live.push(d);
    this.heap = new BinaryHeap<Deadline<K>>(earlier);
    for (const d of live) this.heap.push(d);
    this.cancelledCount = 0;
  }
}
