import { PROPOSAL_OUTCOMES, type ProposalRecords } from '../engine/run-tally.js';
import { safeCsv } from './csv-safety.js';
import { round6OrNull } from './numbers.js';

export const PROPOSALS_FILE = 'proposals.csv';

export const PROPOSALS_HEADER = ['proposal', 'proposed_at', 'settled_at', 'outcome', 'player', 'answer', 'answered_at'] as const;

/** An answer's word in proposals.csv, by ProposalRecords' code (-1: none). */
export const ANSWERS: Readonly<Record<number, string>> = { [-1]: '', 0: 'rejected', 1: 'accepted' };

/**
 * proposals.csv (with acceptance): one row per player of each proposed
 * match, in proposal order then match order: the proposal's number (1, 2,
 * ...), when it was proposed and settled (empty: still waiting when the run
 * ended), how it ended (accepted, rejected, timedOut, pending), the player,
 * its answer (accepted, rejected, or empty: none) and when it came. Long
 * rather than wide, so that DuckDB and pandas group and join it as it is.
 */
export function proposalsCsv(records: ProposalRecords, idOf: (player: number) => string): string {
  const { rows } = records;
  const lines: unknown[][] = [[...PROPOSALS_HEADER]];
  for (let r = 0; r < rows.proposal.length; r++) {
    const id = rows.proposal[r];
    lines.push([id + 1, round6OrNull(records.proposedAt[id]), round6OrNull(records.settledAt[id]), PROPOSAL_OUTCOMES[records.outcome[id]], idOf(rows.player[r]), ANSWERS[rows.answer[r]], round6OrNull(rows.answeredAt[r])]);
  }
  return safeCsv(lines);
}
