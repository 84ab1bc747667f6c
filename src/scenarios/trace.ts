import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { excerpt, InputError } from '../errors.js';
import { MAX_BYTES, readText, readTextPieces } from './read-text.js';
import { parsePlainCsv, PlainCsvReader } from './plain-csv.js';
import { GrowableFloat64 } from '../engine/growable.js';
import { isScore, SCORE_MAX, SCORE_MIN } from '../engine/score-range.js';

/** A recorded arrival stream, in arrival order (columnar). */
export interface Trace {
  readonly file: string;
  readonly times: Float64Array;
  readonly scores: Float64Array;
  readonly ids: readonly string[];
  /** Extra columns: the players' attributes, one array of cells per column, in row order. */
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly cells: readonly string[] }>;
  /** The kind of each column, where the file says (an Open Match ticket's doubleArgs and stringArgs, FlexMatch's N, S, SL, SDM); a CSV's are declared or inferred (trace-columns.ts). */
  readonly kinds?: Readonly<Record<string, 'number' | 'string' | 'string-list' | 'number-map'>>;
  /** Lines of a production log skipped as bad (onBadLine "skip"); absent: none skipped. */
  readonly skippedLines?: number;
  /** What production observed of each ticket, by name, in row order (NaN: not known): a replayed log's waits. */
  readonly recorded?: ReadonlyArray<{ readonly name: string; readonly values: Float64Array }>;
  /**
   * Its parties, where it has a party column: each row's party (its key, ''
   * for a player alone), and the party's size on its first row, 0 on each
   * further member (an ArrivalSlot's party). Absent: every row is a player alone.
   */
  readonly parties?: { readonly keys: readonly string[]; readonly sizes: Uint16Array };
}

const COLUMNS = ['time', 'id', 'score'] as const;

/** A trace's columns of a player's round trip to each data centre (latency.<dc>, in ms). */
export const LATENCY_PREFIX = 'latency.';

/** A trace's columns of what production observed of each player (observed.wait: an imported log's), written as observed_<name> in players.csv. */
export const OBSERVED_PREFIX = 'observed.';

/** A trace's column of parties: the rows of one party (consecutive, at one time) share a key, the first its leader; empty: a player alone. */
export const PARTY_COLUMN = 'party';

/** The most players one party may hold (as the parties section's sizes). */
export const MAX_PARTY = 999;

/** A CSV file's rows of cells (the header first), with the physical line each row starts on. */
export interface CsvRows {
  readonly rows: string[][];
  /** lines[r]: the file's line (from 1) where row r starts: blank lines skipped and line breaks inside quotes counted. */
  readonly lines: readonly number[];
}

/** Reads a CSV file into rows of cells; a file that cannot be read or parsed is an InputError. */
export function readCsvRows(file: string, what: string): CsvRows {
  const text = readText(file, what, MAX_BYTES.data);
  const plain = parsePlainCsv(text);
  if (plain !== undefined) return plain;
  const lines: number[] = [];
  try {
    const rows = parse(text, {
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      // The parser counts lines up to a record's end; its start is that less the line breaks inside its quoted cells.
      on_record: (record: string[], context: { lines: number }) => {
        let breaks = 0;
        for (const cell of record) if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
        lines.push(context.lines - breaks);
        return record;
      },
    }) as string[][];
    return { rows, lines };
  } catch (error) {
    const e = error as Error & { lines?: number };
    // csv-parse quotes the offending field in some messages ("value is ..."): the file's contents stay out of ours.
    const message = e.message.replace(/^Invalid Record Length: /, '').replace(/,? ?value is .*$/s, '');
    throw new InputError(file, e.lines ? `line ${e.lines}` : undefined, message.length > 120 ? `${message.slice(0, 120)}...` : message);
  }
}

/** Reads one numeric column of a CSV file with a header, for empirical score distributions. */
export function readNumberColumn(file: string, column: string): Float64Array {
  const { rows, lines } = readCsvRows(file, 'score file');
  if (rows.length === 0) throw new InputError(file, undefined, `the file is empty: expected a header with a column "${column}"`);
  const at = rows[0].indexOf(column);
  if (at < 0) throw new InputError(file, `line ${lines[0]}`, `no column ${excerpt(column)} (columns: ${columnList(rows[0])})`);
  if (rows.length === 1) throw new InputError(file, undefined, `column ${excerpt(column)} has no values`);
  const values = new Float64Array(rows.length - 1);
  for (let r = 1; r < rows.length; r++) {
    const value = finiteNumber(rows[r][at]);
    if (value === undefined) throw new InputError(file, lineOf(lines, r), `${excerpt(column)} ${excerpt(rows[r][at])} is not a number`);
    if (value < SCORE_MIN || value > SCORE_MAX) throw new InputError(file, lineOf(lines, r), `${excerpt(column)} ${value} is outside the range of a score (i32: ${SCORE_MIN} to ${SCORE_MAX})`);
    values[r - 1] = value;
  }
  return values;
}

/**
 * The last trace read, by path, size and modification time: a sweep resolves
 * its scenario once per point, and every point replays the same file (a
 * trace is never modified once read).
 */
