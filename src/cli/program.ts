import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { appendFileSync, lstatSync, writeFileSync } from 'node:fs';
import { MAX_BYTES, readText, realPathOr } from '../scenarios/read-text.js';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { EnvironmentError, InputError, isFsError, MatchsimError, oneLine } from '../errors.js';
import { BIG_RUN_PLAYERS, defaultCsvWorkers, expectedPlayers, runScenarioToDirectory } from '../run.js';
import { runTasks } from '../sweep/task-pool.js';
import { scenarioJsonSchema } from '../scenarios/json-schema.js';
import { readScenarioDocument, resolveScenario } from '../scenarios/load.js';
import type { RunFiles } from '../sweep/run-sweep.js';
import { TEMPLATES, type TemplateName } from './init.js';
import { parseTableFormats, type TableFormats } from '../reports/parquet-tables.js';
import type { SweepSummary } from '../sweep/aggregate.js';
import type { Summary } from '../reports/summary.js';
import { checkMatcherModule, loadMatcherModule } from '../scenarios/matcher-module.js';
import { TRUST_FLAG, type ScenarioTrust } from '../scenarios/scenario-files.js';
import type { LoadedScenario } from '../scenarios/load.js';
import { applyOverrides, FORBIDDEN_PARTS, parseOverride, parseUnset, type Override } from '../scenarios/overrides.js';
import { isSweep, planSweep } from '../sweep/plan.js';
import { MAX_SWEEP_RUNS } from '../scenarios/schema.js';
import { CONFIDENCE } from '../reports/confidence-level.js';
import { parseShard, type Shard } from '../sweep/shard-spec.js';
import { checkFileReplaceable, writeDirectoryAtomically, writeFileAtomically } from '../reports/output-dir.js';
import { parseTolerance, type Tolerance } from '../check/tolerance.js';
import { defaultBudget, MAX_BUDGET, MAX_PARAMETERS, MAX_REPLICATIONS, parameterText, parseConstraint, parseParameter } from '../tune/parse.js';
import { tunableParameters } from '../algorithms/registry.js';
import type { Constraint, Parameter } from '../tune/search.js';
// What only sweeps, check, compare and merge need (jstat among it) is imported by those commands when they run.
import { ExitCode, processIO, type CliIO } from './io.js';
import { consoleSafe, printable } from '../reports/console-text.js';
import { MATCHSIM_VERSION } from '../version.js';
import { progressBar, runProgressLine, tuneProgressText } from './progress.js';
import { heartbeat } from './heartbeat.js';
import { summaryTable } from './summary-table.js';
import { sweepTable } from './sweep-table.js';

interface RunOptions {
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

function parseSeed(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError('expected a whole number >= 0');
  }
  return Number(text);
}

