import { InputError } from '../errors.js';
import { BIG_RUN_PLAYERS } from '../run.js';
import { FORBIDDEN_PARTS } from '../scenarios/overrides.js';
import type { Constraint, Parameter } from './search.js';

/*
 * The command line of `matchsim tune`, read without loading the search (and
 * its statistics) until the command runs.
 */

/** Runs of at least this many players are tuned on threads by default: below it, threads measured slower (30 000-player runs: 3.74 s on two threads against 3.27 s on one). */
export const TUNE_THREADED_PLAYERS = BIG_RUN_PLAYERS;

/** The most runs one tuning may spend at each condition (--budget). */
export const MAX_BUDGET = 100_000;
/** The most runs per candidate or sweep point (--replications). */
export const MAX_REPLICATIONS = 1000;
/** The most parameters one tuning searches (--param). */
export const MAX_PARAMETERS = 20;

/**
 * Runs a tuning spends by default, by how many parameters it searches: a
 * space of two or three needs more to be searched as well as one (measured
 * against a dense grid in test/tune/grid.test.ts).
 */
export function defaultBudget(parameters: number): number {
  return parameters <= 1 ? 120 : parameters === 2 ? 200 : 300;
}

/** "--subject-to 'wait.p95<=10'" as a constraint. */
export function parseConstraint(text: string): Constraint {
  const m = /^\s*([A-Za-z0-9_.]+)\s*(<=|>=)\s*(-?[0-9.]+(?:e[+-]?\d+)?)\s*$/i.exec(text);
  if (!m || !Number.isFinite(Number(m[3]))) throw new InputError(`--subject-to ${text}`, undefined, "expected FIGURE<=NUMBER or FIGURE>=NUMBER, e.g. 'wait.p95<=10'");
  return { figure: m[1], op: m[2] as '<=' | '>=', limit: Number(m[3]) };
}

/** "--param matcher.windowGrowth=1..200" (optionally ":log", ":linear" or ":int") as a parameter. */
export function parseParameter(text: string): Parameter {
  const option = `--param ${text}`;
  const m = /^([A-Za-z0-9_.]+)=(-?[0-9.]+(?:e[+-]?\d+)?)\.\.(-?[0-9.]+(?:e[+-]?\d+)?)(?::(log|linear|int))?$/i.exec(text);
  if (!m) throw new InputError(option, undefined, 'expected PATH=LOW..HIGH, e.g. matcher.windowGrowth=1..200 (add :log, :linear or :int to choose the steps)');
  const [, path, lo, hi, kind] = m;
  if (path.split('.').some((part) => part === '' || FORBIDDEN_PARTS.has(part))) throw new InputError(option, undefined, `"${path}" is not a field path`);
  const low = Number(lo);
  const high = Number(hi);
  if (!(low < high)) throw new InputError(option, undefined, `the range must go up: ${low} is not below ${high}`);
  // Ranges over orders of magnitude are searched in ratios, as window growths and patience are best read.
  const scale = kind === 'log' || (kind === undefined && low > 0 && high / low >= 10) ? 'log' : 'linear';
  if (scale === 'log' && !(low > 0)) throw new InputError(option, undefined, 'a log scale needs a range above 0');
  return { path, low, high, scale, ...(kind === 'int' ? { integer: true } : {}) };
}

/** A parameter as --param takes it: "matcher.windowGrowth=5..500:log". */
export function parameterText(p: Parameter): string {
  return `${p.path}=${p.low}..${p.high}:${p.integer === true ? 'int' : p.scale}`;
}
