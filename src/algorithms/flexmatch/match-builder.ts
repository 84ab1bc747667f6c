import type { CandidateMatch, Expression, MatchPlayer, MatchTeam, Value } from './property-expression.js';
import { expandedValue, reachedStep, type ExpansionSteps as Steps, type Rule, type RuleSet } from './rule-set.js';
import { partyNumber, passes, rulesToCheck, type RuleContext } from './rules.js';
import { emptySummary, nearEnough, RegionIndex, summarise, summarisedRules, summaryPasses, ticketFacts, type SummarisedRule, type Summary, type TicketFacts } from './running-checks.js';
import type { RuleEvaluation } from '../../engine/pool/rule-evaluations.js';
import type { FlexPlayer, FlexTicket } from './flex-ticket.js';

/*
 * FlexMatch's match building for small matches (exhaustiveSearch, up to 40
 * players), as the guide describes it: each round, a match is built around
 * the oldest waiting ticket (the anchor), candidates taken in the order the
 * sort rules give relative to the anchor (then oldest first), each placed in
 * the team with the fewest players that has room for it, and kept only while
 * no rule a bigger match could not mend fails. Once every team has its
 * minPlayers (and while it can, up to maxPlayers), the match forms if it
 * passes every rule at the values the expansions have reached; else the
 * anchor waits. Expansions follow the age of the newest ticket in the
 * potential match, or the oldest with expansionAgeSelection "oldest".
 *
 * It knows nothing of the simulator: tickets are its own shape, and a
 * production service could drive it as the engine does.
 */

export type { FlexPlayer, FlexTicket } from './flex-ticket.js';

/** Fills a backfill request tries in a round, each without the last one's last joiner: a bound on the work a request whose rules no one meets costs. */
const BACKFILL_TRIES = 8;

/** A match formed: its teams (each a definition's name, and its tickets' players), and its tickets. */
export interface FlexMatchFormed {
  readonly teams: ReadonlyArray<{ readonly name: string; readonly players: readonly FlexPlayer[] }>;
  readonly tickets: readonly FlexTicket[];
  /** The step each of the rule set's expansions had reached when it formed, in their order (0: the target's own value). */
  readonly expansionSteps: readonly number[];
  /** A backfill's fill: the request's id; its teams and tickets are then only the players who join. */
  readonly backfill?: string;
}

/**
 * A backfill request (StartMatchBackfill) as the builder takes it: a running
 * match's present players on their teams (in the rule set's team order, each
 * definition `quantity` times), and the places it asks to fill.
 */
export interface FlexBackfill {
  readonly id: string;
  /** When it was made, in seconds: its age drives the expansions as a ticket's wait does. */
  readonly requestedAt: number;
  /** At most this many players join. */
  readonly open: number;
  /** high: before any new match of the round; normal: by age among the new matches' anchors (before a ticket as old); low: after them (FlexMatch's backfillPriority). */
  readonly priority: 'high' | 'normal' | 'low';
  readonly teams: ReadonlyArray<readonly FlexPlayer[]>;
}

/** ruleEvaluationMetrics, as the service reports them (RuleEvaluation): each rule's passes and failures when a potential match was evaluated. */
type RuleMetric = { -readonly [K in keyof RuleEvaluation]: RuleEvaluation[K] };

/** The widest bound of each summarised rule a match can have reached this round, and the fewest players it can form with. */
interface Reach {
  readonly widest: Float64Array;
  readonly fewest: number;
}

/** One round's view of the pool: its tickets oldest first, their facts, and which have formed a match. */
interface Round {
  readonly order: readonly FlexTicket[];
  readonly facts: readonly TicketFacts[];
  readonly used: Uint8Array;
}

interface Building {
  readonly teams: Array<{ readonly name: string; readonly min: number; readonly max: number; readonly tickets: FlexTicket[]; players: number }>;
  readonly tickets: FlexTicket[];
  /** Its tickets' places in the round's order. */
  readonly positions: number[];
  /** The waits of its newest and oldest tickets. */
  newest: number;
  oldest: number;
  readonly summary: Summary;
}

