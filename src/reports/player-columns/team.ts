import type { PlayerColumn } from './player-column.js';

/** With teams: the team the player played on (1, 2, ...), as its match's rosters say; empty when not in a room. */
export const teamColumn: PlayerColumn = {
  name: 'team',
  header: (context) => (context.teams ? ['team'] : []),
  cells(row, batch, i) {
    const team = batch.team?.[i] ?? -1;
    row.push(team < 0 ? null : team + 1);
  },
  types: () => [['team', 'BIGINT']],
};