function parseWorkers(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 64) throw new InvalidArgumentError('expected a whole number from 0 to 64');
  return Number(text);
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_REPLICATIONS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_REPLICATIONS}`);
  return Number(text);
}

/**
 * "a.b=1,2,3" as its path and values: each value is JSON when it parses as
 * JSON, otherwise a string. "a.b=[...]", a JSON array, gives its elements, for
 * values that hold commas themselves ("traces=[\"a,b.csv\",\"c.csv\"]").
 */
function pathValues(text: string): { path: string; values: unknown[] } {
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
function collectSweep(text: string, previous: Override[] = []): Override[] {
  const { path, values } = pathValues(text);
  return [...previous, { option: `--sweep ${text}`, path: ['sweep', path], value: values }];
}

const collectAcross = (text: string, previous: Array<{ path: string; values: unknown[] }> = []) => [...previous, pathValues(text)];

/** An option's parser that reports bad input as commander does (one line naming the option), not as a crash. */
function asOption<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof InputError) throw new InvalidArgumentError(error.detail);
      throw error;
    }
  };
}

const collectTolerance = (text: string, previous: Array<[string, Tolerance]> = []) => [...previous, asOption(parseTolerance)(text)];
const parseShardOption = asOption(parseShard);

function parseLevel(text: string): number {
  const level = Number(text);
  if (!/^0?\.\d+$/.test(text) || !(level > 0 && level < 1)) throw new InvalidArgumentError('expected a level between 0 and 1, e.g. 0.95');
  return level;
}

interface CheckOptions extends Omit<RunOptions, 'charts' | 'json' | 'csvWorkers'> {
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

interface TuneOptions {
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

/** Runs of at least this many players are tuned on threads by default: below it, threads measured slower (30 000-player runs: 3.74 s on two threads against 3.27 s on one). */
const TUNE_THREADED_PLAYERS = BIG_RUN_PLAYERS;

function parseTemplate(text: string): TemplateName {
  if (!Object.hasOwn(TEMPLATES, text)) throw new InvalidArgumentError(`expected one of ${Object.keys(TEMPLATES).join(', ')}`);
  return text as TemplateName;
}

function parseRunFiles(text: string): RunFiles {
  if (text !== 'all' && text !== 'summary') throw new InvalidArgumentError('expected all or summary');
  return text;
}

function parseBudget(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 2 || Number(text) > MAX_BUDGET) throw new InvalidArgumentError(`expected a whole number of runs from 2 to ${MAX_BUDGET}`);
  return Number(text);
}

// Repeatable options start from nothing (no default: the help would show "(default: [])").
const collectOverride = (text: string, previous: Override[] = []): Override[] => [...previous, asOption(parseOverride)(text)];
const collectUnset = (text: string, previous: Override[] = []): Override[] => [...previous, asOption(parseUnset)(text)];
const collectConstraint = (text: string, previous: Constraint[] = []): Constraint[] => [...previous, asOption(parseConstraint)(text)];
const collectParameter = (text: string, previous: Parameter[] = []): Parameter[] => [...previous, asOption(parseParameter)(text)];

type RunResult = { kind: 'sweep'; sweep: SweepSummary } | { kind: 'run'; summary: Summary };

/** How matchsim recognises a file it wrote, by its first bytes: only such a file is replaced. */
const OWN_FILES = {
  result: (head: string) => /^\{\s*"matchsim":\s*\{\s*"(summary|sweep)Version"/.test(head),
  junit: (head: string) => head.includes('<testsuites name="matchsim check"'),
  markdown: (head: string) => /^### \S+ matchsim check /.test(head),
} as const;

/** The scenario with the command line's overrides (--set, --sweep, --seed, --replications) applied. */
function scenarioFromOptions(file: string, options: Pick<RunOptions, 'set' | 'unset' | 'sweep' | 'seed' | 'replications'>): { document: Record<string, unknown>; overrides: Override[] } {
  const overrides = [...(options.unset ?? []), ...(options.set ?? []), ...(options.sweep ?? [])];
  if (options.seed !== undefined) overrides.push({ option: `--seed ${options.seed}`, path: ['seed'], value: options.seed });
  if (options.replications !== undefined) {
    overrides.push({ option: `--replications ${options.replications}`, path: ['replications'], value: options.replications });
  }
  return { document: applyOverrides(readScenarioDocument(file), overrides) as Record<string, unknown>, overrides };
}

/** What --trust-scenario allows the scenario. */
const trustOf = (options: { trustScenario?: boolean }): ScenarioTrust => ({ trust: options.trustScenario === true });

/** The scenario resolved with the command line's overrides and trust, its matcher module loaded when trusted. */
async function loadFromOptions(file: string, options: RunOptions): Promise<{ document: Record<string, unknown>; loaded: LoadedScenario }> {
  const { document, overrides } = scenarioFromOptions(file, options);
  return { document, loaded: await loadMatcherModule(resolveScenario(file, document, overrides, trustOf(options))) };
}

/** Runs a scenario as `matchsim run` does: a sweep (or replications) or a single run, into its output directory. */
async function runFromOptions(file: string, options: RunOptions, io: CliIO): Promise<{ outDir: string; result: RunResult }> {
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
function tuneExitCode(missed: string | undefined, io: CliIO): number {
  if (missed === undefined) return ExitCode.OK;
  io.stderr(`matchsim: ${oneLine(missed)}\n`);
  return ExitCode.CHECK_FAILED;
}

/** True when `file` is the step summary GitHub's runner named in GITHUB_STEP_SUMMARY (the same file, links resolved). */
function isStepSummary(file: string, stepSummary: string | undefined): boolean {
  return stepSummary !== undefined && stepSummary !== '' && realPathOr(resolve(file)) === realPathOr(resolve(stepSummary));
}

/** Appends a report to the step summary: it must be the regular file the runner made; a blank line keeps it apart from what others wrote. */
function appendToStepSummary(file: string, markdown: string): void {
  let stat;
  try {
    stat = lstatSync(file);
  } catch (error) {
    throw EnvironmentError.fromFs('append to', file, error);
  }
  if (!stat.isFile()) throw new InputError(file, undefined, 'is $GITHUB_STEP_SUMMARY but not a regular file: matchsim appends only to the file the runner made');
  try {
    appendFileSync(file, (stat.size > 0 ? '\n' : '') + markdown);
  } catch (error) {
    throw EnvironmentError.fromFs('append to', file, error);
  }
}

/** A result's name for a directory name: its directory's (or, for a summary.json or sweep.json, its folder's), in safe characters. */
function resultName(path: string): string {
  const name = /\.json$/i.test(path) ? basename(dirname(path)) : basename(path);
  return name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'result';
}

/** The names results go by in a comparison: their directories' names, told apart by their place where two are the same. */
function sideNames(paths: readonly string[]): string[] {
  const names = paths.map(resultName);
  return names.map((name, i) => (names.filter((n) => n === name).length > 1 ? `${name} (${i + 1})` : name));
}

/** The examples a command's --help ends with. */
const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

const TRUST_HELP = `let the scenario run code (matcher.module) and read files outside its folder; only for scenarios you trust`;

/** The options that change the scenario before it runs, shared by run and check. */
function withScenarioOptions(command: Command): Command {
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
export function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  // What a command prints from files goes through here: no line of it can start a CI workflow command (only the annotations of check do, as matchsim's own).
  const print = (text: string) => io.stdout(consoleSafe(text));
  const program = new Command('matchsim')
    .description('Deterministic matchmaking simulator: runs the real match-pool code against arrival streams and reports waits, score spread and throughput.')
    .version(MATCHSIM_VERSION)
    // Commander's own messages ("error: unknown option") carry matchsim's prefix, as every other failure does.
    // A usage error is one line, as every other failure is, with matchsim's prefix and the way to the help on it.
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(`matchsim: ${oneLine(text.trim().replace(/^error: /, ''))} (run matchsim --help for usage)\n`) })
    .exitOverride();

  withScenarioOptions(
    program
      .command('run')
      .description(
        'run a scenario, or a sweep, into a result directory. A run writes rooms.csv, players.csv, timeline.csv, summary.json, breakdown.csv, report.html and charts/ (SVG and Vega-Lite JSON); a sweep writes sweep.csv, sweep.json, report.html and points/, a run directory per point and seed',
      )
      .argument('<scenario>', 'scenario JSON file')
      .option('-o, --out <dir>', 'output directory (default: results/<scenario name>)'),
  )
    .option('--no-charts', 'skip the charts (report.html is still written)')
    .option('--json', 'print summary.json (sweep.json for a sweep) to stdout instead of the table')
    .option('--csv-workers <n>', 'threads that format CSV while a single run simulates (default: 0 below 200 000 players, else 1)', parseWorkers)
    .option('--shard <k/n>', 'run only the k-th of n slices of a sweep\'s runs (join them with matchsim merge)', parseShardOption)
    .option('--tables <formats>', 'the formats of the large tables (rooms, players, timeline; a population\'s visits, matches, ratings): csv (default), parquet, or csv,parquet (Parquet needs the optional @duckdb/node-api)', asOption(parseTableFormats))
    .option('--runs <files>', "what each run of a sweep writes: all (tables, report, charts) or summary (its summary.json alone, for big sweeps)", parseRunFiles)
    .addHelpText('after', examples('matchsim run scenarios/seed.json', 'matchsim run scenarios/seed.json --set matcher.windowGrowth=25 -o results/g25', 'matchsim run scenarios/seed.json --sweep matcher.windowGrowth=10,25,50 --replications 5'))
    .exitOverride()
    .action(async (file: string, options: RunOptions) => {
      if (options.shard !== undefined) {
        const { document, loaded } = await loadFromOptions(file, options);
        if (!isSweep(loaded.scenario)) throw new InputError('--shard', undefined, `${file} is a single run: shards are slices of a sweep (give sweep or replications)`);
        const plan = planSweep(file, document, loaded.scenario, loaded.trust);
        const outDir = options.out ?? join('results', `${loaded.scenario.name}.shard-${options.shard.index}-of-${options.shard.of}`);
        const { runShardToDirectory } = await import('../sweep/shards.js');
        const runs = await runShardToDirectory(plan, document, options.shard, outDir, {
          workers: options.workers ?? availableParallelism(),
          charts: options.charts,
          runs: options.runs ?? 'all',
          ...(options.tables ? { tables: options.tables } : {}),
          progress: progressBar(io, 'runs'),
        });
        print(`shard ${options.shard.index}/${options.shard.of} of ${loaded.scenario.name}: ${runs} of ${plan.tasks.length} runs in ${outDir}\n`);
        io.stderr(`matchsim: wrote ${outDir}\n`);
        setExitCode(ExitCode.OK);
        return;
      }
      const { outDir, result } = await runFromOptions(file, options, io);
      if (result.kind === 'sweep') print(options.json ? JSON.stringify(result.sweep, null, 2) + '\n' : sweepTable(result.sweep, outDir));
      else print(options.json ? JSON.stringify(result.summary, null, 2) + '\n' : summaryTable(result.summary, outDir));
      io.stderr(`matchsim: wrote ${outDir}\n`);
      setExitCode(ExitCode.OK);
    });

  withScenarioOptions(
    program
      .command('check')
      .description('run a scenario (or read results with --from) and check its expectations and baseline: exit 0 when all hold, 1 when any fails, 2 on bad input')
      .argument('<scenario>', 'scenario JSON file')
      .option('-o, --out <dir>', 'output directory of the run (default: results/<scenario name>)')
      .option('--from <dir>', 'check results already written (a run, a sweep, or merged shards) instead of running')
      .option('--expect <file>', "expectations from a JSON file ({\"wait.p95\": {\"max\": 30}, ...}), in place of the scenario's expect")
      .option('--baseline <file>', 'a committed summary.json or sweep.json to compare with')
      .option('--tolerance <figure=n%|figure=n>', 'how far a figure may move the wrong way against the baseline, relative (10%) or absolute (repeatable; default: the headline figures, 0%)', collectTolerance)
      .option('--level <p>', 'confidence level of the baseline tests with replications', parseLevel, CONFIDENCE)
      .option('--update-baseline', 'write this result to --baseline instead of comparing with it')
      .option('--junit <file>', 'write JUnit XML: one test case per expectation and comparison')
      .option('--markdown <file>', 'write a Markdown table fit for a pull-request comment; appended to when it is $GITHUB_STEP_SUMMARY'),
  )
    .option('--charts', 'also write charts (off by default for checks)')
    .option('--json', 'print the verdicts as JSON instead of the table (no annotations then)')
    .addHelpText('after', examples('matchsim check scenarios/seed.json --baseline baselines/seed.json', 'matchsim check scenarios/seed.json --from results/seed --markdown check.md'))
    .exitOverride()
    .action(async (file: string, options: CheckOptions) => {
      if (options.updateBaseline && options.baseline === undefined) throw new InputError('--update-baseline', undefined, 'needs --baseline FILE to write to');
      const { document, overrides } = scenarioFromOptions(file, options);
      const loaded = resolveScenario(file, document, overrides, trustOf(options));
      const [{ readResult, readResultFile, resultFileIn }, { changedFields, checkSameScenario }, { checkJson, checkJUnit, checkMarkdown, checkTable, failures, githubAnnotations }, { defaultTolerances, evaluateCheck, readExpectations }] = await Promise.all([
        import('../reports/result-points.js'),
        import('../check/same-scenario.js'),
        import('../check/check-reports.js'),
        import('../check/run-check.js'),
      ]);
      const expectations = options.expect !== undefined ? readExpectations(options.expect) : loaded.scenario.expect;
      if (expectations === undefined && options.baseline === undefined) {
        throw new InputError(file, 'expect', 'nothing to check: give expect in the scenario, --expect FILE or --baseline FILE');
      }
      // Outputs that cannot be written stop the check before any work, as a bad baseline does.
      if (options.updateBaseline) checkFileReplaceable(options.baseline as string, OWN_FILES.result);
      if (options.junit !== undefined) checkFileReplaceable(options.junit, OWN_FILES.junit);
      // GitHub's step summary is a file the runner makes for each step, for every tool of the step to append to (as @actions/core's summary does).
      const stepSummary = options.markdown !== undefined && isStepSummary(options.markdown, io.env?.GITHUB_STEP_SUMMARY);
      if (options.markdown !== undefined && !stepSummary) checkFileReplaceable(options.markdown, OWN_FILES.markdown);
      // Read the baseline before running, so that a bad one stops the check before any work.
      const baseline = options.baseline !== undefined && !options.updateBaseline ? readResultFile(options.baseline) : undefined;
      // Like with like: a baseline of this scenario, but for what the command line changes (the change under test).
      if (baseline !== undefined) {
        let changed = overrides.map((o) => o.path.join('.'));
        try {
          changed = [...changed, ...changedFields(resolveScenario(file, readScenarioDocument(file), [], trustOf(options)).scenario, loaded.scenario)];
        } catch {
          // The file alone does not resolve (an override mends it): the overrides' own paths are what is left out.
        }
        checkSameScenario(options.baseline as string, 'baseline', baseline.scenario, loaded.scenario, changed);
      }
      let resultDir: string;
      if (options.from !== undefined) {
        resultDir = options.from;
      } else {
        resultDir = (await runFromOptions(file, { ...options, charts: options.charts === true, json: false }, io)).outDir;
        io.stderr(`matchsim: wrote ${resultDir}\n`);
      }
      const result = readResult(resultDir);
      // Results read with --from must be of exactly the scenario checked, overrides included.
      if (options.from !== undefined) checkSameScenario(resultFileIn(resultDir), 'result', result.scenario, loaded.scenario);
      const notes: string[] = [];
      if (options.updateBaseline) {
        const source = resultFileIn(resultDir);
        writeFileAtomically(options.baseline as string, readText(source, 'result', MAX_BYTES.result), OWN_FILES.result);
        notes.push(`baseline ${options.baseline} written from ${source}`);
      }
      const tolerances = options.tolerance !== undefined && options.tolerance.length > 0 ? new Map(options.tolerance) : defaultTolerances();
      const outcome = evaluateCheck({ scenario: loaded.scenario.name, result, expectations, baseline, tolerances, level: options.level, notes });
      if (options.junit !== undefined) writeFileAtomically(options.junit, checkJUnit(outcome), OWN_FILES.junit);
      if (options.markdown !== undefined) {
        if (stepSummary) appendToStepSummary(options.markdown, checkMarkdown(outcome));
        else writeFileAtomically(options.markdown, checkMarkdown(outcome), OWN_FILES.markdown);
      }
      if (options.json) print(checkJson(outcome));
      else {
        print(checkTable(outcome));
        if (io.env?.GITHUB_ACTIONS === 'true') io.stdout(githubAnnotations(outcome, file));
      }
      setExitCode(failures(outcome.rows) > 0 ? ExitCode.CHECK_FAILED : ExitCode.OK);
    });

  program
    .command('merge')
    .description('join the shard directories of a sweep (run --shard k/n) or of a tuning (tune --shard k/n) into its outputs, byte-identical to an unsharded run')
    .argument('<shards...>', 'the shard directories, one per slice')
    .requiredOption('-o, --out <dir>', 'output directory of the whole sweep (required)')
    .option('--json', 'print sweep.json (tune.json for a tuning) to stdout instead of the table')
    .option(TRUST_FLAG, TRUST_HELP)
    .addHelpText('after', examples('matchsim run scenarios/growth-sweep.json --shard 1/2 -o shard1', 'matchsim merge shard1 shard2 -o results/growth-sweep'))
    .exitOverride()
    .action(async (dirs: string[], options: { out: string; json?: boolean; trustScenario?: boolean }) => {
      const { isTuneShard, mergeTuneShards } = await import('../tune/tune-shards.js');
      if (dirs.length > 0 && isTuneShard(dirs[0])) {
        const { tuneText, infeasibleText } = await import('../tune/tune-output.js');
        const tuned = await mergeTuneShards(dirs, options.out);
        print(options.json ? JSON.stringify(tuned, null, 2) + '\n' : tuneText(tuned, options.out));
        io.stderr(`matchsim: wrote ${options.out}\n`);
        setExitCode(tuneExitCode(infeasibleText(tuned), io));
        return;
      }
      const { mergeShards } = await import('../sweep/shards.js');
      const sweep = await mergeShards(dirs, options.out, trustOf(options));
      print(options.json ? JSON.stringify(sweep, null, 2) + '\n' : sweepTable(sweep, options.out));
      io.stderr(`matchsim: wrote ${options.out}\n`);
      setExitCode(ExitCode.OK);
    });

  program
    .command('init')
    .description('write a starter scenario NAME.json in the current folder, its $schema pointing at the installed schema so that an editor completes every field; never replaces a file')
    .argument('[name]', 'the scenario\'s name and file name (default: scenario)')
    .option('--template <template>', 'run (one run), population (players who come back), teams (5v5 with parties) or sweep (window growth, replicated)', parseTemplate, 'run' as TemplateName)
    .addHelpText('after', examples('matchsim init', 'matchsim init night --template population && matchsim run night.json'))
    .exitOverride()
    .action(async (name: string | undefined, options: { template: TemplateName }) => {
      const { initScenario } = await import('./init.js');
      const file = initScenario(name ?? 'scenario', options.template, process.cwd());
      const shown = relative(process.cwd(), file);
      print(`wrote ${shown} (template ${options.template}); run it with: matchsim run ${shown}\n`);
      setExitCode(ExitCode.OK);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (the same as schema/scenario.schema.json)')
    .addHelpText('after', examples('matchsim schema > schema/scenario.schema.json'))
    .exitOverride()
    .action(() => {
      print(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      setExitCode(ExitCode.OK);
    });

  program
    .command('validate')
    .description('check scenario files (traces and sweep points included) without running them')
    .argument('<files...>', 'scenario JSON files')
    .option(TRUST_FLAG, 'let the scenarios name files outside their folders (validate never runs a matcher module: it checks that the file is there)')
    .addHelpText('after', examples('matchsim validate scenarios/*.json', 'matchsim validate --trust-scenario scenarios/fifo-module.json'))
    .exitOverride()
    .action(async (files: string[], options: { trustScenario?: boolean }) => {
      let bad = 0;
      for (const file of files) {
        try {
          const document = readScenarioDocument(file) as Record<string, unknown>;
          const loaded = resolveScenario(file, document, [], trustOf(options));
          checkMatcherModule(loaded);
          const plan = isSweep(loaded.scenario) ? planSweep(file, document, loaded.scenario, loaded.trust) : undefined;
          print(`ok  ${file}${plan ? ` (a sweep of ${plan.points.length} points x ${plan.seeds.length} seeds)` : ''}\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          bad++;
          for (const e of [error, ...error.related]) io.stderr(`matchsim: ${e.message}\n`);
        }
      }
      setExitCode(bad > 0 ? ExitCode.BAD_INPUT : ExitCode.OK);
    });

  program
    .command('tune')
    .description('find the settings that meet a target: the best objective whose constraints hold by their whole 95% interval, over the parameters given')
    .argument('<scenario>', 'scenario JSON file')
    .option('--minimize <figure>', 'the figure to make as small as possible: a key of summary.json, e.g. spread.mean or breakdowns.scoreBands.0.waitP95')
    .option('--maximize <figure>', 'the figure to make as large as possible')
    .option('--subject-to <figure<=x>', "a constraint, e.g. 'wait.p95<=10' (repeatable); met only when its 95% interval is within the limit", collectConstraint)
    .option('--param <path=lo..hi>', "a parameter to search, e.g. matcher.windowGrowth=1..200 (repeatable; :log, :linear or :int after the range chooses its steps); none: the matcher's tunable parameters, as the algorithm registry declares them", collectParameter)
    .option('--budget <runs>', 'runs to spend in all, at each condition (default 120 for one parameter, 200 for two, 300 for more)', parseBudget)
    .option('--across <path=v1,v2,...>', 'tune at each value of a field, e.g. arrivals.rate=0.5,2,8 (repeatable: their cartesian product); a table of the best settings by condition', collectAcross)
    .option('--replications <n>', 'runs per candidate, at seeds seed, seed+1, ... (default 5)', parseCount)
    .option(TRUST_FLAG, TRUST_HELP)
    .option('--seed <n>', 'the first seed (default: the scenario\'s)', parseSeed)
    .option('--set <path=value>', 'override a scenario field by dotted path before tuning; null removes it (repeatable)', collectOverride)
    .option('--unset <path>', 'remove a scenario field before tuning (repeatable; applied before --set)', collectUnset)
    .option('--workers <n>', `threads for the runs (default: 0 for runs of fewer than ${TUNE_THREADED_PLAYERS} players, else the number of cores, ${availableParallelism()}); the answer is the same either way`, parseWorkers)
    .option('-o, --out <dir>', 'output directory (default: results/<scenario name>.tune)')
    .option('--json', 'print tune.json instead of the answer')
    .option('--no-charts', 'no charts in report.html (faster)')
    .option('--shard <k/n>', "tune only the k-th of n slices of the conditions of --across (join the shards with matchsim merge)", parseShardOption)
    .addHelpText(
      'after',
      `\nOutputs (in the directory):\n  tune.csv      every candidate evaluated, in the order of the search, with its figures and intervals\n  tune.json     the answer: best.settings (paths as --set takes them), the objective and each constraint with intervals;\n                with --across, byCondition: the same for each condition\n  report.html   the answer (by condition), the objective against the first constraint (feasible side shaded, Pareto front,\n                the answer marked), and the search round by round\n  tuned.json    the scenario with the answer filled in, ready to run (tuned-K.json for each condition of --across)\n` +
        examples(
          "matchsim tune scenarios/seed.json --minimize spread.mean --subject-to 'wait.p95<=10' --param matcher.windowGrowth=1..200",
          "matchsim tune scenarios/seed.json --minimize spread.mean --subject-to 'wait.p95<=10' --param matcher.windowGrowth=1..400 --across arrivals.rate=0.5,2,8",
          "matchsim tune scenarios/seed.json --minimize spread.mean --subject-to 'wait.p95<=10' --across arrivals.rate=0.5,2,8 --shard 1/3 -o shard1",
        ),
    )
    .exitOverride()
    .action(async (file: string, options: TuneOptions) => {
      const [{ tune }, { writeTuneFiles, tuneText, infeasibleText }, { writeTuneReport }] = await Promise.all([import('../tune/tune.js'), import('../tune/tune-output.js'), import('../tune/tune-report.js')]);
      if ((options.minimize === undefined) === (options.maximize === undefined)) throw new InputError('--minimize/--maximize', undefined, 'give exactly one objective: --minimize FIGURE or --maximize FIGURE');
      const { document: withSets, overrides: sets } = scenarioFromOptions(file, { set: options.set, unset: options.unset });
      // A tuning searches one scenario: a sweep's points would each want their own answer, which is what --across gives.
      const swept = withSets.sweep;
      if (typeof swept === 'object' && swept !== null && Object.keys(swept).length > 0) {
        const across = Object.entries(swept as Record<string, unknown>).map(([path, values]) => `--across ${path}=${Array.isArray(values) ? values.map(String).join(',') : '...'}`);
        throw new InputError(file, 'sweep', `a tuning tunes one scenario, and this one is a sweep: tune at each of its points with ${printable(across.join(' ')).slice(0, 200)}, or tune its base point with --unset sweep`);
      }
      // Replications are the tuning's own (--replications).
      const { sweep: _sweep, replications: _replications, ...document } = withSets;
      const loaded = resolveScenario(file, document, sets, trustOf(options));
      // No --param: what the registry declares tunable for this matcher (its window, the algorithm's own, the retry delay).
      const parameters = options.param ?? tunableParameters(loaded.scenario.matcher, (document.matcher ?? {}) as { windowGrowth?: unknown; algorithm?: unknown });
      if (options.param === undefined) io.stderr(`matchsim: searching ${parameters.map(parameterText).join(', ')} (the parameters the registry declares for this matcher; name others with --param)\n`);
      const replications = options.replications ?? 5;
      // Both ends of a range at least, and the run that checks the figures.
      const budget = options.budget ?? defaultBudget(parameters.length);
      if (budget < 2 * replications + 1) {
        throw new InputError('--budget', undefined, `${budget} runs cannot try two settings at ${replications} replications each: give at least ${2 * replications + 1}, or fewer --replications`);
      }
      const request = {
        file,
        document,
        trust: trustOf(options),
        goal: {
          objective: options.minimize !== undefined ? { figure: options.minimize, direction: 'minimize' as const } : { figure: options.maximize as string, direction: 'maximize' as const },
          constraints: options.subjectTo ?? [],
        },
        parameters,
        budget,
        replications,
        seed: options.seed ?? loaded.scenario.seed,
        // Threads pay for their start-up only when runs are long.
        workers: options.workers ?? (loaded.expectedPlayers < TUNE_THREADED_PLAYERS ? 0 : availableParallelism()),
      };
      for (const { path } of options.across ?? []) {
        const searched = parameters.find((p) => p.path === path || p.path.startsWith(`${path}.`) || path.startsWith(`${p.path}.`));
        if (searched !== undefined) throw new InputError(`--across ${path}`, undefined, `${searched.path} is also searched (--param): a field is either a condition or a parameter of one tuning`);
      }
      if (parameters.length > MAX_PARAMETERS) throw new InputError('--param', undefined, `${parameters.length} parameters given; a tuning searches at most ${MAX_PARAMETERS}`);
      // Counted from the lists before anything is expanded, as a sweep's runs are.
      const conditionCount = (options.across ?? []).reduce((n, a) => n * a.values.length, 1);
      if (conditionCount > MAX_SWEEP_RUNS || conditionCount * request.budget > MAX_BUDGET) {
        throw new InputError('--across', undefined, `${conditionCount.toLocaleString('en-US')} conditions at a budget of ${request.budget} runs each is ${(conditionCount * request.budget).toLocaleString('en-US')} runs; a tuning may spend at most ${MAX_BUDGET.toLocaleString('en-US')} runs in all (fewer values, or a smaller --budget)`);
      }
      // --across: the same search at each condition (the cartesian product of the fields given), each on the same seeds.
      let conditions: Array<Array<readonly [string, unknown]>> = [[]];
      for (const { path, values } of options.across ?? []) conditions = conditions.flatMap((c) => values.map((v) => [...c, [path, v] as const]));
      const requests = conditions.map((condition) => {
        const overrides = condition.map(([path, value]) => ({ option: `--across ${path}=${JSON.stringify(value)}`, path: path.split('.'), value }));
        const at = applyOverrides(document, overrides) as Record<string, unknown>;
        // Each condition, and each parameter at both ends of its range, is checked here, before any run: a bad value is an error naming its option.
        resolveScenario(file, at, overrides, trustOf(options));
        for (const p of parameters) {
          for (const value of [p.low, p.high]) {
            const end = { option: `--param ${p.path}=${p.low}..${p.high}`, path: p.path.split('.'), value };
            resolveScenario(file, applyOverrides(at, [end]), [end], trustOf(options));
          }
        }
        return { condition, request: { ...request, document: at } };
      });
      // Where the search is: on a terminal a line redrawn after each batch of runs; off one, a line every 30 s.
      let status = 'starting';
      const beat = heartbeat(io, 'the tuning', () => status);
      const tuneEach = async (mine: ReadonlyArray<{ condition: Array<readonly [string, unknown]>; request: typeof request & { document: Record<string, unknown> } }>) => {
        const outcomes = [];
        try {
          for (const { condition, request: r } of mine) {
            const where = options.across ? `${printable(condition.map(([path, value]) => `${path}=${String(value)}`).join(', '))}: ` : '';
            const progress = (p: Parameters<typeof tuneProgressText>[0]) => {
              status = `${where}${tuneProgressText(p, request.goal.objective.figure)}`;
              if (io.stderrIsTTY) io.stderr(`\r${status}\u001b[K`);
            };
            outcomes.push({ ...(options.across ? { condition } : {}), request: r, result: await tune({ ...r, progress }) });
          }
        } finally {
          beat.stop();
          if (io.stderrIsTTY && status !== 'starting') io.stderr('\n');
        }
        return outcomes;
      };
      if (options.shard !== undefined) {
        const { shardConditions, writeTuneShard } = await import('../tune/tune-shards.js');
        const shard = options.shard;
        const mine = shardConditions(requests.map((r, index) => ({ ...r, index })), shard);
        const outDir = options.out ?? join('results', `${loaded.scenario.name}.tune.shard-${shard.index}-of-${shard.of}`);
        const outcomes = await tuneEach(mine);
        await writeTuneShard(outDir, shard, options.charts, requests.map((r) => (options.across ? r.condition : undefined)), mine.map((r) => r.index), outcomes);
        print(`shard ${shard.index}/${shard.of} of ${loaded.scenario.name}: ${mine.length} of ${requests.length} conditions tuned in ${outDir}\n`);
        io.stderr(`matchsim: wrote ${outDir}; join the shards with matchsim merge\n`);
        setExitCode(ExitCode.OK);
        return;
      }
      const outDir = options.out ?? join('results', `${loaded.scenario.name}.tune`);
      const summary = await writeDirectoryAtomically(outDir, async (dir) => {
        const outcomes = await tuneEach(requests);
        const written = writeTuneFiles(dir, outcomes, outDir);
        await writeTuneReport(dir, outcomes, written, options.charts);
        return written;
      });
      print(options.json ? JSON.stringify(summary, null, 2) + '\n' : tuneText(summary, outDir));
      io.stderr(`matchsim: wrote ${outDir}\n`);
      setExitCode(tuneExitCode(infeasibleText(summary), io));
    });

  program
    .command('compare')
    .description('put two to four results (runs or sweeps) side by side, figure by figure, each against the first, into a directory with compare.csv and report.html')
    .argument('<results...>', 'result directories (the first is the baseline), or their summary.json or sweep.json')
    .option('-o, --out <dir>', 'directory to write compare.csv and report.html into (default: results/compare-<A>-vs-<B>...)')
    .option('--no-charts', 'no charts in report.html (faster)')
    .option('--json', 'print the comparison as JSON instead of the table')
    .addHelpText(
      'after',
      `\nOutputs (in the directory):\n  compare.csv   every figure of each result against the first: a, b, b - a, change, test, p-value, significant, a_result, b_result\n  report.html   what differs between the resolved scenarios, field by field; key figures side by side with their intervals,\n                wait and spread CDFs overlaid (from the runs' players.csv and rooms.csv), and the significance tables\n  charts/       the charts as SVG and Vega-Lite JSON\nResults are named by their directories in tables and legends.\n` +
        examples('matchsim compare results/seed results/g25', 'matchsim compare results/seed results/anchor results/retry', 'matchsim compare baselines/seed.json results/seed -o results/seed-vs-baseline --json'),
    )
    .exitOverride()
    .action(async (paths: string[], options: { out?: string; charts: boolean; json?: boolean }) => {
      const [{ compareSides, comparisonCsv, MAX_SIDES }, { readResult }, { comparisonTable }, { writeCompareReport }] = await Promise.all([
        import('../reports/compare.js'),
        import('../reports/result-points.js'),
        import('./compare-table.js'),
        import('../reports/compare-report.js'),
      ]);
      if (paths.length < 2 || paths.length > MAX_SIDES) {
        throw new InputError('compare', undefined, `takes 2 to ${MAX_SIDES} results (the first is the baseline); got ${paths.length}`);
      }
      if (options.out !== undefined && /\.csv$/i.test(options.out)) {
        throw new InputError('--out', undefined, `${options.out}: compare writes a directory (compare.csv and report.html go inside it); give a directory`);
      }
      const names = sideNames(paths);
      const outDir = options.out ?? join('results', `compare-${paths.map(resultName).join('-vs-')}`.slice(0, 200));
      // Everything is read and compared before the directory is touched: nothing comparable is exit 2, with nothing written.
      const sides = paths.map((p) => readResult(p));
      const comparison = compareSides(sides, names);
      await writeDirectoryAtomically(outDir, async (dir) => {
        writeFileSync(join(dir, 'compare.csv'), comparisonCsv(comparison));
        await writeCompareReport(dir, comparison, sides, options.charts);
      });
      print(options.json ? JSON.stringify(comparison, null, 2) + '\n' : comparisonTable(comparison, outDir));
      setExitCode(ExitCode.OK);
    });

  return program;
}

