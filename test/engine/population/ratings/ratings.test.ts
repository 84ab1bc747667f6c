import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Elo, eloExpected } from '../../../../src/engine/population/ratings/elo.js';
import { Glicko2 } from '../../../../src/engine/population/ratings/glicko2.js';
import { OpenSkill } from '../../../../src/engine/population/ratings/openskill.js';
import type { PlayedMatch } from '../../../../src/engine/population/rating-system.js';

describe('Elo', () => {
  it("gives chess's textbook numbers: a 1613 player scoring against a 1609 expects 0.506, K=32 moves 16.2 on a win", () => {
    expect(eloExpected(1613, 1609, 400)).toBeCloseTo(0.5058, 4);
    const elo = new Elo(2, { initial: 1500, k: 32, scale: 400 });
    elo.rating[0] = 1613;
    elo.rating[1] = 1609;
    elo.update({ members: [0, 1], sides: 2, sideSize: 1, places: [0, 1] });
    expect(elo.rating[0]).toBeCloseTo(1613 + 32 * (1 - 0.5058), 1);
    expect(elo.rating[1]).toBeCloseTo(1609 - 32 * (1 - 0.5058), 1);
  });

  it('never changes the sum of ratings: any sides, any places, any ratings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.double({ min: 0, max: 4000, noNaN: true }), { minLength: 20, maxLength: 20 }), fc.nat(), (sides, size, ratings, seed) => {
        const n = sides * size;
        const elo = new Elo(n, { initial: 1500, k: 32, scale: 400 });
        for (let p = 0; p < n; p++) elo.rating[p] = ratings[p];
        const places = Array.from({ length: sides }, (_, s) => s).sort((a, b) => ((a * 7 + seed) % sides) - ((b * 7 + seed) % sides) || a - b);
        const before = elo.rating.reduce((a, b) => a + b, 0);
        elo.update({ members: Array.from({ length: n }, (_, p) => p), sides, sideSize: size, places });
        expect(Math.abs(elo.rating.reduce((a, b) => a + b, 0) - before)).toBeLessThan(1e-9 * Math.max(1, before));
      }),
    );
  });
});

describe('Glicko-2 (the glicko2 package)', () => {
  it("reproduces Glickman's worked example: 1500/200 beats 1400/30, loses to 1550/100 and 1700/300 -> 1464.06, RD 151.52, volatility 0.05999", () => {
    // One match of four sides, placed 1700 first, 1550 second, the player third, 1400 last: the player's results are exactly the example's.
    const g = new Glicko2(4, { initial: 1500, rd: 350, volatility: 0.06, tau: 0.5 });
    const set = (p: number, rating: number, rd: number) => {
      (g.rating as Float64Array)[p] = rating;
      (g as unknown as { rd: Float64Array }).rd[p] = rd;
    };
    set(0, 1500, 200);
    set(1, 1400, 30);
    set(2, 1550, 100);
    set(3, 1700, 300);
    g.update({ members: [0, 1, 2, 3], sides: 4, sideSize: 1, places: [2, 3, 1, 0] });
    expect(g.rating[0]).toBeCloseTo(1464.06, 1);
    expect(g.uncertainty(0)).toBeCloseTo(151.52, 1);
    // Glickman prints 0.05999, truncated.
    const volatility = (g as unknown as { volatility: Float64Array }).volatility[0];
    expect(volatility).toBeGreaterThanOrEqual(0.05999);
    expect(volatility).toBeLessThan(0.06);
  });

  it('keeps a rating of 0 as 0 (the library reads 0 as "use the default" unless set explicitly)', () => {
    const g = new Glicko2(2, { initial: 0, rd: 350, volatility: 0.06, tau: 0.5 });
    const match: PlayedMatch = { members: [0, 1], sides: 2, sideSize: 1, places: [0, 1] };
    expect(g.winChance(match, 0, 1)).toBeCloseTo(0.5, 10);
    g.update(match);
    expect(g.rating[0]).toBeGreaterThan(0);
    expect(g.rating[0] + g.rating[1]).toBeCloseTo(0, 6);
  });
});

describe('OpenSkill (the openskill package)', () => {
  const example: PlayedMatch = { members: [0, 1, 2, 3], sides: 2, sideSize: 2, places: [0, 1] };
  const published = [
    [28.67, 8.07],
    [33.83, 5.06],
    [43.07, 2.42],
    [23.15, 6.14],
  ];
  const start = [
    [25, 25 / 3],
    [32.444, 5.123],
    [43.381, 2.421],
    [25.188, 6.211],
  ];
  const load = (scale: number) => {
    const os = new OpenSkill(4, { initial: 25 * scale, sigma: (25 / 3) * scale, beta: (25 / 6) * scale, tau: (25 / 300) * scale });
    start.forEach(([mu, sigma], p) => {
      os.rating[p] = mu * scale;
      (os as unknown as { sigma: Float64Array }).sigma[p] = sigma * scale;
    });
    return os;
  };

  it("reproduces the package's README example: a1, a2 beat b1, b2 -> 28.67/8.07, 33.83/5.06, 43.07/2.42, 23.15/6.14", () => {
    const os = load(1);
    os.update(example);
    published.forEach(([mu, sigma], p) => {
      expect(os.rating[p]).toBeCloseTo(mu, 2);
      expect(os.uncertainty(p)).toBeCloseTo(sigma, 2);
    });
  });

  it('on a scale 60 times the library\'s gives exactly 60 times its ratings', () => {
    const os = load(60);
    os.update(example);
    const native = load(1);
    native.update(example);
    for (let p = 0; p < 4; p++) {
      expect(os.rating[p] / 60).toBeCloseTo(native.rating[p], 9);
      expect(os.uncertainty(p) / 60).toBeCloseTo(native.uncertainty(p), 9);
    }
  });
});
