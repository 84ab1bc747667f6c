import type { ResolvedScenario } from '../scenarios/load.js';
import type { SweepValue } from '../scenarios/sweep-value.js';

/** The files a sweep writes beside its points: sweep.json (SweepSummary) and sweep.csv. */
export const SWEEP_FILES = { summary: 'sweep.json', table: 'sweep.csv' } as const;

/** A figure at one point: over its replications, with each replication's value. */
export interface FigureEstimate {
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly n: number;
  /** One per replication, in seed order; null where the run had no sample (e.g. nobody matched). */
  readonly values: ReadonlyArray<number | null>;
}

export interface PointResult {
  readonly index: number;
  readonly label: string;
  readonly dir: string;
  readonly params: Readonly<Record<string, SweepValue>>;
  readonly runs: ReadonlyArray<{ readonly seed: number; readonly dir: string }>;
  /** By figure key; null where no replication had a value. */
  readonly figures: Readonly<Record<string, FigureEstimate | null>>;
}

/** sweep.json: enough to replay the sweep and to compare it with another. */
export interface SweepSummary {
  readonly matchsim: { readonly sweepVersion: 1; readonly version: string };
  readonly scenario: ResolvedScenario;
  readonly parameters: readonly string[];
  readonly seeds: readonly number[];
  readonly confidence: number;
  readonly points: readonly PointResult[];
}
