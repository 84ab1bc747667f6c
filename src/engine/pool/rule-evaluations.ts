import type { Candidate, MatchAlgorithm } from './match-algorithm.js';

/**
 * How often one of a pool's rules passed and failed on the potential matches
 * it judged: a FlexMatch event's ruleEvaluationMetrics entry, in the
 * service's own field names so that a dashboard reads it unchanged.
 */
export interface RuleEvaluation {
  readonly ruleName: string;
  readonly passedCount: number;
  readonly failedCount: number;
}

/** A pool that counts its rules' evaluations over its life. */
export interface RuleEvaluating {
  ruleEvaluations(): readonly RuleEvaluation[];
}

/** The pool's counts so far, as a copy; undefined for a pool without rules to count. */
export function ruleEvaluationsOf<T extends Candidate>(pool: MatchAlgorithm<T>): RuleEvaluation[] | undefined {
  const counting = pool as MatchAlgorithm<T> & Partial<RuleEvaluating>;
  return typeof counting.ruleEvaluations === 'function' ? counting.ruleEvaluations().map(({ ruleName, passedCount, failedCount }) => ({ ruleName, passedCount, failedCount })) : undefined;
}

/** Several pools' counts (a partitioned pool's, each of the same rule set) added rule by rule, in the order the rules are first met. */
export function addedRuleEvaluations(lists: ReadonlyArray<readonly RuleEvaluation[]>): RuleEvaluation[] {
  // A rule's name is the user's: a Map, not an object's keys.
  const byName = new Map<string, { passedCount: number; failedCount: number }>();
  for (const list of lists) {
    for (const { ruleName, passedCount, failedCount } of list) {
      const sum = byName.get(ruleName);
      if (sum === undefined) byName.set(ruleName, { passedCount, failedCount });
      else {
        sum.passedCount += passedCount;
        sum.failedCount += failedCount;
      }
    }
  }
  return [...byName].map(([ruleName, c]) => ({ ruleName, passedCount: c.passedCount, failedCount: c.failedCount }));
}