export class FlexMatchBuilder {
  private readonly pool: FlexTicket[] = [];
  private readonly rules: readonly number[];
  /** The rules checked as each ticket is placed, from a running summary (summarised), or on the whole match (plain). */
  private readonly summarised: readonly SummarisedRule[];
  private readonly plain: readonly number[];
  private readonly spreads: number;
  private readonly regions = new RegionIndex();
  private readonly facts = new Map<FlexTicket, TicketFacts>();
  /** Anchors too short of players near them at a round (see stillShort), the rounds so far, and the tickets added since the last. */
  private readonly short = new Map<FlexTicket, { round: number; available: number; readonly widest: Float64Array; readonly fewest: number }>();
  private rounds = 0;
  private readonly added: FlexTicket[] = [];
  /** The candidates near the anchor being built around (reused: one build at a time). */
  private readonly near: number[] = [];
  /** Each team definition's sizes and their expansions' steps. */
  private readonly teamSizes: ReadonlyArray<{ readonly name: string; readonly quantity: number; readonly min: number; readonly max: number; readonly minSteps: Steps; readonly maxSteps: Steps }>;
  private readonly sorts: ReadonlyArray<Extract<Rule, { type: 'absoluteSort' | 'distanceSort' }>>;
  /** Each declared attribute's default, as a rule reads it. */
  private readonly defaults = new Map<string, Value>();
  readonly metrics: RuleMetric[];
  /** The balanced strategy (large matches): its balancing attribute, by which formed matches' teams are dealt even, and whether the anchor's fastest region's tickets come first (fastestRegion). */
  private readonly balanced: { readonly attribute: string; readonly fastestRegion: boolean } | undefined;

  /**
   * `shortcuts` (default on): turn away, before placing, a ticket too far
   * from the anchor for a batch distance or latency rule at the widest bound
   * its expansions can have reached; give up on an anchor with too few
   * players near it for the teams' minPlayers; check batchDistance and
   * latency rules from running summaries. Off, every ticket is placed and
   * every rule evaluated on the whole match: the same matches and metrics,
   * slower (the tests' oracle).
   */
  constructor(
    private readonly ruleSet: RuleSet,
    private readonly options: {
      readonly shortcuts?: boolean;
      /** Tickets per batch: a larger pool is split into batches (by the rule set's batchingPreference), each matched on its own; absent: one batch. */
      readonly batchSize?: number;
      /** Uniform draws in [0, 1) for the random batches. */
      readonly random?: () => number;
    } = {},
  ) {
    const algorithm = ruleSet.document.algorithm;
    if (options.batchSize !== undefined && !(options.batchSize >= 1)) throw new RangeError(`a batch holds at least one ticket, got ${options.batchSize}`);
    if (options.batchSize !== undefined && (algorithm.batchingPreference === 'random' || algorithm.batchingPreference === 'largestPopulation') && options.random === undefined) {
      throw new RangeError(`batchingPreference ${algorithm.batchingPreference} batches at random: give the builder its random draws (random)`);
    }
    this.balanced = algorithm.strategy === 'balanced' && algorithm.balancedAttribute !== undefined ? { attribute: algorithm.balancedAttribute, fastestRegion: algorithm.batchingPreference === 'fastestRegion' } : undefined;
    this.rules = rulesToCheck(ruleSet);
    const incremental = this.rules.filter((i) => mendless(ruleSet.document.rules[i], ruleSet.expressions[i]));
    this.summarised = options.shortcuts === false ? [] : summarisedRules(ruleSet, incremental);
    this.plain = incremental.filter((i) => !this.summarised.some((s) => s.rule === i));
    this.spreads = this.summarised.filter((s) => s.kind === 'spread').length;
    const steps = (name: string, property: string): Steps => ruleSet.expansions.find((x) => x.of === 'teams' && x.name === name && x.property === property)?.steps ?? [];
    this.teamSizes = ruleSet.document.teams.map((t) => ({ name: t.name, quantity: t.quantity, min: t.minPlayers, max: t.maxPlayers, minSteps: steps(t.name, 'minPlayers'), maxSteps: steps(t.name, 'maxPlayers') }));
    this.metrics = ruleSet.document.rules.map((r) => ({ ruleName: r.name, passedCount: 0, failedCount: 0 }));
    this.sorts = ruleSet.document.rules.filter((r): r is Extract<Rule, { type: 'absoluteSort' | 'distanceSort' }> => r.type === 'absoluteSort' || r.type === 'distanceSort');
    for (const a of ruleSet.document.playerAttributes) {
      const d = a.default;
      if (d !== undefined) this.defaults.set(a.name, typeof d === 'object' && !Array.isArray(d) ? new Map(Object.entries(d)) : (d as Value));
    }
  }

  get size(): number {
    return this.pool.length;
  }

  /** Backfill requests standing, by id (one per match), in the order made. */
  private readonly backfills = new Map<string, FlexBackfill>();

  /** Adds a backfill request; one standing with the same id is replaced. */
  addBackfill(request: FlexBackfill): void {
    if (this.options.batchSize !== undefined) throw new RangeError('backfill requests are not filled with batches (batchSize): a request would be split across them');
    if (!Number.isInteger(request.open) || request.open < 1) throw new RangeError(`a backfill request must open at least one place, got ${request.open}`);
    const teams = this.teamSizes.reduce((n, def) => n + def.quantity, 0);
    if (request.teams.length !== teams) throw new RangeError(`a backfill request's match has ${request.teams.length} teams, and the rule set's matches have ${teams}`);
    this.backfills.delete(request.id);
    this.backfills.set(request.id, request);
  }

