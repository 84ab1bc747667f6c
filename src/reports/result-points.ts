import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../errors.js';
import type { SweepSummary } from './sweep-summary.js';
import { SWEEP_FILES } from './sweep-summary.js';
import { figuresOfPoints, figuresOfRuns, figureValue, isSummary } from './figures.js';
import { readJsonFile } from '../scenarios/read-text.js';
import { resultFile } from '../scenarios/scenario-files.js';
import { SUMMARY_FILE, type Summary } from './summary.js';

/** One point of a result: each figure's values, one per replication (null where a run had none). */
export interface ResultPoint {
  readonly label: string;
  readonly seeds: readonly number[];
  readonly values: Readonly<Record<string, ReadonlyArray<number | null>>>;
  /** The directory of each replication's run, where its tables (players.csv, rooms.csv) may be; absent where unknown. */
  readonly runs?: readonly string[];
}

/** A figure's values over replications, without the runs that had none. */
export const present = (values: ReadonlyArray<number | null> | undefined): number[] => (values ?? []).filter((x): x is number => x !== null);

/** A run or a sweep, as points of figures: what compare and check work on. */
export interface ResultPoints {
  /** Where it came from: a directory or a file. */
  readonly dir: string;
  readonly points: readonly ResultPoint[];
  /** The resolved scenario it records (a sweep's, or a run's), as written: what a check compares like with like by. */
  readonly scenario?: unknown;
}


/** A single run: one point, "run". */
/** `home`: the directory the summary's run wrote its tables into. */
export function pointsOfSummary(summary: Summary, dir: string, home = dir): ResultPoints {
  return { dir, points: [{ label: 'run', seeds: [summary.seed], values: keyedByFigure(figuresOfRuns([summary]).map((f) => [f.key, [figureValue(summary, f.key)]])), runs: [home] }] };
}

/** `home`: the sweep's directory, which its runs' directories are relative to. */
export function pointsOfSweep(sweep: SweepSummary, dir: string, home = dir): ResultPoints {
  const keys = figuresOfPoints(sweep.points).map((f) => f.key);
  return {
    dir,
    points: sweep.points.map((p) => ({
      label: p.label,
      seeds: p.runs.map((r) => r.seed),
      values: keyedByFigure(keys.map((key) => [key, p.figures[key]?.values ?? p.runs.map(() => null)])),
      // The directories come from the file: only plain relative paths below the sweep are followed.
      runs: p.runs.filter((r) => typeof r.dir === 'string' && isInside(r.dir)).map((r) => resultFile(home, join(home, r.dir))),
    })),
  };
}

/** A relative path that stays below where it starts. */
function isInside(path: string): boolean {
  return !isAbsolute(path) && !path.split(/[\\/]/).includes('..');
}

/** True for a sweep.json matchsim wrote: its version, and points with a label, runs and figures. */
function isSweepSummary(data: unknown): data is SweepSummary {
  const s = data as Partial<SweepSummary> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.matchsim?.sweepVersion === 1 &&
    Array.isArray(s.points) &&
    s.points.every((p) => typeof p?.label === 'string' && Array.isArray(p.runs) && p.runs.every((r: { seed?: unknown }) => typeof r?.seed === 'number') && typeof p.figures === 'object' && p.figures !== null)
  );
}

/** Reads a summary.json or sweep.json file, telling them apart by content. */
export function readResultFile(file: string): ResultPoints {
  const data = readJsonFile(file, 'result');
  if (isSweepSummary(data)) return { ...pointsOfSweep(data, file, dirname(file)), scenario: data.scenario };
  if (isSummary(data)) return { ...pointsOfSummary(data, file, dirname(file)), scenario: data.scenario };
  throw new InputError(file, undefined, 'not a matchsim summary.json or sweep.json');
}

/** The file that holds a result directory's figures: its sweep.json, or its summary.json. */
export function resultFileIn(dir: string): string {
  for (const file of [SWEEP_FILES.summary, SUMMARY_FILE]) if (existsSync(join(dir, file))) return resultFile(dir, join(dir, file));
  throw new InputError(dir, undefined, `not a matchsim result directory: no ${SUMMARY_FILE} or ${SWEEP_FILES.summary}`);
}

/** Reads a result: a run or sweep directory, or its summary.json or sweep.json. */
export function readResult(path: string): ResultPoints {
  if (existsSync(path) && statSync(path).isDirectory()) return { ...readResultFile(resultFileIn(path)), dir: path };
  if (!existsSync(path)) throw new InputError(path, undefined, 'not found');
  return readResultFile(path);
}

/** Figure keys to their values, on a null-prototype object: a role's key holds the scenario's role name. */
function keyedByFigure<V>(entries: ReadonlyArray<readonly [string, V]>): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) out[key] = value;
  return out;
}

