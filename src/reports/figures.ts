import type { Summary } from './summary.js';

/** A figure of a run's summary that sweeps, reports and comparisons put side by side. */
export interface Figure {
  readonly key: string;
  readonly label: string;
  /** Whether a larger value is better, for reading a comparison; undefined where neither is. */
  readonly higherIsBetter?: boolean;
  readonly of: (summary: Summary) => number | null;
  /** Only some runs have it (teams): tables leave it out where no run has a value. */
  readonly optional?: true;
  /** A count of players: an expectation may bound its share of players.total (minShare, maxShare). */
  readonly perPlayer?: true;
  /** The values it can take, where bounded (a share: [0, 1]); its intervals stay inside. */
  readonly range?: readonly [number, number];
}

/** The range of a share. */
export const SHARE: readonly [number, number] = [0, 1];

/** Every figure, by key: what expectations, baselines, sweeps and comparisons speak of. */
export const FIGURES: readonly Figure[] = [
  { key: 'wait.mean', label: 'wait mean (s)', higherIsBetter: false, of: (s) => s.wait.mean },
  { key: 'wait.p50', label: 'wait p50 (s)', higherIsBetter: false, of: (s) => s.wait.p50 },
  { key: 'wait.p90', label: 'wait p90 (s)', higherIsBetter: false, of: (s) => s.wait.p90 },
  { key: 'wait.p95', label: 'wait p95 (s)', higherIsBetter: false, of: (s) => s.wait.p95 },
  { key: 'wait.p99', label: 'wait p99 (s)', higherIsBetter: false, of: (s) => s.wait.p99 },
  { key: 'wait.max', label: 'wait max (s)', higherIsBetter: false, of: (s) => s.wait.max },
  { key: 'spread.mean', label: 'spread mean', higherIsBetter: false, of: (s) => s.spread.mean },
  { key: 'spread.p50', label: 'spread p50', higherIsBetter: false, of: (s) => s.spread.p50 },
  { key: 'spread.p95', label: 'spread p95', higherIsBetter: false, of: (s) => s.spread.p95 },
  { key: 'spread.max', label: 'spread max', higherIsBetter: false, of: (s) => s.spread.max },
  { key: 'throughput.roomsPerMinute', label: 'rooms per minute', higherIsBetter: true, of: (s) => s.throughput.roomsPerMinute },
  { key: 'players.matchedShare', label: 'matched share', higherIsBetter: true, range: SHARE, of: (s) => s.players.matchedShare },
  { key: 'abandonment.rate', label: 'gave-up share', higherIsBetter: false, range: SHARE, of: (s) => s.abandonment.rate },
  { key: 'teams.gap.mean', label: 'team mean gap', higherIsBetter: false, optional: true, of: (s) => s.teams?.gap.mean ?? null },
  { key: 'teams.favouriteWin.mean', label: "favourite's win chance", higherIsBetter: false, optional: true, range: SHARE, of: (s) => s.teams?.favouriteWin.mean ?? null },
  { key: 'players.total', label: 'players', of: (s) => s.players.total },
  { key: 'players.matched', label: 'players matched', higherIsBetter: true, perPlayer: true, of: (s) => s.players.matched },
  { key: 'players.waiting', label: 'players still waiting', higherIsBetter: false, perPlayer: true, of: (s) => s.players.waiting },
  { key: 'players.abandoned', label: 'players who gave up unmatched', higherIsBetter: false, perPlayer: true, of: (s) => s.players.abandoned },
  { key: 'rooms', label: 'rooms', of: (s) => s.rooms },
];

/** The figures a sweep's tables lead with, and their short column labels. */
export const HEADLINE: ReadonlyArray<readonly [key: string, label: string]> = [
  ['wait.p50', 'wait p50'],
  ['wait.p95', 'wait p95'],
  ['wait.p99', 'wait p99'],
  ['spread.mean', 'spread mean'],
  ['spread.p95', 'spread p95'],
  ['throughput.roomsPerMinute', 'rooms/min'],
  ['players.matchedShare', 'matched'],
  ['abandonment.rate', 'gave up'],
];

/** Headline figures only some runs have (teams), shown where any point has them. */
const OPTIONAL_HEADLINE: ReadonlyArray<readonly [key: string, label: string]> = [
  ['teams.gap.mean', 'team gap'],
  ['teams.favouriteWin.mean', 'favourite wins'],
];

/** The headline for a table of points: HEADLINE, then the optional figures some point has. */
export function headlineOf(points: ReadonlyArray<{ readonly figures: Readonly<Record<string, unknown>> }>): ReadonlyArray<readonly [key: string, label: string]> {
  return [...HEADLINE, ...OPTIONAL_HEADLINE.filter(([key]) => points.some((p) => p.figures[key] != null))];
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

/** The figure of this key, or undefined. */
export function figureOf(key: string): Figure | undefined {
  return FIGURES.find((f) => f.key === key);
}

/** True for a run summary matchsim wrote (summary.json): its version, and every figure readable as a number or null. */
export function isSummary(data: unknown): data is Summary {
  const s = data as Partial<Summary> | null;
  if (typeof s !== 'object' || s === null || s.matchsim?.summaryVersion !== 1 || typeof s.scenario !== 'object' || typeof s.seed !== 'number') return false;
  try {
    return FIGURES.every((f) => {
      const value = f.of(s as Summary);
      return value === null || typeof value === 'number';
    });
  } catch {
    return false;
  }
}