  /** Takes a backfill request back; false if none stands. */
  removeBackfill(id: string): boolean {
    return this.backfills.delete(id);
  }

  get backfillRequests(): number {
    return this.backfills.size;
  }

  add(ticket: FlexTicket): void {
    this.pool.push(ticket);
    this.added.push(ticket);
    this.facts.set(ticket, ticketFacts(ticket, this.summarised, this.spreads, this.regions, (p, name) => this.attribute(p, name)));
  }

  remove(ticket: FlexTicket): boolean {
    const at = this.pool.indexOf(ticket);
    if (at < 0) return false;
    this.pool.splice(at, 1);
    this.forget(ticket);
    return true;
  }

  /** A ticket gone from the pool: the rules' view of its players goes too. */
  private forget(ticket: FlexTicket): void {
    this.facts.delete(ticket);
    this.short.delete(ticket);
    this.balances.delete(ticket);
    for (const p of ticket.players) {
      const m = this.players.get(p);
      if (m === undefined) continue;
      this.players.delete(p);
      this.parties.delete(m);
      this.latencies.delete(m);
    }
  }

  waiting(): FlexTicket[] {
    return [...this.pool];
  }

  /** One round at time `now`: the matches formed, in order (backfill fills among them, by their priority). */
  match(now: number): FlexMatchFormed[] {
    const order = this.pool.map((t, i) => ({ t, i })).sort((a, b) => a.t.queuedAt - b.t.queuedAt || a.i - b.i).map((x) => x.t);
    const batches = this.batchesOf(order);
    this.batchedRound = batches.length > 1;
    const formed: FlexMatchFormed[] = [];
    for (const batch of batches) this.matchBatch(batch, now, formed);
    if (formed.length > 0) {
      const matched = new Set(formed.flatMap((m) => m.tickets));
      this.pool.length = 0;
      for (const t of order) if (!matched.has(t)) this.pool.push(t);
    }
    this.rounds++;
    this.added.length = 0;
    return formed;
  }

  /** One batch's matches (its tickets oldest first), added to `formed`. */
  private matchBatch(order: readonly FlexTicket[], now: number, formed: FlexMatchFormed[]): void {
    const facts = order.map((t) => this.facts.get(t) as TicketFacts);
    const round: Round = { order, facts, used: new Uint8Array(order.length) };
    const requests = [...this.backfills.values()];
    const byPriority = (priority: FlexBackfill['priority']) => requests.filter((r) => r.priority === priority).sort((x, y) => x.requestedAt - y.requestedAt);
    const normal = byPriority('normal');
    let nextNormal = 0;
    for (const request of byPriority('high')) this.backfillOne(request, round, now, formed);
    // The oldest age a match can have this round, for the bounds and team sizes it may have relaxed to:
    // the newest ticket's age is at most its anchor's; the oldest's, at most the batch's oldest
    // (an anchor that formed nothing stays a candidate for the next).
    const newest = this.ruleSet.document.algorithm.expansionAgeSelection === 'newest';
    const poolOldest = order.length === 0 ? 0 : now - order[0].queuedAt;
    const poolReach = { widest: this.widest(poolOldest), fewest: this.fewestPlayers(poolOldest) };
    for (let a = 0; a < order.length; a++) {
      // A normal request goes before the anchors no older than it.
      while (nextNormal < normal.length && normal[nextNormal].requestedAt <= order[a].queuedAt) this.backfillOne(normal[nextNormal++], round, now, formed);
      if (round.used[a] === 1) continue;
      const anchorWait = now - order[a].queuedAt;
      const built = this.buildAround(a, round, now, newest ? { widest: this.widest(anchorWait), fewest: this.fewestPlayers(anchorWait) } : poolReach);
      if (built === undefined) continue;
      for (const at of built.positions) round.used[at] = 1;
      for (const t of built.tickets) this.forget(t);
      const age = this.age(built);
      const expansionSteps = this.ruleSet.expansions.map((x) => reachedStep(x.steps, age));
      const teams = this.balanced === undefined ? built.teams.map((team) => team.tickets) : this.balancedTeams(built);
      formed.push({ teams: built.teams.map((team, k) => ({ name: team.name, players: teams[k].flatMap((t) => t.players) })), tickets: built.tickets, expansionSteps });
    }
    while (nextNormal < normal.length) this.backfillOne(normal[nextNormal++], round, now, formed);
    for (const request of byPriority('low')) this.backfillOne(request, round, now, formed);
  }