let lastTrace: { readonly key: string; readonly trace: Trace } | undefined;

/** Reads and checks a trace CSV with header time,id,score (once per unchanged file, see lastTrace). Every bad row is an error naming its line. */
export function readTrace(file: string): Trace {
  let key: string | undefined;
  try {
    const stat = statSync(file);
    if (stat.isFile()) key = `${resolve(file)}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    // Not there: the reader says so, naming the file.
  }
  if (key !== undefined && lastTrace?.key === key) return lastTrace.trace;
  const trace = parseTrace(file);
  if (key !== undefined) lastTrace = { key, trace };
  return trace;
}

/**
 * Reads a trace a piece at a time, each row turned into columns as its line
 * completes, so that neither the file's text nor its rows of cells are held
 * whole. A file the plain reader declines (quotes, tabs, mixed line ends) is
 * read again, whole, by csv-parse: the same rows, and the same errors, as a
 * whole read gives (test/scenarios/trace-stream.test.ts holds them equal).
 */
export function parseTrace(file: string, pieceBytes?: number): Trace {
  let builder = new TraceBuilder(file);
  const plain = new PlainCsvReader((fields, line) => builder.row(fields, line));
  let declined = false;
  readTextPieces(
    file,
    'trace',
    MAX_BYTES.data,
    (text) => {
      // After a bad row the rest is still read: a file csv-parse must read (declined further on) reports csv-parse's error, as a whole read would.
      declined = !plain.push(text);
      return !declined;
    },
    pieceBytes,
  );
  if (declined || !plain.end()) {
    builder = new TraceBuilder(file);
    const { rows, lines } = readCsvRows(file, 'trace');
    for (let r = 0; r < rows.length; r++) builder.row(rows[r], lines[r]);
  }
  return builder.finish();
}

/**
 * A trace from rows another reader made (a production log's tickets), held
 * to every rule a CSV trace is: the header time,id,score and more, rows in
 * time order, whole i32 scores, unique ids. Each row's line is the line of
 * the file it came from, for errors.
 */
export function buildTrace(file: string, header: readonly string[], rows: ReadonlyArray<{ readonly line: number; readonly fields: readonly string[] }>): Trace {
  const builder = new TraceBuilder(file);
  builder.row(header, 1);
  for (const row of rows) builder.row(row.fields, row.line);
  return builder.finish();
}

/** A trace's columns built a row at a time (the header first); the first bad row is kept and thrown by finish, rows after it skipped. */
class TraceBuilder {
  /** Once the header is read: its names and line, where time, id and score are, and the other columns. */
  private header:
    | { readonly names: readonly string[]; readonly line: number; readonly at: { readonly time: number; readonly id: number; readonly score: number; readonly party: number }; readonly extra: ReadonlyArray<{ readonly name: string; readonly at: number }> }
    | undefined;
  private readonly times = new GrowableFloat64();
  private readonly scores = new GrowableFloat64();
  private readonly ids: string[] = [];
  private cells: string[][] = [];
  /** Each id's line, to name the first on a repeat. */
  private readonly seen = new Map<string, number>();
  /** With a party column: each row's key, each party's size at its first row, and each key's first line (a party's rows are consecutive). */
  private readonly partyKeys: string[] = [];
  private readonly partySizes: number[] = [];
  private readonly partyLines = new Map<string, number>();
  private partyLeader = -1;
  private error: InputError | undefined;

  constructor(private readonly file: string) {}

  row(row: readonly string[], line: number): void {
    if (this.error !== undefined) return;
    try {
      if (this.header === undefined) this.takeHeader(row, line);
      else this.take(row, line);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.error = error;
    }
  }

  /** A header without time, id or score is an error (kept): nothing after it is read. */
  private takeHeader(header: readonly string[], line: number): void {
    const missing = COLUMNS.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new InputError(this.file, `line ${line}`, `${missing.map((c) => `missing column "${c}"`).join(', ')}: expected a header with time,id,score`);
    }
    // Any other column is an attribute of the players (region, platform, ...).
    const extra = header.map((name, at) => ({ name, at })).filter((c) => !(COLUMNS as readonly string[]).includes(c.name) && c.name !== PARTY_COLUMN);
    this.header = { names: header, line, at: { time: header.indexOf('time'), id: header.indexOf('id'), score: header.indexOf('score'), party: header.indexOf(PARTY_COLUMN) }, extra };
    this.cells = extra.map(() => []);
  }

  private take(row: readonly string[], line: number): void {
    const header = this.header as NonNullable<TraceBuilder['header']>;
    const { file } = this;
    const n = this.ids.length;
    if (n === 0) {
      // Told only once there is a player: a header alone is "no players" first.
      const names = header.names;
      const repeated = names.find((c, i) => names.indexOf(c) !== i);
      if (repeated !== undefined) throw new InputError(file, `line ${header.line}`, `column ${excerpt(repeated)} appears twice`);
    }
    const where = `line ${line}`;
    const { at } = header;
    const time = finiteNumber(row[at.time]);
    if (time === undefined || time < 0) throw new InputError(file, where, `time ${excerpt(row[at.time])} is not a number >= 0`);
    if (n > 0 && time < this.times.get(n - 1)) throw new InputError(file, where, `time ${time} is before the previous row's ${this.times.get(n - 1)}: sort the trace by time`);
    const score = finiteNumber(row[at.score]);
    if (score === undefined) throw new InputError(file, where, `score ${excerpt(row[at.score])} is not a number`);
    if (!isScore(score)) throw new InputError(file, where, `score ${excerpt(row[at.score])} is not a whole number from ${SCORE_MIN} to ${SCORE_MAX} (scores are i32)`);
    const id = row[at.id];
    if (id === '') throw new InputError(file, where, 'id is empty');
    if (CONTROL.test(id)) throw new InputError(file, where, `id ${excerpt(id)} contains a control character`);
    const first = this.seen.get(id);
    if (first !== undefined) throw new InputError(file, where, `id ${excerpt(id)} already appears on line ${first}`);
    this.seen.set(id, line);
    if (at.party >= 0) this.takeParty(row[at.party], time, line);
    this.times.push(time);
    this.scores.push(score);
    this.ids.push(id);
    for (let c = 0; c < header.extra.length; c++) this.cells[c].push(row[header.extra[c].at]);
  }

  /** A row's party: its key '' (alone), the previous row's (a further member, at the leader's time), or a new one (a leader). */
  private takeParty(key: string, time: number, line: number): void {
    const where = `line ${line}`;
    const n = this.partyKeys.length;
    this.partyKeys.push(key);
    if (key !== '' && n > 0 && this.partyKeys[n - 1] === key) {
      if (time !== this.times.get(this.partyLeader)) throw new InputError(this.file, where, `party ${excerpt(key)} arrives at ${this.times.get(this.partyLeader)} on line ${this.partyLines.get(key)}: its players arrive together`);
      if (++this.partySizes[this.partyLeader] > MAX_PARTY) throw new InputError(this.file, where, `party ${excerpt(key)} has more than ${MAX_PARTY} players`);
      this.partySizes.push(0);
      return;
    }
    if (key !== '') {
      if (CONTROL.test(key)) throw new InputError(this.file, where, `party ${excerpt(key)} contains a control character`);
      const first = this.partyLines.get(key);
      if (first !== undefined) throw new InputError(this.file, where, `party ${excerpt(key)} began on line ${first}: a party's players are consecutive rows`);
      this.partyLines.set(key, line);
    }
    this.partyLeader = n;
    this.partySizes.push(1);
  }

  finish(): Trace {
    if (this.error !== undefined) throw this.error;
    const header = this.header;
    if (header === undefined) throw new InputError(this.file, undefined, 'the trace is empty: expected a header time,id,score');
    if (this.ids.length === 0) throw new InputError(this.file, undefined, 'the trace has a header and no players');
    const columns = header.extra.map(({ name }, c) => ({ name, cells: this.cells[c] }));
    const observed = columns.filter((c) => c.name.startsWith(OBSERVED_PREFIX));
    return {
      file: this.file,
      times: this.times.view().slice(),
      scores: this.scores.view().slice(),
      ids: this.ids,
      attributes: columns.filter((c) => !c.name.startsWith(OBSERVED_PREFIX)),
      ...(observed.length > 0 ? { recorded: observed.map((c) => ({ name: c.name.slice(OBSERVED_PREFIX.length), values: this.observedValues(c) })) } : {}),
      ...(header.at.party >= 0 ? { parties: { keys: this.partyKeys, sizes: Uint16Array.from(this.partySizes) } } : {}),
    };
  }

  /** An observed column's numbers (NaN where empty); a cell that is no number >= 0 is an error naming the column and the player. */
  private observedValues(column: { readonly name: string; readonly cells: readonly string[] }): Float64Array {
    if (!/^observed\.[A-Za-z][A-Za-z0-9_]{0,63}$/.test(column.name)) throw new InputError(this.file, `column ${excerpt(column.name)}`, 'an observed column is observed.<name>, the name letters, digits and _ (it becomes observed_<name> in players.csv)');
    const values = new Float64Array(column.cells.length);
    column.cells.forEach((cell, i) => {
      const value = cell === '' ? NaN : finiteNumber(cell);
      if (value === undefined || value < 0) throw new InputError(this.file, `column ${excerpt(column.name)}`, `${excerpt(cell)} (player ${excerpt(this.ids[i])}) is not a number of seconds >= 0`);
      values[i] = value;
    });
    return values;
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Where row r is, for a message: its physical line (built only for a message, not per row). */
export function lineOf(lines: readonly number[], r: number): string {
  return `line ${lines[r]}`;
}

/** A header's column names for a message: a few, each short. */
export function columnList(names: readonly string[], most = 4): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, most).map((n) => excerpt(n, 20)).join(', ');
  return names.length > most ? `${shown}, ... (${names.length} in all)` : shown;
}

/** A decimal number as a person writes one (1500, -3, 0.25, 1e3); not hexadecimal, binary or octal, which Number() would also read. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as a finite decimal number, or undefined. */
export function finiteNumber(text: string): number | undefined {
  if (text === undefined || !DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
