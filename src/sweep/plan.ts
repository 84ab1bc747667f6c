import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { resolveScenario, type LoadedScenario, type ResolvedScenario } from '../scenarios/load.js';
import { fieldsOf, ownedFields } from '../algorithms/registry.js';
import { applyOverrides, type Override } from '../scenarios/overrides.js';
import { UNTRUSTED, type ScenarioTrust } from '../scenarios/scenario-files.js';
import { valueText, type SweepValue } from '../scenarios/sweep-value.js';

/** The longest a partition's value may be in a directory name, below a file system's 255 bytes with its field's name; a longer one stands as a hash. */
const MAX_DIR_NAME = 120;

/**
 * Text as a Hive partition directory writes it: every byte outside
 * [A-Za-z0-9._-] percent-escaped (UTF-8), so that no value makes a path
 * separator, a second `=` or a name a shell or a file system misreads.
 */
export function partitionText(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** A swept value as a partition's value: its text escaped, or, too long for a directory name (a whole window object), `h-` and a hash of it (runs.csv and sweep.json hold the value itself). */
function partitionValue(value: SweepValue): string {
  const text = partitionText(valueText(value));
  return text.length <= MAX_DIR_NAME ? text : `h-${createHash('sha256').update(valueText(value)).digest('hex').slice(0, 16)}`;
}

/** One combination of swept values. */
export interface SweepPoint {
  readonly index: number;
  /** "matcher.windowGrowth=25, tick=0.5" */
  readonly label: string;
  /** Its directory, relative to the sweep's, a Hive partition per swept field: points/matcher.windowGrowth=25/tick=0.5 */
  readonly dir: string;
  readonly params: ReadonlyArray<{ readonly path: string; readonly value: SweepValue }>;
  /** The scenario document of this point: the base with the point's values, without sweep and replications. */
  readonly document: Record<string, unknown>;
  /** The point's scenario, resolved once, here: what its runs are given. */
  readonly resolved: Pick<LoadedScenario, 'scenario' | 'expectedPlayers'>;
}

/** One run: a point at one replication's seed. */
export interface SweepTask {
  readonly index: number;
  readonly point: number;
  readonly replication: number;
  readonly seed: number;
  /** Relative to the sweep's directory. */
  readonly dir: string;
}

export interface SweepPlan {
  readonly file: string;
  /** What the user allowed the scenario (--trust-scenario): every run of the sweep gets the same. */
  readonly trust: ScenarioTrust;
  /** The scenario as given, resolved, with its sweep and replications. */
  readonly scenario: ResolvedScenario;
  readonly parameters: readonly string[];
  readonly points: readonly SweepPoint[];
  readonly seeds: readonly number[];
  readonly tasks: readonly SweepTask[];
}

/** True when a resolved scenario asks for more than one run. */
export function isSweep(scenario: ResolvedScenario): boolean {
  return Object.keys(scenario.sweep ?? {}).length > 0 || scenario.replications > 1;
}

/**
 * In a sweep over matcher.algorithm the scenario may hold the settings of
 * every algorithm swept (matcher.teams, matcher.profiles, ...); each point
 * keeps those of its own algorithm only, so that its resolved scenario says
 * what ran.
 */
function keepOwnAlgorithmSettings(document: Record<string, unknown>, params: ReadonlyArray<{ path: string }>): Record<string, unknown> {
  const matcher = document.matcher as Record<string, unknown> | undefined;
  if (!params.some((p) => p.path === 'matcher.algorithm') || matcher === undefined || typeof matcher !== 'object') return document;
  const own = { ...matcher };
  const kept = typeof own.algorithm === 'string' ? fieldsOf(own.algorithm) : [];
  for (const [field] of ownedFields()) {
    if (!kept.includes(field)) delete own[field];
  }
  return { ...document, matcher: own };
}

/**
 * Expands a validated scenario into points (the cartesian product of the
 * sweep, first key outermost) and tasks. Replication r of every point uses
 * seed + r: the points see the same arrivals, so their differences are the
 * parameters', not the random streams'. Every point is validated here, before
 * anything runs.
 */
export function planSweep(file: string, document: Record<string, unknown>, scenario: ResolvedScenario, trust: ScenarioTrust = UNTRUSTED): SweepPlan {
  const sweep = scenario.sweep ?? {};
  const parameters = Object.keys(sweep);
  const base: Record<string, unknown> = { ...document };
  delete base.sweep;
  delete base.replications;
  let combos: Array<Array<{ path: string; value: SweepValue }>> = [[]];
  for (const path of parameters) {
    combos = combos.flatMap((combo) => sweep[path].map((value) => [...combo, { path, value }]));
  }
  const dirs = new Set<string>();
  const points: SweepPoint[] = combos.map((params, index) => {
    const label = params.length === 0 ? 'base' : params.map((p) => `${p.path}=${valueText(p.value)}`).join(', ');
    const overrides: Override[] = params.map((p) => ({
      option: `${file}: sweep ${p.path}=${JSON.stringify(p.value)}`,
      path: p.path.split('.'),
      value: p.value,
    }));
    const pointDocument = keepOwnAlgorithmSettings(applyOverrides(base, overrides) as Record<string, unknown>, params);
    // Validates the point; a bad value is an error naming the sweep entry.
    const { scenario: resolved, expectedPlayers } = resolveScenario(file, pointDocument, overrides, trust);
    // Hive partitions, a level per swept field (points/matcher.windowGrowth=10/seed=1): DuckDB, pandas and pyarrow read a whole sweep with the fields as columns.
    const dir = ['points', ...params.map((p) => `${partitionText(p.path)}=${partitionValue(p.value)}`)].join('/');
    if (dirs.has(dir)) throw new InputError(file, 'sweep', `two points would share the directory ${dir} (values that read the same as text, such as 1 and "1"): give each point a value of its own`);
    dirs.add(dir);
    return { index, label, dir, params, document: pointDocument, resolved: { scenario: resolved, expectedPlayers } };
  });
  const seeds = Array.from({ length: scenario.replications }, (_, r) => scenario.seed + r);
  const tasks: SweepTask[] = [];
  for (const point of points) {
    seeds.forEach((seed, replication) => {
      const dir = `${point.dir}/seed=${seed}`;
      tasks.push({ index: tasks.length, point: point.index, replication, seed, dir });
    });
  }
  return { file, trust, scenario, parameters, points, seeds, tasks };
}
