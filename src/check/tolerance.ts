import { InputError } from '../errors.js';
import { FIGURES, figureOf } from '../reports/figures.js';

/** How far a figure may move the wrong way before a baseline comparison fails: a share of the baseline, or an amount. */
export type Tolerance = { readonly relative: number } | { readonly absolute: number };

/** "wait.p95=10%" (relative to the baseline) or "wait.p95=2" (in the figure's units). */
export function parseTolerance(text: string): [key: string, tolerance: Tolerance] {
  const option = `--tolerance ${text}`;
  const m = /^([^=]+)=(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!m) throw new InputError(option, undefined, 'expected FIGURE=N% (relative to the baseline) or FIGURE=N (an amount), e.g. wait.p95=10%');
  const [, key, amount, percent] = m;
  if (figureOf(key) === undefined) throw new InputError(option, undefined, `${key} is not a figure; expected one of ${FIGURES.map((f) => f.key).join(', ')}`);
  const value = Number(amount);
  return [key, percent ? { relative: value / 100 } : { absolute: value }];
}

/** The amount a tolerance allows against a baseline mean. */
export function allowance(tolerance: Tolerance, baseline: number): number {
  return 'relative' in tolerance ? tolerance.relative * Math.abs(baseline) : tolerance.absolute;
}

/** A tolerance as people write it. */
export function describeTolerance(tolerance: Tolerance): string {
  return 'relative' in tolerance ? `${round(tolerance.relative * 100)}%` : String(tolerance.absolute);
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
