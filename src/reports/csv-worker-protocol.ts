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
}

export type ToWorker = { readonly kind: 'batch'; readonly table: TableName; readonly seq: number; readonly batch: AnyBatch } | { readonly kind: 'end' };

export type FromWorker = { readonly kind: 'ended' } | { readonly kind: 'failed'; readonly message: string };
