import { describe, expect, it } from 'vitest';
import { RandomStreams, exponential, standardNormal } from '../../src/engine/rng.js';

const draw = (f: () => number, n: number) => Array.from({ length: n }, f);

describe('RandomStreams', () => {
  it('gives the same values for the same seed and name', () => {
    expect(draw(new RandomStreams(42).stream('arrivals'), 5)).toEqual(draw(new RandomStreams(42).stream('arrivals'), 5));
  });

  it('keeps streams independent: drawing from one never shifts another', () => {
    const a = new RandomStreams(42);
    a.stream('scores')();
    a.stream('scores')();
    const b = new RandomStreams(42);
    expect(draw(a.stream('arrivals'), 5)).toEqual(draw(b.stream('arrivals'), 5));
  });

  it('differs between seeds and between names', () => {
    const s = new RandomStreams(1);
    expect(draw(s.stream('arrivals'), 3)).not.toEqual(draw(new RandomStreams(2).stream('arrivals'), 3));
    expect(draw(new RandomStreams(1).stream('arrivals'), 3)).not.toEqual(draw(new RandomStreams(1).stream('scores'), 3));
  });

  it('draws in [0, 1)', () => {
    const u = new RandomStreams(3).stream('x');
    for (const x of draw(u, 10000)) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('variates', () => {
  it('exponential has mean 1/rate', () => {
    const u = new RandomStreams(5).stream('e');
    const xs = draw(() => exponential(u, 4), 200000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeCloseTo(0.25, 2);
  });

  it('standard normal has mean 0 and sd 1', () => {
    const u = new RandomStreams(6).stream('n');
    const xs = draw(() => standardNormal(u), 200000);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });
});
