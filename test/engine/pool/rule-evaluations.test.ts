import { describe, expect, it } from 'vitest';
import type { MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import { PartitionedPool, type AttributedCandidate } from '../../../src/engine/pool/partitioned-pool.js';
import { addedRuleEvaluations, ruleEvaluationsOf, type RuleEvaluation } from '../../../src/engine/pool/rule-evaluations.js';

/** A pool that forms nothing and reports the counts it is given (or none). */
function counting(counts?: RuleEvaluation[]): MatchAlgorithm<AttributedCandidate> {
  const pool: MatchAlgorithm<AttributedCandidate> = { roomSize: 2, size: 0, add: () => {}, remove: () => false, match: () => [], waiting: () => [] };
  return counts === undefined ? pool : Object.assign(pool, { ruleEvaluations: () => counts });
}

describe('rule evaluations', () => {
  it('adds pools\' counts rule by rule, in the order the rules are first met, names kept off object keys', () => {
    const a = [{ ruleName: 'skill', passedCount: 3, failedCount: 1 }, { ruleName: '__proto__', passedCount: 1, failedCount: 0 }];
    const b = [{ ruleName: 'skill', passedCount: 2, failedCount: 5 }, { ruleName: 'ping', passedCount: 7, failedCount: 0 }];
    expect(addedRuleEvaluations([a, b])).toEqual([
      { ruleName: 'skill', passedCount: 5, failedCount: 6 },
      { ruleName: '__proto__', passedCount: 1, failedCount: 0 },
      { ruleName: 'ping', passedCount: 7, failedCount: 0 },
    ]);
    expect(addedRuleEvaluations([])).toEqual([]);
  });

  it('reads a pool\'s counts as a copy, and none from a pool that does not count', () => {
    const counts = [{ ruleName: 'skill', passedCount: 1, failedCount: 2 }];
    const read = ruleEvaluationsOf(counting(counts));
    expect(read).toEqual(counts);
    expect(read?.[0]).not.toBe(counts[0]);
    expect(ruleEvaluationsOf(counting())).toBeUndefined();
  });

  it('a partitioned pool offers the sum of its pools\' counts only when every pool counts', () => {
    const specs = [{ name: 'a', filters: [] }, { name: 'b', filters: [] }];
    const both = [[{ ruleName: 'r', passedCount: 1, failedCount: 1 }], [{ ruleName: 'r', passedCount: 2, failedCount: 0 }]];
    let i = 0;
    const summed = new PartitionedPool(specs, () => counting(both[i++]));
    expect(ruleEvaluationsOf(summed)).toEqual([{ ruleName: 'r', passedCount: 3, failedCount: 1 }]);
    let j = 0;
    const mixed = new PartitionedPool(specs, () => counting(j++ === 0 ? both[0] : undefined));
    expect(ruleEvaluationsOf(mixed)).toBeUndefined();
  });
});
