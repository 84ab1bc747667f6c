import { excerpt } from '../../errors.js';
/*
 * FlexMatch's property expressions (the rule language's "Property
 * Expressions"): teams[red].players.attributes[skill],
 * avg(flatten(teams[*].players.attributes[skill])), count(teams[*].players),
 * and literals. Parsed once, when the rule set is read, into a small tree;
 * evaluated against a candidate match.
 *
 * Values are numbers, strings, lists (JS arrays: a team's players, a string
 * list attribute, the result of teams[*]) and string-number maps. As the
 * language says, an aggregation given a list of lists works on each sublist
 * ("All above ... operate on each sublist individually"); flatten removes one
 * level of nesting (so flatten(teams[*].players.attributes[modes]) is each
 * player's list of modes, which collection rules then intersect).
 */

export const AGGREGATIONS = ['min', 'max', 'avg', 'median', 'sum', 'count', 'stddev', 'flatten', 'set_intersection'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** A parsed expression. `team` undefined: teams[*]. */
export type Expression =
  | { readonly kind: 'literal'; readonly value: Value }
  | { readonly kind: 'teams'; readonly team: string | undefined; readonly players: boolean; readonly attribute?: string; readonly playerId?: boolean }
  | { readonly kind: 'call'; readonly fn: Aggregation; readonly arg: Expression };

export type Value = number | string | ReadonlyMap<string, number> | readonly Value[] | MatchPlayer | MatchTeam;

/** A player of a candidate match, as expressions see it. */
export interface MatchPlayer {
  readonly kind: 'player';
  readonly id: string;
  /** Its attribute values by name (the rule set's defaults filled in). */
  readonly attribute: (name: string) => Value | undefined;
}

export interface MatchTeam {
  readonly kind: 'team';
  readonly name: string;
  readonly players: readonly MatchPlayer[];
}

/** A candidate match: its teams, each with its definition's name (a definition of quantity n gives n teams of that name). */
export interface CandidateMatch {
  readonly teams: readonly MatchTeam[];
}

/** Why an expression cannot be read, at the character where it goes wrong. */
export class ExpressionError extends Error {}

/** Parses a property expression; a malformed one is an ExpressionError saying where. */
export function parseExpression(text: string): Expression {
  let at = 0;
  const fail = (why: string): never => {
    throw new ExpressionError(`${why} at character ${at + 1}`);
  };
  const space = () => {
    while (at < text.length && /\s/.test(text[at])) at++;
  };
  const word = (): string => {
    space();
    const start = at;
    while (at < text.length && /[A-Za-z0-9_.+-]/.test(text[at])) at++;
    return text.slice(start, at);
  };
  const expect = (c: string) => {
    space();
    if (text[at] !== c) fail(`expected "${c}"`);
    at++;
  };
  /** A name inside brackets: anything up to the closing bracket. */
  const bracketed = (): string => {
    expect('[');
    const close = text.indexOf(']', at);
    if (close < 0) fail('expected "]"');
    const name = text.slice(at, close).trim();
    if (name === '') fail('an empty name');
    at = close + 1;
    return name;
  };
  const expression = (): Expression => {
    space();
    if (text.startsWith('teams[', at) || text.startsWith('team[', at)) {
      at += text.startsWith('teams[', at) ? 5 : 4;
      const team = bracketed();
      let players = false;
      let attribute: string | undefined;
      let playerId = false;
      space();
      if (text.startsWith('.players', at)) {
        at += 8;
        players = true;
        space();
        if (text.startsWith('.attributes', at)) {
          at += 11;
          attribute = bracketed();
        } else if (text[at] === '[') {
          const field = bracketed();
          if (field.toLowerCase() !== 'playerid') fail(`players[${field}]: only players[playerId] names a field of a player`);
          playerId = true;
        }
      }
      return { kind: 'teams', team: team === '*' ? undefined : team, players, ...(attribute !== undefined ? { attribute } : {}), ...(playerId ? { playerId } : {}) };
    }
    const c = text[at];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, at + 1);
      if (close < 0) fail('an unclosed string');
      const value = text.slice(at + 1, close);
      at = close + 1;
      return { kind: 'literal', value };
    }
    const name = word();
    if (name === '') fail('expected an expression');
    space();
    if (text[at] === '(') {
      if (!(AGGREGATIONS as readonly string[]).includes(name)) fail(`${excerpt(name)} is not an aggregation (${AGGREGATIONS.join(', ')})`);
      at++;
      const arg = expression();
      expect(')');
      return { kind: 'call', fn: name as Aggregation, arg };
    }
    const n = Number(name);
    if (name !== '' && Number.isFinite(n) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(name)) return { kind: 'literal', value: n };
    return fail(`${excerpt(name)} is not a property expression (teams[...], an aggregation or a number)`);
  };
  const parsed = expression();
  space();
  if (at < text.length) fail('unexpected text after the expression');
  return parsed;
}

