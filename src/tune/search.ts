import type { TunableParameter } from '../algorithms/algorithm-entry.js';
import { CONFIDENCE, estimate, type Estimate } from '../reports/confidence.js';

/*
 * The search of `matchsim tune`, apart from the simulator: candidates are
 * points of a parameter space, evaluated at replications (seeds) that every
 * candidate shares (common random numbers), so that their differences are
 * the parameters', not the random streams'. Nothing here draws a random
 * number: for the same evaluations, the same answer.
 */

/** A parameter to search: its range, and whether steps along it are even in value (linear) or in ratio (log). */
export type Parameter = TunableParameter;

/** A figure that must stay on one side of a limit. */
export interface Constraint {
  readonly figure: string;
  readonly op: '<=' | '>=';
  readonly limit: number;
}

/** What the search looks for: the best objective among candidates that meet every constraint. */
export interface Goal {
  readonly objective: { readonly figure: string; readonly direction: 'minimize' | 'maximize' };
  readonly constraints: readonly Constraint[];
}

/** A point of the parameter space: a value per parameter path. */
export type Candidate = ReadonlyMap<string, number>;

/** Each figure's value at each of the given seeds, in seed order (null where a run had none). */
export type Figures = ReadonlyMap<string, ReadonlyArray<number | null>>;

/** Runs each candidate once per seed (all of them together, so that they may run side by side); their figures in candidate order. */
export type Evaluate = (candidates: readonly Candidate[], seeds: readonly number[]) => Promise<Figures[]>;

/** A candidate with every replication run for it so far, and what they say. */
export interface Evaluated {
  readonly candidate: Candidate;
  readonly seeds: readonly number[];
  readonly figures: ReadonlyMap<string, Estimate | null>;
  /** Every constraint met, each by its whole interval. */
  readonly feasible: boolean;
  /** How far the worst constraint's interval bound is past its limit, relative to the limit (0 when feasible). */
  readonly violation: number;
  /** The round of the search that ran it last. */
  readonly round: number;
}

/**
 * A constraint counts as met only when its whole confidence interval is on
 * the right side of the limit: for `<=`, the interval's upper bound (95%
 * two-sided) is at most the limit; with a single replication, which has no
 * interval, the value itself. A noisy figure is not called good by luck.
 */
export function meets(e: Estimate | null, c: Constraint): boolean {
  if (e === null) return false;
  return c.op === '<=' ? (e.high ?? e.mean) <= c.limit : (e.low ?? e.mean) >= c.limit;
}

/** How far an estimate's bound is past a constraint's limit, relative to it; 0 when met, Infinity without a value. */
function excess(e: Estimate | null, c: Constraint): number {
  if (e === null) return Infinity;
  const bound = c.op === '<=' ? (e.high ?? e.mean) : (e.low ?? e.mean);
  const past = c.op === '<=' ? bound - c.limit : c.limit - bound;
  return Math.max(0, past) / (Math.abs(c.limit) || 1);
}

/** The estimate of every figure from per-seed values. */
function estimates(figures: Figures): Map<string, Estimate | null> {
  const out = new Map<string, Estimate | null>();
  for (const [figure, values] of figures) {
    const present = values.filter((v): v is number => v !== null);
    out.set(figure, present.length === 0 ? null : estimate(present, CONFIDENCE));
  }
  return out;
}

function judged(candidate: Candidate, seeds: readonly number[], figures: Figures, goal: Goal, round: number): Evaluated {
  const e = estimates(figures);
  const violation = Math.max(0, ...goal.constraints.map((c) => excess(e.get(c.figure) ?? null, c)));
  return { candidate, seeds, figures: e, feasible: goal.constraints.every((c) => meets(e.get(c.figure) ?? null, c)), violation, round };
}

