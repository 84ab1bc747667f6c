/**
 * A CSV formatting thread: formats batches with csv-stringify and appends
 * them to the shared file descriptors strictly in batch order, taking turns
 * with the other workers through the shared control array.
 */
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CsvFormatter, TABLE_NAMES } from './csv-tables.js';
import { Control, writeReason, type FromWorker, type ToWorker, type WorkerSetup } from './csv-worker-protocol.js';

const setup = workerData as WorkerSetup;
const formatter = new CsvFormatter(setup.context);
const control = new Int32Array(setup.control);
const port = parentPort;
if (port === null) throw new Error('csv-worker must run in a worker thread');

function waitForTurn(slot: number, seq: number): boolean {
  for (;;) {
    if (Atomics.load(control, Control.FAILED) !== 0) return false;
    const turn = Atomics.load(control, slot);
    if (turn === seq) return true;
    Atomics.wait(control, slot, turn, 200);
  }
}

port.on('message', (message: ToWorker) => {
  if (message.kind === 'end') {
    port.postMessage({ kind: 'ended' } satisfies FromWorker);
    return;
  }
  try {
    const { table, seq, batch } = message;
    const text = formatter.lines(table, batch);
    const slot = Control.TURN + TABLE_NAMES.indexOf(table);
    if (!waitForTurn(slot, seq)) return;
    writeSync(setup.fds[table], text);
    Atomics.store(control, slot, seq + 1);
    Atomics.notify(control, slot);
    Atomics.add(control, Control.DONE, 1);
    Atomics.notify(control, Control.DONE);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    writeReason(setup.reason, { message: e.message, ...(typeof e.code === 'string' ? { code: e.code } : {}), ...(typeof e.syscall === 'string' ? { syscall: e.syscall } : {}) });
    Atomics.store(control, Control.FAILED, 1);
    Atomics.notify(control, Control.DONE);
    for (let t = 0; t < TABLE_NAMES.length; t++) Atomics.notify(control, Control.TURN + t);
    port.postMessage({ kind: 'failed', message: (error as Error).message } satisfies FromWorker);
  }
});
