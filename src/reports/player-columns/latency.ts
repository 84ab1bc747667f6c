import type { PlayerColumn } from './player-column.js';

const NAMES = ['dc', 'latency_ms', 'best_latency_ms', 'delta_ping_ms'] as const;

/**
 * With data centres: the data centre of the player's room, its round trip
 * there, its lowest round trip to any data centre, and the difference (what
 * the placement cost it; 0 at its best). Empty where not matched, or, for the
 * best, where it measured none.
 */
export const latencyColumns: PlayerColumn = {
  name: 'latency',
  header: (context) => ((context.dataCentres?.length ?? 0) > 0 ? [...NAMES] : []),
  cells(row, batch, i, format) {
    const dc = batch.dataCentre?.[i] ?? -1;
    const latency = batch.latency?.[i] ?? NaN;
    const best = batch.bestLatency?.[i] ?? NaN;
    row.push(dc < 0 ? null : format.safe(format.dataCentres[dc]), format.cell(latency), format.cell(best), format.cell(latency - best));
  },
  types: () => [
    ['dc', 'VARCHAR'],
    ['latency_ms', 'DOUBLE'],
    ['best_latency_ms', 'DOUBLE'],
    ['delta_ping_ms', 'DOUBLE'],
  ],
};
