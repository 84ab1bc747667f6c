import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { resolveScenario } from '../../scenarios/load.js';
import { TRUST_FLAG } from '../../scenarios/scenario-files.js';
import { applyOverrides } from '../../scenarios/overrides.js';
import { MAX_SWEEP_RUNS } from '../../scenarios/schema.js';
import { writeDirectoryAtomically } from '../../reports/output-dir.js';
import { defaultBudget, MAX_BUDGET, MAX_PARAMETERS, parameterText } from '../../tune/parse.js';
import { tunableParameters } from '../../algorithms/registry.js';
import { ExitCode } from '../io.js';
import { printable } from '../../reports/console-text.js';
import { tuneProgressText } from '../progress.js';
import { heartbeat } from '../heartbeat.js';
import { parseSeed, parseWorkers, parseCount, collectAcross, parseShardOption, type TuneOptions, TUNE_THREADED_PLAYERS, parseBudget, collectOverride, collectUnset, collectConstraint, collectParameter, scenarioFromOptions, trustOf, tuneExitCode, examples, TRUST_HELP } from '../options.js';
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
      const [{ tune }, { writeTuneFiles, tuneText, infeasibleText }, { writeTuneReport }] = await Promise.all([import('../../tune/tune.js'), import('../../tune/tune-output.js'), import('../../tune/tune-report.js')]);
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
        const { shardConditions, writeTuneShard } = await import('../../tune/tune-shards.js');
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
}
