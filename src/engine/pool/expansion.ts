/*
 * A numeric setting that relaxes with age: a score window over a request's
 * wait (window.ts), and, as FlexMatch's expansions do, any other cap or
 * threshold (a latency cap, an allowed skill gap) over a wait or the age of
 * a match's oldest ticket.
 */

/** The setting's value after `ageSeconds`. */
export type Expansion = (ageSeconds: number) => number;

/** An expansion as settings give it. */
export type ExpansionSpec =
  /** start + growth per second (start: 0). */
  | { readonly type: 'linear'; readonly growth: number; readonly start?: number }
  /** Linear, up to cap. */
  | { readonly type: 'capped'; readonly growth: number; readonly cap: number; readonly start?: number }
  /** `value` from `after` seconds on (steps in increasing after); `initial` before the first (default 0). */
  | { readonly type: 'steps'; readonly steps: ReadonlyArray<{ readonly after: number; readonly value: number }>; readonly initial?: number }
  /** `initial` after one second, times `factor` each further second, up to `cap`; 0 at an age of 0. */
  | { readonly type: 'exponential'; readonly initial: number; readonly factor: number; readonly cap?: number };

export function linearExpansion(growth: number, start = 0): Expansion {
  // Without a start, exactly age * growth (no 0 + added): the seed's window, bit for bit.
  return start === 0 ? (age) => age * growth : (age) => start + age * growth;
}

export function cappedExpansion(growth: number, cap: number, start = 0): Expansion {
  const linear = linearExpansion(growth, start);
  return (age) => Math.min(cap, linear(age));
}

export function steppedExpansion(steps: ReadonlyArray<{ readonly after: number; readonly value: number }>, initial = 0): Expansion {
  return (age) => {
    let value = initial;
    for (const step of steps) {
      if (age < step.after) break;
      value = step.value;
    }
    return value;
  };
}

export function exponentialExpansion(initial: number, factor: number, cap = Infinity): Expansion {
  return (age) => (age <= 0 ? 0 : Math.min(cap, initial * factor ** (age - 1)));
}

export function expansion(spec: ExpansionSpec): Expansion {
  switch (spec.type) {
    case 'linear':
      return linearExpansion(spec.growth, spec.start);
    case 'capped':
      return cappedExpansion(spec.growth, spec.cap, spec.start);
    case 'steps':
      return steppedExpansion(spec.steps, spec.initial);
    case 'exponential':
      return exponentialExpansion(spec.initial, spec.factor, spec.cap);
  }
}

/** The age of a candidate match, for an expansion that follows the match rather than each member: its oldest member's wait, or its newest's. */
export function matchAge(waits: readonly number[], which: 'oldest' | 'newest'): number {
  if (waits.length === 0) return 0;
  let age = waits[0];
  for (let i = 1; i < waits.length; i++) age = which === 'oldest' ? Math.max(age, waits[i]) : Math.min(age, waits[i]);
  return age;
}
