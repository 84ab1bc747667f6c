/*
 * The evaluator, a stage of its own: a pool (or a module of one's own) whose
 * proposals may overlap, as Open Match's match functions' do, resolves them
 * here, with every tie broken by a stated rule, so that the same proposals
 * always give the same rooms.
 */

/** A candidate room, proposed by one profile (or function); proposals may share requests. */
export interface Proposal<T> {
  /** The proposer's place in its list: an earlier one wins a tie in quality. */
  readonly profile: number;
  readonly members: readonly T[];
  /** Higher is better. */
  readonly quality: number;
  /** Arrival number of its earliest member: an earlier one wins a tie in quality and proposer. */
  readonly firstSeq: number;
}

/**
 * Proposals by quality, best first, each accepted unless it overlaps one
 * already accepted. Ties: the earlier proposer, then the earlier first
 * arrival, then the order proposed. `overlaps` and `accept` keep the record
 * of what is taken.
 */
export function evaluate<P extends Proposal<unknown>>(proposals: readonly P[], overlaps: (p: P) => boolean, accept: (p: P) => void): P[] {
  const order = proposals.map((_, i) => i);
  order.sort((i, j) => {
    const a = proposals[i];
    const b = proposals[j];
    return b.quality - a.quality || a.profile - b.profile || a.firstSeq - b.firstSeq || i - j;
  });
  const accepted: P[] = [];
  for (const i of order) {
    const proposal = proposals[i];
    if (overlaps(proposal)) continue;
    accept(proposal);
    accepted.push(proposal);
  }
  return accepted;
}
