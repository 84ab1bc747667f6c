import { excerpt } from '../../errors.js';
import * as z from 'zod';
import { ExpressionError, namesIn, valueExpression, type Expression } from './property-expression.js';

/*
 * A GameLift FlexMatch rule set (the rule-set schema of the reference's
 * match-ruleset-schema.md, with the current service's additions: compound
 * and batchDistance rules, expansionAgeSelection, the four batching
 * preferences), read and checked as the service would check it: an unknown
 * rule type, a property expression naming a team or an attribute the rule set
 * does not have, an expansion of a rule or property that does not exist, and
 * steps out of order are refused with the JSON path and the reason.
 */

const name = z.string().min(1).max(128);
const count = z.int().min(0).max(200);
const expressionText = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

const attribute = z.strictObject({
  name,
  type: z.enum(['string', 'number', 'string_list', 'string_number_map']),
  default: z.union([z.string(), z.number(), z.array(z.string()), z.record(z.string(), z.number())]).optional(),
});

const team = z.strictObject({ name, minPlayers: count, maxPlayers: count.min(1), quantity: z.int().min(1).max(200).default(1) });

const partyAggregation = z.enum(['min', 'max', 'avg']).default('avg');
const common = { name, description: z.string().max(1024).optional() };
const measurements = z.union([z.string(), z.array(z.string()).min(1)]).transform((m) => (Array.isArray(m) ? m : [m]));

const rule = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('comparison'), measurements, referenceValue: expressionText.optional(), operation: z.enum(['<', '<=', '=', '!=', '>', '>=']), partyAggregation }),
  z.strictObject({ ...common, type: z.literal('distance'), measurements, referenceValue: expressionText.optional(), minDistance: z.number().optional(), maxDistance: z.number().optional(), partyAggregation }),
  z.strictObject({
    ...common,
    type: z.literal('collection'),
    measurements,
    referenceValue: expressionText.optional(),
    operation: z.enum(['intersection', 'contains', 'reference_intersection_count']),
    minCount: z.number().optional(),
    maxCount: z.number().optional(),
    partyAggregation: z.enum(['union', 'intersection']).default('union'),
  }),
  z.strictObject({ ...common, type: z.literal('latency'), maxLatency: z.number().positive(), maxDistance: z.number().nonnegative().optional(), distanceReference: z.enum(['min', 'avg']).optional(), partyAggregation }),
  z.strictObject({ ...common, type: z.literal('batchDistance'), batchAttribute: name, maxDistance: z.number().nonnegative().default(0), partyAggregation }),
  z.strictObject({ ...common, type: z.literal('absoluteSort'), sortDirection: z.enum(['ascending', 'descending']), sortAttribute: name, mapKey: z.enum(['minValue', 'maxValue']).optional(), partyAggregation }),
  z.strictObject({ ...common, type: z.literal('distanceSort'), sortDirection: z.enum(['ascending', 'descending']), sortAttribute: name, mapKey: z.enum(['minValue', 'maxValue']).optional(), partyAggregation }),
  z.strictObject({ ...common, type: z.literal('compound'), statement: z.string().min(1).max(4096) }),
]);

const expansion = z.strictObject({
  target: z.string().min(1),
  steps: z.array(z.strictObject({ waitTimeSeconds: z.number().nonnegative(), value: z.union([z.number(), z.string(), z.array(z.string())]) })).min(1),
});

export const ruleSetSchema = z.strictObject({
  name: z.string().max(128).default(''),
  ruleLanguageVersion: z.literal('1.0'),
  playerAttributes: z.array(attribute).default([]),
  teams: z.array(team).min(1),
  rules: z.array(rule).default([]),
  expansions: z.array(expansion).default([]),
  algorithm: z
    .strictObject({
      strategy: z.enum(['exhaustiveSearch', 'balanced']).default('exhaustiveSearch'),
      balancedAttribute: name.optional(),
      batchingPreference: z.enum(['random', 'sorted', 'largestPopulation', 'fastestRegion']).default('random'),
      sortByAttributes: z.array(name).optional(),
      expansionAgeSelection: z.enum(['newest', 'oldest']).default('newest'),
      backfillPriority: z.enum(['normal', 'low', 'high']).default('normal'),
    })
    .prefault({}),
});

export type RuleSetDocument = z.output<typeof ruleSetSchema>;
export type Rule = RuleSetDocument['rules'][number];