/** Orders candidates best first: feasible ones by objective, then the others by how far they miss; ties by where they were found. */
export function better(goal: Goal): (a: Evaluated, b: Evaluated) => number {
  const sign = goal.objective.direction === 'minimize' ? 1 : -1;
  const objective = (x: Evaluated) => x.figures.get(goal.objective.figure)?.mean ?? Infinity * sign;
  return (a, b) => {
    if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
    if (!a.feasible && a.violation !== b.violation) return a.violation - b.violation;
    const d = sign * (objective(a) - objective(b));
    return d !== 0 && !Number.isNaN(d) ? d : 0;
  };
}

/**
 * A value of a parameter at `u` in [0, 1] along its scale, never outside
 * its range: the ends are the range's own values, and a value in between,
 * rounded to six significant digits (or a whole number), is kept within it
 * (4294967296 rounded so would be 4294970000, past 2^32).
 */
export function valueAt(p: Parameter, u: number): number {
  if (p.integer) {
    const [lo, hi] = [Math.ceil(p.low), Math.floor(p.high)];
    return Math.min(hi, Math.max(lo, Math.round(p.scale === 'log' ? p.low * (p.high / p.low) ** u : p.low + (p.high - p.low) * u)));
  }
  if (u <= 0) return p.low;
  if (u >= 1) return p.high;
  const v = p.scale === 'log' ? p.low * (p.high / p.low) ** u : p.low + (p.high - p.low) * u;
  return Math.min(p.high, Math.max(p.low, Number(v.toPrecision(6))));
}

/** The k-th point of the Halton sequence in `dims` dimensions (bases 2, 3, 5, ...): spread evenly, and the same every time. */
export function halton(k: number, dims: number): number[] {
  const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29];
  if (dims > primes.length) throw new RangeError(`at most ${primes.length} parameters can be searched at once`);
  return primes.slice(0, dims).map((base) => {
    let f = 1;
    let r = 0;
    for (let i = k + 1; i > 0; i = Math.floor(i / base)) {
      f /= base;
      r += f * (i % base);
    }
    return r;
  });
}

/** `n` candidates spread over the space: for one parameter, evenly along its scale, ends included; for more, a Halton design. */
export function design(parameters: readonly Parameter[], n: number): Candidate[] {
  const points = parameters.length === 1 ? Array.from({ length: n }, (_, i) => [n === 1 ? 0.5 : i / (n - 1)]) : Array.from({ length: n }, (_, i) => halton(i, parameters.length));
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const u of points) {
    const candidate = new Map(parameters.map((p, d) => [p.path, valueAt(p, u[d])]));
    if (!seen.has(key(candidate))) {
      seen.add(key(candidate));
      out.push(candidate);
    }
  }
  return out;
}

/** Where a value lies along its parameter's scale, in [0, 1]. */
export function positionOf(p: Parameter, value: number): number {
  const u = p.scale === 'log' ? Math.log(value / p.low) / Math.log(p.high / p.low) : (value - p.low) / (p.high - p.low);
  return Math.min(1, Math.max(0, u));
}

/** A candidate near `from`: each parameter moved by at most `width` of its scale, in a direction the k-th Halton point gives. */
function neighbour(parameters: readonly Parameter[], from: Candidate, width: number, k: number): Candidate {
  const h = halton(k, parameters.length);
  return new Map(parameters.map((p, d) => [p.path, valueAt(p, Math.min(1, Math.max(0, positionOf(p, from.get(p.path) as number) + width * (2 * h[d] - 1))))]));
}

/** Candidates one step of `width` (along each scale) up and down each parameter from `from`. */
function compass(parameters: readonly Parameter[], from: Candidate, width: number): Candidate[] {
  return parameters.flatMap((p) =>
    [-1, 1].map((direction) => new Map([...from].map(([path, value]) => [path, path === p.path ? valueAt(p, Math.min(1, Math.max(0, positionOf(p, value) + direction * width))) : value]))),
  );
}

const key = (c: Candidate) => JSON.stringify([...c]);

export interface HalvingOptions {
  /** Runs to spend in all (a candidate at r replications costs r runs). */
  readonly budget: number;
  /** Replications of every candidate in the first round; each round those that remain get as many more. */
  readonly replications: number;
  /** The seeds, in order: a candidate with r replications has run the first r. */
  readonly seeds: (count: number) => readonly number[];
}

