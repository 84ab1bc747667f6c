import { describe, expect, it } from 'vitest';
import type { Placement } from '../../src/engine/run-tally.js';
import { latencyReportData } from '../../src/reports/latency-report-data.js';
import { latencySummary } from '../../src/reports/latency-summary.js';

const placement: Placement = {
  dataCentres: ['a', 'b'],
  latency: Float64Array.from([10, 20, 30, 80]),
  deltaPing: Float64Array.from([0, 0, 5, 40]),
  wait: Float64Array.from([1, 2, 3, 12]),
  nearest: Int16Array.from([0, 0, 1, 1]),
  atBest: 2,
  rooms: Float64Array.from([0, 1, 1]),
  roomMaxLatency: Float64Array.from([20, 30, 80]),
  roomTime: Float64Array.from([5, 50, 95]),
  roomOldestWait: Float64Array.from([2, 3, 12]),
};

describe('latency figures and chart data', () => {
  it('counts rooms per data centre in the order given, and the share placed at their best', () => {
    const s = latencySummary(placement);
    expect(s.rooms).toEqual([
      { dataCentre: 'a', rooms: 1 },
      { dataCentre: 'b', rooms: 2 },
    ]);
    expect(s.atBestShare).toBe(0.5);
    expect(s.max).toBe(80);
    expect(s.deltaPing.max).toBe(40);
  });

  it('stacks rooms over time bucket by bucket, every data centre in every bucket, the last cut at the end of the run', () => {
    const data = latencyReportData(placement, 100, { max: 50, steps: [{ after: 10, max: 100 }] });
    const total = data.roomsOverTime.reduce((n, r) => n + r.rooms, 0);
    expect(total).toBe(3);
    const buckets = new Set(data.roomsOverTime.map((r) => r.time));
    expect(data.roomsOverTime.length).toBe(buckets.size * 2);
    for (const r of data.roomsOverTime) expect(r.to - r.from).toBe(r.rooms);
    expect(Math.max(...data.roomsOverTime.map((r) => r.time2))).toBe(100);
  });

  it('groups players by their nearest data centre, and counts rooms above the cap line', () => {
    const data = latencyReportData(placement, 100, { max: 50, steps: [{ after: 10, max: 100 }] });
    expect(data.byNearest.map((g) => [g.group, g.dataCentre, g.players])).toEqual([
      ['nearest a', 'a', 2],
      ['nearest b', 'b', 2],
    ]);
    expect(data.cap?.above).toBe(0);
    expect(data.cap?.schedule[0]).toEqual({ wait: 0, cap: 50 });
    // A room above its earliest arrival's cap is counted, not hidden.
    const over = latencyReportData({ ...placement, roomOldestWait: Float64Array.from([2, 3, 5]) }, 100, { max: 50, steps: [{ after: 10, max: 100 }] });
    expect(over.cap?.above).toBe(1);
    expect(latencyReportData(placement, 100, undefined).cap).toBeUndefined();
  });
});
