import { describe, expect, it } from 'vitest';
import { ownIds } from '../../../src/reports/charts/render.js';

describe('ownIds', () => {
  it("renames vega's per-thread gradient and clip ids to the chart's own, in order, wherever they are referred to", () => {
    const svg = '<g clip-path="url(#clip7)"><path fill="url(#gradient_3)"/><text>gradient_3 clip7</text></g><defs><linearGradient id="gradient_3"/><clipPath id="clip7"/></defs>';
    expect(ownIds(svg, 'timeline')).toBe(
      '<g clip-path="url(#timeline-0)"><path fill="url(#timeline-1)"/><text>gradient_3 clip7</text></g><defs><linearGradient id="timeline-1"/><clipPath id="timeline-0"/></defs>',
    );
    // The same chart drawn after others (other counters) comes out the same.
    const drawn = (clip: string, gradient: string) => `<g clip-path="url(#${clip})"><path fill="url(#${gradient})"/></g><defs><linearGradient id="${gradient}"/><clipPath id="${clip}"/></defs>`;
    expect(ownIds(drawn('clip1', 'gradient_0'), 'timeline')).toBe(ownIds(drawn('clip7', 'gradient_3'), 'timeline'));
  });
});
