import { mean, sampleStandardDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/rng.js';
import { Geography } from '../../../src/scenarios/latency/geography.js';
import { fibreRoundTripMs, greatCircleKm } from '../../../src/scenarios/latency/geo.js';
import { LATENCY_DEFAULTS, type GeographySpec } from '../../../src/scenarios/schema/latency.js';

const dataCentres = [
  { name: 'west', lat: 0, lon: -10 },
  { name: 'east', lat: 0, lon: 10 },
];
const spec = (overrides: Partial<GeographySpec> = {}): GeographySpec => ({
  regions: { a: { share: 3, lat: 0, lon: -10, spreadKm: 0 }, b: { share: 1, lat: 0, lon: 10, spreadKm: 0 } },
  routeFactor: 1.5,
  lastMile: { type: 'constant', value: 10 },
  jitter: { type: 'constant', value: 0 },
  ...overrides,
});

describe('the geography model', () => {
  it("draws regions by share and a player's round trip as fibre there and back plus its last mile plus jitter", () => {
    const geography = new Geography(spec(), dataCentres, new RandomStreams(1));
    const places = Array.from({ length: 8000 }, () => geography.drawPlace());
    const share = places.filter((p) => p.region === 0).length / places.length;
    expect(share).toBeGreaterThan(0.73);
    expect(share).toBeLessThan(0.77);
    const atA = places.find((p) => p.region === 0)!;
    const base = geography.baseRoundTrips(atA);
    const km = greatCircleKm(0, -10, 0, 10);
    expect(Array.from(base)).toEqual([10, fibreRoundTripMs(km, 1.5) + 10]);
    expect(Array.from(geography.measure(base, new Float64Array(2)))).toEqual(Array.from(base));
  });

  it('scatters players around a centre by spreadKm on each axis, and adds jitter per measurement', () => {
    const geography = new Geography(
      spec({ regions: { a: { share: 1, lat: 45, lon: 0, spreadKm: 200 } }, jitter: { type: 'exponential', mean: 2 } }),
      dataCentres,
      new RandomStreams(2),
    );
    const distances = Array.from({ length: 20000 }, () => {
      const p = geography.drawPlace();
      return greatCircleKm(45, 0, p.lat, p.lon);
    });
    // The radius of a 2-D normal of sd s is Rayleigh: mean s sqrt(pi / 2).
    expect(mean(distances) / (200 * Math.sqrt(Math.PI / 2))).toBeCloseTo(1, 1);
    const base = Float64Array.of(50, 60);
    const jitters = Array.from({ length: 20000 }, () => geography.measure(base, new Float64Array(2))[0] - 50);
    expect(Math.min(...jitters)).toBeGreaterThanOrEqual(0);
    expect(mean(jitters)).toBeCloseTo(2, 1);
    expect(sampleStandardDeviation(jitters)).toBeCloseTo(2, 0);
  });

  it('gives the same players for the same seed, each draw on a stream of its own', () => {
    const draw = (seed: number) => {
      const geography = new Geography(spec({ lastMile: LATENCY_DEFAULTS.lastMile, jitter: LATENCY_DEFAULTS.jitter }), dataCentres, new RandomStreams(seed));
      return Array.from({ length: 50 }, () => Array.from(geography.measure(geography.baseRoundTrips(geography.drawPlace()), new Float64Array(2))));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });
});
