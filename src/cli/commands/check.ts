import { Command } from 'commander';
import { CONFIDENCE } from '../../reports/confidence-level.js';
import { ExitCode } from '../io.js';
import { collectTolerance, parseLevel, type CheckOptions, scenarioFromOptions, trustOf, runFromOptions, examples, withScenarioOptions } from '../options.js';
import type { CommandContext } from './context.js';

/** matchsim check: its options and its action (what only it needs is imported when it runs, to keep the CLI's start quick). */
export function registerCheck(program: Command, cli: CommandContext): void {
  const { io, print, setExitCode } = cli;
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
      const [{ finishCheck, prepareCheck }, { checkJson, checkTable, failures, githubAnnotations }] = await Promise.all([import('../../check/checking.js'), import('../../check/check-reports.js')]);
      const { document, overrides } = scenarioFromOptions(file, options);
      const check = prepareCheck({
        file,
        document,
        overrides,
        trust: trustOf(options),
        expect: options.expect,
        baseline: options.baseline,
        updateBaseline: options.updateBaseline,
        junit: options.junit,
        markdown: options.markdown,
        stepSummary: io.env?.GITHUB_STEP_SUMMARY,
        tolerances: options.tolerance,
        level: options.level,
      });
      let resultDir: string;
      if (options.from !== undefined) {
        resultDir = options.from;
      } else {
        resultDir = (await runFromOptions(file, { ...options, charts: options.charts === true, json: false }, io)).outDir;
        io.stderr(`matchsim: wrote ${resultDir}\n`);
      }
      const outcome = finishCheck(check, resultDir, options.from !== undefined);
      if (options.json) print(checkJson(outcome));
      else {
        print(checkTable(outcome));
        if (io.env?.GITHUB_ACTIONS === 'true') io.stdout(githubAnnotations(outcome, file));
      }
      setExitCode(failures(outcome.rows) > 0 ? ExitCode.CHECK_FAILED : ExitCode.OK);
    });
}
