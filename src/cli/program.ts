import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { runScenarioToDirectory } from '../run.js';
import { scenarioJsonSchema } from '../scenarios/json-schema.js';
import { readScenarioDocument, resolveScenario } from '../scenarios/load.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { UserMatcherError } from '../engine/pool/user-module.js';
import { applyOverrides, parseOverride, type Override } from '../scenarios/overrides.js';
import { isSweep, planSweep } from '../sweep/plan.js';
import { runSweepToDirectory } from '../sweep/run-sweep.js';
import { compareResults, comparisonCsv, readResult } from '../reports/compare.js';
import { comparisonTable } from './compare-table.js';
import { ExitCode, processIO, type CliIO } from './io.js';
import { progressBar } from './progress.js';
import { summaryTable } from './summary-table.js';
import { sweepTable } from './sweep-table.js';

interface RunOptions {
  out?: string;
  seed?: number;
  set: Override[];
  sweep: Override[];
  replications?: number;
  workers?: number;
  charts: boolean;
  json?: boolean;
  csvWorkers?: number;
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
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) throw new InvalidArgumentError('expected a whole number from 1 to 1000');
  return Number(text);
}

/** "--sweep a.b=1,2,3": each value is JSON when it parses as JSON, otherwise a string. */
function collectSweep(text: string, previous: Override[]): Override[] {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new InvalidArgumentError('expected PATH=V1,V2,..., e.g. matcher.windowGrowth=10,25,50');
  const path = text.slice(0, eq);
  const values = text.slice(eq + 1).split(',').map((raw) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  });
  return [...previous, { option: `--sweep ${text}`, path: ['sweep', path], value: values }];
}

function collectOverride(text: string, previous: Override[]): Override[] {
  try {
    return [...previous, parseOverride(text)];
  } catch (error) {
    if (error instanceof InputError) throw new InvalidArgumentError(error.detail);
    throw error;
  }
}

/** The matchsim program. It is the only place that reads argv, prints, or sets the exit code. */
export function buildProgram(io: CliIO, setExitCode: (code: number) => void): Command {
  const program = new Command('matchsim')
    .description('Deterministic matchmaking simulator: runs the real match-pool code against arrival streams and reports waits, score spread and throughput.')
    .version('0.1.0')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run matchsim --help for usage)');

  program
    .command('run')
    .description('run a scenario and write rooms.csv, players.csv, timeline.csv and summary.json')
    .argument('<scenario>', 'scenario JSON file')
    .option('-o, --out <dir>', 'output directory (default: results/<scenario name>)')
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--set <path=value>', 'override a scenario field by dotted path, e.g. matcher.windowGrowth=25 (repeatable)', collectOverride, [])
    .option('--sweep <path=v1,v2,...>', 'run the scenario at each value of a field; several give their cartesian product (repeatable)', collectSweep, [])
    .option('--replications <n>', 'runs per point, with seeds seed, seed+1, ...; figures get 95% confidence intervals', parseCount)
    .option('--workers <n>', `threads for the runs of a sweep (default: the number of cores, ${availableParallelism()}); 0 runs them on the main thread`, parseWorkers)
    .option('--no-charts', 'skip the charts (report.html is still written)')
    .option('--json', 'print summary.json (sweep.json for a sweep) to stdout instead of the table')
    .option('--csv-workers <n>', 'threads that format CSV while a single run simulates (default: 0 below 200 000 players, else 2)', parseWorkers)
    .exitOverride()
    .action(async (file: string, options: RunOptions) => {
      const overrides = [...options.set, ...options.sweep];
      if (options.seed !== undefined) overrides.push({ option: `--seed ${options.seed}`, path: ['seed'], value: options.seed });
      if (options.replications !== undefined) {
        overrides.push({ option: `--replications ${options.replications}`, path: ['replications'], value: options.replications });
      }
      const document = applyOverrides(readScenarioDocument(file), overrides) as Record<string, unknown>;
      const loaded = await loadMatcherModule(resolveScenario(file, document, overrides));
      const outDir = options.out ?? join('results', loaded.scenario.name);
      if (isSweep(loaded.scenario)) {
        const plan = planSweep(file, document, loaded.scenario);
        const sweep = await runSweepToDirectory(plan, outDir, {
          workers: options.workers ?? availableParallelism(),
          charts: options.charts,
          progress: progressBar(io, 'runs'),
        });
        io.stdout(options.json ? JSON.stringify(sweep, null, 2) + '\n' : sweepTable(sweep, outDir));
      } else {
        const summary = await runScenarioToDirectory(loaded, outDir, { csvWorkers: options.csvWorkers, charts: options.charts });
        io.stdout(options.json ? JSON.stringify(summary, null, 2) + '\n' : summaryTable(summary, outDir));
      }
      io.stderr(`matchsim: wrote ${outDir}\n`);
      setExitCode(ExitCode.OK);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (the same as schema/scenario.schema.json)')
    .exitOverride()
    .action(() => {
      io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
      setExitCode(ExitCode.OK);
    });

  program
    .command('validate')
    .description('check scenario files (traces and sweep points included) without running them')
    .argument('<files...>', 'scenario JSON files')
    .exitOverride()
    .action(async (files: string[]) => {
      let bad = 0;
      for (const file of files) {
        try {
          const document = readScenarioDocument(file) as Record<string, unknown>;
          const loaded = await loadMatcherModule(resolveScenario(file, document));
          const plan = isSweep(loaded.scenario) ? planSweep(file, document, loaded.scenario) : undefined;
          io.stdout(`ok  ${file}${plan ? ` (a sweep of ${plan.points.length} points x ${plan.seeds.length} seeds)` : ''}\n`);
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          bad++;
          for (const e of [error, ...error.related]) io.stderr(`matchsim: ${e.message}\n`);
        }
      }
      setExitCode(bad > 0 ? ExitCode.BAD_INPUT : ExitCode.OK);
    });

  program
    .command('compare')
    .description('put two result directories (runs or sweeps) side by side, figure by figure')
    .argument('<a>', 'result directory A (the baseline)')
    .argument('<b>', 'result directory B')
    .option('-o, --out <file>', 'CSV file to write the table to', 'compare.csv')
    .option('--json', 'print the comparison as JSON instead of the table')
    .exitOverride()
    .action((a: string, b: string, options: { out: string; json?: boolean }) => {
      const comparison = compareResults(readResult(a), readResult(b));
      writeFileSync(options.out, comparisonCsv(comparison));
      io.stdout(options.json ? JSON.stringify(comparison, null, 2) + '\n' : comparisonTable(comparison, options.out));
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
    if (error instanceof InputError || error instanceof UserMatcherError) {
      io.stderr(`matchsim: ${error.message}\n`);
      return ExitCode.BAD_INPUT;
    }
    throw error;
  }
}