/** A rule's value: a property expression when it is a string that reads as one, else the literal (a number, a string, a list). */
export function valueExpression(value: unknown): Expression {
  if (typeof value === 'string' && /^\s*(teams?\[|[a-z_]+\s*\()/.test(value)) return parseExpression(value);
  return { kind: 'literal', value: value as Value };
}

/** The teams and attributes an expression names, for the rule set's checks. */
export function namesIn(e: Expression): { readonly teams: string[]; readonly attributes: string[] } {
  const teams: string[] = [];
  const attributes: string[] = [];
  const walk = (x: Expression): void => {
    if (x.kind === 'call') walk(x.arg);
    else if (x.kind === 'teams') {
      if (x.team !== undefined) teams.push(x.team);
      if (x.attribute !== undefined) attributes.push(x.attribute);
    }
  };
  walk(e);
  return { teams, attributes };
}

const isList = (v: Value | undefined): v is readonly Value[] => Array.isArray(v);

/** Evaluates an expression on a match; undefined where a value is missing (a player without the attribute and no default). */
export function evaluate(e: Expression, match: CandidateMatch): Value | undefined {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'teams': {
      // A named definition with quantity > 1 is all its teams: a list, as teams[*] is.
      const chosen = e.team === undefined ? match.teams : match.teams.filter((t) => t.name === e.team);
      const one = e.team !== undefined && chosen.length === 1;
      const ofTeam = (t: MatchTeam): Value | undefined => {
        if (!e.players) return t;
        if (e.playerId) return t.players.map((p) => p.id);
        if (e.attribute === undefined) return t.players;
        const values: Value[] = [];
        for (const p of t.players) {
          const v = p.attribute(e.attribute);
          if (v === undefined) return undefined;
          values.push(v);
        }
        return values;
      };
      if (one) return ofTeam(chosen[0]);
      const all: Value[] = [];
      for (const t of chosen) {
        const v = ofTeam(t);
        if (v === undefined) return undefined;
        all.push(v);
      }
      return all;
    }
    case 'call': {
      const arg = evaluate(e.arg, match);
      return arg === undefined ? undefined : aggregate(e.fn, arg);
    }
  }
}

/** `fn` of each element, or undefined where one is undefined. */
function each(list: readonly Value[], fn: (v: Value) => Value | undefined): Value[] | undefined {
  const out: Value[] = [];
  for (const v of list) {
    const r = fn(v);
    if (r === undefined) return undefined;
    out.push(r);
  }
  return out;
}

/** An aggregation of a value: a list of lists works sublist by sublist (but flatten, which joins them). */
export function aggregate(fn: Aggregation, value: Value): Value | undefined {
  if (!isList(value)) return fn === 'count' ? 1 : fn === 'flatten' || fn === 'set_intersection' ? undefined : typeof value === 'number' ? value : undefined;
  if (fn === 'flatten') return value.flatMap((v) => (isList(v) ? v : [v]));
  if (fn === 'set_intersection') {
    if (value.length > 0 && value.every((v) => isList(v) && v.every(isList))) return each(value, (v) => aggregate(fn, v));
    const lists = value.filter(isList) as ReadonlyArray<readonly Value[]>;
    if (lists.length !== value.length) return undefined;
    if (lists.length === 0) return [];
    return lists[0].filter((x, i, first) => first.indexOf(x) === i && lists.every((l) => l.includes(x)));
  }
  if (value.length > 0 && value.every(isList)) return each(value, (v) => aggregate(fn, v));
  if (fn === 'count') return value.length;
  const numbers = value.filter((v): v is number => typeof v === 'number');
  if (numbers.length !== value.length || numbers.length === 0) return undefined;
  switch (fn) {
    case 'min':
      return Math.min(...numbers);
    case 'max':
      return Math.max(...numbers);
    case 'sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'avg':
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    case 'median': {
      const sorted = [...numbers].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
    case 'stddev': {
      const mean = numbers.reduce((a, b) => a + b, 0) / numbers.length;
      // The population standard deviation: a match's players are all of them, not a sample.
      return Math.sqrt(numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length);
    }
  }
}
