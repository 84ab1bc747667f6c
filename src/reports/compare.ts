import { safeCsv } from './csv-safety.js';
import { mean } from 'simple-statistics';
import { InputError } from '../errors.js';
import { CONFIDENCE, pairedT, welch } from './confidence.js';
import { FIGURES } from './figures.js';
import { round6OrNull } from './numbers.js';
import { present, type ResultPoints } from './result-points.js';

export interface ComparisonRow {
  readonly point: string;
  readonly figure: string;
  /** The baseline's mean (the first result). */
  readonly a: number | null;
  /** The mean of the result compared with it (`against`). */
  readonly b: number | null;
  /** b - a */
  readonly diff: number | null;
  /** (b - a) / a, as a percentage */
  readonly change: number | null;
  /** The test behind p: 'paired t' when both sides ran the same seeds, else 'welch'; null without replications on both sides. */
  readonly test: 'paired t' | 'welch' | null;
  /** Two-sided p-value; null when not tested. */
  readonly p: number | null;
  readonly significant: boolean | null;
  /** The name of the result compared with the baseline (one of Comparison.names after the first). */
  readonly against: string;
}

export interface Comparison {
  /** The baseline's directory or file, and the second result's (as `dirs[0]`, `dirs[1]`). */
  readonly a: string;
  readonly b: string;
  /** Every result compared, the baseline first: where each came from, and the name it goes by in tables and legends. */
  readonly dirs: readonly string[];
  readonly names: readonly string[];
  readonly level: number;
  /** For each result after the first, each figure of each point it shares with the baseline. */
  readonly rows: readonly ComparisonRow[];
  /** Points present in some results only. */
  readonly unmatched: readonly string[];
}

/** How many results one comparison puts side by side: a designer weighs a few variants at once; more would not read as one picture. */
export const MAX_SIDES = 4;

const average = (xs: number[]): number | null => (xs.length === 0 ? null : mean(xs));
const r6 = round6OrNull;

type Point = ResultPoints['points'][number];

/**
 * Puts two results side by side, figure by figure: compareSides of the two,
 * named as their directories are.
 */
export function compareResults(a: ResultPoints, b: ResultPoints): Comparison {
  return compareSides([a, b], [a.dir, b.dir]);
}

/**
 * Puts two to four results side by side, figure by figure, each against the
 * first (the baseline). Points are matched by label (a run and a one-point
 * sweep match each other). Where both sides have two or more replications, a
 * t-test says whether the difference of the means is significant at the 95%
 * level: paired when both sides ran the same seeds (common random numbers:
 * replication i saw the same arrivals on both sides), Welch's
 * unequal-variance test otherwise.
 */
export function compareSides(sides: readonly ResultPoints[], names: readonly string[]): Comparison {
  const [base] = sides;
  const single = sides.every((side) => side.points.length === 1);
  const singleLabels = [...new Set(sides.map((side) => side.points[0]?.label))];
  const singleLabel = singleLabels.length === 1 ? String(singleLabels[0]) : singleLabels.join(' vs ');
  const unmatched: string[] = [];
  if (!single) {
    // Each label once, in the order the results first have it, said of the results that have it when some do not.
    const labels = [...new Set(sides.flatMap((side) => side.points.map((p) => p.label)))];
    for (const label of labels) {
      const holders = sides.filter((side) => side.points.some((q) => q.label === label));
      if (holders.length < sides.length) unmatched.push(`${label} (only in ${holders.map((side) => side.dir).join(', ')})`);
    }
  }
  const rows: ComparisonRow[] = [];
  sides.slice(1).forEach((side, i) => {
    const pairs: Array<[string, Point, Point]> = single
      ? [[singleLabel, base.points[0], side.points[0]]]
      : base.points.flatMap((pa): Array<[string, Point, Point]> => {
          const pb = side.points.find((p) => p.label === pa.label);
          return pb ? [[pa.label, pa, pb]] : [];
        });
    if (pairs.length === 0) throw nothingToCompare(base, side, `${describe(base)} against ${describe(side)}, and no point has the same label on both sides`);
    for (const [label, pa, pb] of pairs) rows.push(...figureRows(label, pa, pb, names[i + 1]));
  });
  if (!rows.some((r) => r.a !== null && r.b !== null)) throw nothingToCompare(base, sides[1], 'no figure has a value on both sides');
  return { a: base.dir, b: sides[1].dir, dirs: sides.map((side) => side.dir), names, level: CONFIDENCE, rows, unmatched };
}

/** Each figure of one point on two sides: both means, the difference, and its test. */
function figureRows(label: string, pa: Point, pb: Point, against: string): ComparisonRow[] {
  const sameSeeds = pa.seeds.length === pb.seeds.length && pa.seeds.every((s, i) => s === pb.seeds[i]);
  const rows: ComparisonRow[] = [];
  for (const f of FIGURES) {
    const ra = pa.values[f.key] ?? [];
    const rb = pb.values[f.key] ?? [];
    const va = present(ra);
    const vb = present(rb);
    if (f.optional && va.length === 0 && vb.length === 0) continue;
    const ma = average(va);
    const mb = average(vb);
    const diff = ma === null || mb === null ? null : mb - ma;
    const paired = sameSeeds && va.length === ra.length && vb.length === rb.length;
    const test = paired ? pairedT(va, vb) : welch(va, vb);
    rows.push({
      point: label,
      figure: f.key,
      a: r6(ma),
      b: r6(mb),
      diff: r6(diff),
      change: diff === null || ma === null || ma === 0 ? null : r6((diff / ma) * 100),
      test: test === null ? null : paired ? 'paired t' : 'welch',
      p: test === null ? null : r6(test.p),
      significant: test === null ? null : test.p < 1 - CONFIDENCE,
      against,
    });
  }
  return rows;
}

/** "a sweep of 10 points", "a single run". */
function describe(r: ResultPoints): string {
  return r.points.length === 1 ? (r.points[0].label === 'run' ? 'a single run' : 'a one-point sweep') : `a sweep of ${r.points.length} points`;
}

function nothingToCompare(a: ResultPoints, b: ResultPoints, why: string): InputError {
  return new InputError(b.dir, undefined, `nothing to compare with ${a.dir}: ${why}`);
}

/** A p-value as people read one: below 0.001 it is "< 0.001", not a rounded 0. */
export function formatP(p: number | null): string {
  if (p === null) return '–';
  return p < 0.001 ? '< 0.001' : String(Math.round(p * 1000) / 1000);
}

/** The point of one side behind a comparison's row: a single run or point is compared whatever its label (see compareResults). */
export function comparedPoint(side: ResultPoints, label: string): ResultPoints['points'][number] | undefined {
  return side.points.length === 1 ? side.points[0] : side.points.find((p) => p.label === label);
}

/** compare.csv's columns: `a` is the baseline (a_result), `b` the result compared with it (b_result), a row per point, figure and result after the first. */
export const COMPARISON_HEADER = ['point', 'figure', 'a', 'b', 'diff', 'change_pct', 'test', 'p_value', 'significant', 'a_result', 'b_result'];

export function comparisonCsv(c: Comparison): string {
  const yesNo = (s: boolean | null) => (s === null ? null : s ? 'yes' : 'no');
  return safeCsv([COMPARISON_HEADER, ...c.rows.map((r) => [r.point, r.figure, r.a, r.b, r.diff, r.change, r.test, r.p, yesNo(r.significant), c.names[0], r.against])]);
}
