import type { Cell } from './csv-tables.js';

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
