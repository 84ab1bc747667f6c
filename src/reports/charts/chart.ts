/** A chart: a Vega-Lite spec with its data inline, so that its JSON opens as it is in the Vega editor. */
export interface Chart {
  /** File name without extension: charts/<name>.svg and charts/<name>.vl.json. */
  readonly name: string;
  readonly title: string;
  /** What to read in it, shown under the chart in report.html. */
  readonly caption: string;
  readonly spec: Record<string, unknown>;
}

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
/** A chart's plot width: the page's width (980 px) less the axes and their titles. */
export const WIDTH = 820;

/** Axis numbers as the tables write them: at most two decimals, trailing zeros dropped (601.42, not 601.420000). */
export const AXIS_FORMAT = ',.2~f';
/** The axis of binned values: a flush last label moves left, where it may touch the one before it. */
export const BINNED_AXIS = { format: AXIS_FORMAT, labelFlush: false };
export const HEIGHT = 220;

/** A share's axis: its natural scale, 0 to 100%, whatever the values span. */
export const SHARE_SCALE = { scale: { domain: [0, 1], nice: false }, axis: { format: '%' } } as const;

/** Colours of the marked percentiles, the same in every chart. */
export const MARK_COLORS = { domain: ['mean', 'p50', 'p95', 'p99'], range: ['#6a3d9a', '#1f78b4', '#ff7f00', '#e31a1c'] };

export const CONFIG = {
  font: 'sans-serif',
  view: { stroke: null },
  // Labels that would touch are thinned out, with room to spare: text is only estimated where charts are drawn (no fonts in Node).
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#eee', labelOverlap: 'greedy', labelSeparation: 6 },
  // A category's label is its only name: never thinned out or cut short (categoryAxis turns long ones instead).
  axisDiscrete: { labelOverlap: false, labelLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
};

/** Vertical rules with labels at named values (percentiles, means), layered on a chart; labels are staggered so that close values stay readable. */
export function markRules(marks: ReadonlyArray<{ name: string; value: number }>): Record<string, unknown>[] {
  const present = MARK_COLORS.domain.filter((name) => marks.some((m) => m.name === name));
  const scale = { domain: present, range: present.map((name) => MARK_COLORS.range[MARK_COLORS.domain.indexOf(name)]) };
  const color = { field: 'name', type: 'nominal', scale, legend: { title: null, orient: 'top' } };
  const values = marks.map((m, i) => ({ ...m, offset: 8 + 13 * i }));
  return [
    { data: { values }, mark: { type: 'rule', strokeWidth: 2, strokeDash: [4, 3] }, encoding: { x: { field: 'value', type: 'quantitative' }, color } },
    {
      data: { values },
      mark: { type: 'text', align: 'left', dx: 3, fontSize: 11 },
      encoding: {
        x: { field: 'value', type: 'quantitative' },
        // scale: null places the label at `offset` pixels from the top.
        y: { field: 'offset', type: 'quantitative', scale: null },
        text: { field: 'label', type: 'nominal' },
        color,
      },
      // Two decimals at most, trailing zeros dropped: the rounding of the tables (html.ts fmt).
      transform: [{ calculate: "datum.name + ' ' + format(datum.value, '.2~f')", as: 'label' }],
    },
  ];
}

/** About how wide text is at the axes' label size (11 px sans-serif): text is only estimated where charts are drawn (no fonts in Node). */
export function textWidth(text: string): number {
  return 6.5 * [...text].length;
}

/**
 * The axis of categories along x, `width` pixels wide: labels level when
 * each fits its band, else turned upright, so that none is dropped or cut.
 */
export function categoryAxis(labels: readonly string[], width: number): Record<string, unknown> {
  const band = width / Math.max(1, labels.length);
  const fits = labels.every((l) => textWidth(l) + 8 <= band);
  return fits ? { labelAngle: 0 } : { labelAngle: 270, labelAlign: 'right', labelBaseline: 'middle' };
}