/**
 * Successive halving: many candidates at a few replications, then the
 * better half with as many more, and so on, until one is left or the budget
 * is spent; each round the best steps up and down each parameter and the
 * best quarter sends a neighbour, nearer each round. Replications grow by
 * addition, not doubling, so that the budget goes to more rounds of walking
 * (measured on the simulator's two-parameter test: doubling stopped at a
 * quarter of the way to the optimum's wait). Returns every
 * evaluation, the last round's first.
 */
export async function successiveHalving(parameters: readonly Parameter[], goal: Goal, evaluate: Evaluate, options: HalvingOptions): Promise<Evaluated[]> {
  const { replications } = options;
  // The halving explores; what it leaves (LOCAL_SHARE of the budget) goes to a local search from its best (localSearch).
  const budget = Math.max(2 * replications, Math.floor(options.budget * (1 - LOCAL_SHARE)));
  // As many candidates as the budget allows at the first round, if each round costs about the same (log2 n rounds).
  let n = Math.max(2, Math.floor(budget / replications));
  while (n > 2 && n * replications * Math.ceil(Math.log2(n)) > budget) n--;
  let pool = design(parameters, n);
  const history: Evaluated[] = [];
  let spent = 0;
  let r = replications;
  let round = 0;
  let survivors: Evaluated[] = [];
  while (pool.length > 0) {
    const seeds = options.seeds(r);
    const affordable = Math.floor((budget - spent) / r);
    if (affordable < 1) break;
    const batch = pool.slice(0, affordable);
    const results = await evaluate(batch, seeds);
    spent += batch.length * r;
    survivors = batch.map((candidate, i) => judged(candidate, seeds, results[i], goal, round)).sort(better(goal));
    history.push(...survivors);
    if (survivors.length <= 1) break;
    // The better half goes on, with more replications, and the best quarter each sends a neighbour, nearer each round:
    // a small feasible region the first design missed is found by walking to it.
    // The best also tries a step up and down each parameter (a compass search): a constrained optimum lies on the
    // constraint's boundary, often in a corner of the space, and steps along the axes follow the boundary there.
    const width = 0.25 / 2 ** round;
    const kept = survivors.slice(0, Math.ceil(survivors.length / 2)).map((s) => s.candidate);
    const near = survivors.slice(0, Math.ceil(survivors.length / 4)).map((s, i) => neighbour(parameters, s.candidate, width, history.length + i));
    const seen = new Set(history.map((h) => key(h.candidate)));
    const fresh: Candidate[] = [];
    for (const c of [...compass(parameters, survivors[0].candidate, width), ...near]) {
      if (!seen.has(key(c))) fresh.push(c);
      seen.add(key(c));
    }
    pool = [...kept, ...fresh];
    r += replications;
    round++;
  }
  // The answer comes from the last round run: its candidates have the most replications.
  const lastRound = Math.max(...history.map((h) => h.round));
  const last = history.filter((h) => h.round === lastRound).sort(better(goal));
  const halved = [...last, ...history.filter((h) => h.round !== lastRound)];
  return localSearch(parameters, goal, evaluate, { ...options, budget: options.budget - spent }, halved);
}

/**
 * The share of a successive-halving budget kept for the local search that follows it.
 * Measured on the three-parameter grid (test/tune/grid.test.ts, grid best 19.26 s
 * [18.81, 19.72]): at 0.5 the local search ran out of steps at 20.07 s; at 0.7 it
 * reached 19.62 s at budgets 250 to 500, and 0.6 was fragile (25.8 s at 400).
 */
const LOCAL_SHARE = 0.7;

