import type { PlayerBatch } from '../../engine/records.js';
import type { Cell } from '../csv-writer.js';
import type { TableContext } from '../table-context.js';

/** A column's type when a table is written as Parquet (parquet-tables.ts). */
export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN';

/** How a column writes its cells, as the formatter that holds it writes its own. */
export interface CellFormat {
  /** A number as the table writes it (rounded to 1e-6; text or a number by the formatter's mode), or null for NaN. */
  cell(x: number): Cell;
  /** A player's id, by index. */
  id(index: number): string;
  /** Text that may start with something from outside (an id from a trace), neutralised as a formula. */
  safe(text: string): string;
  /** The run's data centres by index (empty without). */
  readonly dataCentres: readonly string[];
  /** The rosters' names by position, when the run names them (TableContext.teamNames), neutralised as formulas. */
  readonly teamNames?: readonly string[];
  /** The run's roles by index (TableContext.roles). */
  readonly roles?: readonly string[];
}

/**
 * A column of players.csv (visits.csv in a population) that only some runs
 * have, after the table's own: one file, and one line in player-columns.ts.
 * The formatter writes its cells after the fixed ones, in the order the
 * registration lists the columns.
 */
export interface PlayerColumn {
  readonly name: string;
  /** The header this run gets of it: its names, none when the run has none of it. */
  header(context: TableContext): readonly string[];
  /** Player i's cells, one per header name, pushed onto its row. */
  cells(row: Cell[], batch: PlayerBatch, i: number, format: CellFormat): void;
  /** The Parquet type of each header name. */
  types(context: TableContext): ReadonlyArray<readonly [name: string, type: ColumnType]>;
}
