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
  // csv-parse takes the first line end it meets as the only one: a file must keep to "\n" or to "\r\n".
  let crlf = false;
  let lf = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      if (text.charCodeAt(i - 1) === 13) crlf = true;
      else lf = true;
      if (crlf && lf) return undefined;
    }
    // " \t \v \f, and a \r not followed by \n
    if (c === 34 || c === 9 || c === 11 || c === 12 || (c === 13 && text.charCodeAt(i + 1) !== 10)) return undefined;
    // Unicode white space, which csv-parse trims at a field's end (String.trimEnd) but not at its start.
    if (c >= 0xa0 && isUnicodeSpace(c)) return undefined;
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  let width = -1;
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start) {
      const fields = text.slice(start, stop).split(',');
      for (let f = 0; f < fields.length; f++) fields[f] = trimSpaces(fields[f]);
      // A line of spaces alone: csv-parse's handling of it is its own business.
      if (fields.length === 1 && fields[0] === '') return undefined;
      if (width < 0) width = fields.length;
      else if (fields.length !== width) return undefined;
      rows.push(fields);
      lines.push(line);
    }
    start = end + 1;
  }
  return { rows, lines };
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
