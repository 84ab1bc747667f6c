import { closeSync, openSync, writeSync } from 'node:fs';
import { round6 } from './numbers.js';

const POWERS_OF_TEN = [1, 10, 100, 1000, 10000, 100000];

/**
 * A table written as bytes straight into a reused buffer, for tables of
 * millions of rows of ids and numbers (a big population's matches.csv): no
 * string per cell or row to build, flatten and encode. It writes what
 * csvNumber and csvLine write, and they are its test oracle.
 */
export class ByteRows {
  private buffer: Buffer;
  private used = 0;
  private readonly fd: number;
  /** Digits of a whole number, written backwards before they are copied in order. */
  private readonly digits = new Uint8Array(24);

  constructor(
    path: string,
    private size = 1 << 20,
  ) {
    this.buffer = Buffer.allocUnsafe(size);
    this.fd = openSync(path, 'w');
  }

  /** Makes room for `bytes` more (a row's worth): writes what is gathered, and grows the buffer for a row larger than it. */
  room(bytes: number): void {
    if (this.used + bytes <= this.size) return;
    this.flush();
    if (bytes > this.size) {
      this.size = bytes;
      this.buffer = Buffer.allocUnsafe(bytes);
    }
  }

  /** One byte, by its character code (',', ' ', '\n'). */
  byte(code: number): void {
    this.buffer[this.used++] = code;
  }

  /** ASCII text. */
  text(text: string): void {
    for (let i = 0; i < text.length; i++) this.buffer[this.used++] = text.charCodeAt(i);
  }

  /** Any text, as UTF-8 (make room for 3 bytes a UTF-16 unit). */
  utf8(text: string): void {
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** A whole number, at most 2^53 in size. */
  int(value: number): void {
    let n = value;
    if (n < 0) {
      this.byte(45); // '-'
      n = -n;
    }
    if (n < 2147483648) {
      this.small(n | 0);
      return;
    }
    let count = 0;
    do {
      const next = Math.floor(n / 10);
      this.digits[count++] = 48 + (n - next * 10);
      n = next;
    } while (n > 0);
    while (count > 0) this.buffer[this.used++] = this.digits[--count];
  }

  /** A whole number in [0, 2^31), in 32-bit integer arithmetic (a million rows' numbers go through here). */
  private small(value: number): void {
    let n = value | 0;
    let count = 0;
    do {
      const next = (n / 10) | 0;
      this.digits[count++] = 48 + n - next * 10;
      n = next;
    } while (n > 0);
    while (count > 0) this.buffer[this.used++] = this.digits[--count];
  }

  /** A number as csvNumber writes it: rounded to 6 decimals, no trailing zeros. */
  number(x: number): void {
    const millionths = Math.round(x * 1e6);
    if (!(millionths < 1e15 && millionths > -1e15)) {
      this.text(String(round6(x)));
      return;
    }
    if (millionths === 0) {
      this.byte(48);
      return;
    }
    const negative = millionths < 0;
    const a = negative ? -millionths : millionths;
    // Below 10^15 millionths, the whole part is below 10^9 and the fraction below 10^6: both 32-bit integers.
    const whole = Math.floor(a / 1e6);
    let fraction = (a - whole * 1e6) | 0;
    if (negative) this.byte(45);
    this.small(whole);
    if (fraction === 0) return;
    let places = 6;
    while (fraction % 10 === 0) {
      fraction = (fraction / 10) | 0;
      places--;
    }
    this.byte(46); // '.'
    // Leading zeros of the fraction: places minus its own digits.
    for (let bound = POWERS_OF_TEN[places - 1]; fraction < bound; bound = (bound / 10) | 0) this.byte(48);
    this.small(fraction);
  }

  /** Writes what is gathered so far. */
  flush(): void {
    for (let done = 0; done < this.used; ) done += writeSync(this.fd, this.buffer, done, this.used - done);
    this.used = 0;
  }

  /** Closes the file (flush first: a failed table is closed without writing more). */
  close(): void {
    closeSync(this.fd);
  }
}