  /**
   * Fills a backfill request from the round's unused tickets, as a match is
   * built: its present players on their teams first, then candidates in the
   * order the sort rules give relative to them (else oldest first), each
   * placed in the team with the fewest players that has room, while places
   * are open. The fill stands if every team is within its sizes and every
   * rule passes on the whole match (present players and joiners) at the
   * values the expansions have reached; it is then added to `formed`, and the
   * request is done. A fill that fails a rule only the whole match is judged
   * by (a team average, say) is tried again without its last joiner, at most
   * BACKFILL_TRIES times a round.
   */
  private backfillOne(request: FlexBackfill, round: Round, now: number, formed: FlexMatchFormed[]): void {
    const passedOver = new Set<number>();
    for (let tries = 0; tries < BACKFILL_TRIES; tries++) {
      const { building, present, ok } = this.buildBackfill(request, round, now, passedOver);
      for (const t of present) this.forget(t);
      const joiners = building.tickets.filter((t) => !present.includes(t));
      if (ok) {
        for (const at of building.positions) round.used[at] = 1;
        for (const t of joiners) this.forget(t);
        this.backfills.delete(request.id);
        const expansionSteps = this.ruleSet.expansions.map((x) => reachedStep(x.steps, this.age(building)));
        formed.push({ teams: building.teams.map((team) => ({ name: team.name, players: team.tickets.filter((t) => !present.includes(t)).flatMap((t) => t.players) })), tickets: joiners, expansionSteps, backfill: request.id });
        return;
      }
      const last = building.positions.at(-1);
      if (last === undefined) return;
      passedOver.add(last);
    }
  }

  /** One try at a backfill fill, passing over the round's tickets at `passedOver`; `present`: the request's players as tickets (to forget after). */
  private buildBackfill(request: FlexBackfill, round: Round, now: number, passedOver: ReadonlySet<number>): { readonly building: Building; readonly present: FlexTicket[]; readonly ok: boolean } {
    const age = now - request.requestedAt;
    const building: Building = { teams: this.teamsAt(age), tickets: [], positions: [], newest: age, oldest: age, summary: emptySummary(this.spreads, this.regions.size) };
    const present: FlexTicket[] = [];
    request.teams.forEach((players, k) => {
      if (players.length === 0) return;
      const ticket: FlexTicket = { id: `${request.id}/${k}`, queuedAt: request.requestedAt, players };
      present.push(ticket);
      building.teams[k].tickets.push(ticket);
      building.teams[k].players += players.length;
      building.tickets.push(ticket);
      summarise(building.summary, ticketFacts(ticket, this.summarised, this.spreads, this.regions, (p, name) => this.attribute(p, name)));
    });
    const all: FlexTicket = { id: request.id, queuedAt: request.requestedAt, players: present.flatMap((t) => t.players) };
    const sorted = this.sorts.length > 0 && all.players.length > 0 ? this.sorted(all, round.order) : undefined;
    let joined = 0;
    for (let k = 0; k < round.order.length && joined < request.open; k++) {
      const c = sorted === undefined ? k : sorted[k];
      if (round.used[c] === 1 || passedOver.has(c) || joined + round.order[c].players.length > request.open) continue;
      if (this.place(building, c, round, now)) joined += round.order[c].players.length;
    }
    return { building, present, ok: joined > 0 && this.judged(building) };
  }

  /** This round is in several batches: the anchors short of players last round are not known to be short in this one's. */
  private batchedRound = false;

  /**
   * The round's batches, each oldest first: one, unless the pool holds more
   * than batchSize tickets; then ceil(pool / batchSize) batches of nearly
   * equal size, cut from the pool as the rule set's batchingPreference
   * arranges it: at random (random, and largestPopulation, whose batches
   * span every region), by sortByAttributes (sorted: the ticket's first
   * player's values, numbers and strings ascending, a ticket without one
   * last), or by each ticket's fastest region (fastestRegion).
   */
  private batchesOf(order: readonly FlexTicket[]): ReadonlyArray<readonly FlexTicket[]> {
    const size = this.options.batchSize;
    if (size === undefined || order.length <= size) return [order];
    const { batchingPreference, sortByAttributes } = this.ruleSet.document.algorithm;
    const place = new Map(order.map((t, at) => [t, at]));
    let arranged: FlexTicket[];
    if (batchingPreference === 'sorted') {
      const keys = new Map(order.map((t) => [t, (sortByAttributes ?? []).map((name) => this.attribute(t.players[0], name))]));
      arranged = [...order].sort((x, y) => compareKeys(keys.get(x) ?? [], keys.get(y) ?? []) || (place.get(x) as number) - (place.get(y) as number));
    } else if (batchingPreference === 'fastestRegion') {
      const regionOf = new Map(order.map((t) => [t, fastestRegionOf(t)]));
      arranged = [...order].sort((x, y) => compareKeys([regionOf.get(x)], [regionOf.get(y)]) || (place.get(x) as number) - (place.get(y) as number));
    } else {
      // Fisher-Yates on the run's random draws.
      const random = this.options.random as () => number;
      arranged = [...order];
      for (let i = arranged.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [arranged[i], arranged[j]] = [arranged[j], arranged[i]];
      }
    }
    const count = Math.ceil(order.length / size);
    const batches: FlexTicket[][] = [];
    for (let k = 0; k < count; k++) {
      const batch = arranged.slice(Math.floor((k * arranged.length) / count), Math.floor(((k + 1) * arranged.length) / count));
      batches.push(batch.sort((x, y) => (place.get(x) as number) - (place.get(y) as number)));
    }
    return batches;
  }

