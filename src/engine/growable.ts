/** A typed array that grows by doubling, for one number per player, room or visit. */
class GrowableColumn<A extends Float64Array | Int32Array> {
  private buffer: A;
  length = 0;

  constructor(buffer: A) {
    this.buffer = buffer;
  }

  push(value: number): void {
    if (this.length === this.buffer.length) this.buffer = grown(this.buffer, Math.max(16, this.buffer.length * 2));
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
  view(): A {
    return this.buffer.subarray(0, this.length) as A;
  }
}

/** A Float64Array that grows by doubling. */
export class GrowableFloat64 extends GrowableColumn<Float64Array> {
  constructor(capacity = 1024) {
    super(new Float64Array(capacity));
  }
}

/** An Int32Array that grows by doubling: indices of players, rooms, visits. */
export class GrowableInt32 extends GrowableColumn<Int32Array> {
  constructor(capacity = 1024) {
    super(new Int32Array(capacity));
  }
}

/** A typed array of the same kind with room for `length` values, holding the old ones first. */
export function grown<A extends Float64Array | Uint32Array | Uint8Array | Int32Array | Int16Array>(old: A, length: number): A {
  const next = new (old.constructor as new (n: number) => A)(length);
  next.set(old);
  return next;
}
