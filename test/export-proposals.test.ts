import { describe, expect, it } from 'vitest';
import { readProposals } from '../src/export-proposals.js';
import { PROPOSAL_OUTCOMES } from '../src/engine/run-tally.js';
import { proposalsCsv } from '../src/reports/proposals.js';
import { writeFiles } from './fixtures/helpers.js';

const HEADER = 'proposal,proposed_at,settled_at,outcome,player,answer,answered_at';
const read = (text: string, players = ['p1', 'p2', 'p3']) => readProposals(writeFiles({ 'proposals.csv': text }), players);

describe('proposals.csv read back', () => {
  it('is what the run wrote: each proposal with its players, answers and times, a formula-like id included', () => {
    const records = {
      proposedAt: Float64Array.of(3, 6),
      settledAt: Float64Array.of(4, NaN),
      outcome: Int8Array.of(PROPOSAL_OUTCOMES.indexOf('rejected'), PROPOSAL_OUTCOMES.indexOf('pending')),
      rows: { proposal: Int32Array.of(0, 0, 1, 1), player: Int32Array.of(0, 1, 1, 2), answer: Int8Array.of(0, 1, 1, -1), answeredAt: Float64Array.of(3.5, 3.25, 6.5, NaN) },
    };
    const ids = ['p1', '=SUM(A1)', 'p3'];
    const text = proposalsCsv(records, (i) => ids[i]);
    expect(text).not.toMatch(/(^|,)=SUM/m);
    expect(read(text, ids)).toEqual([
      { number: 1, proposedAt: 3, settledAt: 4, outcome: 'rejected', players: [{ player: 0, answer: 'rejected', answeredAt: 3.5 }, { player: 1, answer: 'accepted', answeredAt: 3.25 }] },
      { number: 2, proposedAt: 6, settledAt: NaN, outcome: 'pending', players: [{ player: 1, answer: 'accepted', answeredAt: 6.5 }, { player: 2, answer: undefined, answeredAt: NaN }] },
    ]);
  });

  it('is refused where damaged, naming the line and column and never a cell', () => {
    const refused = (rows: string, message: RegExp) => {
      expect(() => read(`${HEADER}\n${rows}\n`)).toThrow(message);
      try {
        read(`${HEADER}\n${rows}\n`);
      } catch (error) {
        expect((error as Error).message).not.toMatch(/SECRET/);
      }
    };
    expect(() => read('proposal,when\n1,2\n')).toThrow(/proposals\.csv: line 1: not a matchsim proposals\.csv/);
    refused('1,3,4,SECRET,p1,,', /line 2, column outcome: is not one of pending, accepted, rejected, timedOut/);
    refused('1,3,4,rejected,SECRET,,', /line 2, column player: is not a player of the run's players\.csv/);
    refused('1,3,4,rejected,p1,SECRET,', /line 2, column answer: is not accepted, rejected or empty/);
    refused('1,SECRET,4,rejected,p1,,', /line 2, column proposed_at: is not a time in seconds/);
    refused('1,3,,rejected,p1,,', /line 2, column settled_at: is empty, for a proposal that was settled/);
    refused('1,3,4,rejected,p1,accepted,', /line 2, column answered_at: is empty, for an answer/);
    refused('2,3,4,rejected,p1,,', /line 2, column proposal: is not the next proposal's number \(1\)/);
    refused('1,3,4,rejected,p1,,\n1,3,5,rejected,p2,,', /line 3, column proposal: gives proposal 1 another time or outcome than its first row/);
    refused('0,3,4,rejected,p1,,', /column proposal: is not a proposal number/);
  });
});
