import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlayerBatch, RoomBatch, TickBatch } from '../../src/engine/records.js';
import { CsvFilesSink } from '../../src/reports/csv-files.js';
import { CsvFormatter, TABLE_NAMES, TABLES, type TableContext } from '../../src/reports/csv-tables.js';
import { arrivalSource, runScenario } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { seedScenario, tempDir } from '../fixtures/helpers.js';

type Batch = { table: 'rooms'; batch: RoomBatch } | { table: 'players'; batch: PlayerBatch } | { table: 'timeline'; batch: TickBatch };

/** A run's batches, in the order the engine emitted them, and the context of its tables. */
function recordRun(): { batches: Batch[]; context: TableContext } {
  const loaded = resolveScenario('s.json', { ...seedScenario, duration: 400 });
  const batches: Batch[] = [];
  // Copies: a sink may hand a batch's arrays over to a thread.
  runScenario(loaded, {
    rooms: (batch) => void batches.push({ table: 'rooms', batch: structuredClone(batch) }),
    players: (batch) => void batches.push({ table: 'players', batch: structuredClone(batch) }),
    ticks: (batch) => void batches.push({ table: 'timeline', batch: structuredClone(batch) }),
  });
  return { batches, context: { ids: arrivalSource(loaded).ids, roomSize: 3, pools: [] } };
}

interface Sink {
  rooms(b: RoomBatch): void;
  players(b: PlayerBatch): void;
  ticks(b: TickBatch): void;
  close(): Promise<void>;
}

function replay(sink: Sink, batches: readonly Batch[]): void {
  for (const b of batches) {
    const copy = structuredClone(b.batch);
    if (b.table === 'rooms') sink.rooms(copy as RoomBatch);
    else if (b.table === 'players') sink.players(copy as PlayerBatch);
    else sink.ticks(copy as TickBatch);
  }
}

const files = (dir: string) => Object.fromEntries(TABLE_NAMES.map((t) => [t, readFileSync(join(dir, TABLES[t].file), 'utf8')]));

describe('CSV sinks', () => {
  const { batches, context } = recordRun();

  it('CsvFilesSink writes each table: its header, then every batch in order, as the formatter lays it out', async () => {
    const dir = tempDir();
    const sink = new CsvFilesSink(dir, context);
    replay(sink, batches);
    await sink.close();
    const written = files(dir);
    const formatter = new CsvFormatter(context, 'values');
    for (const table of TABLE_NAMES) {
      const lines = written[table].trimEnd().split('\n');
      expect(lines[0]).toBe(formatter.header(table).join(','));
      const rows = batches.filter((b) => b.table === table).reduce((n, b) => n + b.batch.count, 0);
      expect(lines.length - 1, table).toBe(rows);
    }
    expect(written.rooms.split('\n')[1]).toMatch(/^room_p\d+_p\d+_p\d+,\d+,p\d+ p\d+ p\d+,\d+,\d+,\d+$/);
  });

  it('CsvWorkersSink (1 and 2 threads, the built worker) writes the same bytes as CsvFilesSink', async () => {
    // The worker thread runs compiled code: the sink is taken from dist, which the global setup keeps current.
    const { CsvWorkersSink } = (await import(join(process.cwd(), 'dist/src/reports/csv-workers-sink.js'))) as typeof import('../../src/reports/csv-workers-sink.js');
    const reference = tempDir();
    const plain = new CsvFilesSink(reference, context);
    replay(plain, batches);
    await plain.close();
    for (const threads of [1, 2]) {
      const dir = tempDir();
      const sink = new CsvWorkersSink(dir, context, threads);
      replay(sink, batches);
      await sink.close();
      expect(files(dir), `${threads} threads`).toEqual(files(reference));
    }
  });
});
