import { Command } from 'commander';
import { MAX_BYTES, readText } from '../../scenarios/read-text.js';
import { InputError } from '../../errors.js';
import { readScenarioDocument, resolveScenario } from '../../scenarios/load.js';
import { CONFIDENCE } from '../../reports/confidence-level.js';
import { checkFileReplaceable, writeFileAtomically } from '../../reports/output-dir.js';
import { ExitCode } from '../io.js';
import { collectTolerance, parseLevel, type CheckOptions, OWN_FILES, scenarioFromOptions, trustOf, runFromOptions, isStepSummary, appendToStepSummary, examples, withScenarioOptions } from '../options.js';
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
      if (options.updateBaseline && options.baseline === undefined) throw new InputError('--update-baseline', undefined, 'needs --baseline FILE to write to');
      const { document, overrides } = scenarioFromOptions(file, options);
      const loaded = resolveScenario(file, document, overrides, trustOf(options));
      const [{ readResult, readResultFile, resultFileIn }, { changedFields, checkSameScenario }, { checkJson, checkJUnit, checkMarkdown, checkTable, failures, githubAnnotations }, { defaultTolerances, evaluateCheck, readExpectations }] = await Promise.all([
        import('../../reports/result-points.js'),
        import('../../check/same-scenario.js'),
        import('../../check/check-reports.js'),
        import('../../check/run-check.js'),
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
}
