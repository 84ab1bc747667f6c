import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../src/tune/tune-charts.js';

describe('paretoFront', () => {
  it('keeps the points no other beats on both figures, in order along the first', () => {
    const points = [
      { x: 5, y: 300 },
      { x: 8, y: 160 },
      { x: 9, y: 170 }, // beaten by (8, 160)
      { x: 12, y: 110 },
      { x: 12, y: 120 }, // beaten by (12, 110)
      { x: 40, y: 20 },
    ];
    expect(paretoFront(points, true, true)).toEqual([
      { x: 5, y: 300 },
      { x: 8, y: 160 },
      { x: 12, y: 110 },
      { x: 40, y: 20 },
    ]);
    // Maximising the second figure instead: only what is highest for its x, or further left.
    expect(paretoFront(points, true, false)).toEqual([{ x: 5, y: 300 }]);
  });
});
