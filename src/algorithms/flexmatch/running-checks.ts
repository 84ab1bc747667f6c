import type { FlexTicket } from './flex-ticket.js';
import type { Value } from './property-expression.js';
import { expandedValue, type ExpansionSteps as Steps, type RuleSet } from './rule-set.js';
import { partyNumber } from './rules.js';

/*
 * The two rules that decide most placements, batchDistance on numbers and
 * latency without maxDistance, checked from a running summary of the match
 * being built (its least and greatest batch value; its players' worst round
 * trip to each region) and facts read once from each ticket, instead of
 * evaluating the rule on the whole match at every placement. Each check gives
 * exactly what rules.ts passes() gives on the match with the ticket placed
 * (the builder's oracle test holds them to it); where a value is not a number
 * the rule itself decides.
 */

/** A rule checked from the summary: its index, and the steps and base of the property that bounds it. */
export type SummarisedRule =
  | { readonly kind: 'spread'; readonly rule: number; readonly slot: number; readonly attribute: string; readonly how: 'min' | 'max' | 'avg'; readonly base: number; readonly steps: Steps }
  | { readonly kind: 'latency'; readonly rule: number; readonly base: number; readonly steps: Steps };

/** What the checks read of a ticket, once: its value for each spread rule (NaN: not all numbers), and its players' worst round trip to each region (Infinity: one has none). */
export interface TicketFacts {
  readonly batch: Float64Array;
  readonly worst: Float64Array;
}

/** The running summary of a match being built. */
export interface Summary {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** A spread rule a ticket without a number joined: passes() decides it from then on. */
  readonly general: Uint8Array;
  readonly worst: Float64Array;
}

/** The rule set's incremental rules that a summary can check. */
export function summarisedRules(ruleSet: RuleSet, incremental: readonly number[]): SummarisedRule[] {
  const steps = (name: string, property: string): Steps => ruleSet.expansions.find((x) => x.of === 'rules' && x.name === name && x.property === property)?.steps ?? [];
  let slot = 0;
  return incremental.flatMap((i): SummarisedRule[] => {
    const r = ruleSet.document.rules[i];
    if (r.type === 'batchDistance') return [{ kind: 'spread', rule: i, slot: slot++, attribute: r.batchAttribute, how: r.partyAggregation, base: r.maxDistance, steps: steps(r.name, 'maxDistance') }];
    if (r.type === 'latency' && r.maxDistance === undefined) return [{ kind: 'latency', rule: i, base: r.maxLatency, steps: steps(r.name, 'maxLatency') }];
    return [];
  });
}

/** The rule's bound at this age: its expansion's step reached, or its own. */
const boundAt = (s: SummarisedRule, age: number): number => expandedValue(s.steps, age, s.base);

/** Regions by index, in the order tickets first name them. */
export class RegionIndex {
  private readonly index = new Map<string, number>();

  get size(): number {
    return this.index.size;
  }

  of(region: string): number {
    let at = this.index.get(region);
    if (at === undefined) {
      at = this.index.size;
      this.index.set(region, at);
    }
    return at;
  }
}

/** A ticket's facts (a party's batch value is its aggregate, as withPartyAggregation gives each member). */
export function ticketFacts(ticket: FlexTicket, rules: readonly SummarisedRule[], spreads: number, regions: RegionIndex, attribute: (p: FlexTicket['players'][number], name: string) => Value | undefined): TicketFacts {
  const batch = new Float64Array(spreads);
  for (const s of rules) {
    if (s.kind !== 'spread') continue;
    const values = ticket.players.map((p) => attribute(p, s.attribute));
    batch[s.slot] = values.every((v): v is number => typeof v === 'number') ? (values.length === 1 ? values[0] : partyNumber(values, s.how)) : NaN;
  }
  const reported = ticket.players.map((p) => {
    // A region a player reports no round trip to (or no latency at all): out of its reach.
    const ms = new Map<number, number>();
    for (const [region, x] of p.latency ?? []) ms.set(regions.of(region), x);
    return ms;
  });
  const worst = new Float64Array(regions.size).fill(-Infinity);
  for (const ms of reported) for (let r = 0; r < worst.length; r++) worst[r] = Math.max(worst[r], ms.get(r) ?? Infinity);
  return { batch, worst };
}

/** A ticket's worst round trip to a region named after it joined: out of reach. */
const worstAt = (f: TicketFacts, r: number): number => (r < f.worst.length ? f.worst[r] : Infinity);

export function emptySummary(spreads: number, regions: number): Summary {
  return { lo: new Float64Array(spreads).fill(Infinity), hi: new Float64Array(spreads).fill(-Infinity), general: new Uint8Array(spreads), worst: new Float64Array(regions).fill(-Infinity) };
}

/**
 * Whether the match with the ticket placed passes every summarised rule at
 * the bounds of this age, leaving to passes() (`general`) the spread rules a
 * value that is not a number reaches: false, true, or 'general' when some
 * rule must still be evaluated on the whole match.
 */
export function summaryPasses(summary: Summary, facts: TicketFacts, rules: readonly SummarisedRule[], age: number): boolean | 'general' {
  let general = false;
  for (const s of rules) {
    const bound = boundAt(s, age);
    if (s.kind === 'spread') {
      const v = facts.batch[s.slot];
      if (summary.general[s.slot] === 1 || Number.isNaN(v)) general = true;
      else if (Math.max(summary.hi[s.slot], v) - Math.min(summary.lo[s.slot], v) > bound) return false;
      continue;
    }
    let reached = false;
    for (let r = 0; r < summary.worst.length && !reached; r++) reached = Math.max(summary.worst[r], worstAt(facts, r)) <= bound;
    if (!reached) return false;
  }
  return general ? 'general' : true;
}

/** The ticket is placed: the summary takes it in. */
export function summarise(summary: Summary, facts: TicketFacts): void {
  for (let k = 0; k < summary.lo.length; k++) {
    const v = facts.batch[k];
    if (Number.isNaN(v)) summary.general[k] = 1;
    summary.lo[k] = Math.min(summary.lo[k], v);
    summary.hi[k] = Math.max(summary.hi[k], v);
  }
  for (let r = 0; r < summary.worst.length; r++) summary.worst[r] = Math.max(summary.worst[r], worstAt(facts, r));
}

/** Whether a ticket may be near enough the anchor for every summarised rule at its widest bound this round (`widest[k]` for rules[k]): one further fails it in any match around the anchor. */
export function nearEnough(anchor: TicketFacts, facts: TicketFacts, rules: readonly SummarisedRule[], widest: Float64Array): boolean {
  for (let k = 0; k < rules.length; k++) {
    const s = rules[k];
    if (s.kind === 'spread') {
      // Not numbers: the rule itself decides, as the ticket is placed.
      if (Math.abs(facts.batch[s.slot] - anchor.batch[s.slot]) > widest[k]) return false;
      continue;
    }
    let reached = false;
    for (let r = 0; r < anchor.worst.length && !reached; r++) reached = Math.max(anchor.worst[r], worstAt(facts, r)) <= widest[k];
    if (!reached) return false;
  }
  return true;
}

