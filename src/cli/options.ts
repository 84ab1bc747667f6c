/** What the commands share: their options' parsers, the scenario from the command line, and running it. */
import { Command, InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError, oneLine } from '../errors.js';
import { BIG_RUN_PLAYERS, defaultCsvWorkers, expectedPlayers, runScenarioToDirectory } from '../run.js';
import { runTasks } from '../sweep/task-pool.js';
import { readScenarioDocument, resolveScenario } from '../scenarios/load.js';
import type { RunFiles } from '../sweep/run-sweep.js';
import { TEMPLATES, type TemplateName } from './init.js';
import { type TableFormats } from '../reports/parquet-tables.js';
import type { SweepSummary } from '../sweep/aggregate.js';
import type { Summary } from '../reports/summary.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { TRUST_FLAG, type ScenarioTrust } from '../scenarios/scenario-files.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { applyOverrides, FORBIDDEN_PARTS, parseOverride, parseUnset, type Override } from '../scenarios/overrides.js';
import { isSweep, planSweep } from '../sweep/plan.js';
import { parseShard, type Shard } from '../sweep/shard-spec.js';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { parseTolerance, type Tolerance } from '../check/tolerance.js';
import { MAX_BUDGET, MAX_REPLICATIONS, parseConstraint, parseParameter } from '../tune/parse.js';
import type { Constraint, Parameter } from '../tune/search.js';
import { ExitCode, type CliIO } from './io.js';
import { progressBar, runProgressLine } from './progress.js';
import { heartbeat } from './heartbeat.js';


export interface RunOptions {
  out?: string;
  trustScenario?: boolean;
  seed?: number;
  set?: Override[];
  unset?: Override[];
  sweep?: Override[];
  replications?: number;
  workers?: number;
  charts: boolean;
  json?: boolean;
  csvWorkers?: number;
  shard?: Shard;
  runs?: RunFiles;
  tables?: TableFormats;
}

export function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError('expected a whole number >= 0');
  }
  return Number(text);
}

export function parseWorkers(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 64) throw new InvalidArgumentError('expected a whole number from 0 to 64');
  return Number(text);
}

