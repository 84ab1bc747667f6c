import type { IdScheme } from '../engine/records.js';
import { stringify } from 'csv-stringify/sync';

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, or a tab or
 * carriage return first: OWASP's list) gets a leading apostrophe, which
 * spreadsheets show as text. Only text that came from input (trace ids, pool
 * and group names, swept strings) goes through here: numbers are written as
 * numbers, so csv-stringify's escape_formulas, which would also mark every
 * negative number, is not used.
 */
/** How a run's player ids go into a cell: generated ids (p1, p2, ...) are safe as they are; a trace's come from outside, and one that starts like a formula is neutralised. */
export function idCellOf(ids: IdScheme): (text: string) => string {
  return ids.kind === 'list' ? neutraliseFormula : (t) => t;
}

export function neutraliseFormula(text: string): string {
  const c = text.charCodeAt(0);
  // = + - @ tab CR
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${text}` : text;
}

/**
 * The small tables (sweep.csv, tune.csv, compare.csv, breakdown.csv) written
 * through csv-stringify with every text cell, headers included, through
 * neutraliseFormula: a label from a file can start no formula whichever
 * column it lands in. Booleans are written as true/false.
 */
export function safeCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return stringify(rows as unknown[][], { cast: { string: neutraliseFormula, boolean: (b) => String(b) } });
}
