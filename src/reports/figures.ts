import type { Summary } from './summary.js';
import { FORBIDDEN_PARTS } from '../scenarios/overrides.js';
import { FIGURES, figureOf, roleOfWaitP50, SHARE } from './figure-catalogue.js';

export { FIGURES, figureOf, figuresOfPoints, figuresOfRuns, roleOfWaitP50, SHARE, type Figure } from './figure-catalogue.js';

/** The figures a sweep's tables lead with, and their short column labels. */
export const HEADLINE: ReadonlyArray<readonly [key: string, label: string]> = [
  ['wait.p50', 'wait p50'],
  ['wait.p95', 'wait p95'],
  ['wait.p99', 'wait p99'],
  ['spread.mean', 'spread mean'],
  ['spread.p95', 'spread p95'],
  ['throughput.roomsPerMinute', 'rooms/min'],
  ['players.matchedPresentShare', 'matched'],
  ['abandonment.rate', 'gave up'],
];

/** Headline figures only some runs have (teams, a population, data centres), shown where any point has them. */
export const OPTIONAL_HEADLINE: ReadonlyArray<readonly [key: string, label: string]> = [
  ['teams.gap.mean', 'team gap'],
  ['teams.favouriteWin.mean', 'predicted fav.'],
  ['population.convergence.correlation', 'rating corr'],
  ['population.favouriteWin.mean', 'true-skill fav.'],
  ['population.blowoutRate', 'blowouts'],
  ['population.retention', 'kept'],
  ['latency.p95', 'ping p95'],
  ['latency.atBestShare', 'at best dc'],
  ['roomPlayers.mean', 'room players'],
  ['roomPlayers.fullShare', 'rooms full'],
  ['backfill.sessions.formedShortShare', 'formed short'],
  ['backfill.shortHandedShare', 'short-handed'],
  ['backfill.timeToFill.p50', 'fill p50'],
];

/** The headline for a table of points: HEADLINE, then the optional figures some point has. */
export function headlineOf(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>): ReadonlyArray<readonly [key: string, label: string]> {
  // With role queues, each role's wait p50: where the bottleneck is, point by point.
  const roles = Object.keys(points[0]?.figures ?? {}).flatMap((key) => {
    const role = roleOfWaitP50(key);
    return role !== undefined && points.some((p) => p.figures[key] != null) ? [[key, `${role} wait p50`] as const] : [];
  });
  return [...HEADLINE, ...OPTIONAL_HEADLINE.filter(([key]) => points.some((p) => p.figures[key] != null)), ...roles];
}

/** A figure that is 0 at every point, interval included (nobody gave up, with no abandonment): a column that says nothing. */
function zeroEverywhere(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>, key: string): boolean {
  return points.every((p) => {
    const e = p.figures[key] as { mean: number; high: number | null } | null | undefined;
    return e !== null && e !== undefined && e.mean === 0 && (e.high ?? 0) === 0;
  });
}

/** The headline columns a table of points shows: headlineOf, less the figures that are 0 at every point. */
export function shownHeadline(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>): ReadonlyArray<readonly [key: string, label: string]> {
  return headlineOf(points).filter(([key]) => !zeroEverywhere(points, key));
}

/** Headline columns left out first when a table has too many: the ones a reader can best do without (the files hold them all). */
export const LEAST_NEEDED = ['wait.p99', 'spread.p95', 'players.matchedPresentShare', 'throughput.roomsPerMinute', 'wait.p50'];

/** shownHeadline, less the least needed columns until at most `most` are left (or none of those is left to drop). */
export function fittedHeadline(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>, most: number): ReadonlyArray<readonly [key: string, label: string]> {
  let columns = shownHeadline(points);
  for (const key of LEAST_NEEDED) {
    if (columns.length <= most) break;
    columns = columns.filter(([k]) => k !== key);
  }
  return columns;
}

/** How a figure is shown to people: a share (its range is SHARE) as a percentage, anything else as it is. */
export function displayScale(key: string): { readonly factor: number; readonly unit: string } {
  return figureOf(key)?.range === SHARE ? { factor: 100, unit: '%' } : { factor: 1, unit: '' };
}

/** A number in the units a figure is shown in (see displayScale); null stays null. */
export function scaledBy(factor: number): (x: number | null) => number | null {
  return (x) => (x === null ? null : x * factor);
}

/** An estimate (mean and interval) in the units a figure is shown in. */
export function scaledEstimate(e: { readonly mean: number; readonly low: number | null; readonly high: number | null }, factor: number): { mean: number; low: number | null; high: number | null } {
  const times = scaledBy(factor);
  return { mean: e.mean * factor, low: times(e.low), high: times(e.high) };
}

/**
 * A figure of a summary by its dotted path (a catalogue key, or any numeric
 * field: breakdowns.scoreBands.0.waitP95), read through own properties only;
 * null where the summary has no number there.
 */
export function figureValue(summary: Summary, path: string): number | null {
  const value = readPath(summary, path);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The value at a dotted path through own properties; undefined where there is none. */
function readPath(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || FORBIDDEN_PARTS.has(part) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** True for a run summary matchsim wrote (summary.json): its version, and every figure readable as a number or null. */
export function isSummary(data: unknown): data is Summary {
  const s = data as Partial<Summary> | null;
  if (typeof s !== 'object' || s === null || s.matchsim?.summaryVersion !== 1 || typeof s.scenario !== 'object' || typeof s.seed !== 'number') return false;
  return FIGURES.every((f) => {
    const value = readPath(s, f.key);
    // Only some runs have an optional figure (teams, a request timeout's abandonment.timedOut, matchedPresentShare before it was written): where it is missing, the figure is null.
    return value === null || typeof value === 'number' || (value === undefined && f.optional === true);
  });
}
