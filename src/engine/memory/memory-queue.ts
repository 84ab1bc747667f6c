import type { MessageQueue } from '../ports.js';

/** An unbounded FIFO queue; a moving head index keeps get O(1) amortised. */
export class MemoryQueue<T> implements MessageQueue<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  put(item: T): void {
    this.items.push(item);
  }

  forEach(visit: (item: T) => void): void {
    for (let i = this.head; i < this.items.length; i++) visit(this.items[i]);
  }

  getNowait(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined as T;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
