import type { RolesSummary } from '../roles-summary.js';
import { fmt } from '../html.js';
import { CONFIG, HEIGHT, SCHEMA, WIDTH, type Chart } from './chart.js';

/** One row a role and figure, for the wait-by-role chart. */
export interface RoleWaitRow {
  readonly role: string;
  readonly figure: 'p50' | 'p95';
  readonly wait: number;
}

/** summary.json's roles as the chart's rows: each role's wait p50 and p95, in the scenario's order (a role nobody matched has none). */
export function roleWaitRows(roles: RolesSummary): RoleWaitRow[] {
  return Object.keys(roles.byRole).flatMap((role) => {
    const r = roles.byRole[role];
    return [
      ...(r.waitP50 !== null ? [{ role, figure: 'p50' as const, wait: r.waitP50 }] : []),
      ...(r.waitP95 !== null ? [{ role, figure: 'p95' as const, wait: r.waitP95 }] : []),
    ];
  });
}

/**
 * Wait by role: why one role's players wait and another's do not. Each
 * first-choice role's wait p50 and p95, the bottleneck (fewest players per
 * slot) named in the caption with the share who played off their first
 * choice.
 */
export function rolesChart(roles: RolesSummary, rows: readonly RoleWaitRow[]): Chart {
  const names = Object.keys(roles.byRole);
  const perSlot = names.map((r) => `${r} ${roles.byRole[r].playersPerSlot === null ? '-' : fmt(roles.byRole[r].playersPerSlot as number)}`).join(', ');
  const off = roles.offFirstChoiceShare === null ? '' : ` ${fmt(roles.offFirstChoiceShare * 100)}% of matched players played a role other than their first choice.`;
  return {
    name: 'wait-by-role',
    title: 'Wait by role',
    caption: `Players by the role they queued for first: wait p50 and p95 (seconds). ${roles.bottleneck === null ? 'No role has slots.' : `The bottleneck is ${roles.bottleneck}: the fewest players per slot a room (${perSlot}).`}${off}`,
    spec: {
      $schema: SCHEMA,
      config: CONFIG,
      width: WIDTH,
      height: HEIGHT,
      data: { values: rows },
      encoding: {
        x: { field: 'role', type: 'nominal', title: 'first-choice role', sort: names, axis: { labelAngle: 0 } },
        xOffset: { field: 'figure', sort: ['p50', 'p95'] },
        y: { field: 'wait', type: 'quantitative', title: 'wait (s)' },
        color: { field: 'figure', type: 'nominal', scale: { domain: ['p50', 'p95'], range: ['#1f78b4', '#ff7f00'] }, legend: { title: null, orient: 'top' } },
      },
      // Each bar's seconds written above it: a role that barely waits still shows its figure.
      layer: [{ mark: { type: 'bar' } }, { mark: { type: 'text', dy: -6, fontSize: 10 }, encoding: { text: { field: 'wait', type: 'quantitative', format: '.1f' }, color: { value: '#333' } } }],
    },
  };
}