/** A rule set read and checked: the document, each rule's expressions parsed, and the expansions by target. */
export interface RuleSet {
  readonly document: RuleSetDocument;
  /** Each rule's measurements and reference value, parsed, by rule index (empty for rules without). */
  readonly expressions: ReadonlyArray<{ readonly measurements: readonly Expression[]; readonly reference?: Expression }>;
  /** Each expansion's target, as the rule or team and the property it sets. */
  readonly expansions: ReadonlyArray<{ readonly of: 'rules' | 'teams'; readonly name: string; readonly property: string; readonly steps: RuleSetDocument['expansions'][number]['steps'] }>;
  /** The players a match holds at most: every team's maxPlayers times its quantity. */
  readonly maxPlayers: number;
  /** The players a match may hold, at most and at least, at any step of the team sizes' expansions (each team's largest maxPlayers and smallest minPlayers, times its quantity; at least 1: a match holds its anchor). */
  readonly matchSizes: { readonly fewest: number; readonly most: number };
}

/** One refusal: where in the rule set, and why. */
export interface RuleSetProblem {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

const EXPANDABLE: Readonly<Record<Rule['type'], readonly string[]>> = {
  comparison: ['referenceValue'],
  distance: ['referenceValue', 'minDistance', 'maxDistance'],
  collection: ['referenceValue', 'minCount', 'maxCount'],
  latency: ['maxLatency', 'maxDistance'],
  batchDistance: ['maxDistance'],
  absoluteSort: [],
  distanceSort: [],
  compound: [],
};

/** The names a compound statement combines (and, or, not, xor of rule names). */
export function statementRules(statement: string): string[] {
  return statement
    .split(/[(),\s]+/)
    .filter((w) => w !== '' && !['and', 'or', 'not', 'xor'].includes(w));
}

/** A compound statement's truth: and(...), or(...), not(x), xor(...) of rule names, each rule's pass looked up once. */
export function statement(text: string, rule: (name: string) => boolean): boolean {
  let at = 0;
  const space = () => {
    while (/\s/.test(text[at] ?? '')) at++;
  };
  const term = (): boolean => {
    space();
    const start = at;
    while (at < text.length && !/[(),\s]/.test(text[at])) at++;
    const word = text.slice(start, at);
    if (word === '') throw new ExpressionError(`expected a rule name at character ${at + 1}`);
    space();
    if (text[at] !== '(') return rule(word);
    at++;
    const args: boolean[] = [];
    for (;;) {
      args.push(term());
      space();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] !== ')') throw new ExpressionError(`expected ")" at character ${at + 1}`);
      at++;
      break;
    }
    switch (word) {
      case 'and':
        return args.every(Boolean);
      case 'or':
        return args.some(Boolean);
      case 'not':
        if (args.length !== 1) throw new ExpressionError('not(...) takes one rule');
        return !args[0];
      case 'xor':
        return args.filter(Boolean).length === 1;
      default:
        throw new ExpressionError(`${excerpt(word)} is not and, or, not or xor`);
    }
  };
  const result = term();
  space();
  if (at < text.length) throw new ExpressionError(`unexpected text at character ${at + 1}`);
  return result;
}