  /** A match around the round's ticket at `a` from the others not used this round, if one forms. */
  private buildAround(a: number, round: Round, now: number, reach: Reach): Building | undefined {
    const anchor = round.order[a];
    const shortcuts = this.options.shortcuts !== false;
    const anchorFacts = round.facts[a];
    if (shortcuts && !this.batchedRound && this.stillShort(anchor, anchorFacts, reach)) return undefined;
    // Without sort rules (or the balanced strategy's order) the candidates are the round's order (oldest first).
    const sorted = this.balanced !== undefined ? this.balancedOrder(anchor, round.order) : this.sorts.length > 0 ? this.sorted(anchor, round.order) : undefined;
    if (sorted !== undefined && sorted.length === 0) return undefined;
    const near = this.near;
    near.length = 0;
    let available = anchor.players.length;
    for (let k = 0; k < round.order.length; k++) {
      if (sorted !== undefined && k >= sorted.length) break;
      const c = sorted === undefined ? k : sorted[k];
      if (c === a || round.used[c] === 1 || (shortcuts && !nearEnough(anchorFacts, round.facts[c], this.summarised, reach.widest))) continue;
      near.push(c);
      available += round.order[c].players.length;
    }
    // Too few players near for the teams' smallest minPlayers at any age the match can have: it cannot form.
    if (shortcuts && available < reach.fewest) {
      if (!this.batchedRound) this.short.set(anchor, { round: this.rounds, available, ...reach });
      return undefined;
    }
    this.short.delete(anchor);
    const anchorWait = now - anchor.queuedAt;
    // A match that fails at the age of its newest ticket may form without the newer ones, at the
    // later steps the older ones have reached: the anchor is tried again with only the tickets that
    // have waited as long as the next step, until a step beyond the anchor's own wait.
    let minWait = -Infinity;
    for (;;) {
      const built = this.attempt(a, minWait, round, now);
      if (built.formed) return built.building;
      const next = this.ruleSet.document.algorithm.expansionAgeSelection === 'newest' ? this.nextStepWait(built.building.newest, anchorWait) : undefined;
      if (next === undefined) return undefined;
      minWait = next;
    }
  }

  /** The match around the anchor `a` from its candidates near it that have waited at least `minWait`, filled greedily, and whether it forms. */
  private attempt(a: number, minWait: number, round: Round, now: number): { readonly building: Building; readonly formed: boolean } {
    const anchorWait = now - round.order[a].queuedAt;
    const building: Building = { teams: this.teamsAt(anchorWait), tickets: [], positions: [], newest: anchorWait, oldest: anchorWait, summary: emptySummary(this.spreads, this.regions.size) };
    if (!this.place(building, a, round, now)) return { building, formed: false };
    for (const c of this.near) {
      if (building.teams.every((t) => t.players >= t.max)) break;
      if (now - round.order[c].queuedAt >= minWait) this.place(building, c, round, now);
    }
    return { building, formed: this.judged(building) };
  }

  /**
   * Whether a match built forms: every team within the sizes the expansions
   * have reached for its age, and every rule passing on the whole match at
   * the values they have reached (each rule's evaluation counted).
   */
  private judged(building: Building): boolean {
    const age = this.age(building);
    if (this.teamsAt(age).some((t, k) => building.teams[k].players < t.min || building.teams[k].players > t.max)) return false;
    const match = this.candidate(building);
    const rulesNow = this.valuesAt(age);
    let ok = true;
    for (const i of this.rules) {
      const pass = passes(this.ruleSet, i, match, rulesNow, this.context);
      if (pass) this.metrics[i].passedCount++;
      else this.metrics[i].failedCount++;
      ok &&= pass;
    }
    return ok;
  }

  /** The first expansion step's wait after `age` and no later than `limit`, of any expansion: where a match of older tickets relaxes further; undefined if none. */
  private nextStepWait(age: number, limit: number): number | undefined {
    let next: number | undefined;
    for (const x of this.ruleSet.expansions) {
      for (const step of x.steps) if (step.waitTimeSeconds > age && step.waitTimeSeconds <= limit && (next === undefined || step.waitTimeSeconds < next)) next = step.waitTimeSeconds;
    }
    return next;
  }

