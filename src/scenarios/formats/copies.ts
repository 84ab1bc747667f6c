import { RandomStreams, standardNormal } from '../../engine/rng.js';
import { SCORE_MAX, SCORE_MIN } from '../../engine/score-range.js';
import { STREAMS } from '../streams.js';

/**
 * "What if we had N times the players": a replayed log's tickets each with
 * copies - 1 copies. Copy k (2, 3, ...) of a ticket arriving at t with score
 * s arrives at t + seconds x U and has score s + round(score x Z), clipped
 * to a whole i32 (U uniform on [0, 1), Z standard normal, each on a stream
 * of its own seeded with `seed`, drawn ticket by ticket, copy by copy; a
 * party's copy draws one time and a score for each of its players); its
 * id is the ticket's with #k (a party member's ticket#k/player), its
 * attributes and round trips the ticket's,
 * and nothing of it was observed (production never saw it). All arrive in
 * time order, a ticket before its copies at the same time.
 */
export interface CopiesSpec {
  readonly copies: number;
  readonly seconds: number;
  readonly score: number;
  readonly seed: number;
}

/** One player of a ticket: its id in the trace, its score and the rest of its cells. */
export interface TicketPlayer {
  readonly id: string;
  readonly score: number;
  readonly cells: readonly string[];
}

/** A ticket as the readers hold it before it becomes trace rows: its line, time, id, players, and its index among the log's tickets. */
export interface TicketRow {
  readonly line: number;
  readonly time: number;
  /** The ticket's id: a party's key when it holds several players. */
  readonly id: string;
  readonly players: readonly TicketPlayer[];
  /** The log's ticket it is, or is a copy of (for what was observed of it). */
  readonly ticket: number;
  readonly copy: boolean;
}

/** The tickets with their copies, in time order (`rows` are in time order already). A party's copy is a party: one time drawn for it, a score for each player. */
export function withCopies(rows: readonly TicketRow[], spec: CopiesSpec | undefined): TicketRow[] {
  if (spec === undefined || spec.copies <= 1) return [...rows];
  const random = new RandomStreams(spec.seed);
  const time = random.stream(STREAMS.replayCopyTime);
  const score = random.stream(STREAMS.replayCopyScore);
  const out: TicketRow[] = [];
  for (const row of rows) {
    out.push(row);
    for (let k = 2; k <= spec.copies; k++) {
      const players = row.players.map((p) => ({ ...p, id: copyId(p.id, row.id, k), score: Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(p.score + spec.score * standardNormal(score)))) }));
      out.push({ ...row, time: row.time + spec.seconds * time(), id: `${row.id}#${k}`, players, copy: true });
    }
  }
  // Stable: at equal times the log's order, each ticket before its copies.
  return out.sort((a, b) => a.time - b.time);
}

/** Copy k's id of a player: the ticket's id with #k where the player's id is the ticket's or begins with it (ticket/player), else the player's with #k. */
function copyId(player: string, ticket: string, k: number): string {
  if (player === ticket) return `${ticket}#${k}`;
  if (player.startsWith(ticket + MEMBER_SEPARATOR)) return `${ticket}#${k}${player.slice(ticket.length)}`;
  return `${player}#${k}`;
}

/** The separator of a party member's id in a replayed log: ticket/player. */
export const MEMBER_SEPARATOR = '/';

/**
 * A ticket's players as trace rows (time, id, score, then the party column
 * when `withParty`, then its cells): a ticket of several players is a party,
 * its key the ticket's id.
 */
export function ticketTraceRows(rows: readonly TicketRow[], withParty: boolean): Array<{ readonly line: number; readonly fields: readonly string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  for (const row of rows) {
    const party = row.players.length > 1 ? row.id : '';
    for (const p of row.players) out.push({ line: row.line, fields: [String(row.time), p.id, String(p.score), ...(withParty ? [party] : []), ...p.cells] });
  }
  return out;
}
