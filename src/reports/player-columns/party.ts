import type { PlayerColumn } from './player-column.js';

/** With parties: the id of the party's first player; empty for a player alone. */
export const partyColumn: PlayerColumn = {
  name: 'party',
  header: (context) => (context.parties ? ['party'] : []),
  cells(row, batch, i, format) {
    row.push(batch.party[i] < 0 ? null : format.safe(format.id(batch.party[i])));
  },
  types: () => [['party', 'VARCHAR']],
};
