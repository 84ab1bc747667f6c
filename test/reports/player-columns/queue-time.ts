import type { PlayerColumn } from '../../../src/reports/player-columns/player-column.js';

/**
 * An output column written as a new one would be (docs/architecture.md,
 * "Adding an output column"): how long each player's request sat in the
 * message queue before the worker moved it into the pool. Its registration
 * is the one line add-an-output-column.test.ts adds.
 */
export const queueTimeColumn: PlayerColumn = {
  name: 'queue_time',
  header: () => ['queue_time'],
  cells(row, batch, i, format) {
    row.push(format.cell(batch.joined[i] - batch.arrival[i]));
  },
  types: () => [['queue_time', 'DOUBLE']],
};
