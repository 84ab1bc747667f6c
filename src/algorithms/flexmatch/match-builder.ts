import type { CandidateMatch, Expression, MatchPlayer, MatchTeam, Value } from './property-expression.js';
import { expandedValue, type Rule, type RuleSet } from './rule-set.js';
import { partyNumber, passes, rulesToCheck, type RuleContext } from './rules.js';

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

export interface FlexPlayer {
  readonly id: string;
  /** The player's attributes by name; one missing takes the rule set's default. */
  readonly attributes: ReadonlyMap<string, Value>;
  /** Round trips in ms by region; undefined: none reported. */
  readonly latency?: ReadonlyMap<string, number>;
}

export interface FlexTicket {
  readonly id: string;
  /** When it entered the pool, in seconds. */
  readonly queuedAt: number;
  readonly players: readonly FlexPlayer[];
}

/** A match formed: its teams (each a definition's name, and its tickets' players), and its tickets. */
export interface FlexMatchFormed {
  readonly teams: ReadonlyArray<{ readonly name: string; readonly players: readonly FlexPlayer[] }>;
  readonly tickets: readonly FlexTicket[];
}

/** ruleEvaluationMetrics, as the service reports them: each rule's passes and failures when a potential match was evaluated. */
export interface RuleMetric {
  readonly ruleName: string;
  passedCount: number;
  failedCount: number;
}

/** A batchDistance rule's attribute, party aggregation and widest distance this round; or a latency rule's widest maxLatency. */
type BatchReach =
  | { readonly kind: 'distance'; readonly attribute: string; readonly how: 'min' | 'max' | 'avg'; readonly widest: number }
  | { readonly kind: 'latency'; readonly widest: number };

/** The regions every player of a ticket reaches within `ms`; undefined when one reports no latency. */
function regionsWithin(t: FlexTicket, ms: number): Set<string> | undefined {
  let common: Set<string> | undefined;
  for (const p of t.players) {
    if (p.latency === undefined) return undefined;
    const within = new Set([...p.latency].filter(([, x]) => x <= ms).map(([region]) => region));
    common = common === undefined ? within : new Set([...common].filter((region) => within.has(region)));
  }
  return common ?? new Set();
}

interface Building {
  readonly teams: Array<{ readonly name: string; readonly min: number; readonly max: number; readonly tickets: FlexTicket[] }>;
  readonly tickets: FlexTicket[];
}

export class FlexMatchBuilder {
  private readonly pool: FlexTicket[] = [];
  private readonly rules: readonly number[];
  private readonly incremental: readonly number[];
  private readonly sorts: ReadonlyArray<Extract<Rule, { type: 'absoluteSort' | 'distanceSort' }>>;
  /** Each declared attribute's default, as a rule reads it. */
  private readonly defaults = new Map<string, Value>();
  readonly metrics: RuleMetric[];

