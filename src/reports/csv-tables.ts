import { stringify } from 'csv-stringify/sync';
import { idLookup, type IdScheme, type PlayerBatch, type RoomBatch, type TickBatch } from '../engine/records.js';
import { round6 } from './numbers.js';

/** A cell before csv-stringify formats it: null is an empty cell. */
export type Cell = string | number | null;

export const TABLES = {
  rooms: { file: 'rooms.csv', header: ['room', 'time', 'players', 'min_score', 'max_score', 'spread'] },
  players: {
    file: 'players.csv',
    header: ['id', 'arrival', 'score', 'joined', 'matched_at', 'wait', 'room', 'notified_at'],
  },
  timeline: { file: 'timeline.csv', header: ['time', 'queue', 'pool', 'rooms', 'matched', 'messages'] },
} as const;
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

const cell = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** What the formatter needs to know of a run: serialisable, so a worker thread can be given it. */
export interface TableContext {
  readonly ids: IdScheme;
  readonly roomSize: number;
}

/** Turns columnar batches into CSV rows and text. The one place the CSV layout is decided. */
export class CsvFormatter {
  private readonly idOf: (index: number) => string;
  private readonly roomSize: number;
  private readonly options = { cast: { number: (value: number) => String(round6(value)) } };

  constructor(context: TableContext) {
    this.idOf = idLookup(context.ids);
    this.roomSize = context.roomSize;
  }

  /** The members of a room (`members` from `at`) joined by `separator`. */
  private memberIds(members: Int32Array, at: number, separator: string): string {
    const parts: string[] = new Array(this.roomSize);
    for (let m = 0; m < this.roomSize; m++) parts[m] = this.idOf(members[at + m]);
    return parts.join(separator);
  }

  roomRows(batch: RoomBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let r = 0; r < batch.count; r++) {
      const at = r * this.roomSize;
      rows[r] = [
        'room_' + this.memberIds(batch.members, at, '_'),
        batch.time[r],
        this.memberIds(batch.members, at, ' '),
        batch.minScore[r],
        batch.maxScore[r],
        batch.maxScore[r] - batch.minScore[r],
      ];
    }
    return rows;
  }

  playerRows(batch: PlayerBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const matchedAt = cell(batch.matchedAt[i]);
      const at = i * this.roomSize;
      rows[i] = [
        this.idOf(batch.first + i),
        batch.arrival[i],
        batch.score[i],
        cell(batch.joined[i]),
        matchedAt,
        matchedAt === null ? null : matchedAt - batch.arrival[i],
        batch.members[at] < 0 ? null : 'room_' + this.memberIds(batch.members, at, '_'),
        cell(batch.notifiedAt[i]),
      ];
    }
    return rows;
  }

  tickRows(batch: TickBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let t = 0; t < batch.count; t++) {
      rows[t] = [batch.time[t], batch.queue[t], batch.pool[t], batch.rooms[t], batch.matched[t], batch.messages[t]];
    }
    return rows;
  }

  rows(table: TableName, batch: PlayerBatch | RoomBatch | TickBatch): Cell[][] {
    switch (table) {
      case 'rooms':
        return this.roomRows(batch as RoomBatch);
      case 'players':
        return this.playerRows(batch as PlayerBatch);
      case 'timeline':
        return this.tickRows(batch as TickBatch);
    }
  }

  /** CSV text for rows; `header` puts the table's header first. */
  text(table: TableName, rows: Cell[][], header: boolean): string {
    const body = stringify(rows, this.options);
    return header ? stringify([TABLES[table].header as unknown as string[]]) + body : body;
  }
}
