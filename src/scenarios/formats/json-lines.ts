import { InputError } from '../../errors.js';
import { MAX_BYTES, readTextPieces } from '../read-text.js';

/** A value of JSON. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isObject = (x: Json | undefined): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A line this long is no record of a log: the reader stops rather than hold it. */
const MAX_LINE = 1024 * 1024;

/**
 * Reads a file of one JSON object per line (blank lines skipped), a piece
 * at a time, handing each object and its line to `take`. A line that is not
 * a JSON object, or that `take` refuses (an InputError), is an error naming
 * the file and the line, never quoting it; with onBadLine "skip" it is
 * skipped and counted instead (the count is returned).
 */
export function readJsonLines(file: string, what: string, take: (value: JsonObject, line: number) => void, onBadLine: 'error' | 'skip' = 'error'): number {
  let pending = '';
  let line = 0;
  let skipped = 0;
  const takeLine = (text: string): void => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return;
    try {
      let parsed: Json;
      try {
        parsed = JSON.parse(trimmed) as Json;
      } catch {
        throw new InputError(file, `line ${line}`, 'not a JSON object (one a line)');
      }
      if (!isObject(parsed)) throw new InputError(file, `line ${line}`, 'not a JSON object (one a line)');
      take(parsed, line);
    } catch (error) {
      // Skipped only when asked, and counted: a bad line is never passed over in silence.
      if (onBadLine === 'skip' && error instanceof InputError) skipped++;
      else throw error;
    }
  };
  readTextPieces(file, what, MAX_BYTES.data, (piece) => {
    let start = 0;
    for (let at = piece.indexOf('\n'); at >= 0; at = piece.indexOf('\n', start)) {
      takeLine(pending + piece.slice(start, at));
      pending = '';
      start = at + 1;
    }
    pending += piece.slice(start);
    if (pending.length > MAX_LINE) throw new InputError(file, `line ${line + 1}`, `longer than ${MAX_LINE / 1024} KB: not a record of the log`);
    return true;
  });
  if (pending !== '') takeLine(pending);
  return skipped;
}
