import { quantileSorted } from 'simple-statistics';
import type { Placement } from '../engine/run-tally.js';
import { LatencyCap, type LatencyCapSpec } from '../engine/pool/latency-cap.js';
import { cdfPoints } from './cdf.js';
import { asNumbers, round6 } from './numbers.js';
import { niceStep } from './run-report-data.js';

/** What the latency charts show: aggregated, so that a run of millions charts in kilobytes. */
export interface LatencyReportData {
  readonly dataCentres: readonly string[];
  /** Rooms formed per data centre in each bucket of time (every bucket, every data centre: zeros too), stacked in the data centres' order: from and to are the stack's bounds. */
  readonly roomsOverTime: ReadonlyArray<{ readonly time: number; readonly time2: number; readonly dataCentre: string; readonly rooms: number; readonly from: number; readonly to: number }>;
  /** CDFs of matched players' round trip in their room's data centre and of how far above their best it is. */
  readonly cdfs: ReadonlyArray<{ readonly measure: string; readonly ms: number; readonly share: number }>;
  /** By the data centre players are nearest to: their round trip and wait, p10, p50 and p90, and how many. */
  readonly byNearest: ReadonlyArray<{
    readonly group: string;
    /** The data centre the group is nearest to. */
    readonly dataCentre: string;
    readonly players: number;
    readonly latency10: number;
    readonly latency50: number;
    readonly latency90: number;
    readonly wait10: number;
    readonly wait50: number;
    readonly wait90: number;
  }>;
  /** With a cap: the cap against the wait, and a sample of rooms (highest round trip against their earliest arrival's wait). */
  readonly cap?: {
    readonly schedule: ReadonlyArray<{ readonly wait: number; readonly cap: number }>;
    readonly rooms: ReadonlyArray<{ readonly wait: number; readonly latency: number; readonly dataCentre: string }>;
    readonly sampled: number;
    readonly total: number;
    /** Rooms (of all) above the line: none, if every room kept to the cap in force. */
    readonly above: number;
    readonly follows: string;
  };
}

/** Time buckets at most, and rooms drawn at most in the cap chart. */
const MAX_BUCKETS = 60;
const MAX_DOTS = 1500;

export function latencyReportData(placement: Placement, end: number, spec: LatencyCapSpec | undefined): LatencyReportData {
  const names = placement.dataCentres;
  return {
    dataCentres: names,
    roomsOverTime: roomsOverTime(placement, end),
    cdfs: [
      ...cdfPoints(Float64Array.from(placement.latency).sort(), 100).map((p) => ({ measure: 'round trip in the room\u2019s data centre', ms: p.value, share: p.share })),
      ...cdfPoints(Float64Array.from(placement.deltaPing).sort(), 100).map((p) => ({ measure: 'above the player\u2019s best data centre', ms: p.value, share: p.share })),
    ],
    byNearest: byNearest(placement),
    ...(spec !== undefined && Number.isFinite(spec.max) ? { cap: capData(placement, spec) } : {}),
  };
}

function roomsOverTime(placement: Placement, end: number): LatencyReportData['roomsOverTime'] {
  const step = niceStep(end / MAX_BUCKETS || 1);
  const buckets = Math.max(1, Math.ceil(end / step));
  const k = placement.dataCentres.length;
  const counts = new Array<number>(buckets * k).fill(0);
  for (let r = 0; r < placement.rooms.length; r++) counts[Math.min(buckets - 1, Math.floor(placement.roomTime[r] / step)) * k + placement.rooms[r]]++;
  const out: Array<LatencyReportData['roomsOverTime'][number]> = [];
  for (let b = 0; b < buckets; b++) {
    let from = 0;
    for (let dc = 0; dc < k; dc++) {
      const rooms = counts[b * k + dc];
      // The last bucket ends with the run: drawn as wide as the time it covers.
      out.push({ time: round6(b * step), time2: round6(Math.min(end, (b + 1) * step)), dataCentre: placement.dataCentres[dc], rooms, from, to: from + rooms });
      from += rooms;
    }
  }
  return out;
}

function byNearest(placement: Placement): LatencyReportData['byNearest'] {
  return placement.dataCentres.flatMap((name, dc) => {
    const latency: number[] = [];
    const wait: number[] = [];
    for (let i = 0; i < placement.nearest.length; i++) {
      if (placement.nearest[i] !== dc) continue;
      latency.push(placement.latency[i]);
      wait.push(placement.wait[i]);
    }
    if (latency.length === 0) return [];
    const q = (xs: number[], p: number) => round6(quantileSorted(asNumbers(Float64Array.from(xs).sort()), p));
    return [{ group: `nearest ${name}`, dataCentre: name, players: latency.length, latency10: q(latency, 0.1), latency50: q(latency, 0.5), latency90: q(latency, 0.9), wait10: q(wait, 0.1), wait50: q(wait, 0.5), wait90: q(wait, 0.9) }];
  });
}

function capData(placement: Placement, spec: LatencyCapSpec): NonNullable<LatencyReportData['cap']> {
  const cap = new LatencyCap(spec);
  const total = placement.rooms.length;
  const k = Math.max(1, Math.ceil(total / MAX_DOTS));
  const rooms: Array<{ wait: number; latency: number; dataCentre: string }> = [];
  let longest = 0;
  for (let r = 0; r < total; r += k) {
    rooms.push({ wait: round6(placement.roomOldestWait[r]), latency: round6(placement.roomMaxLatency[r]), dataCentre: placement.dataCentres[placement.rooms[r]] });
  }
  let above = 0;
  for (let r = 0; r < total; r++) {
    longest = Math.max(longest, placement.roomOldestWait[r]);
    if (placement.roomMaxLatency[r] > cap.capAt(placement.roomOldestWait[r]) + 1e-9) above++;
  }
  // The schedule as steps, to past the longest wait (or the last step), so that the line spans every dot.
  const lastStep = spec.steps?.at(-1)?.after ?? 0;
  const until = Math.max(longest, lastStep * 1.2, 1);
  const schedule = [{ wait: 0, cap: cap.maxAt(0) }, ...(spec.steps ?? []).map((s) => ({ wait: s.after, cap: s.max })), { wait: round6(until), cap: cap.capAt(until) }];
  return { schedule, rooms, sampled: rooms.length, total, above, follows: cap.follows };
}