/** Runs the CLI on `args` (without node and script) and returns the exit code. */
export async function main(args: readonly string[], io: CliIO = processIO): Promise<number> {
  let code: number = ExitCode.OK;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message; help and version are not errors.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
    return reportFailure(error, io);
  }
}

/** Any failure as one line on stderr and its exit code; a stack only for a bug, and only with MATCHSIM_DEBUG=1. */
export function reportFailure(error: unknown, io: CliIO): number {
  const say = (text: string) => io.stderr(`matchsim: ${oneLine(text)}\n`);
  if (error instanceof MatchsimError) {
    say(error.message);
    if (error.code === 'E_CONSERVATION') return ExitCode.CONSERVATION;
    if (error.code === 'E_ENV') return ExitCode.ENVIRONMENT;
    if (error.code === 'E_INPUT' || error.code === 'E_MODULE') return ExitCode.BAD_INPUT;
    return ExitCode.INTERNAL;
  }
  if (isFsError(error)) {
    say(EnvironmentError.fromFs(error.syscall ?? 'use', error.path ?? '(a file)', error).message);
    return ExitCode.ENVIRONMENT;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`internal error: ${message.split('\n')[0]} (a bug in matchsim; MATCHSIM_DEBUG=1 shows where)`);
  if (io.env?.MATCHSIM_DEBUG === '1' && error instanceof Error && error.stack) io.stderr(error.stack + '\n');
  return ExitCode.INTERNAL;
}