  /**
   * Whether an anchor too short of players near it last round still is: the
   * players near it then (an upper bound on those still here) and those near
   * it among the tickets added since, at the same bounds, fall short of the
   * teams' minPlayers. Exact: a match short of them cannot form.
   */
  private stillShort(anchor: FlexTicket, anchorFacts: TicketFacts, reach: Reach): boolean {
    const last = this.short.get(anchor);
    if (last === undefined || last.round !== this.rounds - 1 || last.fewest !== reach.fewest || last.widest.some((w, k) => w !== reach.widest[k])) return false;
    let available = last.available;
    for (const t of this.added) {
      const facts = this.facts.get(t);
      if (t !== anchor && facts !== undefined && nearEnough(anchorFacts, facts, this.summarised, reach.widest)) available += t.players.length;
    }
    if (available >= reach.fewest) return false;
    last.round = this.rounds;
    last.available = available;
    return true;
  }

  /**
   * Each summarised rule's widest bound this round (its own, or any step a
   * match as old as `oldest` has reached), for a pairwise test against the
   * anchor that never turns away a ticket the rule would take: every match
   * holds its anchor, so a ticket further than that from it fails the rule in
   * any match around it, whatever else joins (both rules are checked as each
   * ticket is placed). Skipping such a ticket skips only a failing placement.
   */
  private widest(oldest: number): Float64Array {
    const widest = new Float64Array(this.summarised.length);
    this.summarised.forEach((s, k) => {
      widest[k] = s.base;
      for (const step of s.steps) if (oldest >= step.waitTimeSeconds && typeof step.value === 'number') widest[k] = Math.max(widest[k], step.value);
    });
    return widest;
  }

  /** The fewest players a match can form with at an age up to `oldest`: each team's smallest minPlayers its expansions reach by then. */
  private fewestPlayers(oldest: number): number {
    let n = 0;
    for (const def of this.teamSizes) {
      let least = def.min;
      for (const step of def.minSteps) if (oldest >= step.waitTimeSeconds && typeof step.value === 'number') least = Math.min(least, step.value);
      n += least * def.quantity;
    }
    return n;
  }

  /** Places a ticket in the team with the fewest players that has room for all of it, if no rule a bigger match could not mend then fails. */
  private place(building: Building, at: number, round: Round, now: number): boolean {
    const ticket = round.order[at];
    const size = ticket.players.length;
    const best = this.balanced === undefined ? teamWithFewestPlayers(building.teams, size) : mostOpenSlots(building.teams, size);
    if (best < 0) return false;
    const wait = now - ticket.queuedAt;
    const newest = Math.min(building.newest, wait);
    const oldest = Math.max(building.oldest, wait);
    const age = this.ruleSet.document.algorithm.expansionAgeSelection === 'oldest' ? oldest : newest;
    const facts = round.facts[at];
    const summarised = summaryPasses(building.summary, facts, this.summarised, age);
    if (summarised === false) return false;
    const team = building.teams[best];
    team.tickets.push(ticket);
    building.tickets.push(ticket);
    if (this.plain.length > 0 || summarised === 'general') {
      const match = this.candidate(building);
      const rulesNow = this.valuesAt(age);
      const general = summarised === 'general' ? this.summarised.filter((s) => s.kind === 'spread').map((s) => s.rule) : [];
      if (!this.plain.every((i) => passes(this.ruleSet, i, match, rulesNow, this.context)) || !general.every((i) => passes(this.ruleSet, i, match, rulesNow, this.context))) {
        team.tickets.pop();
        building.tickets.pop();
        return false;
      }
    }
    team.players += size;
    building.positions.push(at);
    building.newest = newest;
    building.oldest = oldest;
    summarise(building.summary, facts);
    return true;
  }

  /** The teams of a match of this age: each definition `quantity` times, at the sizes its expansions have reached. */
  private teamsAt(age: number): Building['teams'] {
    const teams: Building['teams'] = [];
    for (const def of this.teamSizes) {
      const min = expandedValue(def.minSteps, age, def.min);
      const max = expandedValue(def.maxSteps, age, def.max);
      for (let q = 0; q < def.quantity; q++) teams.push({ name: def.name, min, max, tickets: [], players: 0 });
    }
    return teams;
  }

  private expanded<V>(of: 'rules' | 'teams', name: string, property: string, age: number, base: V): V {
    const expansion = this.ruleSet.expansions.find((x) => x.of === of && x.name === name && x.property === property);
    return expansion === undefined ? base : expandedValue(expansion.steps, age, base);
  }

  /** The age the expansions follow: the newest ticket's wait in the match (the current service), or the oldest's. */
  private age(building: Building): number {
    return this.ruleSet.document.algorithm.expansionAgeSelection === 'oldest' ? building.oldest : building.newest;
  }