  /**
   * `pairwise`: turn away, before placing, a ticket too far from the anchor
   * for a batch distance or latency rule (batchReach; default on). Off, every
   * ticket is placed and tested: the same matches, slower (the tests' oracle).
   */
  constructor(
    private readonly ruleSet: RuleSet,
    private readonly options: { readonly pairwise?: boolean } = {},
  ) {
    if (ruleSet.maxPlayers > 40) throw new RangeError('a large match (more than 40 players) is built by the balanced strategy, which is not built yet');
    this.rules = rulesToCheck(ruleSet);
    this.incremental = this.rules.filter((i) => mendless(ruleSet.document.rules[i], ruleSet.expressions[i]));
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

  add(ticket: FlexTicket): void {
    this.pool.push(ticket);
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

  /** One round at time `now`: the matches formed, in order. */
  match(now: number): FlexMatchFormed[] {
    const order = this.pool.map((t, i) => ({ t, i })).sort((a, b) => a.t.queuedAt - b.t.queuedAt || a.i - b.i).map((x) => x.t);
    const used = new Set<FlexTicket>();
    const formed: FlexMatchFormed[] = [];
    // The oldest age a match can have this round, for the batch distances it may have relaxed to:
    // the newest ticket's age is at most its anchor's; the oldest's, at most the pool's oldest.
    const newest = this.ruleSet.document.algorithm.expansionAgeSelection === 'newest';
    const poolReach = this.batchReach(order.length === 0 ? 0 : now - order[0].queuedAt);
    for (const anchor of order) {
      if (used.has(anchor)) continue;
      const built = this.buildAround(anchor, order, used, now, newest ? this.batchReach(now - anchor.queuedAt) : poolReach);
      if (built === undefined) continue;
      for (const t of built.tickets) {
        used.add(t);
        this.forget(t);
      }
      formed.push({ teams: built.teams.map((team) => ({ name: team.name, players: team.tickets.flatMap((t) => t.players) })), tickets: built.tickets });
    }
    if (formed.length > 0) {
      const kept = this.pool.filter((t) => !used.has(t));
      this.pool.length = 0;
      this.pool.push(...kept);
    }
    return formed;
  }

  /** A match around `anchor` from the others of `order` (oldest first) not `used` this round, if one forms. */
  private buildAround(anchor: FlexTicket, order: readonly FlexTicket[], used: ReadonlySet<FlexTicket>, now: number, reach: readonly BatchReach[]): Building | undefined {
    const building: Building = { teams: this.teamsAt(now - anchor.queuedAt), tickets: [] };
    if (!this.place(building, anchor, now)) return undefined;
    const near = this.options.pairwise === false ? () => true : this.nearAnchor(anchor, reach);
    // Without sort rules the candidates are the pool oldest first: its order already.
    const candidates = this.sorts.length === 0 ? order : this.sorted(anchor, order);
    for (const candidate of candidates) {
      if (candidate === anchor || used.has(candidate) || !near(candidate)) continue;
      if (building.teams.every((t) => players(t.tickets) >= t.max)) break;
      this.place(building, candidate, now);
    }
    // Formable: every team at its minPlayers, at the sizes the expansions have reached for this match.
    const teams = this.teamsAt(this.age(building.tickets, now));
    const counts = building.teams.map((t) => players(t.tickets));
    if (teams.some((t, k) => counts[k] < t.min || counts[k] > t.max)) return undefined;
    const match = this.candidate(building);
    const rulesNow = this.now(building.tickets, now);
    let ok = true;
    for (const i of this.rules) {
      const pass = passes(this.ruleSet, i, match, rulesNow, this.context);
      if (pass) this.metrics[i].passedCount++;
      else this.metrics[i].failedCount++;
      ok &&= pass;
    }
    return ok ? building : undefined;
  }

  /**
   * Each numeric batchDistance rule's widest distance this round (its own, or
   * any step the oldest possible match has reached), for a pairwise test that
   * never turns away a ticket the rule would take: every match holds its
   * anchor, so a ticket further than that from the anchor fails the rule in
   * any match around it, whatever else joins (batchDistance is checked as each
   * ticket is placed). Skipping such a ticket skips only a failing placement:
   * the same matches form, faster.
   */
  private batchReach(oldest: number): BatchReach[] {
    const widest = (rule: Rule, property: string, base: number): number => {
      const expansion = this.ruleSet.expansions.find((x) => x.of === 'rules' && x.name === rule.name && x.property === property);
      let most = base;
      for (const step of expansion?.steps ?? []) if (oldest >= step.waitTimeSeconds && typeof step.value === 'number') most = Math.max(most, step.value);
      return most;
    };
    return this.incremental.flatMap((i): BatchReach[] => {
      const rule = this.ruleSet.document.rules[i];
      if (rule.type === 'batchDistance') return [{ kind: 'distance', attribute: rule.batchAttribute, how: rule.partyAggregation, widest: widest(rule, 'maxDistance', rule.maxDistance) }];
      // A latency rule without maxDistance: some region every player reaches within maxLatency, so one the anchor's and the ticket's players all do.
      if (rule.type === 'latency') return [{ kind: 'latency', widest: widest(rule, 'maxLatency', rule.maxLatency) }];
      return [];
    });
  }

  /** Whether a ticket may be near enough the anchor for every batch distance and latency rule (see batchReach). */
  private nearAnchor(anchor: FlexTicket, reach: readonly BatchReach[]): (t: FlexTicket) => boolean {
    if (reach.length === 0) return () => true;
    const anchorValues = reach.map((r) => (r.kind === 'distance' ? this.batchValue(anchor, r) : undefined));
    const anchorRegions = reach.map((r) => (r.kind === 'latency' ? regionsWithin(anchor, r.widest) : undefined));
    return (t) =>
      reach.every((r, k) => {
        if (r.kind === 'latency') {
          const mine = regionsWithin(t, r.widest);
          // A player without round trips: the rule itself refuses it, as the ticket is placed.
          return anchorRegions[k] === undefined || mine === undefined || [...mine].some((region) => (anchorRegions[k] as Set<string>).has(region));
        }
        const a = anchorValues[k];
        const v = this.batchValue(t, r);
        // Not numbers (strings, or missing): the rule itself decides, as the ticket is placed.
        return a === undefined || v === undefined || Math.abs(v - a) <= r.widest;
      });
  }

  /** A ticket's value for a batch rule when all its players agree on one (its party's aggregate, or a player alone's own); undefined otherwise. */
  private batchValue(t: FlexTicket, r: Extract<BatchReach, { kind: 'distance' }>): number | undefined {
    const values = t.players.map((p) => this.attribute(p, r.attribute));
    if (!values.every((v): v is number => typeof v === 'number')) return undefined;
    if (values.length === 1) return values[0];
    return partyNumber(values, r.how);
  }

  /** Places a ticket in the team with the fewest players that has room for all of it, if no rule a bigger match could not mend then fails. */
  private place(building: Building, ticket: FlexTicket, now: number): boolean {
    const size = ticket.players.length;
    let best = -1;
    building.teams.forEach((t, k) => {
      if (players(t.tickets) + size <= t.max && (best < 0 || players(t.tickets) < players(building.teams[best].tickets))) best = k;
    });
    if (best < 0) return false;
    building.teams[best].tickets.push(ticket);
    building.tickets.push(ticket);
    const match = this.candidate(building);
    const rulesNow = this.now(building.tickets, now);
    if (this.incremental.every((i) => passes(this.ruleSet, i, match, rulesNow, this.context))) return true;
    building.teams[best].tickets.pop();
    building.tickets.pop();
    return false;
  }

  /** The teams of a match of this age: each definition `quantity` times, at the sizes its expansions have reached. */
  private teamsAt(age: number): Building['teams'] {
    return this.ruleSet.document.teams.flatMap((def) => {
      const min = this.expanded('teams', def.name, 'minPlayers', age, def.minPlayers);
      const max = this.expanded('teams', def.name, 'maxPlayers', age, def.maxPlayers);
      return Array.from({ length: def.quantity }, () => ({ name: def.name, min, max, tickets: [] as FlexTicket[] }));
    });
  }

  private expanded<V>(of: 'rules' | 'teams', name: string, property: string, age: number, base: V): V {
    const expansion = this.ruleSet.expansions.find((x) => x.of === of && x.name === name && x.property === property);
    return expansion === undefined ? base : expandedValue(expansion.steps, age, base);
  }

  /** The age the expansions follow: the newest ticket's wait in the match (the current service), or the oldest's. */
  private age(tickets: readonly FlexTicket[], now: number): number {
    const waits = tickets.map((t) => now - t.queuedAt);
    return this.ruleSet.document.algorithm.expansionAgeSelection === 'oldest' ? Math.max(...waits) : Math.min(...waits);
  }

  private now(tickets: readonly FlexTicket[], now: number) {
    const age = this.age(tickets, now);
    return (rule: number, property: string, base: unknown) => this.expanded('rules', this.ruleSet.document.rules[rule].name, property, age, base);
  }

  /** The others in the order the sort rules give (relative to the anchor), then oldest first. */
  private sorted(anchor: FlexTicket, others: readonly FlexTicket[]): FlexTicket[] {
    const sorts = this.sorts;
    const keyOf = sorts.map((rule) => sortKey(rule, anchor, (p, name) => this.attribute(p, name)));
    return others
      .map((t, i) => ({ t, i, keys: keyOf.map((k) => k(t)) }))
      .sort((a, b) => {
        for (let k = 0; k < sorts.length; k++) if (a.keys[k] !== b.keys[k]) return a.keys[k] - b.keys[k];
        return a.t.queuedAt - b.t.queuedAt || a.i - b.i;
      })
      .map((x) => x.t);
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

const players = (tickets: readonly FlexTicket[]): number => tickets.reduce((n, t) => n + t.players.length, 0);

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
