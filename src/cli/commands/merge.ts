import { Command } from 'commander';
import { TRUST_FLAG } from '../../scenarios/scenario-files.js';
import { ExitCode } from '../io.js';
import { sweepTable } from '../sweep-table.js';
import { trustOf, tuneExitCode, examples, TRUST_HELP } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim merge: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerMerge(program: Command, cli: CommandContext): void {
  const { io, print, setExitCode } = cli;
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
      const { isTuneShard, mergeTuneShards } = await import('../../tune/tune-shards.js');
      if (dirs.length > 0 && isTuneShard(dirs[0])) {
        const { tuneText, infeasibleText } = await import('../../tune/tune-output.js');
        const tuned = await mergeTuneShards(dirs, options.out);
        print(options.json ? JSON.stringify(tuned, null, 2) + '\n' : tuneText(tuned, options.out));
        io.stderr(`matchsim: wrote ${options.out}\n`);
        setExitCode(tuneExitCode(infeasibleText(tuned), io));
        return;
      }
      const { mergeShards } = await import('../../sweep/shards.js');
      const sweep = await mergeShards(dirs, options.out, trustOf(options));
      print(options.json ? JSON.stringify(sweep, null, 2) + '\n' : sweepTable(sweep, options.out));
      io.stderr(`matchsim: wrote ${options.out}\n`);
      setExitCode(ExitCode.OK);
    });
}