  private valuesAt(age: number) {
    return (rule: number, property: string, base: unknown) => this.expanded('rules', this.ruleSet.document.rules[rule].name, property, age, base);
  }

  /**
   * The balanced strategy's candidates (the current documentation's large
   * matches): the round's order, oldest first, less the tickets without the
   * balancing attribute (players must report it; an anchor without it has
   * none: empty); with fastestRegion, those whose fastest region is the
   * anchor's first.
   */
  private balancedOrder(anchor: FlexTicket, order: readonly FlexTicket[]): number[] {
    const { fastestRegion } = this.balanced as NonNullable<FlexMatchBuilder['balanced']>;
    if (Number.isNaN(this.balance(anchor).value)) return [];
    const region = fastestRegion ? this.balance(anchor).region : undefined;
    const keyed = order.flatMap((t, at) => {
      const { value, region: its } = this.balance(t);
      return Number.isNaN(value) ? [] : [{ at, away: region !== undefined && its !== region ? 1 : 0 }];
    });
    return keyed.sort((x, y) => x.away - y.away || x.at - y.at).map((x) => x.at);
  }

  /**
   * The balanced strategy's teams: the match's tickets dealt again so that
   * the teams' average balancing attribute is as even as a greedy deal makes
   * it (largest party first, then the highest value, each to the team with
   * room whose total so far is lowest for its size), each team keeping the size the fill
   * gave it. Where a party fits nowhere that way, the fill's teams stand.
   */
  private balancedTeams(built: Building): FlexTicket[][] {
    const sizes = built.teams.map((t) => t.players);
    const tickets = [...built.tickets].sort((x, y) => y.players.length - x.players.length || this.balance(y).value - this.balance(x).value);
    const teams: FlexTicket[][] = sizes.map(() => []);
    const filled = sizes.map(() => 0);
    const totals = sizes.map(() => 0);
    for (const t of tickets) {
      const n = t.players.length;
      let best = -1;
      for (let k = 0; k < sizes.length; k++) {
        if (filled[k] + n > sizes[k]) continue;
        if (best < 0 || totals[k] / sizes[k] < totals[best] / sizes[best]) best = k;
      }
      if (best < 0) return built.teams.map((team) => team.tickets);
      teams[best].push(t);
      filled[best] += n;
      totals[best] += this.balance(t).value * n;
    }
    return teams;
  }

  /** A ticket's balancing value (its party's average; NaN if a player lacks it) and fastest region, worked out once. */
  private balance(ticket: FlexTicket): { readonly value: number; readonly region: string | undefined } {
    let known = this.balances.get(ticket);
    if (known === undefined) {
      const values = ticket.players.map((p) => this.attribute(p, (this.balanced as NonNullable<FlexMatchBuilder['balanced']>).attribute));
      known = { value: values.every((v): v is number => typeof v === 'number') ? partyNumber(values, 'avg') : NaN, region: fastestRegionOf(ticket) };
      this.balances.set(ticket, known);
    }
    return known;
  }

  private readonly balances = new Map<FlexTicket, { readonly value: number; readonly region: string | undefined }>();

  /** The round's places in the order the sort rules give (relative to the anchor), then oldest first. */
  private sorted(anchor: FlexTicket, order: readonly FlexTicket[]): number[] {
    const sorts = this.sorts;
    const keyOf = sorts.map((rule) => sortKey(rule, anchor, (p, name) => this.attribute(p, name)));
    const keys = order.map((t) => keyOf.map((k) => k(t)));
    // order is oldest first: equal keys keep it.
    return order
      .map((_, at) => at)
      .sort((x, y) => {
        for (let k = 0; k < sorts.length; k++) if (keys[x][k] !== keys[y][k]) return keys[x][k] - keys[y][k];
        return x - y;
      });
  }

  private attribute(player: FlexPlayer, name: string): Value | undefined {
    return player.attributes.get(name) ?? this.defaults.get(name);
  }

  private readonly players = new Map<FlexPlayer, MatchPlayer>();
  private readonly parties = new Map<MatchPlayer, readonly MatchPlayer[]>();
  private readonly latencies = new Map<MatchPlayer, ReadonlyMap<string, number> | undefined>();

  private readonly context: RuleContext = {
    partyOf: (p) => this.parties.get(p) ?? [p],
    latencyOf: (p) => this.latencies.get(p),
  };

  /** The match as rules see it (each player made once, its party and latency kept for the rules). */
  private candidate(building: Building): CandidateMatch {
    const playerOf = (ticket: FlexTicket): MatchPlayer[] => {
      const made = ticket.players.map((p) => {
        let m = this.players.get(p);
        if (m === undefined) {
          m = { kind: 'player', id: p.id, attribute: (name) => this.attribute(p, name) };
          this.players.set(p, m);
          this.latencies.set(m, p.latency);
        }
        return m;
      });
      for (const m of made) this.parties.set(m, made);
      return made;
    };
    return { teams: building.teams.map((t): MatchTeam => ({ kind: 'team', name: t.name, players: t.tickets.flatMap(playerOf) })) };
  }
}

