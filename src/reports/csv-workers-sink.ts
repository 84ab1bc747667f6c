import { Worker } from 'node:worker_threads';
import { CsvSink, closeTables, openTables, type AnyBatch } from './csv-files.js';
import { CsvFormatter, type TableContext, type TableName } from './csv-tables.js';
import { Control, readReason, REASON_BYTES, type FromWorker, type ToWorker, type WorkerSetup } from './csv-worker-protocol.js';

/** Batches handed over but not yet written, at most: bounds the memory they hold. */
const MAX_IN_FLIGHT = 64;

/**
 * Writes a run's CSV files through worker threads, so that formatting
 * (csv-stringify's share of a big run) overlaps with the simulation. Batches
 * go round-robin to the workers, their typed arrays transferred without a
 * copy; each file still receives its batches in order, so the bytes are the
 * same as CsvFilesSink's.
 */
export class CsvWorkersSink extends CsvSink {
  private readonly fds: Record<TableName, number>;
  private readonly control = new Int32Array(new SharedArrayBuffer(Control.LENGTH * 4));
  private readonly reason = new SharedArrayBuffer(REASON_BYTES);
  private readonly workers: Worker[] = [];
  private readonly nextSeq: Record<TableName, number> = { rooms: 0, players: 0, timeline: 0 };
  private sent = 0;
  private failure: string | undefined;

  constructor(dir: string, context: TableContext, workerCount: number) {
    super();
    this.fds = openTables(dir, new CsvFormatter(context));
    const setup: WorkerSetup = { context, fds: this.fds, control: this.control.buffer as SharedArrayBuffer, reason: this.reason };
    for (let i = 0; i < workerCount; i++) {
      const worker = new Worker(new URL('./csv-worker.js', import.meta.url), { workerData: setup });
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'failed') this.failure ??= m.message;
      });
      worker.on('error', (error) => {
        this.failure ??= error.message;
        Atomics.store(this.control, Control.FAILED, 1);
      });
      this.workers.push(worker);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.end(worker)));
    closeTables(this.fds);
    this.throwIfFailed();
  }

  async abort(): Promise<void> {
    Atomics.store(this.control, Control.FAILED, 1);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    closeTables(this.fds);
  }

  protected write(table: TableName, batch: AnyBatch): void {
    // The simulation runs without yielding, so wait here for the workers to catch up.
    for (;;) {
      if (Atomics.load(this.control, Control.FAILED) !== 0) throw this.failed();
      const done = Atomics.load(this.control, Control.DONE);
      if (this.sent - done < MAX_IN_FLIGHT) break;
      Atomics.wait(this.control, Control.DONE, done, 200);
    }
    const message: ToWorker = { kind: 'batch', table, seq: this.nextSeq[table]++, batch };
    const buffers = new Set<ArrayBuffer>();
    for (const value of Object.values(batch)) {
      if (ArrayBuffer.isView(value)) buffers.add(value.buffer as ArrayBuffer);
    }
    this.workers[this.sent++ % this.workers.length].postMessage(message, [...buffers]);
  }

  private end(worker: Worker): Promise<void> {
    return new Promise((resolve) => {
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'ended') void worker.terminate().then(() => resolve());
      });
      worker.on('exit', () => resolve());
      worker.postMessage({ kind: 'end' } satisfies ToWorker);
    });
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined || Atomics.load(this.control, Control.FAILED) !== 0) throw this.failed();
  }

  /** The worker's own error, rebuilt: a file-system failure keeps its code, so that it is reported as one (ENOSPC, EACCES, ...). */
  private failed(): Error {
    const reason = readReason(this.reason);
    const error = new Error(`writing CSV failed: ${reason?.message ?? this.failure ?? 'a worker stopped'}`);
    if (reason?.code !== undefined) Object.assign(error, { code: reason.code, syscall: reason.syscall ?? 'write' });
    return error;
  }
}

