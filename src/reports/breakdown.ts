import { safeCsv } from './csv-safety.js';
import type { Summary } from './summary.js';

export const BREAKDOWN_FILE = 'breakdown.csv';

/**
 * breakdown.csv: one row per group of players: per decile band of scores, per
 * pool, by party size, and stayed / gave up (where the wait columns of those who gave up are
 * how long they waited before leaving).
 */
export function breakdownCsv(summary: Summary): string {
  const header = ['dimension', 'group', 'players', 'matched', 'wait_p50', 'wait_p95', 'spread_mean'];
  const groups = [
    ...summary.breakdowns.scoreBands.map((g) => ['score band', g] as const),
    ...summary.breakdowns.pools.map((g) => ['pool', g] as const),
    ...(summary.breakdowns.parties ?? []).map((g) => ['party size', g] as const),
    ...summary.breakdowns.abandonment.map((g) => ['abandonment', g] as const),
  ];
  const rows = groups.map(([dimension, g]) => [dimension, g.label, g.players, g.matched, g.waitP50, g.waitP95, g.spreadMean]);
  return safeCsv([header, ...rows]);
}
