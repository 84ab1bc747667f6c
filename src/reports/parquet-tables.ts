import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { parse } from 'csv-parse/sync';
import { needOptionalPackage } from '../optional-package.js';
import type { ColumnType } from './player-columns/player-column.js';
import { PLAYER_COLUMNS } from './player-columns/player-columns.js';
import { expansionColumns } from './csv-tables.js';
import type { TableContext } from './table-context.js';

/** The formats a run's large tables can be written in (--tables). */
export interface TableFormats {
  readonly csv: boolean;
  readonly parquet: boolean;
}

export const CSV_ONLY: TableFormats = { csv: true, parquet: false };

const V: ColumnType = 'VARCHAR';
const D: ColumnType = 'DOUBLE';
const I: ColumnType = 'BIGINT';

/** The requests of a run (players.csv of an open run, visits.csv of a population's): the table's own columns; the registered ones say their types (player-columns/). */
const REQUESTS: Readonly<Record<string, ColumnType>> = { id: V, arrival: D, score: D, joined: D, matched_at: D, wait: D, room: V, notified_at: D, left_at: D, pool: V };

/**
 * The large tables, by file, and the type of each column they may have: a
 * table is written as Parquet with these types, never guessed from its text
 * (an empty column would read as text, a count as a double).
 */
const TABLE_TYPES: ReadonlyArray<{ readonly file: string; readonly population?: boolean; readonly types: Readonly<Record<string, ColumnType>> }> = [
  { file: 'rooms.csv', types: { room: V, time: D, players: V, min_score: D, max_score: D, spread: D, teams: V, team_means: V, team_gap: D, favourite_win: D, dc: V, max_latency_ms: D, roles: V } },
  { file: 'players.csv', population: false, types: REQUESTS },
  { file: 'visits.csv', types: REQUESTS },
  {
    file: 'timeline.csv',
    types: { time: D, queue: I, pool: I, rooms: I, matched: I, messages: I, players_offline: I, players_queued: I, players_in_pool: I, players_in_match: I, players_gone: I, players_online: I },
  },
  { file: 'players.csv', population: true, types: { id: V, true_skill: D, rating: D, uncertainty: D, sessions: I, matches: I, wins: I, quit_at: D, party: V } },
  { file: 'matches.csv', types: { room: V, start: D, end: D, players: V, places: V, ratings_before: V, ratings_after: V, favourite_win: D, margin: D, blowout: I, left: V, joined: V, short_seconds: D } },
  { file: 'match_players.csv', types: { room: V, player: V, seat: I, place: I, rating_before: D, rating_after: D } },
  { file: 'ratings.csv', types: { time: D, correlation: D, rmse: D } },
  { file: 'backfills.csv', types: { request: V, room: V, opened_at: D, closed_at: D, open: I, outcome: V, joined: V } },
];

/** The large tables a run wrote into `dir` (a population's players are told apart from an open run's by its visits.csv). */
export function largeTables(dir: string): Array<{ file: string; types: Readonly<Record<string, ColumnType>> }> {
  const population = existsSync(join(dir, 'visits.csv'));
  return TABLE_TYPES.filter((t) => (t.population === undefined || t.population === population) && existsSync(join(dir, t.file)));
}

/** The first line of a table: its header, as CSV (an attribute's name may call for quotes). */
function headerOf(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    return (parse(text, { to_line: 1 }) as string[][])[0] ?? [];
  } finally {
    closeSync(fd);
  }
}

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Writes each large table matchsim wrote into `dir` as Parquet beside it
 * (players.parquet beside players.csv), with typed columns, by DuckDB's
 * reader and writer (measured the fastest: see the README); without `csv`,
 * the CSV it was made from goes. DuckDB is an optional peer dependency,
 * loaded here only.
 */
export async function writeParquetTables(dir: string, formats: TableFormats, context: TableContext): Promise<void> {
  if (!formats.parquet) return;
  needOptionalPackage('@duckdb/node-api', '--tables parquet');
  const duckdb = await import('@duckdb/node-api');
  const instance = await duckdb.DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    // The registered columns of the requests' table, by name (a Map: attribute names are the user's).
    const registered = new Map(PLAYER_COLUMNS.flatMap((column) => column.types(context)));
    for (const { file, types } of largeTables(dir)) {
      const csv = join(dir, file);
      const header = headerOf(csv);
      const typeOf = (name: string) => (Object.hasOwn(types, name) ? types[name] : types === REQUESTS ? registered.get(name) : file === 'rooms.csv' && expansionColumns(context.expansions).includes(name) ? I : undefined);
      const unknown = header.find((name) => typeOf(name) === undefined);
      if (unknown !== undefined) throw new Error(`${file}: no Parquet type for its column ${unknown}`);
      const columns = `{${header.map((name) => `${sqlString(name)}: ${sqlString(typeOf(name) as ColumnType)}`).join(', ')}}`;
      const parquet = join(dir, file.replace(/\.csv$/, '.parquet'));
      await connection.run(
        `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, nullstr = '', columns = ${columns})) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      if (!formats.csv) rmSync(csv);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** "--tables csv,parquet" as the formats it names. */
export function parseTableFormats(text: string): TableFormats {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n !== 'csv' && n !== 'parquet')) throw new InputError('--tables', undefined, 'expected csv, parquet or csv,parquet');
  return { csv: names.includes('csv'), parquet: names.includes('parquet') };
}
