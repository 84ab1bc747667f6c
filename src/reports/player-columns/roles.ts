import type { PlayerColumn } from './player-column.js';

/**
 * With role queues: the roles the player queued for, in its order of
 * preference, separated by single spaces (`damage support`), and the role it
 * played (empty when not matched). Role names are the scenario's own
 * (roles.shares: letters, digits, - and _, a letter first), never a formula.
 */
export const rolesColumn: PlayerColumn = {
  name: 'roles',
  header: (context) => (context.roles !== undefined ? ['roles', 'role'] : []),
  cells(row, batch, i, format) {
    const roles = batch.roles?.[i] ?? '';
    row.push(roles === '' ? null : roles);
    const played = batch.role?.[i] ?? -1;
    row.push(played < 0 ? null : (format.roles?.[played] ?? null));
  },
  types: () => [
    ['roles', 'VARCHAR'],
    ['role', 'VARCHAR'],
  ],
};
