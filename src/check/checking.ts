import { appendFileSync, lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { EnvironmentError, InputError } from '../errors.js';
import { checkFileReplaceable, writeFileAtomically } from '../reports/output-dir.js';
import { readResult, readResultFile, resultFileIn, type ResultPoints } from '../reports/result-points.js';
import type { Expectations } from '../scenarios/expectations.js';
import { readScenarioDocument, resolveScenario, type LoadedScenario } from '../scenarios/load.js';
import type { Override } from '../scenarios/overrides.js';
import { MAX_BYTES, readText, realPathOr } from '../scenarios/read-text.js';
import type { ScenarioTrust } from '../scenarios/scenario-files.js';
import { checkJUnit, checkMarkdown, type CheckOutcome } from './check-reports.js';
import { defaultTolerances, evaluateCheck, readExpectations } from './run-check.js';
import { changedFields, checkSameScenario } from './same-scenario.js';
import type { Tolerance } from './tolerance.js';

/** How matchsim recognises a file it wrote, by its first bytes: only such a file is replaced. */
export const OWN_FILES = {
  result: (head: string) => /^\{\s*"matchsim":\s*\{\s*"(summary|sweep)Version"/.test(head),
  junit: (head: string) => head.includes('<testsuites name="matchsim check"'),
  markdown: (head: string) => /^### \S+ matchsim check /.test(head),
} as const;

/** What a check is asked, as the command line gives it. */
export interface CheckAsked {
  readonly file: string;
  /** The scenario document with the command line's overrides applied (`overrides`). */
  readonly document: Record<string, unknown>;
  readonly overrides: readonly Override[];
  readonly trust: ScenarioTrust;
  /** An expectations file, in place of the scenario's expect. */
  readonly expect?: string;
  readonly baseline?: string;
  readonly updateBaseline?: boolean;
  readonly junit?: string;
  readonly markdown?: string;
  /** The file GitHub's runner names in GITHUB_STEP_SUMMARY, if any: a --markdown of it is appended to. */
  readonly stepSummary?: string;
  readonly tolerances?: ReadonlyArray<[string, Tolerance]>;
  readonly level: number;
}

/** A check ready to read its result: everything that could stop it checked before any run. */
export interface PreparedCheck {
  readonly asked: CheckAsked;
  readonly loaded: LoadedScenario;
  readonly expectations?: Expectations;
  readonly baseline?: ResultPoints;
  readonly appendsToStepSummary: boolean;
}

/**
 * Resolves the scenario, reads the expectations and the baseline, and checks
 * that every output can be written, so that a bad input stops the check
 * before any work; a baseline must be of this scenario, but for what the
 * command line changes (the change under test).
 */
export function prepareCheck(asked: CheckAsked): PreparedCheck {
  const { file, overrides, trust } = asked;
  if (asked.updateBaseline && asked.baseline === undefined) throw new InputError('--update-baseline', undefined, 'needs --baseline FILE to write to');
  const loaded = resolveScenario(file, asked.document, overrides, trust);
  const expectations = asked.expect !== undefined ? readExpectations(asked.expect) : loaded.scenario.expect;
  if (expectations === undefined && asked.baseline === undefined) {
    throw new InputError(file, 'expect', 'nothing to check: give expect in the scenario, --expect FILE or --baseline FILE');
  }
  if (asked.updateBaseline) checkFileReplaceable(asked.baseline as string, OWN_FILES.result);
  if (asked.junit !== undefined) checkFileReplaceable(asked.junit, OWN_FILES.junit);
  // GitHub's step summary is a file the runner makes for each step, for every tool of the step to append to (as @actions/core's summary does).
  const appendsToStepSummary = asked.markdown !== undefined && isStepSummary(asked.markdown, asked.stepSummary);
  if (asked.markdown !== undefined && !appendsToStepSummary) checkFileReplaceable(asked.markdown, OWN_FILES.markdown);
  const baseline = asked.baseline !== undefined && !asked.updateBaseline ? readResultFile(asked.baseline) : undefined;
  if (baseline !== undefined) {
    let changed = overrides.map((o) => o.path.join('.'));
    try {
      changed = [...changed, ...changedFields(resolveScenario(file, readScenarioDocument(file, 'scenario', trust), [], trust).scenario, loaded.scenario)];
    } catch {
      // The file alone does not resolve (an override mends it): the overrides' own paths are what is left out.
    }
    checkSameScenario(asked.baseline as string, 'baseline', baseline.scenario, loaded.scenario, changed);
  }
  return { asked, loaded, expectations, baseline, appendsToStepSummary };
}

/**
 * Reads the result in `resultDir` (`given`: named by the user with --from,
 * so it must be of exactly the scenario checked), writes the baseline when
 * asked to, evaluates the expectations and the baseline, and writes the
 * JUnit and Markdown reports.
 */
export function finishCheck(check: PreparedCheck, resultDir: string, given: boolean): CheckOutcome {
  const { asked, loaded } = check;
  const result = readResult(resultDir);
  if (given) checkSameScenario(resultFileIn(resultDir), 'result', result.scenario, loaded.scenario);
  const notes: string[] = [];
  if (asked.updateBaseline) {
    const source = resultFileIn(resultDir);
    writeFileAtomically(asked.baseline as string, readText(source, 'result', MAX_BYTES.result), OWN_FILES.result);
    notes.push(`baseline ${asked.baseline} written from ${source}`);
  }
  const tolerances = asked.tolerances !== undefined && asked.tolerances.length > 0 ? new Map(asked.tolerances) : defaultTolerances(check.baseline);
  const outcome = evaluateCheck({ scenario: loaded.scenario.name, result, expectations: check.expectations, baseline: check.baseline, tolerances, level: asked.level, notes });
  if (asked.junit !== undefined) writeFileAtomically(asked.junit, checkJUnit(outcome), OWN_FILES.junit);
  if (asked.markdown !== undefined) {
    if (check.appendsToStepSummary) appendToStepSummary(asked.markdown, checkMarkdown(outcome));
    else writeFileAtomically(asked.markdown, checkMarkdown(outcome), OWN_FILES.markdown);
  }
  return outcome;
}

/** True when `file` is the step summary GitHub's runner named in GITHUB_STEP_SUMMARY (the same file, links resolved). */
export function isStepSummary(file: string, stepSummary: string | undefined): boolean {
  return stepSummary !== undefined && stepSummary !== '' && realPathOr(resolve(file)) === realPathOr(resolve(stepSummary));
}

/** Appends a report to the step summary: it must be the regular file the runner made; a blank line keeps it apart from what others wrote. */
export function appendToStepSummary(file: string, markdown: string): void {
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
