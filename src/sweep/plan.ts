import { resolveScenario, type LoadedScenario, type ResolvedScenario } from '../scenarios/load.js';
import { fieldsOf, ownedFields } from '../algorithms/registry.js';
import { applyOverrides, type Override } from '../scenarios/overrides.js';
import { UNTRUSTED, type ScenarioTrust } from '../scenarios/scenario-files.js';
import { valueText, type SweepValue } from './sweep-value.js';

/** The longest a point's directory name may be, below a file system's 255 bytes, whatever its values. */
const MAX_DIR_NAME = 120;

/** One combination of swept values. */
export interface SweepPoint {
  readonly index: number;
  /** "matcher.windowGrowth=25, tick=0.5" */
  readonly label: string;
  /** Its directory, relative to the sweep's: points/01-matcher.windowGrowth=25 */
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
  const width = String(combos.length).length;
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
    const safe = label.replace(/, /g, ',').replace(/[^A-Za-z0-9._=,+-]/g, '_').slice(0, MAX_DIR_NAME);
    return { index, label, dir: `points/${String(index + 1).padStart(width, '0')}-${safe}`, params, document: pointDocument, resolved: { scenario: resolved, expectedPlayers } };
  });
  const seeds = Array.from({ length: scenario.replications }, (_, r) => scenario.seed + r);
  const tasks: SweepTask[] = [];
  for (const point of points) {
    seeds.forEach((seed, replication) => {
      const dir = seeds.length === 1 ? point.dir : `${point.dir}/seed-${seed}`;
      tasks.push({ index: tasks.length, point: point.index, replication, seed, dir });
    });
  }
  return { file, trust, scenario, parameters, points, seeds, tasks };
}
