import type { TableContext, TableName } from './csv-tables.js';
import type { AnyBatch } from './csv-files.js';

/** Slots of the shared control array. */
export const Control = {
  /** Next batch number to write, one slot per table (in TABLE_NAMES order). */
  TURN: 0,
  /** Batches written, all tables together. */
  DONE: 3,
  /** Set to 1 when a worker fails: everybody stops waiting. */
  FAILED: 4,
  LENGTH: 5,
} as const;

export interface WorkerSetup {
  readonly context: TableContext;
  readonly fds: Record<TableName, number>;
  readonly control: SharedArrayBuffer;
  /** Why a worker failed, written before it sets FAILED: the main thread, busy simulating, reads it at once. */
  readonly reason: SharedArrayBuffer;
}

/** Bytes of the shared failure reason. */
export const REASON_BYTES = 1024;

/** What failed in a worker: enough to rebuild a file-system error (its code and call) on the main thread. */
export interface FailureReason {
  readonly message: string;
  readonly code?: string;
  readonly syscall?: string;
}

/** Writes a failure reason into the shared buffer, as JSON cut to fit, NUL-terminated. */
export function writeReason(buffer: SharedArrayBuffer, reason: FailureReason): void {
  const bytes = new Uint8Array(buffer);
  const text = new TextEncoder().encode(JSON.stringify({ ...reason, message: reason.message.slice(0, 300) }));
  if (text.length >= bytes.length) return;
  bytes.set(text);
  bytes[text.length] = 0;
}

/** The failure reason a worker wrote, if any. */
export function readReason(buffer: SharedArrayBuffer): FailureReason | undefined {
  const bytes = new Uint8Array(buffer);
  const end = bytes.indexOf(0);
  if (end <= 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes.slice(0, end))) as FailureReason;
  } catch {
    return undefined;
  }
}

export type ToWorker = { readonly kind: 'batch'; readonly table: TableName; readonly seq: number; readonly batch: AnyBatch } | { readonly kind: 'end' };

export type FromWorker = { readonly kind: 'ended' } | { readonly kind: 'failed'; readonly message: string };
