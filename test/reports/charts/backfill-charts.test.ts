import { describe, expect, it } from 'vitest';
import type { BackfillStats, PopulationStats } from '../../../src/engine/population/population.js';
import { backfillCharts } from '../../../src/reports/charts/backfill-charts.js';
import { backfillReportData } from '../../../src/reports/backfill-report-data.js';
import { backfillSummary } from '../../../src/reports/backfill-summary.js';

describe('backfill charts', () => {
  // Two matches of 100 s: the first lost a player for 25 s, nobody left the second. Three requests: filled after 2 s and 8 s, one timed out at 30 s.
  const population = { played: { count: 2, start: Float64Array.from([0, 0]), end: Float64Array.from([100, 100]) } } as PopulationStats;
  const backfill: BackfillStats = {
    requests: {
      room: Int32Array.from([0, 0, 0]),
      openedAt: Float64Array.from([10, 40, 70]),
      closedAt: Float64Array.from([12, 70, 78]),
      open: Int32Array.from([1, 1, 1]),
      outcome: Int32Array.from([1, 2, 1]),
      joined: Int32Array.from([1, 0, 1]),
    },
    joiners: { request: Int32Array.from([0, 2]), visit: Int32Array.from([4, 5]) },
    played: { left: Int32Array.from([3, 0]), joined: Int32Array.from([2, 0]), shortSeconds: Float64Array.from([25, 0]), emptySeatSeconds: Float64Array.from([40, 0]), leftPlayers: Int32Array.from([0, 1, 4]), joinedPlayers: Int32Array.from([6, 7]) },
    ghostJoins: 0,
    roomVisits: new Int32Array(8),
  };
  const summary = backfillSummary(population, backfill, Float64Array.from([1, 1, 1, 1, 2, 3]), 4);
  const data = backfillReportData(population, backfill, summary, 30);

  it('draw the share of every request filled within x seconds: a step at each fill, up to the filled share, the timeout marked', () => {
    expect(data.filledWithin).toEqual([
      { seconds: 0, share: 0 },
      { seconds: 2, share: 0.333333 },
      { seconds: 8, share: 0.666667 },
    ]);
    const fill = backfillCharts(data).find((c) => c.name === 'backfill-fill-time')!;
    expect(fill.caption).toContain('Share of all 3 backfill requests');
    expect(fill.caption).toContain('1 timed out (at 30 s');
  });

  it('draw every match a player left by its short-handed share, and say how many nobody left', () => {
    expect(data.shortHanded!.cdf.every((p) => p.value === 25)).toBe(true);
    const short = backfillCharts(data).find((c) => c.name === 'backfill-short-handed')!;
    expect(short.caption).toContain('Of the 1 matches a player left (3 players in all)');
    expect(short.caption).toContain('the 1 matches nobody left');
    expect(short.caption).toContain('12.5% of the time had a seat empty');
  });

  it('are left out of a run where nobody left and nothing was asked', () => {
    const none: BackfillStats = { ...backfill, requests: { room: new Int32Array(0), openedAt: new Float64Array(0), closedAt: new Float64Array(0), open: new Int32Array(0), outcome: new Int32Array(0), joined: new Int32Array(0) }, joiners: { request: new Int32Array(0), visit: new Int32Array(0) }, played: { ...backfill.played, left: Int32Array.from([0, 0]) } };
    expect(backfillCharts(backfillReportData(population, none, backfillSummary(population, none, new Float64Array(0), 4), 30))).toEqual([]);
  });
});
