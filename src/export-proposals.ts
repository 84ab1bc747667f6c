import { join } from 'node:path';
import { InputError } from './errors.js';
import { PROPOSAL_OUTCOMES } from './engine/run-tally.js';
import { neutraliseFormula } from './reports/csv-safety.js';
import { PROPOSALS_FILE, PROPOSALS_HEADER } from './reports/proposals.js';
import { readCsvRows } from './scenarios/trace.js';
import type { ExportedProposal } from './scenarios/formats/export-log.js';

/**
 * The proposals of a run with acceptance, read back from its proposals.csv.
 * A result directory is untrusted: the file is read bounded, every cell is
 * checked (a number where a time is, an outcome and an answer of the
 * documented words, a player of the run, a proposal's rows together and
 * numbered in order), and a message names the line and column, never a cell.
 */
export function readProposals(dir: string, players: readonly string[]): ExportedProposal[] {
  const file = join(dir, PROPOSALS_FILE);
  const { rows, lines } = readCsvRows(file, 'proposals table');
  const header = rows[0] ?? [];
  if (header.length !== PROPOSALS_HEADER.length || header.some((h, k) => h !== PROPOSALS_HEADER[k])) throw new InputError(file, `line ${lines[0] ?? 1}`, `not a matchsim proposals.csv: its columns are not ${PROPOSALS_HEADER.join(', ')}`);
  // Ids as proposals.csv writes them (a formula-like id neutralised, as every table does).
  const indexOf = new Map(players.map((id, i) => [neutraliseFormula(id), i]));
  const out: Array<ExportedProposal & { players: Array<ExportedProposal['players'][number]> }> = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const bad = (column: string, why: string) => new InputError(file, `line ${lines[r]}, column ${column}`, why);
    const time = (k: number, column: string, optional: boolean): number => {
      if (row[k] === '' && optional) return NaN;
      const x = Number(row[k]);
      if (row[k] === '' || !Number.isFinite(x) || x < 0) throw bad(column, optional ? 'is not a time in seconds, nor empty' : 'is not a time in seconds');
      return x;
    };
    const number = Number(row[0]);
    if (!Number.isInteger(number) || number < 1) throw bad('proposal', 'is not a proposal number (1, 2, ...)');
    const proposedAt = time(1, 'proposed_at', false);
    const settledAt = time(2, 'settled_at', true);
    const outcome = PROPOSAL_OUTCOMES.find((o) => o === row[3]);
    if (outcome === undefined) throw bad('outcome', `is not one of ${PROPOSAL_OUTCOMES.join(', ')}`);
    if ((outcome === 'pending') !== Number.isNaN(settledAt)) throw bad('settled_at', outcome === 'pending' ? 'is a time, for a proposal still pending' : 'is empty, for a proposal that was settled');
    const player = indexOf.get(row[4]);
    if (player === undefined) throw bad('player', `is not a player of the run's players.csv`);
    const answer = row[5] === '' ? undefined : row[5] === 'accepted' || row[5] === 'rejected' ? row[5] : null;
    if (answer === null) throw bad('answer', 'is not accepted, rejected or empty');
    const answeredAt = time(6, 'answered_at', true);
    if ((answer === undefined) !== Number.isNaN(answeredAt)) throw bad('answered_at', answer === undefined ? 'is a time, for no answer' : 'is empty, for an answer');
    const last = out[out.length - 1];
    if (last !== undefined && last.number === number) {
      if (last.proposedAt !== proposedAt || !Object.is(last.settledAt, settledAt) || last.outcome !== outcome) throw bad('proposal', `gives proposal ${number} another time or outcome than its first row`);
      last.players.push({ player, answer, answeredAt });
    } else {
      if (number !== (last?.number ?? 0) + 1) throw bad('proposal', `is not the next proposal's number (${(last?.number ?? 0) + 1}): a proposal's rows come together, in order`);
      out.push({ number, proposedAt, settledAt, outcome, players: [{ player, answer, answeredAt }] });
    }
  }
  return out;
}
