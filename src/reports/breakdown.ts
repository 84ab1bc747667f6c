import { stringify } from 'csv-stringify/sync';
import type { Summary } from './summary.js';

export const BREAKDOWN_FILE = 'breakdown.csv';

/** breakdown.csv: one row per group of players (for now, per decile band of scores). */
export function breakdownCsv(summary: Summary): string {
  const header = ['dimension', 'group', 'players', 'matched', 'wait_p50', 'wait_p95', 'spread_mean'];
  const rows = summary.breakdowns.scoreBands.map((b) => ['score band', b.label, b.players, b.matched, b.waitP50, b.waitP95, b.spreadMean]);
  return stringify([header, ...rows]);
}
