import { round6 } from './numbers.js';

/** A cell of a CSV table: text, a number, or empty. */
export type Cell = string | number | null;

/**
 * CSV text written directly, for the big tables (rooms, players, timeline):
 * the bytes csv-stringify writes with its default options, at a fraction of
 * its cost per cell (test/reports/csv-writer.test.ts holds it to
 * csv-stringify on random rows). A cell is quoted when it holds a comma, a
 * quote or a line break, with quotes doubled; null is an empty cell; a number
 * is written as JavaScript writes it.
 */
export function csvLine(cells: readonly Cell[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    const cell = cells[i];
    if (cell === null) continue;
    line += typeof cell === 'number' ? String(cell) : csvText(cell);
  }
  return line + '\n';
}

/** Many rows as CSV text. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  let text = '';
  for (let r = 0; r < rows.length; r++) text += csvLine(rows[r]);
  return text;
}

/** A text cell: as it is, or quoted with its quotes doubled. */
export function csvText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , " \n \r
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/**
 * A number as the tables write it, String(round6(x)), without asking for
 * the shortest round-trip digits of a double: below 1e15 millionths the
 * rounded value has at most 15 significant digits, which a double holds
 * exactly, so its digits are those of the integer count of millionths.
 * Larger (and non-finite) numbers take the general path.
 */
export function csvNumber(x: number): string {
  const millionths = Math.round(x * 1e6);
  if (!(millionths < 1e15 && millionths > -1e15)) return String(round6(x));
  if (millionths === 0) return '0';
  const negative = millionths < 0;
  const a = negative ? -millionths : millionths;
  const whole = Math.floor(a / 1e6);
  let fraction = a - whole * 1e6;
  let text = negative ? '-' + whole : '' + whole;
  if (fraction === 0) return text;
  let digits = 6;
  while (fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  const f = '' + fraction;
  text += '.';
  for (let pad = f.length; pad < digits; pad++) text += '0';
  return text + f;
}
