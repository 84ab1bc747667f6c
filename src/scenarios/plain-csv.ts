/**
 * A fast reader for plain CSV: no quotes, fields split at commas, lines at
 * "\n" or at "\r\n" throughout. It reads what csv-parse reads with the options traces use
 * (skip_empty_lines, trim, a fixed column count) and declines anything else
 * (a quote, a tab, a lone "\r", a line of spaces, a row of the wrong width)
 * by returning undefined, so that csv-parse reads the file and its errors stay
 * the same. test/scenarios/plain-csv.test.ts holds it to csv-parse on random
 * text.
 */
export function parsePlainCsv(text: string): { rows: string[][]; lines: number[] } | undefined {
  const rows: string[][] = [];
  const lines: number[] = [];
  const reader = new PlainCsvReader((fields, line) => {
    rows.push(fields);
    lines.push(line);
  });
  return reader.push(text) && reader.end() ? { rows, lines } : undefined;
}

/**
 * parsePlainCsv a piece at a time, for a file read in chunks: each row is
 * handed over as soon as its line is complete, with the line it is on. It
 * may decline on a later piece, after rows were handed over: the caller then
 * drops them and reads the file with csv-parse.
 */
export class PlainCsvReader {
  /** What followed the last line break so far, in pieces (joined only when a line break comes, so a long line is not copied at every piece). */
  private pending: string[] = [];
  private line = 0;
  private width = -1;
  private crlf = false;
  private lf = false;
  private declined = false;

  constructor(private readonly onRow: (fields: string[], line: number) => void) {}

  /** Reads the complete lines of the text so far; false once it declines. */
  push(text: string): boolean {
    if (this.declined) return false;
    if (text.indexOf('\n') < 0) {
      if (text.length > 0) this.pending.push(text);
      return true;
    }
    const data = this.pending.length === 0 ? text : this.pending.join('') + text;
    this.pending = [];
    let start = 0;
    for (;;) {
      const end = data.indexOf('\n', start);
      if (end < 0) break;
      if (!this.takeLine(data, start, end, true)) return false;
      start = end + 1;
    }
    if (start < data.length) this.pending.push(data.slice(start));
    return true;
  }

  /** Reads the last line (one without a line break after it); false when the text is declined. */
  end(): boolean {
    if (this.declined) return false;
    const rest = this.pending.join('');
    this.pending = [];
    return rest.length === 0 || this.takeLine(rest, 0, rest.length, false);
  }

  private decline(): false {
    this.declined = true;
    return false;
  }

  /** The line data[start, end), ended by a "\n" at end when `broken`. */
  private takeLine(data: string, start: number, end: number, broken: boolean): boolean {
    for (let i = start; i < end; i++) {
      const c = data.charCodeAt(i);
      // " \t \v \f, and a \r that does not end the line before its \n
      if (c === 34 || c === 9 || c === 11 || c === 12 || (c === 13 && !(broken && i === end - 1))) return this.decline();
      // Unicode white space, which csv-parse trims at a field's end (String.trimEnd) but not at its start.
      if (c >= 0xa0 && isUnicodeSpace(c)) return this.decline();
    }
    const cr = end > start && data.charCodeAt(end - 1) === 13;
    if (broken) {
      // csv-parse takes the first line end it meets as the only one: a file must keep to "\n" or to "\r\n".
      if (cr) this.crlf = true;
      else this.lf = true;
      if (this.crlf && this.lf) return this.decline();
    }
    this.line++;
    const stop = cr ? end - 1 : end;
    if (stop <= start) return true;
    const fields = data.slice(start, stop).split(',');
    for (let f = 0; f < fields.length; f++) fields[f] = trimSpaces(fields[f]);
    // A line of spaces alone: csv-parse's handling of it is its own business.
    if (fields.length === 1 && fields[0] === '') return this.decline();
    if (this.width < 0) this.width = fields.length;
    else if (fields.length !== this.width) return this.decline();
    this.onRow(fields, this.line);
    return true;
  }
}

/** Spaces cut from both ends, as csv-parse's trim does for a field without quotes. */
function trimSpaces(field: string): string {
  let a = 0;
  let b = field.length;
  while (a < b && field.charCodeAt(a) === 32) a++;
  while (b > a && field.charCodeAt(b - 1) === 32) b--;
  return a === 0 && b === field.length ? field : field.slice(a, b);
}

function isUnicodeSpace(c: number): boolean {
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
