import type { Match } from '../pool/match.js';
import { playersOf, type PlayerRequest } from './player-request.js';

/** How a service asks players to accept their match before it is made (FlexMatch's acceptanceRequired). */
export interface AcceptanceSettings {
  /** Seconds players have to answer (acceptanceTimeoutSeconds); one who has not answered by then failed to respond. */
  readonly timeoutSeconds: number;
}

/** A match waiting for its players' answers (FlexMatch's REQUIRES_ACCEPTANCE, PotentialMatchCreated). */
export interface ProposedMatch<Id = string> {
  /** The service's id of the proposal: what AcceptMatch names. 0, 1, ... in proposal order. */
  readonly id: number;
  readonly match: Match<PlayerRequest<Id>>;
  readonly proposedAt: number;
  /** When a player who has not answered has failed to respond. */
  readonly deadline: number;
}

/** Why a proposal was dropped: a player rejected it (or its ticket was cancelled), or someone did not answer in time. */
export type DropReason = 'rejected' | 'timedOut';

/** A proposal that failed, and what became of its tickets (AcceptMatchCompleted with acceptance Rejected or TimedOut). */
export interface DroppedMatch<Id = string> {
  readonly id: number;
  readonly reason: DropReason;
  /** Tickets every player of which accepted: back in the pool, searching, their queue time kept. */
  readonly returned: readonly PlayerRequest<Id>[];
  /** Tickets with a player who rejected or failed to respond: ended (CANCELLED), in the service's hands no more. Not those cancelled by cancelPlayer, which said so then. */
  readonly cancelled: readonly PlayerRequest<Id>[];
}

/** What settling the proposals did at one round. */
export interface SettledProposals<Id = string> {
  /** Proposals every player accepted: the matches to make now, in proposal order. */
  readonly accepted: readonly ProposedMatch<Id>[];
  readonly dropped: readonly DroppedMatch<Id>[];
}

interface Pending<Id> {
  readonly proposal: ProposedMatch<Id>;
  /** Each player's answer (true: accepted), by uuid; absent: not yet. */
  readonly answers: Map<Id, boolean>;
  readonly players: number;
  /** Tickets withdrawn (cancelPlayer) while proposed, by leader uuid, and their players: in the service's hands no more. */
  readonly withdrawn: Set<Id>;
  withdrawnPlayers: number;
  rejected: boolean;
}

/**
 * The proposals of a service that requires acceptance, as GameLift's AcceptMatch
 * documents them: a match goes ahead when every player accepts; it is
 * dropped when one rejects, or when its time runs out with answers missing.
 * A dropped match's tickets whose players all accepted go back to searching;
 * the others end. Answers are taken as they come; proposals are settled at
 * the service's rounds, in the order they were made.
 */
export class Acceptances<Id = string> {
  private readonly pending = new Map<number, Pending<Id>>();
  /** The proposal each proposed ticket is in, by its leader's uuid. */
  private readonly ticketIn = new Map<Id, Pending<Id>>();
  private nextId = 0;
  private proposed = 0;

  constructor(private readonly settings: AcceptanceSettings) {
    if (!(settings.timeoutSeconds > 0)) throw new RangeError(`an acceptance timeout must be > 0 seconds, got ${settings.timeoutSeconds}`);
  }

  /** Players in matches waiting for answers (not those of tickets withdrawn since). */
  get proposedPlayers(): number {
    return this.proposed;
  }

  /** Puts a match to its players. */
  propose(match: Match<PlayerRequest<Id>>, now: number): ProposedMatch<Id> {
    const proposal: ProposedMatch<Id> = { id: this.nextId++, match, proposedAt: now, deadline: now + this.settings.timeoutSeconds };
    let players = 0;
    for (const ticket of match.tickets) players += playersOf(ticket).length;
    const entry: Pending<Id> = { proposal, answers: new Map(), players, withdrawn: new Set(), withdrawnPlayers: 0, rejected: false };
    for (const ticket of match.tickets) this.ticketIn.set(ticket.uuid, entry);
    this.proposed += players;
    this.pending.set(proposal.id, entry);
    return proposal;
  }

  /** A player's answer (AcceptMatch). False when the proposal is settled or unknown, the player is not in it, or has answered already. */
  answer(id: number, player: Id, accept: boolean): boolean {
    const entry = this.pending.get(id);
    if (entry === undefined || entry.answers.has(player)) return false;
    if (!entry.proposal.match.tickets.some((t) => playersOf(t).some((p) => p.uuid === player))) return false;
    entry.answers.set(player, accept);
    if (!accept) entry.rejected = true;
    return true;
  }

  /** Withdraws a proposed ticket (its leader's uuid): the proposal fails as if it were rejected. False when the ticket is in no proposal. */
  withdraw(leader: Id): boolean {
    const entry = this.ticketIn.get(leader);
    if (entry === undefined || entry.withdrawn.has(leader)) return false;
    entry.withdrawn.add(leader);
    entry.rejected = true;
    // Its players leave the proposal now: they are no longer waiting for it.
    const ticket = entry.proposal.match.tickets.find((t) => t.uuid === leader);
    const players = ticket === undefined ? 0 : playersOf(ticket).length;
    entry.withdrawnPlayers += players;
    this.proposed -= players;
    return true;
  }

  /** Settles what can be settled at `now`: proposals all accepted go ahead, rejected and expired ones are dropped. */
  settle(now: number): SettledProposals<Id> {
    const accepted: ProposedMatch<Id>[] = [];
    const dropped: DroppedMatch<Id>[] = [];
    if (this.pending.size === 0) return { accepted, dropped };
    // A Map iterates in insertion order: proposals settle in the order they were made.
    for (const [id, entry] of this.pending) {
      const complete = !entry.rejected && entry.answers.size === entry.players;
      if (!complete && !entry.rejected && now < entry.proposal.deadline) continue;
      this.forget(id, entry);
      if (complete) {
        accepted.push(entry.proposal);
        continue;
      }
      const returned: PlayerRequest<Id>[] = [];
      const cancelled: PlayerRequest<Id>[] = [];
      for (const ticket of entry.proposal.match.tickets) {
        if (entry.withdrawn.has(ticket.uuid)) continue;
        if (playersOf(ticket).every((p) => entry.answers.get(p.uuid) === true)) returned.push(ticket);
        else cancelled.push(ticket);
      }
      dropped.push({ id, reason: entry.rejected ? 'rejected' : 'timedOut', returned, cancelled });
    }
    return { accepted, dropped };
  }

  private forget(id: number, entry: Pending<Id>): void {
    this.pending.delete(id);
    this.proposed -= entry.players - entry.withdrawnPlayers;
    for (const ticket of entry.proposal.match.tickets) this.ticketIn.delete(ticket.uuid);
  }
}
