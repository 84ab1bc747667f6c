import { evaluate, valueExpression, type CandidateMatch, type Expression, type MatchPlayer, type MatchTeam, type Value } from './property-expression.js';
import { statement, statementRules, type Rule, type RuleSet } from './rule-set.js';

/*
 * Whether a candidate match passes a rule of the rule set, at the values the
 * expansions have reached. Sort rules (absoluteSort, distanceSort) order the
 * candidates and pass every match. Choices where the guide leaves the
 * service's behaviour open are marked "Choice:" and listed in
 * docs/flexmatch.md.
 */

/** A rule's value of `property` now: its expansion's step reached, or the rule's own. */
export type PropertyNow = (rule: number, property: string, base: unknown) => unknown;

const isList = (v: Value | undefined): v is readonly Value[] => Array.isArray(v);
const flat = (v: Value | undefined): Value[] => (v === undefined ? [] : isList(v) ? v.flatMap((x) => (isList(x) ? flat(x) : [x])) : [v]);

/** Every value of a rule's measurements, flattened to single values (numbers, strings). */
function measured(expressions: readonly Expression[], match: CandidateMatch): Value[] | undefined {
  const out: Value[] = [];
  for (const e of expressions) {
    const v = evaluate(e, match);
    if (v === undefined) return undefined;
    out.push(...flat(v));
  }
  return out;
}

