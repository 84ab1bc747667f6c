import { attributeColumns } from './attributes.js';
import { latencyColumns } from './latency.js';
import { partyColumn } from './party.js';
import type { PlayerColumn } from './player-column.js';
import { recordedColumns } from './recorded.js';
import { teamColumn } from './team.js';
import { rolesColumn } from './roles.js';
import { visitPlayerColumn } from './visit-player.js';

/**
 * The columns players.csv (visits.csv) has after its own when a run has
 * them, in the order they are written: the registration, and nothing else.
 * The order is part of every table's bytes.
 */
export const PLAYER_COLUMNS: readonly PlayerColumn[] = [teamColumn, rolesColumn, partyColumn, visitPlayerColumn, attributeColumns, recordedColumns, latencyColumns];
