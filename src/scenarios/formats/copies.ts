import { RandomStreams, standardNormal } from '../../engine/rng.js';
import { SCORE_MAX, SCORE_MIN } from '../../engine/score-range.js';
import { STREAMS } from '../streams.js';

/**
 * "What if we had N times the players": a replayed log's tickets each with
 * copies - 1 copies. Copy k (2, 3, ...) of a ticket arriving at t with score
 * s arrives at t + seconds x U and has score s + round(score x Z), clipped
 * to a whole i32 (U uniform on [0, 1), Z standard normal, each on a stream
 * of its own seeded with `seed`, drawn ticket by ticket, copy by copy); its
 * id is the ticket's with #k, its attributes and round trips the ticket's,
 * and nothing of it was observed (production never saw it). All arrive in
 * time order, a ticket before its copies at the same time.
 */
export interface CopiesSpec {
  readonly copies: number;
  readonly seconds: number;
  readonly score: number;
  readonly seed: number;
}

/** A ticket as the readers hold it before it becomes a trace row: its time, id, score, the rest of its cells, and its index among the log's tickets. */
export interface TicketRow {
  readonly line: number;
  readonly time: number;
  readonly id: string;
  readonly score: number;
  readonly cells: readonly string[];
  /** The log's ticket it is, or is a copy of (for what was observed of it). */
  readonly ticket: number;
  readonly copy: boolean;
}

/** The tickets with their copies, in time order (`rows` are in time order already). */
export function withCopies(rows: readonly TicketRow[], spec: CopiesSpec | undefined): TicketRow[] {
  if (spec === undefined || spec.copies <= 1) return [...rows];
  const random = new RandomStreams(spec.seed);
  const time = random.stream(STREAMS.replayCopyTime);
  const score = random.stream(STREAMS.replayCopyScore);
  const out: TicketRow[] = [];
  for (const row of rows) {
    out.push(row);
    for (let k = 2; k <= spec.copies; k++) {
      const drawn = Math.round(row.score + spec.score * standardNormal(score));
      out.push({ ...row, time: row.time + spec.seconds * time(), id: `${row.id}#${k}`, score: Math.min(SCORE_MAX, Math.max(SCORE_MIN, drawn)), copy: true });
    }
  }
  // Stable: at equal times the log's order, each ticket before its copies.
  return out.sort((a, b) => a.time - b.time);
}
