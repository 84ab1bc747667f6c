import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, type CandidateMatch, type MatchPlayer, type Value } from '../../../src/algorithms/flexmatch/property-expression.js';
import { readRuleSet, type RuleSet } from '../../../src/algorithms/flexmatch/rule-set.js';
import { passes, rulesToCheck, type RuleContext } from '../../../src/algorithms/flexmatch/rules.js';

/** A player with these attributes (and, for latency rules, round trips). */
const player = (id: string, attributes: Record<string, Value>): MatchPlayer => ({ kind: 'player', id, attribute: (name) => (Object.hasOwn(attributes, name) ? attributes[name] : undefined) });
const match = (teams: Record<string, MatchPlayer[]>): CandidateMatch => ({ teams: Object.entries(teams).map(([name, players]) => ({ kind: 'team', name, players })) });
const ruleSet = (file: string): RuleSet => {
  const read = readRuleSet(parse(readFileSync(join('test', 'fixtures', 'flexmatch', file), 'utf8')));
  if (!('ruleSet' in read)) throw new Error(JSON.stringify(read.problems));
  return read.ruleSet;
};
const alone: RuleContext = { partyOf: (p) => [p], latencyOf: () => undefined };
const asIs = (_rule: number, _property: string, base: unknown) => base;

describe('property expressions', () => {
  const m = match({
    red: [player('a', { skill: 10, modes: ['ffa', 'tdm'] }), player('b', { skill: 20, modes: ['tdm'] })],
    blue: [player('c', { skill: 30, modes: ['tdm', 'ctf'] }), player('d', { skill: 50, modes: ['tdm'] }), player('e', { skill: 40, modes: ['ffa', 'tdm'] })],
  });
  const value = (text: string) => evaluate(parseExpression(text), m);

  it('reads a team, all teams, their players and attributes, and aggregates them as the guide\'s tables say', () => {
    expect(value('teams[red].players.attributes[skill]')).toEqual([10, 20]);
    expect(value('teams[*].players.attributes[skill]')).toEqual([[10, 20], [30, 50, 40]]);
    expect(value('teams[red].players[playerId]')).toEqual(['a', 'b']);
    expect(value('flatten(teams[*].players.attributes[skill])')).toEqual([10, 20, 30, 50, 40]);
    expect(value('avg(teams[red].players.attributes[skill])')).toBe(15);
    expect(value('avg(teams[*].players.attributes[skill])')).toEqual([15, 40]);
    expect(value('avg(flatten(teams[*].players.attributes[skill]))')).toBe(30);
    expect(value('count(teams[red].players)')).toBe(2);
    expect(value('count(teams[*].players)')).toEqual([2, 3]);
    expect(value('max(avg(teams[*].players.attributes[skill]))')).toBe(40);
    expect(value('median(flatten(teams[*].players.attributes[skill]))')).toBe(30);
    expect(value('median(teams[red].players.attributes[skill])')).toBe(15);
    expect(value('sum(teams[blue].players.attributes[skill])')).toBe(120);
    // Population standard deviation of 10, 20, 30, 50, 40: sqrt(200).
    expect(value('stddev(flatten(teams[*].players.attributes[skill]))')).toBeCloseTo(Math.sqrt(200), 12);
    expect(value('set_intersection(flatten(teams[*].players.attributes[modes]))')).toEqual(['tdm']);
    expect(value('set_intersection(teams[*].players.attributes[modes])')).toEqual([['tdm'], ['tdm']]);
  });

  it('refuses text that is no expression, saying where', () => {
    expect(() => parseExpression('avg(teams[red].players.attributes[skill]')).toThrow(/expected "\)" at character/);
    expect(() => parseExpression('teams[red].players[name]')).toThrow(/only players\[playerId\]/);
    expect(() => parseExpression('avg(teams[red]) extra')).toThrow(/unexpected text after the expression at character 17/);
  });
});

