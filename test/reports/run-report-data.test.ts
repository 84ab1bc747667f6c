import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../src/algorithms/registry.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { niceStep, runReportData } from '../../src/reports/run-report-data.js';
import { buildSummary, sortSamples } from '../../src/reports/summary.js';
import { simulate } from '../../src/engine/simulation.js';
import { arrivalSource } from '../../src/run.js';
import { seedScenario } from '../fixtures/helpers.js';

function data() {
  const loaded = resolveScenario('s.json', seedScenario);
  const s = loaded.scenario;
  const stats = simulate({ tick: s.tick, end: s.duration + s.drain, matcher: engineMatcher(s.matcher) }, arrivalSource(loaded), { rooms() {}, players() {}, ticks() {} });
  const sorted = sortSamples(stats);
  const summary = buildSummary(s, stats, sorted);
  return { stats, summary, data: runReportData(summary, stats, sorted) };
}

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect([0.07, 0.3, 1, 1.5, 3, 7, 42, 180].map(niceStep)).toEqual([0.1, 0.5, 1, 2, 5, 10, 50, 200]);
  });
});

describe('runReportData', () => {
  it('gives rooms per minute over the preceding minute beside the round-to-round rate, which jumps', () => {
    const { stats, data: d } = data();
    const { time, rooms } = stats.byTick;
    // At every bucket: the rooms formed in the minute up to its end, per minute.
    for (const [b, point] of d.timeline.entries()) {
      const end = b === d.timeline.length - 1 ? time.length : time.indexOf(d.timeline[b + 1].time);
      const from = Math.max(0, end - 60);
      let formed = 0;
      for (let i = from; i < end; i++) formed += rooms[i];
      expect(point.roomsPerMinuteAvg).toBeCloseTo((formed / (end - from)) * 60, 5);
    }
    const peak = (f: (p: (typeof d.timeline)[number]) => number) => Math.max(...d.timeline.map(f));
    expect(peak((p) => p.roomsPerMinuteAvg)).toBeLessThan(peak((p) => p.roomsPerMinute) / 2);
  });

  it('histograms account for every wait and every room', () => {
    const { stats, data: d } = data();
    expect(d.waitBins.reduce((a, b) => a + b.count, 0) + d.waitsBeyond.count).toBe(stats.waits.length);
    expect(d.spreadBins.reduce((a, b) => a + b.count, 0) + d.spreadsBeyond.count).toBe(stats.spreads.length);
    expect(d.waitBins.length).toBeLessThanOrEqual(41);
    expect(d.waitsBeyond.count).toBeLessThanOrEqual(Math.ceil(stats.waits.length * 0.005));
  });

  it('the CDF runs from the smallest to the largest wait, and marks the summary percentiles', () => {
    const { stats, summary, data: d } = data();
    expect(d.waitCdf[0].share).toBe(0);
    expect(d.waitCdf[0].wait).toBeCloseTo(Math.min(...stats.waits), 6);
    expect(d.waitCdf[200].wait).toBe(summary.wait.max);
    expect(d.waitMarks).toEqual([
      { name: 'p50', value: summary.wait.p50 },
      { name: 'p95', value: summary.wait.p95 },
      { name: 'p99', value: summary.wait.p99 },
    ]);
  });

  it('score bands are deciles that hold every player, and the tails wait longer than the middle', () => {
    const { stats, data: d } = data();
    expect(d.scoreBands).toHaveLength(10);
    expect(d.scoreBands.reduce((a, b) => a + b.players, 0)).toBe(stats.players);
    for (const band of d.scoreBands) expect(Math.abs(band.players - stats.players / 10)).toBeLessThan(stats.players / 20);
    const middle = d.scoreBands[4].waitP95!;
    expect(d.scoreBands[0].waitP95!).toBeGreaterThan(middle);
    expect(d.scoreBands[9].waitP95!).toBeGreaterThan(middle);
  });

  it('the timeline accounts for every room', () => {
    const { stats, data: d } = data();
    const tick = 1;
    const per = Math.ceil(stats.ticks / 400);
    const rooms = d.timeline.reduce((a, b, i) => {
      const ticks = Math.min(per, stats.ticks - i * per);
      return a + (b.roomsPerMinute / 60) * ticks * tick;
    }, 0);
    expect(rooms).toBeCloseTo(stats.rooms, 3);
  });
});