/**
 * A pattern search from the halving's answer, along the active constraint:
 * a constrained optimum lies on a constraint's boundary, which the halving's
 * shrinking steps approach but seldom reach. From the centre, steps of
 * `width` (along each scale) up and down each parameter, and for two or three
 * parameters to every corner (both at once: a boundary across the axes is
 * followed diagonally), at the first replications; the centre moves to the
 * best step that beats it (axis steps first, corners when none does), and
 * the steps halve only when neither beats it. The
 * centre found is then run at the halving answer's replications and the
 * better of the two, like with like, is the answer. Deterministic: no draw.
 */
async function localSearch(parameters: readonly Parameter[], goal: Goal, evaluate: Evaluate, options: HalvingOptions, halved: Evaluated[]): Promise<Evaluated[]> {
  const [answer] = halved;
  const order = better(goal);
  // Steps are compared with the centre on the same seeds, at the first replications: fewer would make a step near the
  // boundary look infeasible by its wider interval (measured: half as many stopped the curved-boundary grid test short).
  const r = options.replications;
  const confirm = answer.seeds.length;
  // Values that round to the same five digits are one candidate: a step back to where the search has been costs nothing.
  const near = (c: Candidate) => JSON.stringify([...c].map(([path, value]) => [path, Number(value.toPrecision(5))]));
  let left = options.budget - confirm;
  let round = Math.max(...halved.map((h) => h.round)) + 1;
  const found: Evaluated[] = [];
  const known = new Map<string, Evaluated>();
  const run = async (candidates: Candidate[], seeds: readonly number[]): Promise<Evaluated[]> => {
    const results = await evaluate(candidates, seeds);
    left -= candidates.length * seeds.length;
    const judgedAll = candidates.map((candidate, i) => judged(candidate, seeds, results[i], goal, round));
    found.push(...judgedAll);
    round++;
    return judgedAll;
  };
  if (left < r) return halved;
  // The centre at the first replications, so that its steps are compared with it on the same seeds.
  let [centre] = await run([answer.candidate], options.seeds(r));
  known.set(near(centre.candidate), centre);
  let width = 0.125;
  // Up and down each parameter first; the corners only when no axis step beats the centre; then half the width.
  search: while (width >= 1 / 512) {
    let moved = false;
    for (const steps of [compass(parameters, centre.candidate, width), corners(parameters, centre.candidate, width)]) {
      const fresh = steps.filter((c, i) => !known.has(near(c)) && steps.findIndex((o) => near(o) === near(c)) === i);
      if (fresh.length === 0) continue;
      if (fresh.length * r > left) break search;
      const tried = await run(fresh, options.seeds(r));
      for (const t of tried) known.set(near(t.candidate), t);
      const best = [...tried].sort(order)[0];
      if (order(best, centre) < 0) {
        centre = best;
        moved = true;
        break;
      }
    }
    if (!moved) width /= 2;
  }
  // The confirmation's runs were kept aside from the start (left excludes them).
  if (key(centre.candidate) === key(answer.candidate)) return [...halved, ...found];
  left += confirm;
  const [confirmed] = await run([centre.candidate], options.seeds(confirm));
  const chosen = order(confirmed, answer) < 0 ? confirmed : answer;
  return [chosen, ...[...halved, ...found].filter((e) => e !== chosen)];
}

/** Steps of `width` from `from` to every corner (every parameter moved at once), for two or three parameters: a boundary across the axes is followed diagonally. */
function corners(parameters: readonly Parameter[], from: Candidate, width: number): Candidate[] {
  if (parameters.length < 2 || parameters.length > 3) return [];
  return Array.from({ length: 2 ** parameters.length }, (_, corner) =>
    new Map(parameters.map((p, d) => [p.path, valueAt(p, Math.min(1, Math.max(0, positionOf(p, from.get(p.path) as number) + ((corner >> d) & 1 ? width : -width))))])),
  );
}

export interface BoundaryOptions {
  readonly budget: number;
  readonly replications: number;
  readonly seeds: (count: number) => readonly number[];
  /** Stop once the bracket is this narrow, relative to its upper end (default 0.02). */
  readonly tolerance?: number;
}

