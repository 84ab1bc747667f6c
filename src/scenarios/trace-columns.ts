import { excerpt, InputError } from '../errors.js';
import type { AttributeValue } from '../engine/pool/filters.js';
import { filterKindIssues, kindFromFilters, type Filtered } from './filter-check.js';
import { columnList, finiteNumber, LATENCY_PREFIX, OBSERVED_PREFIX, type Trace } from './trace.js';

/**
 * What a trace's attribute column holds: numbers (Open Match's double_args),
 * strings (string_args), or, declared in arrivals.columns, string lists and
 * string-to-number maps (FlexMatch's SL and SDM), each cell as JSON text:
 * `["tank","damage"]`, `{"eu-west":42}` (the form players.csv writes).
 */
export type ColumnKind = 'number' | 'string' | 'string-list' | 'number-map';

export const COLUMN_KINDS = ['number', 'string', 'string-list', 'number-map'] as const satisfies readonly ColumnKind[];

/** The kind of each attribute column of a trace, and why it is that. */
export type ColumnKinds = ReadonlyMap<string, { readonly kind: ColumnKind; readonly why: string }>;

/** Inferred kinds, by trace and column: a trace is read once per thread and never changed, and a sweep runs it many times. */
const inferred = new WeakMap<Trace, Map<string, ColumnKind>>();

/** Numbers when every value of the column is a decimal number, strings otherwise. */
function inferredKind(trace: Trace, column: Trace['attributes'][number]): ColumnKind {
  let byName = inferred.get(trace);
  if (byName === undefined) inferred.set(trace, (byName = new Map()));
  let kind = byName.get(column.name);
  if (kind === undefined) {
    kind = column.cells.every((cell) => cell === '' || finiteNumber(cell) !== undefined) ? 'number' : 'string';
    byName.set(column.name, kind);
  }
  return kind;
}

/**
 * Each attribute column's kind: as arrivals.columns declares it; else as the
 * first filter naming it tests it (equals: strings, so that a code such as
 * "01" stays "01"; a range: numbers); else numbers when every value is one,
 * strings otherwise. A kind is the column's, never a cell's.
 */
export function traceColumnKinds(trace: Trace, declared: Readonly<Record<string, ColumnKind>> | undefined, matcher: Filtered): ColumnKinds {
  const kinds = new Map<string, { kind: ColumnKind; why: string }>();
  for (const column of attributeColumnsOf(trace)) {
    const name = column.name;
    const given = declared !== undefined && Object.hasOwn(declared, name) ? declared[name] : undefined;
    const filtered = given === undefined ? kindFromFilters(matcher, name) : undefined;
    if (given !== undefined) kinds.set(name, { kind: given, why: `arrivals.columns declares ${excerpt(name)} so` });
    else if (filtered !== undefined && filtered.kind !== 'tag') kinds.set(name, { kind: filtered.kind, why: `${filtered.path.slice(0, -1).join('.')} tests it so` });
    else {
      const kind = inferredKind(trace, column);
      kinds.set(name, { kind, why: kind === 'number' ? 'every value is a number' : 'not every value is a number' });
    }
  }
  return kinds;
}

/**
 * Checks a trace's columns against the scenario: every declared column is
 * one, every filter tests its column as its kind, and a number column holds
 * numbers. Errors name the scenario file and field, or the trace and the
 * player.
 */
export function checkTraceColumns(file: string, trace: Trace, declared: Readonly<Record<string, ColumnKind>> | undefined, matcher: Filtered): void {
  const names = attributeColumnsOf(trace).map((c) => c.name);
  for (const name of Object.keys(declared ?? {})) {
    if (!names.includes(name)) throw new InputError(file, 'arrivals.columns', `${excerpt(name)} is not a column of the trace (its extra columns: ${columnList(names)})`);
  }
  const kinds = traceColumnKinds(trace, declared, matcher);
  const [mismatch] = filterKindIssues(matcher, (name) => kinds.get(name)?.kind);
  if (mismatch !== undefined) {
    const column = kinds.get(mismatch.attribute);
    throw new InputError(file, mismatch.path.join('.'), `${mismatch.message} (a ${column?.kind} column: ${column?.why}; arrivals.columns declares a column's kind)`);
  }
  for (const column of attributeColumnsOf(trace)) {
    const kind = kinds.get(column.name)?.kind;
    if (kind === 'number') {
      const row = column.cells.findIndex((cell) => cell !== '' && finiteNumber(cell) === undefined);
      if (row >= 0) {
        throw new InputError(trace.file, `column ${excerpt(column.name)}`, `${excerpt(column.cells[row])} (player ${excerpt(trace.ids[row])}) is not a number, and the column is numbers (${kinds.get(column.name)?.why})`);
      }
    } else if (kind === 'string-list' || kind === 'number-map') {
      for (let row = 0; row < column.cells.length; row++) {
        const problem = column.cells[row] === '' ? undefined : jsonCell(kind, column.cells[row]).problem;
        if (problem !== undefined) throw new InputError(trace.file, `column ${excerpt(column.name)}`, `player ${excerpt(trace.ids[row])}: ${problem}, and the column is a ${kind} (${kinds.get(column.name)?.why})`);
      }
    }
  }
}

