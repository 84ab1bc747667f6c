import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.js';

/** A recorded arrival stream, in arrival order (columnar). */
export interface Trace {
  readonly file: string;
  readonly times: Float64Array;
  readonly scores: Float64Array;
  readonly ids: readonly string[];
}

const COLUMNS = ['time', 'id', 'score'] as const;

/** Reads and checks a trace CSV with header time,id,score. Every bad row is an error naming its line. */
export function readTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((error as Error).message);
    throw new InputError(file, undefined, `cannot read the trace: ${reason}`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new InputError(file, e.lines ? `line ${e.lines}` : undefined, e.message.replace(/^Invalid Record Length: /, ''));
  }
  if (rows.length === 0) throw new InputError(file, undefined, 'the trace is empty: expected a header time,id,score');
  const header = rows[0];
  const missing = COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !(COLUMNS as readonly string[]).includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const problems = [
      ...missing.map((c) => `missing column "${c}"`),
      ...unknown.map((c) => `unknown column "${c}"`),
    ];
    throw new InputError(file, 'line 1', `${problems.join(', ')}: expected the header time,id,score`);
  }
  const at = { time: header.indexOf('time'), id: header.indexOf('id'), score: header.indexOf('score') };
  const n = rows.length - 1;
  const times = new Float64Array(n);
  const scores = new Float64Array(n);
  const ids: string[] = new Array(n);
  const seen = new Map<string, number>();
  for (let r = 1; r <= n; r++) {
    const row = rows[r];
    const line = `line ${r + 1}`;
    const time = finiteNumber(row[at.time]);
    if (time === undefined || time < 0) throw new InputError(file, line, `time "${row[at.time]}" is not a number >= 0`);
    if (r > 1 && time < times[r - 2]) {
      throw new InputError(file, line, `time ${time} is before the previous row's ${times[r - 2]}: sort the trace by time`);
    }
    const score = finiteNumber(row[at.score]);
    if (score === undefined) throw new InputError(file, line, `score "${row[at.score]}" is not a number`);
    const id = row[at.id];
    if (id === '') throw new InputError(file, line, 'id is empty');
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(id)) throw new InputError(file, line, `id ${JSON.stringify(id)} contains a control character`);
    const first = seen.get(id);
    if (first !== undefined) throw new InputError(file, line, `id "${id}" already appears on line ${first}`);
    seen.set(id, r + 1);
    times[r - 1] = time;
    scores[r - 1] = score;
    ids[r - 1] = id;
  }
  return { file, times, scores, ids };
}

function finiteNumber(text: string): number | undefined {
  if (text === '' || text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
