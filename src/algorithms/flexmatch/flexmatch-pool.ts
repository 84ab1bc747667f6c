import type { AttributeValue } from '../../engine/pool/filters.js';
import type { Match, MatchForming } from '../../engine/pool/match.js';
import type { MatchAlgorithm } from '../../engine/pool/match-algorithm.js';
import type { AttributedCandidate } from '../../engine/pool/partitioned-pool.js';
import type { RuleEvaluating, RuleEvaluation } from '../../engine/pool/rule-evaluations.js';
import type { BackfillMatching, BackfillRequest } from '../../engine/pool/backfill.js';
import { queuedAt, type TicketSlots } from '../../engine/ticket/ticket-slots.js';
import { FlexMatchBuilder, type FlexPlayer, type FlexTicket } from './match-builder.js';
import type { Value } from './property-expression.js';
import type { RuleSet } from './rule-set.js';

/**
 * A FlexMatch rule set as a pool of the engine's requests: each request a
 * FlexMatch ticket of its players, their attributes and round trips read from
 * the ticket table (a party's players are its leader's slot and those after
 * it), each player's score the rule set's `scoreAttribute`, matched by the FlexMatchBuilder on the seconds clock; each match's
 * teams are its rosters. Rooms hold from the rule set's fewest players (its
 * teams at their smallest minPlayers) to roomSize, placed by the run in the best
 * data centre every player reaches, which meets a latency rule's maxLatency
 * whenever some data centre does.
 */
export class FlexMatchPool<T extends AttributedCandidate> implements MatchAlgorithm<T>, MatchForming<T>, RuleEvaluating, BackfillMatching<unknown, T> {
  readonly parties = true;
  private readonly builder: FlexMatchBuilder;
  private readonly ticketOf = new Map<T, FlexTicket>();
  private readonly requestOf = new Map<FlexTicket, T>();
  private readonly queued: (request: T) => number;
  private readonly names: ReadonlyArray<{ readonly name: string; readonly index: number }>;
  private readonly fewest: number;
  /** The rule set declares a string list attribute "roles" and the run has role queues: each player's roles fill it. */
  private readonly rolesAttribute: boolean;

  constructor(
    private readonly ruleSet: RuleSet,
    readonly roomSize: number,
    private readonly tickets: TicketSlots<T>,
    /** The rule set's attribute that is each player's score (the ticket table's score column). */
    private readonly scoreAttribute: string,
    /** Tickets per batch and the draws random batches take (FlexMatchBuilder's options); absent: one batch. */
    batches: { readonly batchSize?: number; readonly random?: () => number } = {},
  ) {
    this.builder = new FlexMatchBuilder(ruleSet, batches);
    this.fewest = ruleSet.matchSizes.fewest;
    this.queued = queuedAt(tickets);
    const declared = tickets.table.attributes.map((a) => a.name);
    this.names = ruleSet.document.playerAttributes.flatMap((a) => (declared.includes(a.name) ? [{ name: a.name, index: declared.indexOf(a.name) }] : []));
    this.rolesAttribute = tickets.table.hasRoles && ruleSet.document.playerAttributes.some((a) => a.name === ROLES && a.type === 'string_list');
  }

  get size(): number {
    return this.builder.size;
  }

  get smallestRoom(): number {
    return Math.min(this.fewest, this.roomSize);
  }

  /** The rules' passes and failures so far (FlexMatch's ruleEvaluationMetrics). */
  ruleEvaluations(): readonly RuleEvaluation[] {
    return this.builder.metrics;
  }

  add(request: T): void {
    const ticket: FlexTicket = { id: String(this.tickets.slot(request)), queuedAt: this.queued(request), players: this.playersOf(request) };
    this.ticketOf.set(request, ticket);
    this.requestOf.set(ticket, request);
    this.builder.add(ticket);
  }

  /** Backfill requests by the builder's id (the match's, as a string), and the match they fill. */
  private readonly backfillOf = new Map<string, unknown>();

