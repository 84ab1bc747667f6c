import type { PlayerColumn } from './player-column.js';

/** With data centres: the player's lowest round trip to any of them, in milliseconds (empty: it measured none). */
export const bestLatencyColumn: PlayerColumn = {
  name: 'best_latency_ms',
  header: (context) => ((context.dataCentres?.length ?? 0) > 0 ? ['best_latency_ms'] : []),
  cells(row, batch, i, format) {
    row.push(batch.bestLatency === undefined ? null : format.cell(batch.bestLatency[i]));
  },
  types: () => [['best_latency_ms', 'DOUBLE']],
};