/** A party's number under a rule's partyAggregation: its players' min, max or avg. */
export function partyNumber(values: readonly number[], how: 'min' | 'max' | 'avg'): number {
  return how === 'min' ? Math.min(...values) : how === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The match as a rule with this party aggregation sees it: each party member's attribute is the aggregate over its party (min, max or avg of numbers; union or intersection of lists). */
export function withPartyAggregation(match: CandidateMatch, how: 'min' | 'max' | 'avg' | 'union' | 'intersection', partyOf: (p: MatchPlayer) => readonly MatchPlayer[]): CandidateMatch {
  if (match.teams.every((t) => t.players.every((p) => partyOf(p).length <= 1))) return match;
  const player = (p: MatchPlayer): MatchPlayer => {
    const party = partyOf(p);
    if (party.length <= 1) return p;
    return {
      kind: 'player',
      id: p.id,
      attribute: (name) => {
        const values = party.map((q) => q.attribute(name));
        if (values.some((v) => v === undefined)) return undefined;
        if (values.every((v) => typeof v === 'number')) {
          // Numbers have no union or intersection (a collection rule's): their average stands for the party.
          return partyNumber(values as number[], how === 'min' || how === 'max' ? how : 'avg');
        }
        if (values.every(isList) && (how === 'union' || how === 'intersection')) {
          const lists = values as ReadonlyArray<readonly Value[]>;
          const all = [...new Set(lists.flat())];
          return how === 'union' ? all : all.filter((x) => lists.every((l) => l.includes(x)));
        }
        // Choice: a string (or a map) has no aggregate: each member keeps its own.
        return p.attribute(name);
      },
    };
  };
  return { teams: match.teams.map((t): MatchTeam => ({ kind: 'team', name: t.name, players: t.players.map(player) })) };
}

const compare = (a: Value, op: string, b: Value): boolean => {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
};

/** The latency view of a match: the regions every player reaches within maxLatency, and there each player's latency. */
export function latencyRegions(players: readonly MatchPlayer[], maxLatency: number, latencyOf: (p: MatchPlayer) => ReadonlyMap<string, number> | undefined): string[] {
  let regions: string[] | undefined;
  for (const p of players) {
    const map = latencyOf(p);
    // A player with no latency reported is not matchable under a latency rule (the current service's behaviour).
    if (map === undefined) return [];
    const within = [...map].filter(([, ms]) => ms <= maxLatency).map(([r]) => r);
    regions = regions === undefined ? within : regions.filter((r) => within.includes(r));
    if (regions.length === 0) return [];
  }
  return regions ?? [];
}

/** Whether `match` passes rule `index` of the rule set now. */
export function passes(ruleSet: RuleSet, index: number, match: CandidateMatch, now: PropertyNow, context: RuleContext): boolean {
  const rule = ruleSet.document.rules[index];
  const view = 'partyAggregation' in rule ? withPartyAggregation(match, rule.partyAggregation, context.partyOf) : match;
  const { measurements, reference: referenceExpression } = ruleSet.expressions[index];
  const prop = <V>(name: string, base: V): V => now(index, name, base) as V;
  const reference = (): Value | undefined => {
    const expanded = prop<unknown>('referenceValue', undefined);
    const e = expanded !== undefined ? valueExpression(expanded) : referenceExpression;
    return e === undefined ? undefined : evaluate(e, view);
  };
  switch (rule.type) {
    case 'comparison': {
      const values = measured(measurements, view);
      if (values === undefined) return false;
      const ref = reference();
      if (ref === undefined) {
        // Without a reference: = all the same value, != all different.
        if (rule.operation === '=') return values.every((v) => v === values[0]);
        if (rule.operation === '!=') return new Set(values).size === values.length;
        return false;
      }
      const refs = flat(ref);
      return values.every((v) => refs.every((r) => compare(v, rule.operation, r)));
    }
    case 'distance': {
      const values = measured(measurements, view);
      if (values === undefined || values.some((v) => typeof v !== 'number')) return false;
      const numbers = values as number[];
      const ref = reference();
      // Choice: without a reference value, the distance is the measurements' spread (largest less smallest).
      const distances = ref === undefined ? [Math.max(...numbers) - Math.min(...numbers)] : typeof ref === 'number' ? numbers.map((n) => Math.abs(n - ref)) : undefined;
      if (distances === undefined) return false;
      const max = prop<number | undefined>('maxDistance', rule.maxDistance);
      const min = prop<number | undefined>('minDistance', rule.minDistance);
      return distances.every((d) => (max === undefined || d <= max) && (min === undefined || d >= min));
    }
    case 'collection': {
      const collections: Value[] = [];
      for (const e of measurements) {
        const v = evaluate(e, view);
        if (v === undefined || !isList(v)) return false;
        collections.push(...v);
      }
      const lists = collections.map((c) => (isList(c) ? c : [c]));
      const ref = reference();
      const refs = ref === undefined ? [] : flat(ref);
      const counts =
        rule.operation === 'intersection'
          ? [lists.length === 0 ? 0 : new Set(lists[0].filter((x) => lists.every((l) => l.includes(x)))).size]
          : rule.operation === 'contains'
            ? [lists.filter((l) => refs.some((r) => l.includes(r))).length]
            : lists.map((l) => new Set(l.filter((x) => refs.includes(x))).size);
      const max = prop<number | undefined>('maxCount', rule.maxCount);
      const min = prop<number | undefined>('minCount', rule.minCount);
      return counts.every((c) => (max === undefined || c <= max) && (min === undefined || c >= min));
    }
    case 'latency': {
      const players = match.teams.flatMap((t) => t.players);
      const maxLatency = prop<number>('maxLatency', rule.maxLatency);
      const regions = latencyRegions(players, maxLatency, context.latencyOf);
      if (regions.length === 0) return false;
      const maxDistance = prop<number | undefined>('maxDistance', rule.maxDistance);
      if (maxDistance === undefined) return true;
      // Some region every player reaches where each is within maxDistance of the reference (the players' min or avg there).
      return regions.some((region) => {
        const ms = players.map((p) => context.latencyOf(p)?.get(region) as number);
        const ref = rule.distanceReference === 'avg' ? ms.reduce((a, b) => a + b, 0) / ms.length : Math.min(...ms);
        return ms.every((x) => Math.abs(x - ref) <= maxDistance);
      });
    }
    case 'batchDistance': {
      const values = view.teams.flatMap((t) => t.players.map((p) => p.attribute(rule.batchAttribute)));
      if (values.some((v) => v === undefined)) return false;
      const maxDistance = prop<number>('maxDistance', rule.maxDistance);
      if (values.every((v) => typeof v === 'number')) {
        const n = values as number[];
        return Math.max(...n) - Math.min(...n) <= maxDistance;
      }
      // Strings: all players the same.
      return values.every((v) => v === values[0]);
    }
    case 'compound':
      return statement(rule.statement, (name) => {
        const at = ruleSet.document.rules.findIndex((r) => r.name === name);
        return passes(ruleSet, at, match, now, context);
      });
    default:
      return true;
  }
}

/** What rules read of a player beyond its attributes: its party (its request's players) and its latencies by region. */
export interface RuleContext {
  readonly partyOf: (p: MatchPlayer) => readonly MatchPlayer[];
  readonly latencyOf: (p: MatchPlayer) => ReadonlyMap<string, number> | undefined;
}

/** The rules a match must pass on their own: every rule but the sorts, and those only a compound statement combines. */
export function rulesToCheck(ruleSet: RuleSet): number[] {
  const rules = ruleSet.document.rules;
  const inCompound = new Set(rules.flatMap((r) => (r.type === 'compound' ? statementRules(r.statement) : [])));
  return rules.flatMap((r: Rule, i) => (r.type === 'absoluteSort' || r.type === 'distanceSort' || inCompound.has(r.name) ? [] : [i]));
}
