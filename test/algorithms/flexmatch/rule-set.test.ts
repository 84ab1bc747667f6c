import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { expandedValue, readRuleSet, statement } from '../../../src/algorithms/flexmatch/rule-set.js';

const FIXTURES = join('test', 'fixtures', 'flexmatch');
const example = (file: string): unknown => parse(readFileSync(join(FIXTURES, file), 'utf8'));
const problems = (doc: unknown) => {
  const read = readRuleSet(doc);
  return 'problems' in read ? read.problems.map((p) => `${p.path.join('.')}: ${p.message}`) : [];
};

const base = {
  name: 'b',
  ruleLanguageVersion: '1.0',
  playerAttributes: [{ name: 'skill', type: 'number', default: 10 }],
  teams: [
    { name: 'red', minPlayers: 2, maxPlayers: 4 },
    { name: 'blue', minPlayers: 2, maxPlayers: 4 },
  ],
  rules: [{ name: 'Fair', type: 'distance', measurements: ['avg(teams[*].players.attributes[skill])'], referenceValue: 'avg(flatten(teams[*].players.attributes[skill]))', maxDistance: 10 }],
};

describe('a FlexMatch rule set', () => {
  it('reads every rule set of the guide\'s examples (match-examples.md, comments and all) with no problem', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(8);
    for (const file of files) expect(problems(example(file)), file).toEqual([]);
  });

  it('counts a match\'s players at most, and a large match must be balanced', () => {
    const read = readRuleSet(example('aliens-vs-cowboys.json'));
    expect('ruleSet' in read && read.ruleSet.maxPlayers).toBe(16);
    const large = readRuleSet(example('free-for-all.json'));
    expect('ruleSet' in large && large.ruleSet.maxPlayers).toBeGreaterThan(40);
  });

  it('refuses what the service would, with the JSON path and the reason', () => {
    expect(problems({ ...base, rules: [{ name: 'x', type: 'elo' }] })[0]).toMatch(/^rules\.0\.type: /);
    expect(problems({ ...base, rules: [{ ...base.rules[0], measurements: ['avg(teams[green].players.attributes[skill])'] }] })).toEqual(['rules.0.measurements.0: "green" is not one of the rule set\'s teams']);
    expect(problems({ ...base, rules: [{ ...base.rules[0], measurements: ['avg(teams[*].players.attributes[level])'] }] })).toEqual(['rules.0.measurements.0: "level" is not one of the rule set\'s playerAttributes']);
    expect(problems({ ...base, rules: [{ ...base.rules[0], measurements: ['mean(teams[*].players.attributes[skill])'] }] })[0]).toMatch(/^rules\.0\.measurements\.0: "mean" is not an aggregation/);
    expect(problems({ ...base, expansions: [{ target: 'rules[Fair].maxDistance', steps: [{ waitTimeSeconds: 10, value: 20 }, { waitTimeSeconds: 5, value: 30 }] }] })).toEqual(['expansions.0.steps.1.waitTimeSeconds: 5 is not after the previous step\'s 10']);
    expect(problems({ ...base, expansions: [{ target: 'rules[Unfair].maxDistance', steps: [{ waitTimeSeconds: 10, value: 20 }] }] })).toEqual(['expansions.0.target: "Unfair" is not one of the rule set\'s rules']);
    expect(problems({ ...base, expansions: [{ target: 'rules[Fair].operation', steps: [{ waitTimeSeconds: 10, value: 20 }] }] })).toEqual(['expansions.0.target: a distance rule\'s operation cannot be expanded (referenceValue, minDistance, maxDistance)']);
    expect(problems({ ...base, expansions: [{ target: 'teams[red].quantity', steps: [{ waitTimeSeconds: 10, value: 2 }] }] })).toEqual(['expansions.0.target: a team\'s quantity cannot be expanded (minPlayers, maxPlayers)']);
    expect(problems({ ...base, teams: [{ name: 'red', minPlayers: 5, maxPlayers: 4 }] })).toEqual(['teams.0.minPlayers: 5 is above maxPlayers 4']);
    expect(problems({ ...base, teams: [{ name: 'all', minPlayers: 50, maxPlayers: 50 }], rules: [] })).toEqual(['algorithm.strategy: a match of up to 50 players is a large match (41 to 200): its strategy is "balanced"']);
    expect(problems({ ...base, rules: [...base.rules, { name: 'C', type: 'compound', statement: 'and(Fair, Missing)' }] })).toEqual(['rules.1.statement: "Missing" is not another rule of the rule set']);
    expect(problems({ ...base, rules: [...base.rules, { name: 'C', type: 'compound', statement: 'and(Fair' }] })[0]).toMatch(/^rules\.1\.statement: expected "\)"/);
    expect(problems({ ...base, ruleLanguageVersion: '2.0' })[0]).toMatch(/^ruleLanguageVersion: /);
    // A name from the file is quoted short and escaped, never echoed whole.
    const long = `=cmd|'/c calc'!A1\n${'x'.repeat(500)}`;
    const [quoted] = problems({ ...base, rules: [{ ...base.rules[0], measurements: [`avg(teams[${long}].players.attributes[skill])`] }] });
    expect(quoted.length).toBeLessThan(120);
    expect(quoted).not.toMatch(/\n/);
  });

  it('expands a value step by step as the match ages, from its own value before the first step', () => {
    const steps = [
      { waitTimeSeconds: 5, value: 50 },
      { waitTimeSeconds: 15, value: 100 },
    ];
    expect([0, 4.9, 5, 14, 15, 99].map((age) => expandedValue(steps, age, 10))).toEqual([10, 10, 50, 50, 100, 100]);
  });

  it('evaluates a compound statement as its truth table says', () => {
    const table = (text: string) => [false, true].flatMap((a) => [false, true].map((b) => statement(text, (name) => (name === 'A' ? a : b))));
    expect(table('and(A, B)')).toEqual([false, false, false, true]);
    expect(table('or(A, B)')).toEqual([false, true, true, true]);
    expect(table('xor(A, B)')).toEqual([false, true, true, false]);
    expect(table('not(A)')).toEqual([true, true, false, false]);
    expect(table('and(A, not(B))')).toEqual([false, false, true, false]);
    expect(table('or(and(A, B), not(or(A, B)))')).toEqual([true, false, false, true]);
  });
});
