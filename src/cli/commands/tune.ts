import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { TRUST_FLAG } from '../../scenarios/scenario-files.js';
import { parameterText, TUNE_THREADED_PLAYERS } from '../../tune/parse.js';
import { ExitCode } from '../io.js';
import { tuneProgressText } from '../progress.js';
import { heartbeat } from '../heartbeat.js';
import { parseSeed, parseWorkers, parseCount, collectAcross, parseShardOption, type TuneOptions, parseBudget, collectOverride, collectUnset, collectConstraint, collectParameter, scenarioFromOptions, trustOf, tuneExitCode, examples, TRUST_HELP } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim tune: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerTune(program: Command, cli: CommandContext): void {
  const { io, print, setExitCode } = cli;
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
      const [{ planTuning, tuneShardToDirectory, tuneToDirectory, tuningDirectory }, { tuneText, infeasibleText }] = await Promise.all([import('../../tune/tuning.js'), import('../../tune/tune-output.js')]);
      const { document, overrides: sets } = scenarioFromOptions(file, { set: options.set, unset: options.unset });
      const plan = planTuning({
        file,
        document,
        sets,
        trust: trustOf(options),
        minimize: options.minimize,
        maximize: options.maximize,
        constraints: options.subjectTo,
        parameters: options.param,
        budget: options.budget,
        replications: options.replications,
        seed: options.seed,
        workers: options.workers,
        across: options.across,
      });
      if (plan.defaultParameters) io.stderr(`matchsim: searching ${plan.request.parameters.map(parameterText).join(', ')} (the parameters the registry declares for this matcher; name others with --param)\n`);
      // Where the search is: on a terminal a line redrawn after each batch of runs; off one, a line every 30 s.
      let status = 'starting';
      const beat = heartbeat(io, 'the tuning', () => status);
      const progress = (where: string, p: Parameters<typeof tuneProgressText>[0]) => {
        status = `${where === '' ? '' : `${where}: `}${tuneProgressText(p, plan.request.goal.objective.figure)}`;
        if (io.stderrIsTTY) io.stderr(`\r${status}\u001b[K`);
      };
      const stopProgress = () => {
        beat.stop();
        if (io.stderrIsTTY && status !== 'starting') io.stderr('\n');
      };
      if (options.shard !== undefined) {
        const shard = options.shard;
        const outDir = options.out ?? tuningDirectory(plan, shard);
        let tuned;
        try {
          tuned = await tuneShardToDirectory(plan, shard, outDir, options.charts, progress);
        } finally {
          stopProgress();
        }
        print(`shard ${shard.index}/${shard.of} of ${plan.name}: ${tuned} of ${plan.conditions.length} conditions tuned in ${outDir}\n`);
        io.stderr(`matchsim: wrote ${outDir}; join the shards with matchsim merge\n`);
        setExitCode(ExitCode.OK);
        return;
      }
      const outDir = options.out ?? tuningDirectory(plan);
      let summary;
      try {
        summary = await tuneToDirectory(plan, outDir, options.charts, progress);
      } finally {
        stopProgress();
      }
      print(options.json ? JSON.stringify(summary, null, 2) + '\n' : tuneText(summary, outDir));
      io.stderr(`matchsim: wrote ${outDir}\n`);
      setExitCode(tuneExitCode(infeasibleText(summary), io));
    });
}
