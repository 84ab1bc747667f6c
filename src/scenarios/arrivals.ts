import type { AttributeValue, Attributes } from '../engine/pool/filters.js';
import type { ArrivalSource } from '../engine/arrival-source.js';
import { exponential, type Uniform } from '../engine/rng.js';
import type { RateFunction } from './rate-profile.js';
import type { ScoreSampler } from './scores.js';
import type { Trace } from './trace.js';
import { attributeColumnsOf, columnValue, latencyCell, type ColumnKinds } from './trace-columns.js';

/** Arrival times are kept to the microsecond, so that what is written is what was simulated. */
export function toMicroseconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** A homogeneous Poisson process on [0, duration): exponential gaps at `rate` per second. */
export function poissonArrivals(rate: number, duration: number, gaps: Uniform, score: ScoreSampler, attributes?: () => Attributes): ArrivalSource {
  let t = 0;
  return {
    next(slot) {
      t += exponential(gaps, rate);
      const time = toMicroseconds(t);
      if (time >= duration) return false;
      slot.time = time;
      slot.score = score();
      if (attributes) slot.attributes = attributes();
      return true;
    },
    ids: { kind: 'sequence', prefix: 'p' },
  };
}

/**
 * A non-homogeneous Poisson process on [0, duration) by thinning (Lewis and
 * Shedler): candidates come at the bounding rate, and each is kept with
 * probability rate(t) / bound. Acceptance draws come from a stream of their
 * own, so the gaps are the same draws whatever the profile.
 */
export function thinnedArrivals(
  rate: RateFunction,
  duration: number,
  gaps: Uniform,
  accept: Uniform,
  score: ScoreSampler,
  attributes?: () => Attributes,
): ArrivalSource {
  let t = 0;
  return {
    next(slot) {
      for (;;) {
        t += exponential(gaps, rate.max);
        const time = toMicroseconds(t);
        if (time >= duration) return false;
        if (accept() * rate.max < rate.at(t)) {
          slot.time = time;
          slot.score = score();
          if (attributes) slot.attributes = attributes();
          return true;
        }
      }
    },
    ids: { kind: 'sequence', prefix: 'p' },
  };
}

/** Replays a recorded trace, each attribute column read as its kind, and each player's round trips from its latency columns (in data-centre order; none: NaN). */
export function traceArrivals(trace: Trace, kinds: ColumnKinds, latencyColumns: ReadonlyArray<readonly string[] | undefined> = []): ArrivalSource {
  let i = 0;
  const latency = latencyColumns.length > 0 ? new Float64Array(latencyColumns.length) : undefined;
  const columns = attributeColumnsOf(trace).map((column) => ({ name: column.name, cells: column.cells, kind: kinds.get(column.name)?.kind ?? 'string' }));
  const recorded = trace.recorded ?? [];
  // One array for every row: the tally copies it into the ticket table at once.
  const observed = new Array<number>(recorded.length);
  const parties = trace.parties?.sizes;
  return {
    next(slot) {
      if (i >= trace.times.length) return false;
      slot.time = trace.times[i];
      slot.score = trace.scores[i];
      if (parties !== undefined) slot.party = parties[i];
      if (recorded.length > 0) {
        for (let k = 0; k < recorded.length; k++) observed[k] = recorded[k].values[i];
        slot.recorded = observed;
      }
      if (columns.length > 0) {
        const attributes = Object.create(null) as Record<string, AttributeValue>;
        for (const column of columns) {
          const value = columnValue(column.kind, column.cells[i]);
          if (value !== undefined) attributes[column.name] = value;
        }
        slot.attributes = attributes;
      }
      if (latency !== undefined) {
        for (let dc = 0; dc < latency.length; dc++) latency[dc] = latencyColumns[dc] === undefined ? NaN : latencyCell((latencyColumns[dc] as readonly string[])[i]);
        slot.latency = latency;
      }
      i++;
      return true;
    },
    ids: { kind: 'list', ids: trace.ids },
  };
}
