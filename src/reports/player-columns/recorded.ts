import type { PlayerColumn } from './player-column.js';

/** The column of a number the arrivals' source recorded: prefixed as attributes are, so that it is never mistaken for one the simulation measured. */
export const recordedColumnName = (name: string): string => `observed_${name}`;

/** What the arrivals' source recorded of each ticket (a replayed log's observed wait), observed_<name>, in its order; empty when not known. */
export const recordedColumns: PlayerColumn = {
  name: 'observed_<name>',
  header: (context) => (context.recorded ?? []).map(recordedColumnName),
  cells(row, batch, i, format) {
    for (const column of batch.recorded ?? []) row.push(format.cell(column[i]));
  },
  types: (context) => (context.recorded ?? []).map((name) => [recordedColumnName(name), 'DOUBLE'] as const),
};
