import { safeCsv } from './csv-safety.js';
import type { GroupFigures } from './breakdowns.js';
import type { Summary } from './summary.js';

export const BREAKDOWN_FILE = 'breakdown.csv';

/**
 * breakdown.csv: one row per group of players: per decile band of scores, per
 * pool, by party size, and stayed / gave up (where the wait columns of those who gave up are
 * how long they waited before leaving).
 */
export function breakdownCsv(summary: Summary): string {
  const header = ['dimension', 'group', 'players', 'matched', 'wait_p50', 'wait_p95', 'spread_mean'];
  const rows = breakdownGroups(summary).map(({ dimension, group, figures: g }) => [dimension, group, g.players, g.matched, g.waitP50, g.waitP95, g.spreadMean]);
  return safeCsv([header, ...rows]);
}

/** A group of a run's breakdowns: its dimension (in words and as a column's key), its name, and its figures. */
export interface BreakdownGroup {
  readonly dimension: string;
  readonly key: string;
  /** The group's label (a score band's by its score range). */
  readonly group: string;
  /** The group in a column's name across runs: a score band by its number (its score range differs run by run), any other by its label. */
  readonly column: string;
  readonly figures: GroupFigures;
}

/** Every group of a run's breakdowns, in breakdown.csv's order. */
export function breakdownGroups(summary: Summary): BreakdownGroup[] {
  const b = summary.breakdowns;
  return [
    ...b.scoreBands.map((g) => ({ dimension: 'score band', key: 'score_band', group: g.label, column: String(g.band), figures: g })),
    ...b.pools.map((g) => ({ dimension: 'pool', key: 'pool', group: g.label, column: g.label, figures: g })),
    ...(b.parties ?? []).map((g) => ({ dimension: 'party size', key: 'party_size', group: g.label, column: g.label, figures: g })),
    ...b.abandonment.map((g) => ({ dimension: 'abandonment', key: 'abandonment', group: g.label, column: g.label, figures: g })),
  ];
}

/** The measures of a group, as breakdown.csv and runs.csv name them. */
export const GROUP_MEASURES: ReadonlyArray<readonly [string, keyof GroupFigures]> = [
  ['players', 'players'],
  ['matched', 'matched'],
  ['wait_p50', 'waitP50'],
  ['wait_p95', 'waitP95'],
  ['spread_mean', 'spreadMean'],
];
