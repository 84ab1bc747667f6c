import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { runScenarioToDirectory } from '../run.js';
import { loadScenario } from '../scenarios/load.js';
import { parseOverride, type Override } from '../scenarios/overrides.js';
import { ExitCode, processIO, type CliIO } from './io.js';
import { summaryTable } from './summary-table.js';

interface RunOptions {
  out?: string;
  seed?: number;
  set: Override[];
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
    .option('--json', 'print summary.json to stdout instead of the table')
    .option('--csv-workers <n>', 'threads that format CSV while the simulation runs (default: 0 below 200 000 players, else 2)', parseWorkers)
    .exitOverride()
    .action(async (file: string, options: RunOptions) => {
      const overrides = [...options.set];
      if (options.seed !== undefined) overrides.push({ option: `--seed ${options.seed}`, path: ['seed'], value: options.seed });
      const loaded = loadScenario(file, overrides);
      const outDir = options.out ?? join('results', loaded.scenario.name);
      const summary = await runScenarioToDirectory(loaded, outDir, { csvWorkers: options.csvWorkers });
      io.stdout(options.json ? JSON.stringify(summary, null, 2) + '\n' : summaryTable(summary, outDir));
      io.stderr(`matchsim: wrote ${outDir}\n`);
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
    if (error instanceof InputError) {
      io.stderr(`matchsim: ${error.message}\n`);
      return ExitCode.BAD_INPUT;
    }
    throw error;
  }
}
