import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { resultFile } from '../scenarios/scenario-files.js';
import { finiteNumber, lineOf, readCsvRows } from '../scenarios/trace.js';
import { TABLES, VISITS_FILE } from './csv-tables.js';

/** Matched players' waits (players.csv, or a population's visits.csv) and rooms' spreads (rooms.csv) of some runs, pooled and sorted: what a CDF is drawn from. */
export interface TableSamples {
  readonly waits: Float64Array;
  readonly spreads: Float64Array;
}

/** Tables larger than this, all runs of one side together, are not read for a picture: the figures are compared without it. */
export const MAX_SAMPLE_BYTES = 256 * 1024 * 1024;

/**
 * Reads the samples of the given runs' tables, or says why they cannot be
 * read (a result given as its summary.json alone, tables too big to read for
 * a picture). A table that is there but damaged is an InputError.
 */
export function readRunSamples(runs: readonly string[] | undefined, maxBytes = MAX_SAMPLE_BYTES): TableSamples | { readonly missing: string } {
  if (runs === undefined || runs.length === 0) return { missing: 'the result does not say where its runs wrote their tables' };
  let bytes = 0;
  for (const run of runs) {
    for (const table of [requestTable(run), TABLES.rooms.file]) {
      const file = resultFile(run, join(run, table));
      if (!existsSync(file)) return { missing: `${file} is not there` };
      bytes += statSync(file).size;
    }
  }
  if (bytes > maxBytes) return { missing: `their tables hold ${Math.round(bytes / 2 ** 20)} MB, more than the ${maxBytes / 2 ** 20} MB read for a picture` };
  const waits = runs.flatMap((run) => column(join(run, requestTable(run)), 'wait'));
  const spreads = runs.flatMap((run) => column(join(run, TABLES.rooms.file), 'spread'));
  return { waits: Float64Array.from(waits).sort(), spreads: Float64Array.from(spreads).sort() };
}

/** The table of a run's requests, with their waits: a population's visits.csv (its players.csv is one row per player), else players.csv. */
function requestTable(run: string): string {
  return existsSync(join(run, VISITS_FILE)) ? VISITS_FILE : TABLES.players.file;
}

/** A column's numbers, its empty cells (players not matched) left out. */
function column(file: string, name: string): number[] {
  const { rows, lines } = readCsvRows(file, 'result table');
  const at = rows[0]?.indexOf(name) ?? -1;
  if (at < 0) throw new InputError(file, undefined, `no column "${name}": not a table matchsim wrote`);
  const values: number[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cell = rows[r][at];
    if (cell === '') continue;
    const value = finiteNumber(cell);
    if (value === undefined) throw new InputError(file, lineOf(lines, r), `${name} is not a number`);
    values.push(value);
  }
  return values;
}
