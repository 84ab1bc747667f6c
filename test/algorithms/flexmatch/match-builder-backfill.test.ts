import { describe, expect, it } from 'vitest';
import { FlexMatchBuilder, type FlexPlayer, type FlexTicket } from '../../../src/algorithms/flexmatch/match-builder.js';
import { readRuleSet, type RuleSet } from '../../../src/algorithms/flexmatch/rule-set.js';

const ruleSet = (doc: unknown): RuleSet => {
  const read = readRuleSet(doc);
  if (!('ruleSet' in read)) throw new Error(JSON.stringify(read.problems));
  return read.ruleSet;
};
const player = (id: string, skill: number): FlexPlayer => ({ id, attributes: new Map([['skill', skill]]) });
const ticket = (id: string, queuedAt: number, skill: number): FlexTicket => ({ id, queuedAt, players: [player(id, skill)] });

// Two teams of three (two will do after 10 s), players within 100 skill of each other, the teams' mean skill within 50.
const twoTeams = ruleSet({
  name: 't',
  ruleLanguageVersion: '1.0',
  playerAttributes: [{ name: 'skill', type: 'number', default: 1500 }],
  teams: [
    { name: 'red', minPlayers: 3, maxPlayers: 3 },
    { name: 'blue', minPlayers: 3, maxPlayers: 3 },
  ],
  rules: [
    { name: 'Close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 100 },
    { name: 'Fair', type: 'distance', measurements: ['avg(teams[red].players.attributes[skill])'], referenceValue: 'avg(teams[blue].players.attributes[skill])', maxDistance: 50 },
  ],
  expansions: [
    { target: 'teams[red].minPlayers', steps: [{ waitTimeSeconds: 10, value: 2 }] },
    { target: 'teams[blue].minPlayers', steps: [{ waitTimeSeconds: 10, value: 2 }] },
  ],
});
const present = (red: number[], blue: number[]) => [red.map((s, i) => player(`r${i}`, s)), blue.map((s, i) => player(`b${i}`, s))];

describe('FlexMatch backfill', () => {
  it("fills a running match's open place in the team that lost a player, with the match's rules judged on the whole match", () => {
    const b = new FlexMatchBuilder(twoTeams);
    // Blue lost a player. 1700 is too far from the present players (batch distance); 1500 fits.
    b.add(ticket('far', 0, 1700));
    b.add(ticket('near', 1, 1500));
    b.addBackfill({ id: 'm', requestedAt: 2, open: 1, priority: 'normal', teams: present([1480, 1500, 1520], [1490, 1510]) });
    const [fill, ...rest] = b.match(3);
    expect(rest).toEqual([]);
    expect(fill.backfill).toBe('m');
    expect(fill.tickets.map((t) => t.id)).toEqual(['near']);
    expect(fill.teams.map((t) => [t.name, t.players.map((p) => p.id)])).toEqual([
      ['red', []],
      ['blue', ['near']],
    ]);
    expect(b.size).toBe(1);
    expect(b.backfillRequests).toBe(0);
  });

  it('takes no player the rules refuse: a joiner who would make the teams unfair is passed over, and the next one tried', () => {
    const b = new FlexMatchBuilder(twoTeams);
    // Red averages 1575 with its two, blue 1500 with three. 1590 is close enough (batch distance) but makes red 1580 against 1500 (unfair); 1490 makes it 1546.7: fair.
    b.add(ticket('strong', 0, 1590));
    b.addBackfill({ id: 'm', requestedAt: 0, open: 1, priority: 'normal', teams: present([1570, 1580], [1490, 1500, 1510]) });
    expect(b.match(1)).toEqual([]);
    expect(b.backfillRequests).toBe(1);
    expect(b.metrics.find((r) => r.ruleName === 'Fair')).toEqual({ ruleName: 'Fair', passedCount: 0, failedCount: 1 });
    // The strong player is still the oldest: the first try takes it and fails, the second passes it over.
    b.add(ticket('fits', 2, 1490));
    const [fill, ...rest] = b.match(3);
    expect(rest).toEqual([]);
    expect(fill.tickets.map((t) => t.id)).toEqual(['fits']);
    expect(fill.teams[0].players.map((p) => p.id)).toEqual(['fits']);
    expect(b.waiting().map((t) => t.id)).toEqual(['strong']);
  });

  it('stands against new matches by priority: high takes the player first, low only what new matches leave', () => {
    const fill = (priority: 'high' | 'low') => {
      const b = new FlexMatchBuilder(twoTeams);
      // Six players who make a new match, and a request for one of them.
      for (let i = 0; i < 6; i++) b.add(ticket(`p${i}`, i, 1500 + i));
      b.addBackfill({ id: 'm', requestedAt: 10, open: 1, priority, teams: present([1500, 1500, 1500], [1500, 1500]) });
      return b.match(11).map((m) => (m.backfill === undefined ? `new ${m.tickets.length}` : `fill ${m.tickets.map((t) => t.id).join(' ')}`));
    };
    // High: the request takes the oldest player, and five are too few for a new match.
    expect(fill('high')).toEqual(['fill p0']);
    // Low: the new match takes all six, and nobody is left for the request.
    expect(fill('low')).toEqual(['new 6']);
  });

  it('refuses a request whose match has other teams than the rule set, or no open place', () => {
    const b = new FlexMatchBuilder(twoTeams);
    expect(() => b.addBackfill({ id: 'm', requestedAt: 0, open: 1, priority: 'normal', teams: [[player('a', 1500)]] })).toThrow(/1 teams, and the rule set's matches have 2/);
    expect(() => b.addBackfill({ id: 'm', requestedAt: 0, open: 0, priority: 'normal', teams: present([1500], [1500]) })).toThrow(/at least one place/);
    expect(b.removeBackfill('m')).toBe(false);
  });
});
