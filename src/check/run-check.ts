import { CONFIDENCE } from '../reports/confidence.js';
import { HEADLINE, OPTIONAL_HEADLINE } from '../reports/figures.js';
import type { ResultPoints } from '../reports/result-points.js';
import { issueError, readScenarioDocument } from '../scenarios/load.js';
import { expectationsSchema, type Expectations } from '../scenarios/expectations.js';
import type { CheckOutcome } from './check-reports.js';
import { checkBaseline, checkExpectations } from './verdicts.js';
import type { Tolerance } from './tolerance.js';

/** Reads an expectations file ({"wait.p95": {"max": 30}, ...}); errors name the file and the field. */
export function readExpectations(file: string): Expectations {
  const parsed = expectationsSchema.safeParse(readScenarioDocument(file, 'expectations file'), { reportInput: true });
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues.map((issue) => issueError(file, issue));
    first.related = rest;
    throw first;
  }
  return parsed.data;
}

/**
 * What a baseline comparison checks when no --tolerance is given: the
 * headline figures, and those only some runs have (teams, a population, data
 * centres: latency.p95) where the baseline has them, allowed no worsening.
 */
export function defaultTolerances(baseline?: ResultPoints): Map<string, Tolerance> {
  const has = (key: string) => baseline?.points.some((p) => (p.values[key] ?? []).some((x) => x !== null)) === true;
  return new Map([...HEADLINE, ...OPTIONAL_HEADLINE.filter(([key]) => has(key))].map(([key]) => [key, { relative: 0 }]));
}

export interface CheckInput {
  readonly scenario: string;
  readonly result: ResultPoints;
  readonly expectations?: Expectations;
  readonly baseline?: ResultPoints;
  readonly tolerances: ReadonlyMap<string, Tolerance>;
  readonly level?: number;
  readonly notes?: readonly string[];
}

/** Evaluates expectations, then the baseline comparison, into one outcome. */
export function evaluateCheck(input: CheckInput): CheckOutcome {
  const rows = [
    ...(input.expectations ? checkExpectations(input.result, input.expectations) : []),
    ...(input.baseline ? checkBaseline(input.result, input.baseline, input.tolerances, input.level ?? CONFIDENCE) : []),
  ];
  return { scenario: input.scenario, results: input.result.dir, rows, notes: input.notes ?? [] };
}