/** Reads a rule set document, or the problems the service would refuse it for (the first few, each with its JSON path). */
export function readRuleSet(document: unknown): { readonly ruleSet: RuleSet } | { readonly problems: readonly RuleSetProblem[] } {
  const parsed = ruleSetSchema.safeParse(document);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })) };
  const doc = parsed.data;
  const problems: RuleSetProblem[] = [];
  const attributeNames = doc.playerAttributes.map((a) => a.name);
  const teamNames = doc.teams.map((t) => t.name);
  const ruleNames = doc.rules.map((r) => r.name);
  const twice = (names: readonly string[], path: string) => names.forEach((n, i) => names.indexOf(n) !== i && problems.push({ path: [path, i, 'name'], message: `${excerpt(n)} is named twice` }));
  twice(attributeNames, 'playerAttributes');
  twice(teamNames, 'teams');
  twice(ruleNames, 'rules');
  doc.teams.forEach((t, i) => {
    if (t.minPlayers > t.maxPlayers) problems.push({ path: ['teams', i, 'minPlayers'], message: `${t.minPlayers} is above maxPlayers ${t.maxPlayers}` });
  });
  const maxPlayers = doc.teams.reduce((n, t) => n + t.maxPlayers * t.quantity, 0);
  if (maxPlayers > 200) problems.push({ path: ['teams'], message: `a match of up to ${maxPlayers} players: FlexMatch builds matches of at most 200` });
  const large = maxPlayers > 40;
  if (large && doc.algorithm.strategy !== 'balanced') problems.push({ path: ['algorithm', 'strategy'], message: `a match of up to ${maxPlayers} players is a large match (41 to 200): its strategy is "balanced"` });
  if (doc.algorithm.strategy === 'balanced' && doc.algorithm.balancedAttribute === undefined) problems.push({ path: ['algorithm', 'balancedAttribute'], message: 'required with strategy "balanced": the number attribute players are balanced on' });
  const named = (attr: string | undefined, path: ReadonlyArray<string | number>) => {
    if (attr !== undefined && !attributeNames.includes(attr)) problems.push({ path, message: `${excerpt(attr)} is not one of the rule set's playerAttributes` });
  };
  named(doc.algorithm.balancedAttribute, ['algorithm', 'balancedAttribute']);
  const balancing = doc.playerAttributes.find((a) => a.name === doc.algorithm.balancedAttribute);
  if (balancing !== undefined && balancing.type !== 'number') problems.push({ path: ['algorithm', 'balancedAttribute'], message: `${excerpt(balancing.name)} is a ${balancing.type} attribute: players are balanced on a number` });
  doc.algorithm.sortByAttributes?.forEach((a, i) => named(a, ['algorithm', 'sortByAttributes', i]));
  const expressions = doc.rules.map((r, i) => {
    if (large && r.type !== 'latency' && r.type !== 'batchDistance') problems.push({ path: ['rules', i, 'type'], message: `a large match's rules are latency and batchDistance rules only, not ${r.type}` });
    if (r.type === 'batchDistance') named(r.batchAttribute, ['rules', i, 'batchAttribute']);
    if (r.type === 'absoluteSort' || r.type === 'distanceSort') named(r.sortAttribute, ['rules', i, 'sortAttribute']);
    if (r.type === 'compound') {
      try {
        statement(r.statement, () => true);
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push({ path: ['rules', i, 'statement'], message: error.message });
      }
      for (const n of statementRules(r.statement)) {
        if (!ruleNames.includes(n) || n === r.name) problems.push({ path: ['rules', i, 'statement'], message: `${excerpt(n)} is not another rule of the rule set` });
      }
    }
    if (r.type !== 'comparison' && r.type !== 'distance' && r.type !== 'collection') return { measurements: [] };
    const parse = (text: unknown, path: ReadonlyArray<string | number>): Expression | undefined => {
      try {
        const e = valueExpression(text);
        const { teams, attributes } = namesIn(e);
        for (const t of teams) if (!teamNames.includes(t)) problems.push({ path, message: `${excerpt(t)} is not one of the rule set's teams` });
        for (const a of attributes) named(a, path);
        return e;
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push({ path, message: error.message });
        return undefined;
      }
    };
    const measured = r.measurements.map((m, k) => parse(m, ['rules', i, 'measurements', k])).filter((e): e is Expression => e !== undefined);
    const reference = r.referenceValue === undefined ? undefined : parse(r.referenceValue, ['rules', i, 'referenceValue']);
    if (r.type === 'distance' && r.minDistance === undefined && r.maxDistance === undefined) problems.push({ path: ['rules', i], message: 'a distance rule needs minDistance or maxDistance' });
    if (r.type === 'collection' && r.minCount === undefined && r.maxCount === undefined) problems.push({ path: ['rules', i], message: 'a collection rule needs minCount or maxCount' });
    if (r.type === 'collection' && r.operation !== 'intersection' && r.referenceValue === undefined) problems.push({ path: ['rules', i, 'referenceValue'], message: `required with operation ${r.operation}` });
    return { measurements: measured, ...(reference !== undefined ? { reference } : {}) };
  });
  const expansions = doc.expansions.flatMap((x, i) => {
    const m = /^(rules|teams)\[([^\]]+)\]\.([A-Za-z]+)$/.exec(x.target);
    if (m === null) {
      problems.push({ path: ['expansions', i, 'target'], message: `${excerpt(x.target)} is not rules[<rule>].<property> or teams[<team>].<property>` });
      return [];
    }
    const [, of, target, property] = m as unknown as [string, 'rules' | 'teams', string, string];
    if (of === 'rules') {
      const r = doc.rules.find((q) => q.name === target);
      if (r === undefined) problems.push({ path: ['expansions', i, 'target'], message: `${excerpt(target)} is not one of the rule set's rules` });
      else if (!EXPANDABLE[r.type].includes(property)) problems.push({ path: ['expansions', i, 'target'], message: `a ${r.type} rule's ${property} cannot be expanded (${EXPANDABLE[r.type].join(', ') || 'nothing'})` });
    } else {
      if (!teamNames.includes(target)) problems.push({ path: ['expansions', i, 'target'], message: `${excerpt(target)} is not one of the rule set's teams` });
      else if (property !== 'minPlayers' && property !== 'maxPlayers') problems.push({ path: ['expansions', i, 'target'], message: `a team's ${property} cannot be expanded (minPlayers, maxPlayers)` });
      else {
        const t = doc.teams.find((q) => q.name === target) as RuleSetDocument['teams'][number];
        x.steps.forEach((step, k) => {
          const v = step.value;
          const at = ['expansions', i, 'steps', k, 'value'];
          if (typeof v !== 'number' || !Number.isInteger(v) || v < (property === 'maxPlayers' ? 1 : 0) || v > 200) problems.push({ path: at, message: `a team's ${property} is a whole number of players, ${property === 'maxPlayers' ? 1 : 0} to 200` });
          else if (property === 'minPlayers' && v > t.maxPlayers) problems.push({ path: at, message: `minPlayers ${v} is above the team's maxPlayers ${t.maxPlayers}` });
          else if (property === 'maxPlayers' && v < t.minPlayers) problems.push({ path: at, message: `maxPlayers ${v} is below the team's minPlayers ${t.minPlayers}` });
        });
      }
    }
    x.steps.forEach((s, k) => {
      if (k > 0 && s.waitTimeSeconds <= x.steps[k - 1].waitTimeSeconds) problems.push({ path: ['expansions', i, 'steps', k, 'waitTimeSeconds'], message: `${s.waitTimeSeconds} is not after the previous step's ${x.steps[k - 1].waitTimeSeconds}` });
    });
    if (doc.expansions.findIndex((y) => y.target === x.target) !== i) problems.push({ path: ['expansions', i, 'target'], message: `${excerpt(x.target)} is expanded twice` });
    return [{ of, name: target, property, steps: x.steps }];
  });
  const matchSizes = teamSizeRange(doc, expansions);
  if (matchSizes.most > 200) problems.push({ path: ['expansions'], message: `its maxPlayers expansions make matches of up to ${matchSizes.most} players: FlexMatch builds matches of at most 200` });
  else if (matchSizes.most > 40 && !large) problems.push({ path: ['expansions'], message: `its maxPlayers expansions make matches of up to ${matchSizes.most} players, a large match (41 to 200), from a small one` });
  if (problems.length > 0) return { problems };
  return { ruleSet: { document: doc, expressions, expansions, maxPlayers, matchSizes } };
}

