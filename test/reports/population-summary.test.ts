import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedWithout } from '../../src/reports/population-summary.js';

describe('sortedWithout', () => {
  it("is the sorted rest of a sample once a sub-sample is taken out: ties, zeros and repeats included (a sort of the rest as the oracle)", () => {
    const value = fc.oneof(fc.constantFrom(0, 1, 1.5, 2), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.boolean()), { maxLength: 300 }), (tagged) => {
        const all = Float64Array.from(tagged.map(([x]) => x)).sort();
        const part = Float64Array.from(tagged.filter(([, inPart]) => inPart).map(([x]) => x)).sort();
        const rest = Float64Array.from(tagged.filter(([, inPart]) => !inPart).map(([x]) => x)).sort();
        expect(sortedWithout(all, part)).toEqual(rest);
      }),
    );
  });

  it('refuses a part that is not in the whole, rather than return a wrong rest', () => {
    expect(() => sortedWithout(Float64Array.of(1, 2, 3), Float64Array.of(2.5))).toThrow(/not in the whole/);
    expect(() => sortedWithout(Float64Array.of(1, 2), Float64Array.of(2, 2))).toThrow();
  });
});

describe('convergence at the end', () => {
  it('is measured after the last match (the drain included), not at the last sample', async () => {
    const { runScenarioToDirectory } = await import('../../src/run.js');
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { resolveScenario } = await import('../../src/scenarios/load.js');
    const { correlation } = await import('../../src/engine/population/population.js');
    const scenario = {
      name: 'conv',
      seed: 2,
      duration: 3600,
      drain: 1800,
      population: { players: 300, skill: { type: 'normal', mean: 1500, sd: 300 }, sessions: { perDay: 48, length: { type: 'constant', value: 1800 } }, matchDuration: { type: 'constant', value: 300 }, sampleEvery: 1200 },
      matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 100 },
    };
    const out = join(mkdtempSync(join(tmpdir(), 'matchsim-test-')), 'out');
    const summary = await runScenarioToDirectory(resolveScenario('conv.json', scenario), out, { charts: false });
    // players.csv: id,true_skill,rating,... as the run ended.
    const rows = readFileSync(join(out, 'players.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    const final = correlation(Float64Array.from(rows, (r) => r[2]), Float64Array.from(rows, (r) => r[1]));
    // The last sample, at the duration, is another number: matches went on in the drain.
    const lastSample = Number(readFileSync(join(out, 'ratings.csv'), 'utf8').trim().split('\n').at(-1)?.split(',')[1]);
    expect(lastSample).not.toBeCloseTo(final, 5);
    expect(summary.population?.convergence.correlation).toBeCloseTo(final, 5);
  });
});
