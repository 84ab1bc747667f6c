import type { PlayerColumn } from './player-column.js';

/**
 * With teams: the team the player played on (1, 2, ...), as its match's
 * rosters say; with named rosters (a FlexMatch rule set's), the team's name.
 * Empty when not in a room.
 */
export const teamColumn: PlayerColumn = {
  name: 'team',
  header: (context) => (context.teams || context.teamNames ? ['team'] : []),
  cells(row, batch, i, format) {
    const team = batch.team?.[i] ?? -1;
    const names = format.teamNames;
    if (team < 0) row.push(null);
    else if (names !== undefined) row.push(names[team] ?? String(team + 1));
    else row.push(team + 1);
  },
  types: (context) => [['team', context.teamNames ? 'VARCHAR' : 'BIGINT']],
};