/** Sort keys compared in turn: numbers and strings ascending (a number before a string), a missing value (or a list, a map) last. */
function compareKeys(x: readonly unknown[], y: readonly unknown[]): number {
  for (let k = 0; k < x.length; k++) {
    const a = x[k];
    const b = y[k];
    const rank = (v: unknown) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (typeof a === 'number' && typeof b === 'number' && a !== b) return a - b;
    if (typeof a === 'string' && typeof b === 'string' && a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Small matches: the team with the fewest players that has room for `size` more (the first such); -1 if none. */
function teamWithFewestPlayers(teams: Building['teams'], size: number): number {
  let best = -1;
  for (let k = 0; k < teams.length; k++) {
    const t = teams[k];
    if (t.players + size <= t.max && (best < 0 || t.players < teams[best].players)) best = k;
  }
  return best;
}

/**
 * Large matches, as the guide fills them: of the teams with room for `size`
 * more, those short of their minPlayers first, and of those the one with
 * the most open slots (the first such: equal teams fill in turn); -1 if none.
 */
export function mostOpenSlots(teams: ReadonlyArray<{ readonly min: number; readonly max: number; readonly players: number }>, size: number): number {
  let best = -1;
  for (let k = 0; k < teams.length; k++) {
    const t = teams[k];
    if (t.players + size > t.max) continue;
    if (best < 0) {
      best = k;
      continue;
    }
    const b = teams[best];
    const short = t.players < t.min;
    const bestShort = b.players < b.min;
    if ((short && !bestShort) || (short === bestShort && t.max - t.players > b.max - b.players)) best = k;
  }
  return best;
}

/** The region a ticket's first player reports the lowest round trip to (its leader's: a party is placed together); undefined without latencies. */
function fastestRegionOf(ticket: FlexTicket): string | undefined {
  let best: string | undefined;
  let ms = Infinity;
  for (const [region, x] of ticket.players[0].latency ?? []) {
    if (x < ms) {
      ms = x;
      best = region;
    }
  }
  return best;
}

/** A sort rule's key of a ticket (lower first): its party's aggregate attribute against the anchor's. */
function sortKey(rule: Extract<Rule, { type: 'absoluteSort' | 'distanceSort' }>, anchor: FlexTicket, attribute: (p: FlexPlayer, name: string) => Value | undefined): (t: FlexTicket) => number {
  const sign = rule.sortDirection === 'ascending' ? 1 : -1;
  const numberOf = (t: FlexTicket, key?: string): number => {
    const values = t.players.map((p) => {
      const v = attribute(p, rule.sortAttribute);
      if (v instanceof Map) return key === undefined ? NaN : (v.get(key) ?? NaN);
      return typeof v === 'number' ? v : NaN;
    });
    return partyNumber(values, rule.partyAggregation);
  };
  // A map attribute is read at the anchor's key of least or greatest value (mapKey).
  const anchorMap = attribute(anchor.players[0], rule.sortAttribute);
  const key = anchorMap instanceof Map && anchorMap.size > 0 ? [...anchorMap].sort((a, b) => (rule.mapKey === 'minValue' ? a[1] - b[1] : b[1] - a[1]))[0][0] : undefined;
  const anchorValue = numberOf(anchor, key);
  // A ticket without the value sorts last.
  const last = (x: number) => (Number.isNaN(x) ? Infinity : x);
  return rule.type === 'distanceSort' ? (t) => last(sign * Math.abs(numberOf(t, key) - anchorValue)) : (t) => last(sign * numberOf(t, key));
}

/** A rule that, failing on a match, fails on every bigger match too: checked as each ticket is placed. */
function mendless(rule: Rule, expressions: { readonly measurements: readonly Expression[]; readonly reference?: Expression }): boolean {
  const perPlayer = expressions.measurements.every((e) => (e.kind === 'teams' && e.attribute !== undefined) || (e.kind === 'call' && e.fn === 'flatten' && e.arg.kind === 'teams' && e.arg.attribute !== undefined));
  const literal = expressions.reference === undefined || expressions.reference.kind === 'literal';
  switch (rule.type) {
    case 'latency':
      return rule.maxDistance === undefined;
    case 'batchDistance':
      return true;
    case 'comparison':
      return perPlayer && literal;
    case 'distance':
      return perPlayer && literal && expressions.reference !== undefined;
    case 'collection':
      return perPlayer && (rule.operation === 'reference_intersection_count' || (rule.operation === 'intersection' && rule.maxCount === undefined) || (rule.operation === 'contains' && rule.minCount === undefined));
    default:
      return false;
  }
}
