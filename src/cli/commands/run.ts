import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { parseTableFormats } from '../../reports/parquet-tables.js';
import { isSweep, planSweep } from '../../sweep/plan.js';
import { ExitCode } from '../io.js';
import { progressBar } from '../progress.js';
import { summaryTable } from '../summary-table.js';
import { sweepTable } from '../sweep-table.js';
import { type RunOptions, parseWorkers, asOption, parseShardOption, parseRunFiles, loadFromOptions, runFromOptions, examples, withScenarioOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim run: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerRun(program: Command, cli: CommandContext): void {
  const { io, print, setExitCode } = cli;
  withScenarioOptions(
    program
      .command('run')
      .description(
        'run a scenario, or a sweep, into a result directory. A run writes rooms.csv, players.csv, timeline.csv, summary.json, breakdown.csv (with acceptance, proposals.csv), report.html and charts/ (SVG and Vega-Lite JSON); a sweep writes sweep.csv, sweep.json, report.html and points/, a run directory per point and seed',
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
        const { runShardToDirectory } = await import('../../sweep/shards.js');
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
}
