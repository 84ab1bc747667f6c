/** A Float64Array that grows by doubling, for one number per player or room. */
export class GrowableFloat64 {
  private buffer: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buffer = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.buffer = grown(this.buffer, this.buffer.length * 2);
    this.buffer[this.length++] = value;
  }

  get(index: number): number {
    return this.buffer[index];
  }

  /** Overwrites an already pushed value. */
  set(index: number, value: number): void {
    this.buffer[index] = value;
  }

  /** The values pushed so far (a view, not a copy). */
  view(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** A typed array of the same kind with room for `length` values, holding the old ones first. */
export function grown<A extends Float64Array | Uint32Array | Uint8Array | Int32Array>(old: A, length: number): A {
  const next = new (old.constructor as new (n: number) => A)(length);
  next.set(old);
  return next;
}
