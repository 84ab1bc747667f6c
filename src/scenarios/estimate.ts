import { statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { InputError } from '../errors.js';
import { readHead } from './read-text.js';
import type { ParsedScenario } from './schema.js';
import type { SourceData } from './sources/source-kind.js';
import { scenarioSource } from './sources/source-kinds.js';

/**
 * Memory a run holds per player until the end: the per-player samples the
 * summary is computed from, with growth headroom, and their sorted copies.
 * Measured: a day of 4.3 million players peaks at about 770 MB, ~180 bytes each.
 */
export const BYTES_PER_PLAYER = 200;
/** The same for a population's queue entry (visit): its player, matches and uncertainty, its match's log. Measured: a week of 100 000 players, 3 M visits, peaks at 963 MB. */
export const BYTES_PER_VISIT = 320;

/** Players are numbered in 32-bit integers (room members, party leaders). */
export const MAX_PLAYERS = 2 ** 31 - 1;

/**
 * Players a scenario is expected to bring, as its source kind estimates
 * them: for sizing decisions, not for results. For a profile, an upper bound
 * (its peak rate all along); with parties, requests times the mean party
 * size; a population, its queue entries.
 */
export function estimatePlayers(scenario: ParsedScenario & { readonly duration: number }, data: SourceData = { empirical: new Map() }): number {
  return scenarioSource(scenario)?.estimate(scenario, data) ?? 0;
}

/**
 * Refuses up front a scenario that would bring more players than can be
 * numbered, or need more memory than this machine has, with the estimate.
 */
export function checkSize(file: string, players: number, memory = totalmem(), where: 'arrivals' | 'population' = 'arrivals'): void {
  if (players > MAX_PLAYERS) {
    throw new InputError(file, where, `would bring about ${players.toExponential(2)} players; at most ${MAX_PLAYERS} can be simulated in one run`);
  }
  const bytes = players * (where === 'population' ? BYTES_PER_VISIT : BYTES_PER_PLAYER);
  // Leave a fifth for the runtime, the pool and the writers.
  if (bytes > 0.8 * memory) {
    const gb = (x: number) => (x / 1024 ** 3).toFixed(1);
    throw new InputError(
      file,
      where,
      `would bring about ${Math.round(players).toLocaleString('en-US')} ${where === 'population' ? 'queue entries' : 'players'}, needing about ${gb(bytes)} GB; this machine has ${gb(memory)} GB (shorten duration, ${where === 'population' ? 'fewer players or sessions' : 'lower the rate'}, or split the run)`,
    );
  }
}

/**
 * Memory a data file (trace, score file) takes while it is read, per row:
 * the parsed cells, the columns and the id index, nearly all of it on the
 * JavaScript heap. Measured for a file read whole (a score file, or a trace
 * with quotes, which csv-parse reads): a 1 M-row trace (24.8 MB) peaked at
 * 635 MB in matchsim validate, about 600 bytes a row. A plain trace is read
 * in pieces (trace.ts) and takes less (1 M rows, 23.8 MB: 294 MB peak RSS
 * against 397 MB read whole); the bound is kept for the file that is not.
 */
export const BYTES_PER_DATA_ROW = 600;

/** Rows a CSV file holds, estimated from its size and the length of the rows in its first 64 KB, before it is parsed. */
export function estimateRows(file: string): { readonly rows: number; readonly bytes: number } {
  const stat = statSync(file);
  // A pipe or a device (allowed with --trust-scenario) has no size to go by, and opening one may wait for a writer.
  if (!stat.isFile()) return { rows: 0, bytes: 0 };
  const bytes = stat.size;
  const sample = readHead(file, 64 * 1024);
  let breaks = 0;
  for (const b of sample) if (b === 0x0a) breaks++;
  const perRow = Math.max(4, sample.length / Math.max(1, breaks));
  return { rows: Math.ceil(bytes / perRow), bytes };
}

/**
 * Refuses, before it is parsed, a data file whose rows would not fit in the
 * memory this process may use for them (V8's heap limit, which
 * --max-old-space-size raises), with the estimate.
 */
export function checkDataFileSize(file: string, what: string, heapLimit = getHeapStatistics().heap_size_limit): void {
  let estimate;
  try {
    estimate = estimateRows(file);
  } catch {
    return; // Not readable: the reader says why, naming the file.
  }
  const need = estimate.rows * BYTES_PER_DATA_ROW;
  if (need > 0.8 * heapLimit) {
    const gb = (x: number) => (x / 1024 ** 3).toFixed(1);
    throw new InputError(
      file,
      undefined,
      `the ${what} holds about ${estimate.rows.toLocaleString('en-US')} rows (${(estimate.bytes / 1024 ** 2).toFixed(0)} MB), needing about ${gb(need)} GB to read; this process may use ${gb(heapLimit)} GB (split the file, or raise the limit with NODE_OPTIONS=--max-old-space-size=MEGABYTES)`,
    );
  }
}
