import { describe, expect, it } from 'vitest';
import type { Placement } from '../../../src/engine/run-tally.js';
import { latencyCharts } from '../../../src/reports/charts/latency-charts.js';
import { latencyReportData } from '../../../src/reports/latency-report-data.js';
import type { ResolvedScenario } from '../../../src/scenarios/load.js';

describe('latency charts', () => {
  it('give a data centre one colour in every chart, even where no player is nearest it', () => {
    // Nobody is nearest a: the group "nearest b" must still be b's colour, not a's.
    const placement: Placement = {
      dataCentres: ['a', 'b'],
      latency: Float64Array.from([10, 20]),
      deltaPing: Float64Array.from([0, 0]),
      wait: Float64Array.from([1, 2]),
      nearest: Int16Array.from([1, 1]),
      atBest: 2,
      rooms: Float64Array.from([1]),
      roomMaxLatency: Float64Array.from([20]),
      roomTime: Float64Array.from([5]),
      roomOldestWait: Float64Array.from([2]),
    };
    const scenario = { duration: 60, drain: 10, arrivals: { type: 'poisson', rate: 1 } } as unknown as ResolvedScenario;
    const charts = latencyCharts(scenario, latencyReportData(placement, 70, undefined));
    const scaleOf = (name: string, path: (spec: Record<string, unknown>) => unknown) => path(charts.find((c) => c.name === name)?.spec as Record<string, unknown>) as { domain: string[]; range: string[] };
    const rooms = scaleOf('rooms-by-data-centre', (s) => ((s.encoding as Record<string, { scale: unknown }>).color.scale));
    const groups = scaleOf('wait-against-latency', (s) => (((s.layer as Array<{ encoding: Record<string, { scale: unknown }> }>)[2].encoding.color).scale));
    expect(groups.domain).toEqual(['nearest b']);
    expect(groups.range).toEqual([rooms.range[rooms.domain.indexOf('b')]]);
  });
});
