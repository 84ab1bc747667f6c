import { describe, expect, it } from 'vitest';
import { evaluate, type Proposal } from '../../../src/engine/pool/evaluator.js';

const proposal = (name: string, members: number[], quality: number, profile = 0, firstSeq = Math.min(...members)) => ({ name, members, quality, profile, firstSeq });

/** The names of the accepted proposals, a member taken once. */
function accepted(proposals: ReadonlyArray<Proposal<number> & { name: string }>): string[] {
  const taken = new Set<number>();
  return evaluate(proposals, (p) => p.members.some((m) => taken.has(m)), (p) => p.members.forEach((m) => taken.add(m))).map((p) => p.name);
}

describe('the evaluator', () => {
  it('takes the best proposals first and drops any that shares a request with one taken', () => {
    expect(accepted([proposal('a', [1, 2], 5), proposal('b', [2, 3], 9), proposal('c', [4, 5], 1), proposal('d', [1, 4], 3)])).toEqual(['b', 'd']);
  });

  it('breaks every tie by a stated rule: the earlier proposer, then the earlier first arrival, then the order proposed', () => {
    expect(accepted([proposal('later profile', [1, 2], 5, 1), proposal('earlier profile', [2, 3], 5, 0)])).toEqual(['earlier profile']);
    expect(accepted([proposal('later arrival', [2, 3], 5, 0, 7), proposal('earlier arrival', [3, 4], 5, 0, 2)])).toEqual(['earlier arrival']);
    expect(accepted([proposal('first proposed', [1, 2], 5, 0, 1), proposal('second proposed', [1, 3], 5, 0, 1)])).toEqual(['first proposed']);
    expect(accepted([proposal('second proposed', [1, 3], 5, 0, 1), proposal('first proposed', [1, 2], 5, 0, 1)])).toEqual(['second proposed']);
  });

  it('leaves its input as it was', () => {
    const proposals = [proposal('a', [1], 1), proposal('b', [2], 2)];
    accepted(proposals);
    expect(proposals.map((p) => p.name)).toEqual(['a', 'b']);
  });
});