describe('rules on a candidate match', () => {
  it('aliens vs cowboys: teams of equal size, each team\'s average skill within 10 of the match\'s', () => {
    const rs = ruleSet('aliens-vs-cowboys.json');
    const [fair, equal] = [0, 1];
    const skills = (xs: number[], tag: string) => xs.map((s, i) => player(`${tag}${i}`, { skill: s }));
    const even = match({ cowboys: skills([10, 20, 30, 40], 'c'), aliens: skills([20, 20, 30, 30], 'a') });
    expect(passes(rs, fair, even, asIs, alone)).toBe(true);
    expect(passes(rs, equal, even, asIs, alone)).toBe(true);
    // Averages 10 and 40 against 25: 15 away.
    const uneven = match({ cowboys: skills([10, 10, 10, 10], 'c'), aliens: skills([40, 40, 40, 40], 'a') });
    expect(passes(rs, fair, uneven, asIs, alone)).toBe(false);
    expect(passes(rs, fair, uneven, (rule, property, base) => (rule === fair && property === 'maxDistance' ? 15 : base), alone)).toBe(true);
    const lopsided = match({ cowboys: skills([20, 20, 20, 20, 20], 'c'), aliens: skills([20, 20, 20, 20], 'a') });
    expect(passes(rs, equal, lopsided, asIs, alone)).toBe(false);
  });

  it('comparisons without a reference: all the same (=), all different (!=); a player missing an attribute has the default', () => {
    const rs = ruleSet('same-mode-map-character.json');
    const p = (id: string, gameMode: string, gameMap: number, character: number) => player(id, { gameMode, gameMap, character });
    const m = (a: MatchPlayer, b: MatchPlayer) => ({ teams: [{ kind: 'team' as const, name: 'player', players: [a] }, { kind: 'team' as const, name: 'player', players: [b] }] });
    expect(rulesToCheck(rs).map((i) => passes(rs, i, m(p('a', 'real-time', 1, 1), p('b', 'real-time', 1, 2)), asIs, alone))).toEqual([true, true, true]);
    expect(rulesToCheck(rs).map((i) => passes(rs, i, m(p('a', 'real-time', 1, 1), p('b', 'turn-based', 2, 1)), asIs, alone))).toEqual([false, false, false]);
  });

  it('three teams: at most five medics (collection contains: the players whose characters include it), team sizes within 1 (distance), and a latency cap over one common region', () => {
    const rs = ruleSet('three-team-game.json');
    const names = rs.document.rules.map((r) => r.name);
    const medic = names.indexOf('OverallMedicLimit');
    const latency = names.indexOf('FastConnection');
    const sizes = names.indexOf('CloseTeamSizes');
    const p = (id: string, character: string[]) => player(id, { skill: 10, character });
    const teams = (chars: string[][]) => match({ trio: chars.map((c, i) => p(`p${i}`, c)) });
    const medics = (n: number) => teams([...Array.from({ length: n }, () => ['medic', 'sniper']), ['tank']]);
    expect(passes(rs, medic, medics(5), asIs, alone)).toBe(true);
    expect(passes(rs, medic, medics(6), asIs, alone)).toBe(false);
    const three = { teams: [0, 1, 2].map((t) => ({ kind: 'team' as const, name: 'trio', players: [0, 1, 2].slice(0, t === 2 ? 1 : 3).map((k) => p(`t${t}p${k}`, ['x'])) })) };
    expect(passes(rs, sizes, three, asIs, alone)).toBe(false);
    const pings = new Map<string, Map<string, number>>([
      ['a', new Map([['us-east-1', 40], ['eu-west-1', 120]])],
      ['b', new Map([['us-east-1', 60], ['eu-west-1', 30]])],
    ]);
    const context: RuleContext = { partyOf: (q) => [q], latencyOf: (q) => pings.get(q.id) };
    const pair = match({ trio: [p('a', []), p('b', [])] });
    const maxLatency = (rs.document.rules[latency] as { maxLatency: number }).maxLatency;
    expect(maxLatency).toBe(50);
    // a is within 50 only of us-east-1, b only of eu-west-1: no region for both.
    expect(passes(rs, latency, pair, asIs, context)).toBe(false);
    expect(passes(rs, latency, pair, (_r, property, base) => (property === 'maxLatency' ? 60 : base), context)).toBe(true);
    // A player with no latency reported is not matchable under a latency rule.
    expect(passes(rs, latency, match({ trio: [p('a', []), p('zz', [])] }), (_r, _p, base) => 1000, context)).toBe(false);
  });

  it('a party is measured by its aggregate (min, max or avg of its players) under partyAggregation, hand-worked', () => {
    const doc = {
      name: 'p',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'skill', type: 'number' }],
      teams: [{ name: 'all', minPlayers: 3, maxPlayers: 3 }],
      rules: ['min', 'max', 'avg'].map((how) => ({ name: how, type: 'comparison', measurements: ['teams[all].players.attributes[skill]'], referenceValue: 20, operation: '>=', partyAggregation: how })),
    };
    const read = readRuleSet(doc);
    if (!('ruleSet' in read)) throw new Error('not read');
    const [x, y, z] = [player('x', { skill: 10 }), player('y', { skill: 40 }), player('z', { skill: 25 })];
    // x and y queue together: min 10, max 40, avg 25; z alone at 25.
    const context: RuleContext = { partyOf: (p) => (p === x || p === y ? [x, y] : [p]), latencyOf: () => undefined };
    const m = match({ all: [x, y, z] });
    expect([0, 1, 2].map((i) => passes(read.ruleSet, i, m, asIs, context))).toEqual([false, true, true]);
    // Alone, x's 10 fails every one.
    expect([0, 1, 2].map((i) => passes(read.ruleSet, i, m, asIs, alone))).toEqual([false, false, false]);
  });
});
