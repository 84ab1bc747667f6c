import { grown } from './growable.js';

/**
 * The kernel's pending events: a binary min-heap by (time, priority, seq)
 * kept in parallel typed arrays, not as an object per event. A population
 * holds thousands of pending match and session ends at once; with an object
 * each, sifting through the heap chased pointers and every event left
 * garbage, the largest single cost of a population run.
 */
export class EventHeap<A> {
  private time = new Float64Array(1024);
  private priority = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private arg = new Float64Array(1024);
  private action: (A | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The earliest event's time (Infinity when none is pending). */
  get nextTime(): number {
    return this.count > 0 ? this.time[0] : Infinity;
  }

  /** The earliest event's action and number, valid until the next push or pop. */
  get topAction(): A {
    return this.action[0] as A;
  }

  get topArg(): number {
    return this.arg[0];
  }

  /** `seq` must never repeat: it is what makes the order total. */
  push(time: number, priority: number, seq: number, action: A, arg: number): void {
    if (this.count === this.time.length) this.grow();
    const t = this.time;
    const p = this.priority;
    const s = this.seq;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = t[parent];
      if (pt < time || (pt === time && (p[parent] < priority || (p[parent] === priority && s[parent] < seq)))) break;
      this.put(i, parent);
      i = parent;
    }
    this.set(i, time, priority, seq, arg, action);
  }

  /** Removes the earliest event (read it first with nextTime, topAction and topArg). */
  pop(): void {
    const n = --this.count;
    const t = this.time;
    const p = this.priority;
    const s = this.seq;
    // The last event sifts down from the root; its values are held while children move up.
    const time = t[n];
    const priority = p[n];
    const seq = s[n];
    const arg = this.arg[n];
    const action = this.action[n];
    this.action[n] = undefined;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n) {
        const rt = t[right];
        const lt = t[left];
        if (rt < lt || (rt === lt && (p[right] < p[left] || (p[right] === p[left] && s[right] < s[left])))) child = right;
      }
      const ct = t[child];
      if (!(ct < time || (ct === time && (p[child] < priority || (p[child] === priority && s[child] < seq))))) break;
      this.put(i, child);
      i = child;
    }
    this.set(i, time, priority, seq, arg, action);
  }

  private set(i: number, time: number, priority: number, seq: number, arg: number, action: A | undefined): void {
    this.time[i] = time;
    this.priority[i] = priority;
    this.seq[i] = seq;
    this.arg[i] = arg;
    this.action[i] = action;
  }

  /** Moves the event at `from` to `to`. */
  private put(to: number, from: number): void {
    this.time[to] = this.time[from];
    this.priority[to] = this.priority[from];
    this.seq[to] = this.seq[from];
    this.arg[to] = this.arg[from];
    this.action[to] = this.action[from];
  }

  private grow(): void {
    const length = this.time.length * 2;
    this.time = grown(this.time, length);
    this.priority = grown(this.priority, length);
    this.seq = grown(this.seq, length);
    this.arg = grown(this.arg, length);
  }
}