/** The fewest and most players a match may hold at any step of the team sizes' expansions. */
function teamSizeRange(doc: RuleSetDocument, expansions: RuleSet['expansions']): RuleSet['matchSizes'] {
  let fewest = 0;
  let most = 0;
  for (const t of doc.teams) {
    const values = (property: string) => expansions.filter((x) => x.of === 'teams' && x.name === t.name && x.property === property).flatMap((x) => x.steps.map((step) => Number(step.value)));
    fewest += Math.min(t.minPlayers, ...values('minPlayers')) * t.quantity;
    most += Math.max(t.maxPlayers, ...values('maxPlayers')) * t.quantity;
  }
  return { fewest: Math.max(1, fewest), most };
}

/** An expansion's steps, in order of their waits. */
export type ExpansionSteps = RuleSet['expansions'][number]['steps'];

/** The steps an expansion has taken once the match's age has reached `age`: 0 before its first, k once its k-th step's wait is reached. */
export function reachedStep(steps: ExpansionSteps, age: number): number {
  let reached = 0;
  while (reached < steps.length && age >= steps[reached].waitTimeSeconds) reached++;
  return reached;
}

/** A target's value once the match's age (the newest or oldest ticket's wait) has reached `age`: the last step reached, or `base`. */
export function expandedValue<V>(steps: ExpansionSteps, age: number, base: V): V {
  let value: unknown = base;
  for (const step of steps) if (age >= step.waitTimeSeconds) value = step.value;
  return value as V;
}
