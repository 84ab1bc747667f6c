import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, type Options } from 'csv-stringify/sync';
import type { PlayerRecord, RoomRecord, RunSink, TickRecord } from '../engine/records.js';
import { round6 } from './numbers.js';

type Columns<R> = ReadonlyArray<{ readonly key: keyof R & string; readonly header: string }>;

export const ROOM_COLUMNS: Columns<RoomRecord> = [
  { key: 'room', header: 'room' },
  { key: 'time', header: 'time' },
  { key: 'players', header: 'players' },
  { key: 'minScore', header: 'min_score' },
  { key: 'maxScore', header: 'max_score' },
  { key: 'spread', header: 'spread' },
];

export const PLAYER_COLUMNS: Columns<PlayerRecord> = [
  { key: 'id', header: 'id' },
  { key: 'arrival', header: 'arrival' },
  { key: 'score', header: 'score' },
  { key: 'joined', header: 'joined' },
  { key: 'matchedAt', header: 'matched_at' },
  { key: 'wait', header: 'wait' },
  { key: 'room', header: 'room' },
  { key: 'notifiedAt', header: 'notified_at' },
];

export const TICK_COLUMNS: Columns<TickRecord> = [
  { key: 'time', header: 'time' },
  { key: 'queue', header: 'queue' },
  { key: 'pool', header: 'pool' },
  { key: 'rooms', header: 'rooms' },
  { key: 'matched', header: 'matched' },
  { key: 'messages', header: 'messages' },
];

export const CSV_FILES = { rooms: 'rooms.csv', players: 'players.csv', timeline: 'timeline.csv' } as const;

/** One CSV file written batch by batch with csv-stringify; the header goes with the first batch. */
class CsvFile<R> {
  private readonly fd: number;
  private first = true;
  private readonly options: Options;

  constructor(path: string, private readonly columns: Columns<R>) {
    this.fd = openSync(path, 'w');
    this.options = {
      columns: columns.map((c) => ({ key: c.key, header: c.header })),
      cast: { number: (value) => String(round6(value)) },
    };
    // A file with no rows still gets its header.
  }

  write(batch: readonly R[]): void {
    const text = stringify(batch as R[], { ...this.options, header: this.first });
    this.first = false;
    writeSync(this.fd, text);
  }

  close(): void {
    if (this.first) this.write([]);
    closeSync(this.fd);
  }
}

/** A RunSink that writes rooms.csv, players.csv and timeline.csv into `dir`. */
export class CsvFilesSink implements RunSink {
  private readonly roomFile: CsvFile<RoomRecord>;
  private readonly playerFile: CsvFile<PlayerRecord>;
  private readonly tickFile: CsvFile<TickRecord>;

  constructor(dir: string) {
    this.roomFile = new CsvFile(join(dir, CSV_FILES.rooms), ROOM_COLUMNS);
    this.playerFile = new CsvFile(join(dir, CSV_FILES.players), PLAYER_COLUMNS);
    this.tickFile = new CsvFile(join(dir, CSV_FILES.timeline), TICK_COLUMNS);
  }

  rooms(batch: readonly RoomRecord[]): void {
    this.roomFile.write(batch);
  }

  players(batch: readonly PlayerRecord[]): void {
    this.playerFile.write(batch);
  }

  ticks(batch: readonly TickRecord[]): void {
    this.tickFile.write(batch);
  }

  close(): void {
    this.roomFile.close();
    this.playerFile.close();
    this.tickFile.close();
  }
}
