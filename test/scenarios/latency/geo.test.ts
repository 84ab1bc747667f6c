import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, FIBRE_KM_PER_MS, destination, fibreRoundTripMs, greatCircleKm } from '../../../src/scenarios/latency/geo.js';

describe('great-circle distances', () => {
  it('agree with distances worked out by hand', () => {
    // A degree of longitude on the equator is 2 pi R / 360; a pole is a quarter of a great circle from the equator.
    expect(greatCircleKm(0, 0, 0, 1)).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_KM) / 360, 6);
    expect(greatCircleKm(90, 0, 0, 123)).toBeCloseTo((Math.PI * EARTH_RADIUS_KM) / 2, 6);
    expect(greatCircleKm(10, 20, -10, -160)).toBeCloseTo(Math.PI * EARTH_RADIUS_KM, 3); // antipodes (the haversine is least exact here: under a metre)
    // City pairs by the spherical law of cosines (another formula than the haversine), R = 6371.0088 km.
    expect(greatCircleKm(51.5074, -0.1278, 48.8566, 2.3522)).toBeCloseTo(343.5565, 3); // London - Paris
    expect(greatCircleKm(40.7128, -74.006, 51.5074, -0.1278)).toBeCloseTo(5570.2299, 3); // New York - London
    expect(greatCircleKm(-33.87, 151.21, 35.68, 139.69)).toBeCloseTo(7825.7556, 3); // Sydney - Tokyo
    expect(greatCircleKm(12.3, 45.6, 12.3, 45.6)).toBe(0);
  });

  it('are symmetric, and a point `km` away along any bearing is `km` away', () => {
    const lat = fc.double({ min: -85, max: 85, noNaN: true });
    const lon = fc.double({ min: -180, max: 179.999, noNaN: true });
    fc.assert(
      fc.property(lat, lon, lat, lon, (a, b, c, d) => {
        expect(greatCircleKm(a, b, c, d)).toBeCloseTo(greatCircleKm(c, d, a, b), 6);
      }),
    );
    fc.assert(
      fc.property(lat, lon, fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 15000, noNaN: true }), (a, b, bearing, km) => {
        const p = destination(a, b, bearing, km);
        expect(p.lon).toBeGreaterThanOrEqual(-180);
        expect(p.lon).toBeLessThan(180);
        expect(greatCircleKm(a, b, p.lat, p.lon)).toBeCloseTo(km, 3);
      }),
    );
  });
});

describe('round trips in fibre', () => {
  it('go there and back at 2/3 c along a route routeFactor times the great circle', () => {
    expect(FIBRE_KM_PER_MS).toBeCloseTo(199.861639, 6);
    // 1000 km, a straight route: 2000 km of fibre, 10.007 ms.
    expect(fibreRoundTripMs(1000, 1)).toBeCloseTo(2000 / 199.861639, 6);
    expect(fibreRoundTripMs(1000, 2.1)).toBeCloseTo((2.1 * 2000) / 199.861639, 6);
    expect(fibreRoundTripMs(0, 2.1)).toBe(0);
  });
});
