import { totalmem } from 'node:os';
import { InputError } from '../errors.js';
import { rateFunction } from './rate-profile.js';
import type { ParsedScenario } from './schema.js';

/**
 * Memory a run holds per player until the end: the per-player samples the
 * summary is computed from, with growth headroom, and their sorted copies.
 * Measured: a day of 4.3 million players peaks at about 770 MB, ~180 bytes each.
 */
export const BYTES_PER_PLAYER = 200;

/** Players are numbered in 32-bit integers (room members, party leaders). */
export const MAX_PLAYERS = 2 ** 31 - 1;

/**
 * Players a scenario is expected to bring: for sizing decisions, not for
 * results. For a profile, an upper bound (its peak rate all along); with
 * parties, requests times the mean party size.
 */
export function estimatePlayers(scenario: ParsedScenario & { readonly duration: number }, traceLength?: number): number {
  const { arrivals } = scenario;
  if (arrivals.type === 'trace') return traceLength ?? 0;
  const requests = rateFunction(arrivals).max * scenario.duration;
  const sizes = Object.entries(scenario.parties?.sizes ?? { 1: 1 });
  const weight = sizes.reduce((w, [, x]) => w + x, 0);
  const meanSize = weight > 0 ? sizes.reduce((m, [size, x]) => m + Number(size) * x, 0) / weight : 1;
  return requests * meanSize;
}

/**
 * Refuses up front a scenario that would bring more players than can be
 * numbered, or need more memory than this machine has, with the estimate.
 */
export function checkSize(file: string, players: number, memory = totalmem()): void {
  const where = 'arrivals';
  if (players > MAX_PLAYERS) {
    throw new InputError(file, where, `would bring about ${players.toExponential(2)} players; at most ${MAX_PLAYERS} can be simulated in one run`);
  }
  const bytes = players * BYTES_PER_PLAYER;
  // Leave a fifth for the runtime, the pool and the writers.
  if (bytes > 0.8 * memory) {
    const gb = (x: number) => (x / 1024 ** 3).toFixed(1);
    throw new InputError(
      file,
      where,
      `would bring about ${Math.round(players).toLocaleString('en-US')} players, needing about ${gb(bytes)} GB; this machine has ${gb(memory)} GB (shorten duration, lower the rate, or split the run)`,
    );
  }
}