/** Items a list or map cell may hold: bounds the work a cell can ask for. */
const MAX_ITEMS = 1000;

/**
 * A list or map cell read: JSON text, an array of strings or an object of
 * finite numbers (keys into a Map, never onto an object). The problem is
 * said without the cell's text.
 */
function jsonCell(kind: 'string-list' | 'number-map', cell: string): { readonly value?: AttributeValue; readonly problem?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch {
    return { problem: 'the cell is not JSON' };
  }
  if (kind === 'string-list') {
    if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) return { problem: 'the cell is not a JSON array of strings' };
    if (parsed.length > MAX_ITEMS) return { problem: `the list holds more than ${MAX_ITEMS} items` };
    return { value: parsed as string[] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { problem: 'the cell is not a JSON object of numbers' };
  const entries = Object.entries(parsed);
  if (entries.length > MAX_ITEMS) return { problem: `the map holds more than ${MAX_ITEMS} keys` };
  if (!entries.every(([, v]) => typeof v === 'number' && Number.isFinite(v))) return { problem: 'the cell is not a JSON object of numbers' };
  return { value: new Map(entries as Array<[string, number]>) };
}

/** A cell as its column's kind: absent when empty (a list or map cell is checked at load, checkTraceColumns). */
export function columnValue(kind: ColumnKind, cell: string): AttributeValue | undefined {
  if (cell === '') return undefined;
  if (kind === 'number') return finiteNumber(cell) as number;
  if (kind === 'string') return cell;
  return jsonCell(kind, cell).value;
}

/** A trace's round-trip columns are named latency.<data centre>; every other extra column is an attribute. */


/** A trace's attribute columns: its extra columns but the latency ones. */
export function attributeColumnsOf(trace: Trace): Trace['attributes'] {
  return trace.attributes.filter((column) => !column.name.startsWith(LATENCY_PREFIX) && !column.name.startsWith(OBSERVED_PREFIX));
}

/** Each data centre's latency column (its cells), in `dataCentres` order; undefined for one the trace has no column for. */
export function traceLatencyColumns(trace: Trace, dataCentres: readonly string[]): Array<readonly string[] | undefined> {
  return dataCentres.map((dc) => trace.attributes.find((column) => column.name === LATENCY_PREFIX + dc)?.cells);
}

/** A latency cell in ms: a number >= 0, or NaN when empty (no latency to that data centre: the player cannot be placed there). */
export function latencyCell(cell: string): number {
  return cell === '' ? NaN : (finiteNumber(cell) as number);
}

/**
 * Checks a trace's latency columns against the scenario's data centres:
 * each names one of them, and holds round trips in ms (a number >= 0) or
 * nothing. Errors name the trace, the column and the player, never a cell
 * beyond its excerpt.
 */
export function checkTraceLatency(file: string, trace: Trace, dataCentres: readonly string[]): void {
  for (const column of trace.attributes) {
    if (!column.name.startsWith(LATENCY_PREFIX)) continue;
    const dc = column.name.slice(LATENCY_PREFIX.length);
    if (dataCentres.length === 0) throw new InputError(file, 'latency', `required: the trace has the latency column ${excerpt(column.name)}; declare latency.dataCentres`);
    if (!dataCentres.includes(dc)) throw new InputError(trace.file, `column ${excerpt(column.name)}`, `${excerpt(dc)} is not one of latency.dataCentres (${dataCentres.map((d) => excerpt(d)).join(', ')})`);
    const row = column.cells.findIndex((cell) => cell !== '' && !((finiteNumber(cell) ?? -1) >= 0));
    if (row >= 0) throw new InputError(trace.file, `column ${excerpt(column.name)}`, `${excerpt(column.cells[row])} (player ${excerpt(trace.ids[row])}) is not a round trip in ms (a number >= 0)`);
  }
}
