import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, SCHEMA } from '../../../src/reports/charts/chart.js';
import { renderCharts } from '../../../src/reports/charts/render.js';
import { timeAxis } from '../../../src/reports/charts/scenario-charts.js';
import type { ResolvedScenario } from '../../../src/scenarios/load.js';

/** The tick labels vega draws on a time axis from 0 to `end` seconds. */
async function tickLabels(duration: number, drain: number): Promise<string[]> {
  const scenario = { duration, drain, arrivals: { type: 'poisson', rate: 1 } } as unknown as ResolvedScenario;
  const { transform, x } = timeAxis(scenario, 'time');
  const end = duration + drain;
  const dir = mkdtempSync(join(tmpdir(), 'matchsim-axis-'));
  try {
    const [chart] = await renderCharts(
      [{ name: 'axis', title: '', caption: '', spec: { $schema: SCHEMA, config: CONFIG, width: 800, height: 50, data: { values: [{ time: 0 }, { time: end }] }, transform, mark: 'point', encoding: { x } } }],
      dir,
    );
    return [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('time axes', () => {
  it('count hours on past 24 in a day and a bit (24:00, not 00:00)', async () => {
    const labels = await tickLabels(86400, 3600);
    expect(labels).toContain('12:00');
    expect(labels).toContain('24:00');
    expect(labels.filter((l) => l === '00:00')).toHaveLength(1);
  });

  it('name the day in a longer run', async () => {
    const labels = await tickLabels(4 * 86400, 0);
    expect(labels).toContain('day 1 00:00');
    expect(labels).toContain('day 3 00:00');
  });
});
