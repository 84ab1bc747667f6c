import { populationPlayerId } from '../table-context.js';
import type { PlayerColumn } from './player-column.js';

/** With a population, where each request is a visit: the population's player who made it. */
export const visitPlayerColumn: PlayerColumn = {
  name: 'player',
  header: (context) => (context.population ? ['player'] : []),
  cells(row, batch, i) {
    row.push(batch.player === undefined ? null : populationPlayerId(batch.player[i]));
  },
  types: () => [['player', 'VARCHAR']],
};