/**
 * For one parameter along which the constraints get easier in one
 * direction (a faster-growing window, shorter waits): brackets the boundary
 * between its ends, then bisects it along the parameter's scale. Returns
 * every evaluation, the answer first: the feasible end of the final bracket
 * (nearest the boundary), unless the range's feasible end has a better
 * objective. When both ends meet the constraints (or neither), the boundary
 * is not in the range, and the better end is the answer.
 */
export async function bisectBoundary(parameter: Parameter, goal: Goal, evaluate: Evaluate, options: BoundaryOptions): Promise<Evaluated[]> {
  const r = options.replications;
  const seeds = options.seeds(r);
  const tolerance = options.tolerance ?? 0.02;
  const history: Evaluated[] = [];
  let spent = 0;
  /** Runs the candidates at positions `us` along the scale, together. */
  const at = async (us: readonly number[], round: number): Promise<Evaluated[]> => {
    const candidates = us.map((u) => new Map([[parameter.path, valueAt(parameter, u)]]));
    spent += r * candidates.length;
    const figures = await evaluate(candidates, seeds);
    const results = candidates.map((candidate, i) => judged(candidate, seeds, figures[i], goal, round));
    history.push(...results);
    return results;
  };
  const first = (list: readonly Evaluated[]) => [...list].sort(better(goal))[0];
  const answer = (chosen: Evaluated) => [chosen, ...history.filter((h) => h !== chosen)];
  const [lo, hi] = await at([0, 1], 0);
  if (lo.feasible === hi.feasible) return answer(first([lo, hi]));
  // Positions (along the scale, in [0, 1]) of the feasible end of the bracket and of the other.
  let good = lo.feasible ? 0 : 1;
  let bad = 1 - good;
  const feasibleEnd = lo.feasible ? lo : hi;
  let best = feasibleEnd;
  let round = 1;
  while (spent + r <= options.budget) {
    const goodValue = valueAt(parameter, good);
    const badValue = valueAt(parameter, bad);
    if (Math.abs(goodValue - badValue) <= tolerance * Math.max(Math.abs(goodValue), Math.abs(badValue))) break;
    const mid = (good + bad) / 2;
    if (valueAt(parameter, mid) === goodValue || valueAt(parameter, mid) === badValue) break;
    const [result] = await at([mid], round++);
    if (result.feasible) {
      good = mid;
      best = result;
    } else {
      bad = mid;
    }
  }
  // The boundary is the answer when the objective worsens as the constraints ease (the usual trade-off); otherwise the feasible end is.
  return answer(first([best, feasibleEnd]));
}

/**
 * One parameter under constraints: its boundary by bisection when the range's
 * ends bracket it (one end feasible, the other not), as a monotone trade-off
 * does; when both ends are feasible, the better end (the objective worsens as
 * the constraint eases). When neither end is feasible, bisection has nothing
 * to bracket, yet a figure need not be monotone in the parameter (a latency
 * cap's p95 falls and then rises as its first step opens: fewer players wait
 * into the wider steps, then the step itself lets them farther), so the
 * middle may hold what the ends do not: the rest of the budget searches the
 * whole range by successive halving, and the better of everything evaluated
 * is the answer.
 */
export async function boundaryOrSearch(
  parameter: Parameter,
  goal: Goal,
  evaluate: Evaluate,
  options: BoundaryOptions & HalvingOptions,
): Promise<{ readonly method: 'bisection' | 'successive halving'; readonly evaluated: Evaluated[] }> {
  const bisected = await bisectBoundary(parameter, goal, evaluate, options);
  const neither = bisected.length === 2 && !bisected[0].feasible && !bisected[1].feasible;
  if (!neither) return { method: 'bisection', evaluated: bisected };
  const spent = bisected.length * options.replications;
  const searched = await successiveHalving([parameter], goal, evaluate, { ...options, budget: options.budget - spent });
  const all = [...searched, ...bisected];
  const answer = [...all].sort(better(goal))[0];
  return { method: 'successive halving', evaluated: [answer, ...all.filter((e) => e !== answer)] };
}