  /**
   * A running match's request for players (StartMatchBackfill): its present
   * players on their teams, read from the ticket table as a new ticket's are,
   * filled under the rule set as a new match is.
   */
  addBackfill(request: BackfillRequest<unknown, T>): void {
    if (request.present === undefined) throw new RangeError("a FlexMatch backfill request carries the match's present players on their teams (present): the rule set reads them");
    if (request.roles !== undefined) throw new RangeError("a FlexMatch backfill request's roles are the rule set's to judge (its collection rules): give none");
    const id = String(request.match);
    this.backfillOf.set(id, request.match);
    // FlexMatch stands a request against new matches as the rule set's backfillPriority says.
    const priority = this.ruleSet.document.algorithm.backfillPriority;
    this.builder.addBackfill({ id, requestedAt: request.requestedAt, open: request.open, priority, teams: request.present.map((team) => team.flatMap((r) => this.playersOf(r))) });
  }

  removeBackfill(match: unknown): boolean {
    this.backfillOf.delete(String(match));
    return this.builder.removeBackfill(String(match));
  }

  get backfills(): number {
    return this.builder.backfillRequests;
  }

  /** A request's players as FlexMatch's: each its score attribute, declared attributes, roles and round trips (a party's players are its leader's slot and those after it). */
  private playersOf(request: T): FlexPlayer[] {
    const slot = this.tickets.slot(request);
    const { table } = this.tickets;
    const players: FlexPlayer[] = [];
    for (let k = 0; k < (request.size ?? 1); k++) {
      const attributes = new Map<string, Value>([[this.scoreAttribute, table.score.get(slot + k)]]);
      for (const { name, index } of this.names) {
        const v = table.value(index, slot + k);
        if (v !== undefined) attributes.set(name, asValue(v));
      }
      // Role queues: the roles a player queues for are the rule set's string list attribute "roles", if it declares one.
      if (this.rolesAttribute) {
        const roles = table.roles(slot + k);
        if (roles !== undefined && !attributes.has(ROLES)) attributes.set(ROLES, roles);
      }
      const latency = table.dataCentres.length === 0 ? undefined : new Map(table.dataCentres.flatMap((dc, d) => (Number.isNaN(table.latency[d].get(slot + k)) ? [] : [[dc, table.latency[d].get(slot + k)] as const])));
      players.push({ id: String(slot + k), attributes, ...(latency !== undefined ? { latency } : {}) });
    }
    return players;
  }

  remove(request: T): boolean {
    const ticket = this.ticketOf.get(request);
    if (ticket === undefined || !this.builder.remove(ticket)) return false;
    this.forget(ticket);
    return true;
  }

  match(now: number): T[][] {
    return this.matches(now).map((m) => [...m.tickets]);
  }

  matches(now: number): Match<T>[] {
    return this.builder.match(now).map((formed) => {
      const rosters = formed.teams.map((team) => {
        const requests: T[] = [];
        for (const t of formed.tickets) if (team.players.includes(t.players[0])) requests.push(this.requestOf.get(t) as T);
        return requests;
      });
      for (const t of formed.tickets) this.forget(t);
      if (formed.backfill === undefined) return { tickets: rosters.flat(), rosters, expansionSteps: formed.expansionSteps };
      const match = this.backfillOf.get(formed.backfill);
      this.backfillOf.delete(formed.backfill);
      return { tickets: rosters.flat(), rosters, expansionSteps: formed.expansionSteps, backfill: match };
    });
  }

  waiting(): T[] {
    return this.builder.waiting().map((t) => this.requestOf.get(t) as T);
  }

  private forget(ticket: FlexTicket): void {
    const request = this.requestOf.get(ticket);
    this.requestOf.delete(ticket);
    if (request !== undefined) this.ticketOf.delete(request);
  }
}

/** The attribute a rule set names to read each player's roles (role queues) through its collection rules. */
const ROLES = 'roles';

/** A ticket table's value as a rule's: a tag is the string "true" (FlexMatch has no tags). */
function asValue(v: AttributeValue): Value {
  return v === true ? 'true' : (v as Value);
}
