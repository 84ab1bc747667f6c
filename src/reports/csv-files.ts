import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PlayerBatch, RoomBatch, RunSink, TickBatch } from '../engine/records.js';
import { CsvFormatter, TABLE_NAMES, tableFile, type TableContext, type TableName } from './csv-tables.js';

export type AnyBatch = PlayerBatch | RoomBatch | TickBatch;

/** The three CSV files of a run, opened with their headers written. */
export function openTables(dir: string, formatter: CsvFormatter): Record<TableName, number> {
  const fds = {} as Record<TableName, number>;
  for (const table of TABLE_NAMES) {
    fds[table] = openSync(join(dir, tableFile(table, formatter.context)), 'w');
    writeSync(fds[table], formatter.text(table, [], true));
  }
  return fds;
}

export function closeTables(fds: Record<TableName, number>): void {
  for (const table of TABLE_NAMES) closeSync(fds[table]);
}

/** A sink that writes a run's CSV files: synchronously, or through worker threads. */
export abstract class CsvSink implements RunSink {
  rooms(batch: RoomBatch): void {
    this.write('rooms', batch);
  }

  players(batch: PlayerBatch): void {
    this.write('players', batch);
  }

  ticks(batch: TickBatch): void {
    this.write('timeline', batch);
  }

  /** Waits for every batch to be written and closes the files. */
  abstract close(): Promise<void>;
  /** Closes the files after a failed run, without waiting for output. */
  abstract abort(): Promise<void>;
  protected abstract write(table: TableName, batch: AnyBatch): void;
}

/** Formats and writes rooms.csv, players.csv and timeline.csv on the calling thread. */
export class CsvFilesSink extends CsvSink {
  private readonly formatter: CsvFormatter;
  private readonly fds: Record<TableName, number>;

  constructor(dir: string, context: TableContext) {
    super();
    this.formatter = new CsvFormatter(context);
    this.fds = openTables(dir, this.formatter);
  }

  async close(): Promise<void> {
    closeTables(this.fds);
  }

  async abort(): Promise<void> {
    closeTables(this.fds);
  }

  protected write(table: TableName, batch: AnyBatch): void {
    writeSync(this.fds[table], this.formatter.lines(table, batch));
  }
}
