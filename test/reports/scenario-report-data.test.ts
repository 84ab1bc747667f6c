import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../src/algorithms/registry.js';
import { FAULT_KINDS } from '../../src/engine/run-events.js';
import { linearWindow } from '../../src/engine/pool/window.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { MAX_DOTS, scenarioReportData } from '../../src/reports/scenario-report-data.js';
import { runScenarioInMemory } from '../../src/run.js';
import { buildSummary, sortSamples } from '../../src/reports/summary.js';
import { simulate } from '../../src/engine/simulation.js';
import { arrivalSource } from '../../src/run.js';
import { seedScenario } from '../fixtures/helpers.js';

/** A scenario's run, as the report sees it: its summary and its stats. */
function run(document: Record<string, unknown>, patience?: () => number) {
  const loaded = resolveScenario('s.json', document);
  const s = loaded.scenario;
  const abandonment = patience && { patience, cancel: true };
  const stats = simulate({ tick: s.tick, end: s.duration + s.drain, matcher: engineMatcher(s.matcher), ...(abandonment ? { abandonment } : {}) }, arrivalSource(loaded));
  const summary = buildSummary(s, stats, sortSamples(stats));
  return { stats, summary, data: scenarioReportData(summary, stats) };
}

describe('scenarioReportData', () => {
  it('counts every matched player once in the wait-by-score cells, but those beyond the 99.5th percentiles', () => {
    const { stats, data } = run(seedScenario);
    const cells = data.waitByScore ?? [];
    const total = cells.reduce((n, c) => n + c.players, 0);
    const matched = stats.byPlayer.wait.filter((w) => !Number.isNaN(w)).length;
    expect(total).toBeLessThanOrEqual(matched);
    expect(total).toBeGreaterThan(matched * 0.98);
    // Cells in order, each once: the same run draws the same chart.
    const keys = cells.map((c) => `${c.wait} ${c.score}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('draws the window policy and each room against its latest arrival\'s wait, and counts the rooms above the line', () => {
    const { stats, data } = run(seedScenario);
    const w = data.window!;
    const policy = linearWindow(seedScenario.matcher.windowGrowth);
    // Both rounded to 1e-6 on their own: the gap may differ by the growth times half a millionth.
    for (const point of w.policy) expect(point.gap).toBeCloseTo(policy(point.wait), 4);
    let above = 0;
    stats.spreads.forEach((spread, r) => (above += spread > policy(stats.shortestWaits[r]) + 1e-9 ? 1 : 0));
    expect(w.above).toBe(above);
    expect(w.total).toBe(stats.rooms);
    expect(w.rooms.length + w.beyond.count).toBe(w.sampled);
  });

  it('samples at most MAX_DOTS rooms of a big run, evenly', () => {
    const { data } = run({ ...seedScenario, duration: 3000, arrivals: { type: 'poisson', rate: 5 } });
    expect(data.window!.total).toBeGreaterThan(MAX_DOTS);
    expect(data.window!.sampled).toBeLessThanOrEqual(MAX_DOTS);
  });

  it('has no window chart for a matcher of several windows, and nothing particular for a plain run', () => {
    const profiles = run({ ...seedScenario, matcher: { algorithm: 'profiles', profiles: [{ name: 'all' }] } });
    expect(profiles.data.window).toBeUndefined();
    expect(Object.keys(run(seedScenario).data).sort()).toEqual(['waitByScore', 'window']);
  });

  it('with abandonment: the share who gave up by bucket of arrival, and patience against how long each stayed', () => {
    let k = 0;
    const { stats, data } = run({ ...seedScenario, abandonment: { patience: { type: 'exponential', mean: 5 }, cancel: true } }, () => [2, 5, 20][k++ % 3]);
    const left = stats.byPlayer.waitedBeforeLeaving.filter((x) => !Number.isNaN(x)).length;
    expect(left).toBeGreaterThan(0);
    const buckets = data.overTime!;
    const width = buckets[1].time - buckets[0].time;
    const arrivals = buckets.reduce((n, b) => n + (b.arrivalsPerMinute * width) / 60, 0);
    expect(Math.round(arrivals)).toBe(stats.players);
    const gaveUp = buckets.reduce((n, b) => n + ((b.gaveUp ?? 0) * b.arrivalsPerMinute * width) / 60, 0);
    expect(Math.round(gaveUp)).toBe(left);
    // Nobody who gave up stayed longer than its patience; everyone matched stayed at most that long.
    for (const p of data.patience!) expect(p.stayed).toBeLessThanOrEqual(p.patience + 1e-6);
    expect(data.patience!.some((p) => p.outcome === 'gave up')).toBe(true);
  });

  it('with faults: each fault\'s own cost from the summary, and when each kind struck, bucketed', () => {
    const loaded = resolveScenario('s.json', {
      ...seedScenario,
      faults: { delivery: { drop: 0.05 }, worker: { stallProbability: 0.05, stallTicks: 3 } },
    });
    const { summary } = runScenarioInMemory(loaded);
    expect(summary.faults!.byFault.map((f) => f.fault)).toEqual(['delivery', 'worker']);
    // Dropped messages cost notifications, not waiting; a stalled worker costs waiting.
    const delivery = summary.faults!.byFault[0];
    expect(delivery.extraWait).toEqual({ mean: 0, p95: 0, p99: 0 });
    expect(delivery.playersNotNotified).toBeGreaterThan(0);
    expect(summary.faults!.byFault[1].extraWait.mean).toBeGreaterThan(0);
    const s = loaded.scenario;
    const stats = simulate({ tick: s.tick, end: s.duration + s.drain, matcher: engineMatcher(s.matcher), faults: { delivery: { drop: 0.05, draw: fixedDraws() } } }, arrivalSource(loaded));
    const struck = stats.faultEvents;
    expect(struck.time.length).toBeGreaterThan(0);
    expect([...new Set(struck.kind)].map((k) => FAULT_KINDS[k])).toEqual(['dropped']);
    const data = scenarioReportData({ ...summary }, stats);
    // Every fault that struck is drawn in the run's time, or named as after its end.
    const total = data.faults!.overTime.reduce((n, b) => n + b.count, 0) + data.faults!.afterEnd.kinds.reduce((n, k) => n + k.count, 0);
    expect(total).toBe(struck.count.reduce((n, c) => n + c, 0));
    expect(data.faults!.overTime.every((b) => b.time2 <= s.duration + s.drain)).toBe(true);
    expect(new Set(data.faults!.overTime.map((b) => b.kind))).toEqual(new Set(['messages dropped']));
  });

  it("counts every way a fault hurts players, through the others too: a culled cache entry costs a player who reads it late", () => {
    const loaded = resolveScenario('s.json', { ...seedScenario, faults: { cache: { maxEntries: 5, cullFrequency: 3 }, consumer: { lag: { type: 'exponential', mean: 20 } } } });
    const { summary } = runScenarioInMemory(loaded);
    const cache = summary.faults!.byFault.find((f) => f.fault === 'cache')!;
    // Alone, everyone reads the entry at once: nobody is hurt, nobody is left unnotified.
    expect(cache.playersNotNotified).toBe(0);
    expect(cache.playersLost).toEqual({ disconnected: 0, neverNotified: 0, roomEntryGone: 0 });
    // Behind the lagging consumer, entries are culled before they are read: removing the cache fault saves every such player.
    expect(summary.faults!.playersLost.roomEntryGone).toBeGreaterThan(0);
    expect(cache.removed.playersLost.roomEntryGone).toBe(summary.faults!.playersLost.roomEntryGone);
    const s = loaded.scenario;
    const data = scenarioReportData(summary, simulate({ tick: s.tick, end: s.duration + s.drain, matcher: engineMatcher(s.matcher) }, arrivalSource(loaded)));
    const saved = data.faults!.lost.find((l) => l.fault === 'cache' && l.measure === 'removing it saves' && l.way === 'found the room entry gone');
    expect(saved?.players).toBe(cache.removed.playersLost.roomEntryGone);
  });
});

/** Draws that drop one message in ten, in a fixed order. */
function fixedDraws(): () => number {
  let i = 0;
  return () => (i++ % 10 === 0 ? 0 : 0.99);
}

describe('the observed waits by group', () => {
  it('splits the simulated and observed waits by each player\'s pool, every player in its own group, counts as the CDFs hold', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { cli, writeFiles } = await import('../fixtures/helpers.js');
    const trace = ['time,id,score,region,observed.wait', '0,a,1000,eu,4', '0,b,1000,eu,5', '1,c,1500,na,', '1,d,1500,na,2', '2,e,1500,xx,1'].join('\n');
    const dir = writeFiles({
      't.csv': trace,
      's.json': { name: 'g', seed: 1, drain: 10, arrivals: { type: 'trace', file: 't.csv' }, matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 0, pools: [{ name: 'eu', filters: [{ attribute: 'region', equals: 'eu' }] }, { name: 'na', filters: [{ attribute: 'region', equals: 'na' }] }] } },
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(r.code, r.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(join(dir, 'out', 'charts', 'wait-observed-groups.vl.json'), 'utf8'));
    const cdf = spec.data.values as Array<{ group: string; series: string }>;
    expect(spec.facet.sort).toEqual(['eu', 'na', '(no pool)']);
    // e is in no pool and never matched, but production saw it matched: its group shows, with its one curve.
    expect([...new Set(cdf.map((p) => `${p.group} ${p.series}`))]).toEqual(['eu simulated', 'eu observed in production', 'na simulated', 'na observed in production', '(no pool) observed in production']);
    expect(readFileSync(join(dir, 'out', 'report.html'), 'utf8')).toMatch(/eu 2 simulated, 2 observed; na 2 simulated, 1 observed; \(no pool\) 0 simulated, 1 observed/);
  });
});
