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
  readonly a: number | null;
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
}

export interface Comparison {
  readonly a: string;
  readonly b: string;
  readonly level: number;
  readonly rows: readonly ComparisonRow[];
  /** Points present on one side only. */
  readonly unmatched: readonly string[];
}

const average = (xs: number[]): number | null => (xs.length === 0 ? null : mean(xs));
const r6 = round6OrNull;

/**
 * Puts two results side by side, figure by figure. Points are matched by
 * label (a run and a one-point sweep match each other). Where both sides
 * have two or more replications, a t-test says whether the difference of the
 * means is significant at the 95% level: paired when both sides ran the same
 * seeds (common random numbers: replication i saw the same arrivals on both
 * sides), Welch's unequal-variance test otherwise.
 */
export function compareResults(a: ResultPoints, b: ResultPoints): Comparison {
  const pairs: Array<[string, ResultPoints['points'][number], ResultPoints['points'][number]]> = [];
  const unmatched: string[] = [];
  if (a.points.length === 1 && b.points.length === 1) {
    const label = a.points[0].label === b.points[0].label ? a.points[0].label : `${a.points[0].label} vs ${b.points[0].label}`;
    pairs.push([label, a.points[0], b.points[0]]);
  } else {
    for (const pa of a.points) {
      const pb = b.points.find((p) => p.label === pa.label);
      if (pb) pairs.push([pa.label, pa, pb]);
      else unmatched.push(`${pa.label} (only in ${a.dir})`);
    }
    for (const pb of b.points) if (!a.points.some((p) => p.label === pb.label)) unmatched.push(`${pb.label} (only in ${b.dir})`);
  }
  if (pairs.length === 0) throw nothingToCompare(a, b, `${describe(a)} against ${describe(b)}, and no point has the same label on both sides`);
  const rows: ComparisonRow[] = [];
  for (const [label, pa, pb] of pairs) {
    const sameSeeds = pa.seeds.length === pb.seeds.length && pa.seeds.every((s, i) => s === pb.seeds[i]);
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
      });
    }
  }
  if (!rows.some((r) => r.a !== null && r.b !== null)) throw nothingToCompare(a, b, 'no figure has a value on both sides');
  return { a: a.dir, b: b.dir, level: CONFIDENCE, rows, unmatched };
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

export const COMPARISON_HEADER = ['point', 'figure', 'a', 'b', 'diff', 'change_pct', 'test', 'p_value', 'significant'];

export function comparisonCsv(c: Comparison): string {
  const yesNo = (s: boolean | null) => (s === null ? null : s ? 'yes' : 'no');
  return safeCsv([COMPARISON_HEADER, ...c.rows.map((r) => [r.point, r.figure, r.a, r.b, r.diff, r.change, r.test, r.p, yesNo(r.significant)])]);
}