export function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_REPLICATIONS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_REPLICATIONS}`);
  return Number(text);
}

/**
 * "a.b=1,2,3" as its path and values: each value is JSON when it parses as
 * JSON, otherwise a string. "a.b=[...]", a JSON array, gives its elements, for
 * values that hold commas themselves ("traces=[\"a,b.csv\",\"c.csv\"]").
 */
export function pathValues(text: string): { path: string; values: unknown[] } {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new InvalidArgumentError('expected PATH=V1,V2,..., e.g. matcher.windowGrowth=10,25,50');
  const path = text.slice(0, eq);
  if (path.split('.').some((part) => part === '' || FORBIDDEN_PARTS.has(part))) throw new InvalidArgumentError(`"${path}" is not a field path`);
  const list = text.slice(eq + 1);
  if (list.trimStart().startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(list);
    } catch {
      throw new InvalidArgumentError('the values start with "[" but are not a JSON array (write them as V1,V2,... or as valid JSON)');
    }
    if (!Array.isArray(values) || values.length === 0) throw new InvalidArgumentError('expected a JSON array of at least one value');
    return { path, values };
  }
  const values = list.split(',').map((raw) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  });
  return { path, values };
}

/** "--sweep a.b=1,2,3". */
export function collectSweep(text: string, previous: Override[] = []): Override[] {
  const { path, values } = pathValues(text);
  return [...previous, { option: `--sweep ${text}`, path: ['sweep', path], value: values }];
}

export const collectAcross = (text: string, previous: Array<{ path: string; values: unknown[] }> = []) => [...previous, pathValues(text)];

/** An option's parser that reports bad input as commander does (one line naming the option), not as a crash. */
export function asOption<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof InputError) throw new InvalidArgumentError(error.detail);
      throw error;
    }
  };
}

export const collectTolerance = (text: string, previous: Array<[string, Tolerance]> = []) => [...previous, asOption(parseTolerance)(text)];
export const parseShardOption = asOption(parseShard);

export function parseLevel(text: string): number {
  const level = Number(text);
  if (!/^0?\.\d+$/.test(text) || !(level > 0 && level < 1)) throw new InvalidArgumentError('expected a level between 0 and 1, e.g. 0.95');
  return level;
}

export interface CheckOptions extends Omit<RunOptions, 'charts' | 'json' | 'csvWorkers'> {
  from?: string;
  expect?: string;
  baseline?: string;
  tolerance?: Array<[string, Tolerance]>;
  level: number;
  updateBaseline?: boolean;
  junit?: string;
  markdown?: string;
  charts?: boolean;
  json?: boolean;
}

export interface TuneOptions {
  unset?: Override[];
  minimize?: string;
  maximize?: string;
  subjectTo?: Constraint[];
  param?: Parameter[];
  budget?: number;
  replications?: number;
  trustScenario?: boolean;
  seed?: number;
  set?: Override[];
  workers?: number;
  across?: Array<{ path: string; values: unknown[] }>;
  charts: boolean;
  out?: string;
  json?: boolean;
  shard?: Shard;
}


export function parseTemplate(text: string): TemplateName {
  if (!Object.hasOwn(TEMPLATES, text)) throw new InvalidArgumentError(`expected one of ${Object.keys(TEMPLATES).join(', ')}`);
  return text as TemplateName;
}

export function parseRunFiles(text: string): RunFiles {
  if (text !== 'all' && text !== 'summary') throw new InvalidArgumentError('expected all or summary');
  return text;
}

export function parseBudget(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 2 || Number(text) > MAX_BUDGET) throw new InvalidArgumentError(`expected a whole number of runs from 2 to ${MAX_BUDGET}`);
  return Number(text);
}

// Repeatable options start from nothing (no default: the help would show "(default: [])").
export const collectOverride = (text: string, previous: Override[] = []): Override[] => [...previous, asOption(parseOverride)(text)];
export const collectUnset = (text: string, previous: Override[] = []): Override[] => [...previous, asOption(parseUnset)(text)];
export const collectConstraint = (text: string, previous: Constraint[] = []): Constraint[] => [...previous, asOption(parseConstraint)(text)];
export const collectParameter = (text: string, previous: Parameter[] = []): Parameter[] => [...previous, asOption(parseParameter)(text)];

export type RunResult = { kind: 'sweep'; sweep: SweepSummary } | { kind: 'run'; summary: Summary };

/** The scenario with the command line's overrides (--set, --sweep, --seed, --replications) applied. */
export function scenarioFromOptions(file: string, options: Pick<RunOptions, 'set' | 'unset' | 'sweep' | 'seed' | 'replications' | 'trustScenario'>): { document: Record<string, unknown>; overrides: Override[] } {
  const overrides = [...(options.unset ?? []), ...(options.set ?? []), ...(options.sweep ?? [])];
  if (options.seed !== undefined) overrides.push({ option: `--seed ${options.seed}`, path: ['seed'], value: options.seed });
  if (options.replications !== undefined) {
    overrides.push({ option: `--replications ${options.replications}`, path: ['replications'], value: options.replications });
  }
  return { document: applyOverrides(readScenarioDocument(file, 'scenario', trustOf(options)), overrides) as Record<string, unknown>, overrides };
}

/** What --trust-scenario allows the scenario. */
export const trustOf = (options: { trustScenario?: boolean }): ScenarioTrust => ({ trust: options.trustScenario === true });

/** The scenario resolved with the command line's overrides and trust, its matcher module loaded when trusted. */
export async function loadFromOptions(file: string, options: RunOptions): Promise<{ document: Record<string, unknown>; loaded: LoadedScenario }> {
  const { document, overrides } = scenarioFromOptions(file, options);
  return { document, loaded: await loadMatcherModule(resolveScenario(file, document, overrides, trustOf(options))) };
}

/** Runs a scenario as `matchsim run` does: a sweep (or replications) or a single run, into its output directory. */
export async function runFromOptions(file: string, options: RunOptions, io: CliIO): Promise<{ outDir: string; result: RunResult }> {
  const { document, loaded } = await loadFromOptions(file, options);
  const outDir = options.out ?? join('results', loaded.scenario.name);
  if (isSweep(loaded.scenario)) {
    const plan = planSweep(file, document, loaded.scenario, loaded.trust);
    const { runSweepToDirectory } = await import('../sweep/run-sweep.js');
    const bar = progressBar(io, 'runs');
    let done = 0;
    const beat = heartbeat(io, 'the sweep', () => `${done} of ${plan.tasks.length} runs done`);
    try {
      const sweep = await runSweepToDirectory(plan, outDir, {
        workers: options.workers ?? availableParallelism(),
        charts: options.charts,
        runs: options.runs ?? 'all',
        ...(options.tables ? { tables: options.tables } : {}),
        progress: (finished, total) => {
          bar?.(finished, total);
          done = finished;
        },
      });
      return { outDir, result: { kind: 'sweep', sweep } };
    } finally {
      beat.stop();
    }
  }
  if (options.runs !== undefined) throw new InputError('--runs', undefined, `${file} is a single run: --runs says what each run of a sweep writes (give sweep or replications)`);
  const end = loaded.scenario.duration + loaded.scenario.drain;
  const line = runProgressLine(io, end);
  let simulated = 0;
  let arrived = 0;
  const beat = heartbeat(io, 'the run', () => `simulated ${Math.round(simulated)} of ${end} s, ${arrived.toLocaleString('en-US')} players`);
  const progress = {
    update: (time: number, players: number) => {
      line?.update(time, players);
      simulated = time;
      arrived = players;
    },
    finish: () => {
      line?.finish();
      beat.stop();
    },
  };
  try {
    if (io.isolateRuns && expectedPlayers(loaded) >= BIG_RUN_PLAYERS) {
      // The simulation is synchronous: on a worker thread, this one stays free to handle a signal at once (and to draw progress).
      const resolved = { scenario: loaded.scenario, trace: loaded.trace, empirical: loaded.empirical, expectedPlayers: loaded.expectedPlayers };
      const task = { file, resolved, trust: loaded.trust.trust, seed: loaded.scenario.seed, charts: options.charts, csvWorkers: options.csvWorkers ?? defaultCsvWorkers(loaded), atomic: false, ...(options.tables ? { tables: options.tables } : {}) };
      const summary = await writeDirectoryAtomically(outDir, async (dir) => (await runTasks([{ ...task, outDir: dir }], 1, undefined, () => '', progress.update))[0]);
      return { outDir, result: { kind: 'run', summary } };
    }
    const summary = await runScenarioToDirectory(loaded, outDir, { csvWorkers: options.csvWorkers, charts: options.charts, progress: progress.update, ...(options.tables ? { tables: options.tables } : {}) });
    return { outDir, result: { kind: 'run', summary } };
  } finally {
    progress.finish();
  }
}

/** A tuning that found no feasible setting fails as a check does (exit 1), saying in one line what the closest candidate misses. */
export function tuneExitCode(missed: string | undefined, io: CliIO): number {
  if (missed === undefined) return ExitCode.OK;
  io.stderr(`matchsim: ${oneLine(missed)}\n`);
  return ExitCode.CHECK_FAILED;
}

/** A result's name for a directory name: its directory's (or, for a summary.json or sweep.json, its folder's), in safe characters. */
export function resultName(path: string): string {
  const name = /\.json$/i.test(path) ? basename(dirname(path)) : basename(path);
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'result';
}

/** The names results go by in a comparison: their directories' names, told apart by their place where two are the same. */
export function sideNames(paths: readonly string[]): string[] {
  const names = paths.map(resultName);
  return names.map((name, i) => (names.filter((n) => n === name).length > 1 ? `${name} (${i + 1})` : name));
}

/** The examples a command's --help ends with. */
export const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

export const TRUST_HELP = `let the scenario run code (matcher.module) and read files outside its folder; only for scenarios you trust`;

/** The options that change the scenario before it runs, shared by run and check. */
export function withScenarioOptions(command: Command): Command {
  return command
    .option(TRUST_FLAG, TRUST_HELP)
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--set <path=value>', 'override a scenario field by dotted path, e.g. matcher.windowGrowth=25; null removes it (repeatable)', collectOverride)
    .option('--unset <path>', 'remove a scenario field, as --set PATH=null does (repeatable; applied before --set)', collectUnset)
    .option('--sweep <path=v1,v2,...>', 'run the scenario at each value of a field; several give their cartesian product (repeatable)', collectSweep)
    .option('--replications <n>', 'runs per point, with seeds seed, seed+1, ...; figures get 95% confidence intervals', parseCount)
    .option('--workers <n>', `threads for the runs of a sweep (default: the number of cores, ${availableParallelism()}); 0 runs them on the main thread`, parseWorkers);
}

/** The matchsim program. It is the only place that reads argv, prints, or sets the exit code. */
