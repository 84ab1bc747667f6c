import { cappedExpansion, exponentialExpansion, linearExpansion, steppedExpansion, type Expansion } from './expansion.js';

/** How wide a request's score window is after waiting `waitSeconds`: the score gap's expansion over the wait (expansion.ts). */
export type WindowPolicy = Expansion;

/** The seed's window: `growth` score points per second of waiting. */
export function linearWindow(growth: number): WindowPolicy {
  return linearExpansion(growth);
}

/** Linear growth that stops at `cap`: past some gap a match is worse than no match. */
export function cappedWindow(growth: number, cap: number): WindowPolicy {
  return cappedExpansion(growth, cap);
}

/**
 * FlexMatch-style expansions: after `after` seconds of waiting the window is
 * `window`; before the first step it is 0. Steps must be in increasing `after`.
 */
export function steppedWindow(steps: ReadonlyArray<{ readonly after: number; readonly window: number }>): WindowPolicy {
  return steppedExpansion(steps.map((s) => ({ after: s.after, value: s.window })));
}

/**
 * A window that starts at `initial` after the first second of waiting and
 * multiplies by `factor` each further second, up to `cap`; 0 for a newcomer,
 * as in the seed.
 */
export function exponentialWindow(initial: number, factor: number, cap = Infinity): WindowPolicy {
  return exponentialExpansion(initial, factor, cap);
}

/** A window policy as a scenario gives it. */
export type WindowSpec =
  | { readonly type: 'linear'; readonly growth: number }
  | { readonly type: 'capped'; readonly growth: number; readonly cap: number }
  | { readonly type: 'steps'; readonly steps: ReadonlyArray<{ readonly after: number; readonly window: number }> }
  | { readonly type: 'exponential'; readonly initial: number; readonly factor: number; readonly cap?: number };

export function windowPolicy(spec: WindowSpec): WindowPolicy {
  switch (spec.type) {
    case 'linear':
      return linearWindow(spec.growth);
    case 'capped':
      return cappedWindow(spec.growth, spec.cap);
    case 'steps':
      return steppedWindow(spec.steps);
    case 'exponential':
      return exponentialWindow(spec.initial, spec.factor, spec.cap);
  }
}

/** A window policy in a few words, for headers: "G=50", "G=50 up to 300", "steps 100@10s 300@30s", "x1.5 from 20 up to 400". */
export function describeWindow(spec: WindowSpec): string {
  switch (spec.type) {
    case 'linear':
      return `G=${spec.growth}`;
    case 'capped':
      return `G=${spec.growth} up to ${spec.cap}`;
    case 'steps':
      return `steps ${spec.steps.map((s) => `${s.window}@${s.after}s`).join(' ')}`;
    case 'exponential':
      return `x${spec.factor} from ${spec.initial}${spec.cap !== undefined ? ` up to ${spec.cap}` : ''}`;
  }
}
