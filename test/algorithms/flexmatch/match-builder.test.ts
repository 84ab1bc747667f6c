import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { FlexMatchBuilder, mostOpenSlots, type FlexPlayer, type FlexTicket } from '../../../src/algorithms/flexmatch/match-builder.js';
import type { Value } from '../../../src/algorithms/flexmatch/property-expression.js';
import { readRuleSet, type RuleSet } from '../../../src/algorithms/flexmatch/rule-set.js';
import { passes, rulesToCheck } from '../../../src/algorithms/flexmatch/rules.js';

const ruleSet = (doc: unknown): RuleSet => {
  const read = readRuleSet(doc);
  if (!('ruleSet' in read)) throw new Error(JSON.stringify(read.problems));
  return read.ruleSet;
};
const example = (file: string) => ruleSet(parse(readFileSync(join('test', 'fixtures', 'flexmatch', file), 'utf8')));
const ticket = (id: string, queuedAt: number, attributes: Record<string, Value>, latency?: Record<string, number>): FlexTicket => ({
  id,
  queuedAt,
  players: [{ id, attributes: new Map(Object.entries(attributes)), ...(latency ? { latency: new Map(Object.entries(latency)) } : {}) }],
});

describe('FlexMatch match building', () => {
  it('builds a match around the oldest ticket once every team has its minPlayers, and only one that passes every rule', () => {
    const b = new FlexMatchBuilder(example('aliens-vs-cowboys.json'));
    // Eight players of skill 10 to 17: two teams of four, fair.
    for (let i = 0; i < 7; i++) b.add(ticket(`p${i}`, i, { skill: 10 + i }));
    expect(b.match(10)).toEqual([]);
    b.add(ticket('p7', 8, { skill: 17 }));
    const [m, ...more] = b.match(11);
    expect(more).toEqual([]);
    expect(m.teams.map((t) => [t.name, t.players.length])).toEqual([
      ['cowboys', 4],
      ['aliens', 4],
    ]);
    expect(b.size).toBe(0);
    expect(b.metrics.find((r) => r.ruleName === 'FairTeamSkill')).toEqual({ ruleName: 'FairTeamSkill', passedCount: 1, failedCount: 0 });
  });

  it('waits while the teams are short, and forms a smaller match when minPlayers expands (players vs monster: 5 players, then 4 after 30 s)', () => {
    const b = new FlexMatchBuilder(example('players-vs-monster-5-vs-1.json'));
    b.add(ticket('monster', 0, { skill: 30, wantsToBeMonster: 1, desiredSkillOfMonster: 0 }));
    for (let i = 0; i < 4; i++) b.add(ticket(`p${i}`, 0, { skill: 20, wantsToBeMonster: 0, desiredSkillOfMonster: 25 }));
    expect(b.match(29)).toEqual([]);
    const [m] = b.match(30);
    expect(m.teams.map((t) => [t.name, t.players.map((p) => p.id)])).toEqual([
      ['players', ['p0', 'p1', 'p2', 'p3']],
      ['monster', ['monster']],
    ]);
  });

  it('a newcomer resets the expansion clock (the age of the newest ticket); with expansionAgeSelection "oldest" it does not', () => {
    const doc = parse(readFileSync(join('test', 'fixtures', 'flexmatch', 'players-vs-monster-5-vs-1.json'), 'utf8')) as { algorithm?: object };
    const run = (selection: 'newest' | 'oldest') => {
      const b = new FlexMatchBuilder(ruleSet({ ...doc, algorithm: { expansionAgeSelection: selection } }));
      b.add(ticket('monster', 0, { skill: 30, wantsToBeMonster: 1, desiredSkillOfMonster: 0 }));
      for (let i = 0; i < 3; i++) b.add(ticket(`p${i}`, 0, { skill: 20, wantsToBeMonster: 0, desiredSkillOfMonster: 25 }));
      b.add(ticket('late', 20, { skill: 20, wantsToBeMonster: 0, desiredSkillOfMonster: 25 }));
      return [30, 49, 50].map((t) => b.match(t).length);
    };
    // Newest: the match with 'late' is 10 s old at 30 and reaches the 4-player step at 50. Oldest: 30 s old at 30.
    expect(run('newest')).toEqual([0, 0, 1]);
    expect(run('oldest')).toEqual([1, 0, 0]);
  });

  it('forms the match of older tickets when the one with a newer ticket is not yet allowed: the minPlayers timeline a GameLift maintainer explained', () => {
    // https://repost.aws/questions/QU7fQeFL9QSdaJhr9eWiwquA/how-does-flexmatch-rule-set-with-minplayers-expansions-work
    // player1 at 0 s, player2 at 10 s; minPlayers 4, then 3 at 30 s, 2 at 40 s, 1 at 45 s, by the newest ticket's age.
    // Observed on the service: player1 alone at 45 s, player2 alone at 55 s. At 45 s the match of both is 35 s old
    // (minPlayers 3, the answer's "2" notwithstanding: at 2 it would have formed) and fails; player1's alone is 45 s old and forms.
    const forum = ruleSet({
      name: 'FlexMatchRuleSet',
      ruleLanguageVersion: '1.0',
      playerAttributes: [{ name: 'gameMode', type: 'string' }],
      teams: [{ name: 'player', minPlayers: 4, maxPlayers: 4, quantity: 1 }],
      rules: [{ name: 'SameGameMode', type: 'comparison', operation: '=', measurements: ['flatten(teams[*].players.attributes[gameMode])'] }],
      expansions: [{ target: 'teams[player].minPlayers', steps: [{ waitTimeSeconds: 30, value: 3 }, { waitTimeSeconds: 40, value: 2 }, { waitTimeSeconds: 45, value: 1 }] }],
    });
    const timeline = (doc: RuleSet) => {
      const b = new FlexMatchBuilder(doc);
      const formed: Array<[number, string[]]> = [];
      for (let now = 0; now <= 70; now++) {
        if (now === 0) b.add(ticket('player1', 0, { gameMode: 'coop' }));
        if (now === 10) b.add(ticket('player2', 10, { gameMode: 'coop' }));
        for (const m of b.match(now)) formed.push([now, m.tickets.map((t) => t.id)]);
      }
      return formed;
    };
    expect(timeline(forum)).toEqual([
      [45, ['player1']],
      [55, ['player2']],
    ]);
    // With expansionAgeSelection "oldest" (the answer's remedy) the match of both is player1's age: 2 players are enough at 40 s.
    expect(timeline(ruleSet({ ...forum.document, algorithm: { expansionAgeSelection: 'oldest' } }))).toEqual([[40, ['player1', 'player2']]]);
  });

  it("fills a large match's teams as the guide walks through example 8: short of minPlayers first, then the most open slots, equal teams in turn", () => {
    // Monsters 5 (min 5), ten Hunters teams of 15 (min 12), one player at a time.
    const teams = [{ min: 5, max: 5, players: 0 }, ...Array.from({ length: 10 }, () => ({ min: 12, max: 15, players: 0 }))];
    const sizesAfter = (n: number) => {
      for (const t of teams) t.players = 0;
      for (let i = 0; i < n; i++) teams[mostOpenSlots(teams, 1)].players++;
      return [teams[0].players, ...new Set(teams.slice(1).map((t) => t.players))];
    };
    // "The first 100 players are assigned (10 each) to the ten hunter teams."
    expect(sizesAfter(100)).toEqual([0, 10]);
    // "The next 22 players are assigned sequentially (2 each) to hunter teams and monster team."
    expect(sizesAfter(122)).toEqual([2, 12]);
    // "The next three players are assigned to the monster team."
    expect(sizesAfter(125)).toEqual([5, 12]);
    // "The final 30 players are assigned sequentially to the hunter teams": nearly the same size on the way.
    const partway = sizesAfter(140);
    expect(partway[0]).toBe(5);
    expect(Math.max(...partway.slice(1)) - Math.min(...partway.slice(1))).toBeLessThanOrEqual(1);
    expect(sizesAfter(155)).toEqual([5, 15]);
    expect(mostOpenSlots(teams, 1)).toBe(-1);
    // The Red/Blue/Green walk-through of the large-match design page: 5 each to Red and Blue, 2 to Green, then 4 each to Red and Blue.
    const rgb = [{ min: 5, max: 10, players: 0 }, { min: 5, max: 10, players: 0 }, { min: 2, max: 3, players: 0 }];
    const order: number[] = [];
    for (let i = 0; i < 23; i++) {
      const k = mostOpenSlots(rgb, 1);
      order.push(k);
      rgb[k].players++;
    }
    expect(order.slice(0, 10).filter((k) => k === 2)).toEqual([]);
    expect(order.slice(10, 12)).toEqual([2, 2]);
    expect(order.slice(12, 20).filter((k) => k === 2)).toEqual([]);
    expect(rgb.map((t) => t.players)).toEqual([10, 10, 3]);
  });

  it('builds large matches by the balanced strategy (examples 7 and 8): oldest first within the latency limit (fastestRegion: the anchor\'s region first), teams at their minPlayers as expanded and balanced on the attribute', () => {
    // Example 7: one team of 175 to 200 (150 after 10 s, 100 after 15 s), latency at most 150 ms.
    const ffa = new FlexMatchBuilder(example('free-for-all.json'));
    for (let i = 0; i < 160; i++) ffa.add(ticket(`p${i}`, 0, { skill: i }, { 'us-east-1': i < 150 ? 40 : 400 }));
    expect(ffa.match(9)).toEqual([]);
    // At 10 s 150 will do: the 150 within the latency limit form it; the 10 beyond it never do.
    const [m] = ffa.match(10);
    expect(m.teams[0].players).toHaveLength(150);
    expect(m.teams[0].players.every((p) => Number(p.id.slice(1)) < 150)).toBe(true);
    expect(m.expansionSteps).toEqual([1]);
    expect(ffa.match(60)).toEqual([]);
    // Candidates oldest first (the current documentation: the balancing attribute balances teams, a batchDistance rule groups by it).
    const oldestFirst = new FlexMatchBuilder(example('free-for-all.json'));
    for (let i = 0; i < 300; i++) oldestFirst.add(ticket(`q${i}`, i < 200 ? 0 : 1, { skill: i % 2 === 0 ? i : 1000 - i }, { 'us-east-1': 40 }));
    const [first] = oldestFirst.match(2);
    expect(first.tickets.map((t) => Number(t.id.slice(1))).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // A player without the balancing attribute (no default) is never matched.
    const unreported = new FlexMatchBuilder(example('free-for-all.json'));
    unreported.add(ticket('none', 0, {}, { 'us-east-1': 40 }));
    for (let i = 0; i < 200; i++) unreported.add(ticket(`r${i}`, 1, { skill: 5 }, { 'us-east-1': 40 }));
    const [without] = unreported.match(2);
    expect(without.tickets.map((t) => t.id)).not.toContain('none');
    expect(unreported.size).toBe(1);
    // Example 8 (fastestRegion): 155 players fill the eleven teams as the guide says, players of the anchor's fastest region first.
    const hunters = new FlexMatchBuilder(example('monster-hunters.json'));
    for (let i = 0; i < 200; i++) hunters.add(ticket(`h${i}`, 0, { 'monster-kills': i % 7 }, i % 4 === 0 ? { 'eu-west-1': 30, 'us-east-1': 90 } : { 'us-east-1': 30, 'eu-west-1': 90 }));
    const [mh] = hunters.match(1);
    expect(mh.teams.map((t) => t.players.length)).toEqual([5, ...Array(10).fill(15)]);
    const euInMatch = mh.tickets.filter((t) => Number(t.id.slice(1)) % 4 === 0).length;
    // The anchor h0 is fastest in eu-west-1 (50 players there): all of them, then the others.
    expect(euInMatch).toBe(50);
    // The teams balanced on monster-kills: the hunters' averages within a kill of each other, where the fill alone would leave them apart.
    const means = mh.teams.slice(1).map((t) => t.players.reduce((a, p) => a + (p.attributes.get('monster-kills') as number), 0) / t.players.length);
    expect(Math.max(...means) - Math.min(...means)).toBeLessThan(1);
    const skewed = new FlexMatchBuilder(example('monster-hunters.json'));
    // Kills rising with age: filled in turn, the teams' averages would differ by several kills.
    for (let i = 0; i < 155; i++) skewed.add(ticket(`s${i}`, 0, { 'monster-kills': i }, { 'us-east-1': 30 }));
    const [sk] = skewed.match(1);
    const skMeans = sk.teams.map((t) => t.players.reduce((a, p) => a + (p.attributes.get('monster-kills') as number), 0) / t.players.length);
    expect(Math.max(...skMeans) - Math.min(...skMeans)).toBeLessThan(3);
    expect(sk.teams.map((t) => t.players.length)).toEqual([5, ...Array(10).fill(15)]);
  });

  it('splits a pool larger than batchSize into batches, as batchingPreference arranges it, each matched on its own', () => {
    const pairs = (algorithm: object) =>
      ruleSet({ name: 'pairs', ruleLanguageVersion: '1.0', algorithm, playerAttributes: [{ name: 'mode', type: 'string' }], teams: [{ name: 'all', minPlayers: 2, maxPlayers: 2 }], rules: [] });
    // Eight tickets, modes alternating: sorted by mode into two batches of four, no match mixes them, though no rule forbids it.
    const sorted = new FlexMatchBuilder(pairs({ batchingPreference: 'sorted', sortByAttributes: ['mode'] }), { batchSize: 4 });
    for (let i = 0; i < 8; i++) sorted.add(ticket(`s${i}`, i, { mode: i % 2 === 0 ? 'x' : 'y' }));
    const bySort = sorted.match(10);
    expect(bySort).toHaveLength(4);
    for (const m of bySort) expect(new Set(m.tickets.map((t) => Number(t.id.slice(1)) % 2)).size).toBe(1);
    // One batch (the default): the oldest two pair, whatever their modes.
    const one = new FlexMatchBuilder(pairs({ batchingPreference: 'sorted', sortByAttributes: ['mode'] }));
    for (let i = 0; i < 8; i++) one.add(ticket(`s${i}`, i, { mode: i % 2 === 0 ? 'x' : 'y' }));
    expect(one.match(10)[0].tickets.map((t) => t.id)).toEqual(['s0', 's1']);
    // fastestRegion: batches by each ticket's fastest region.
    const regions = new FlexMatchBuilder(pairs({ batchingPreference: 'fastestRegion' }), { batchSize: 3 });
    for (let i = 0; i < 6; i++) regions.add(ticket(`r${i}`, i, {}, i % 2 === 0 ? { us: 10, eu: 90 } : { us: 90, eu: 10 }));
    const byRegion = regions.match(10);
    expect(byRegion).toHaveLength(2);
    for (const m of byRegion) {
      const fastest = m.tickets.map((t) => ((t.players[0].latency?.get('us') ?? 0) < (t.players[0].latency?.get('eu') ?? 0) ? 'us' : 'eu'));
      expect(new Set(fastest).size).toBe(1);
    }
    // random: on the draws given, the same draws the same batches; other draws, other matches.
    const randomRun = (seed: number) => {
      let x = seed;
      const draws = () => ((x = (x * 16807) % 2147483647) - 1) / 2147483646;
      const b = new FlexMatchBuilder(pairs({}), { batchSize: 5, random: draws });
      for (let i = 0; i < 20; i++) b.add(ticket(`q${i}`, i, {}));
      return b.match(30).map((m) => m.tickets.map((t) => t.id).join('+'));
    };
    expect(randomRun(7)).toEqual(randomRun(7));
    // Four batches of five: two pairs each, one ticket left in each (one batch would pair all twenty).
    expect(randomRun(7)).toHaveLength(8);
    expect(randomRun(7)).not.toEqual(randomRun(8));
    expect(() => new FlexMatchBuilder(pairs({}), { batchSize: 5 })).toThrow(/batches at random: give the builder its random draws/);
  });

  it('places a party whole in one team, and never a ticket that breaks a rule no bigger match could mend', () => {
    const b = new FlexMatchBuilder(example('same-mode-map-character.json'));
    b.add(ticket('a', 0, { gameMode: 'real-time', gameMap: 1, character: 1 }));
    b.add(ticket('b', 1, { gameMode: 'turn-based', gameMap: 1, character: 2 }));
    b.add(ticket('c', 2, { gameMode: 'real-time', gameMap: 1, character: 1 }));
    b.add(ticket('d', 3, { gameMode: 'real-time', gameMap: 1, character: 3 }));
    const formed = b.match(5);
    expect(formed.map((m) => m.tickets.map((t) => t.id))).toEqual([['a', 'd']]);
    const party: FlexTicket = { id: 'duo', queuedAt: 0, players: [{ id: 'x', attributes: new Map() }, { id: 'y', attributes: new Map() }] as FlexPlayer[] };
    const teams = new FlexMatchBuilder(example('aliens-vs-cowboys.json'));
    teams.add(party);
    for (let i = 0; i < 6; i++) teams.add(ticket(`p${i}`, 1 + i, { skill: 10 }));
    const [m] = teams.match(10);
    expect(m.teams.find((t) => t.players.some((p) => p.id === 'x'))?.players.map((p) => p.id)).toEqual(expect.arrayContaining(['x', 'y']));
  });

  it('property: on the guide\'s small rule sets, every match formed passes every rule at the expansions in force, teams within their sizes, no ticket twice', () => {
    const sets = ['aliens-vs-cowboys.json', 'players-vs-monster-5-vs-1.json', 'three-team-game.json', 'same-mode-map-character.json', 'multi-map-game.json', 'preferred-characters.json'].map(example);
    const formedBy = sets.map(() => 0);
    const player = fc.record({ skill: fc.integer({ min: 0, max: 60 }), pick: fc.integer({ min: 0, max: 3 }), us: fc.integer({ min: 10, max: 200 }), eu: fc.integer({ min: 10, max: 200 }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sets.length - 1 }), fc.array(player, { minLength: 1, maxLength: 40 }), (which, drawn) => {
        const rs = sets[which];
        const b = new FlexMatchBuilder(rs);
        const values = ['a', 'b', 'c', 'd'];
        const tickets = drawn.map((d, i) =>
          ticket(`t${i}`, i, {
            skill: d.skill,
            experience: d.skill,
            desiredSkillOfMonster: d.skill,
            wantsToBeMonster: d.pick % 2,
            character: rs.document.playerAttributes.find((a) => a.name === 'character')?.type === 'number' ? d.pick : [values[d.pick]],
            gameMode: rs.document.playerAttributes.find((a) => a.name === 'gameMode')?.type === 'string' ? values[d.pick % 2] : [values[d.pick % 2]],
            gameMap: d.pick % 2,
            acceptableMaps: [values[d.pick], 'a'],
            mapPreference: new Map([[values[d.pick], d.skill]]),
            myCharacter: [values[d.pick]],
          }, { 'us-east-1': d.us, 'eu-west-1': d.eu }),
        );
        const seen = new Set<string>();
        for (let t = 0; t < tickets.length + 80; t += 5) {
          for (const x of tickets.filter((x) => x.queuedAt <= t && x.queuedAt > t - 5)) b.add(x);
          for (const m of b.match(t)) {
            formedBy[which]++;
            for (const x of m.tickets) {
              expect(seen.has(x.id)).toBe(false);
              seen.add(x.id);
            }
            // The rules again, on the match as formed, at the age of its newest ticket.
            const age = Math.min(...m.tickets.map((x) => t - x.queuedAt));
            const now = (rule: number, property: string, base: unknown) => {
              const e = rs.expansions.find((x) => x.of === 'rules' && x.name === rs.document.rules[rule].name && x.property === property);
              let v = base;
              for (const step of e?.steps ?? []) if (age >= step.waitTimeSeconds) v = step.value;
              return v;
            };
            const match = { teams: m.teams.map((team) => ({ kind: 'team' as const, name: team.name, players: team.players.map((p) => ({ kind: 'player' as const, id: p.id, attribute: (n: string) => p.attributes.get(n) ?? (rs.document.playerAttributes.find((a) => a.name === n)?.default as Value | undefined) })) })) };
            const pings = new Map(m.teams.flatMap((team, k) => team.players.map((p, j) => [match.teams[k].players[j], p.latency] as const)));
            for (const i of rulesToCheck(rs)) expect(passes(rs, i, match, now, { partyOf: (p) => [p], latencyOf: (p) => pings.get(p) }), rs.document.rules[i].name).toBe(true);
            for (const def of rs.document.teams) {
              const minE = rs.expansions.find((x) => x.of === 'teams' && x.name === def.name && x.property === 'minPlayers');
              let min = def.minPlayers;
              for (const step of minE?.steps ?? []) if (age >= step.waitTimeSeconds) min = step.value as number;
              for (const team of m.teams.filter((x) => x.name === def.name)) expect(team.players.length).toBeGreaterThanOrEqual(min), expect(team.players.length).toBeLessThanOrEqual(def.maxPlayers);
            }
          }
        }
      }),
      { seed: 28, numRuns: 150 },
    );
    // Not vacuous: every rule set formed matches.
    expect(formedBy.every((n) => n > 0), JSON.stringify(formedBy)).toBe(true);
  });

  it('property: the shortcuts (turning away tickets too far from the anchor, anchors short of players, batch distances and latencies from running summaries) form exactly the matches, and count exactly the rule evaluations, of placing every ticket and evaluating every rule on the whole match', () => {
    const rs = ruleSet({
      name: 'pairs',
      ruleLanguageVersion: '1.0',
      algorithm: { expansionAgeSelection: 'newest' },
      playerAttributes: [{ name: 'skill', type: 'number' }],
      teams: [
        { name: 'red', minPlayers: 2, maxPlayers: 3 },
        { name: 'blue', minPlayers: 2, maxPlayers: 2 },
      ],
      rules: [
        { name: 'Fair', type: 'distance', measurements: ['avg(teams[*].players.attributes[skill])'], referenceValue: 'avg(flatten(teams[*].players.attributes[skill]))', maxDistance: 30 },
        { name: 'Close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 50, partyAggregation: 'max' },
        { name: 'Fast', type: 'latency', maxLatency: 60 },
      ],
      expansions: [
        { target: 'rules[Close].maxDistance', steps: [{ waitTimeSeconds: 5, value: 150 }, { waitTimeSeconds: 12, value: 20 }] },
        { target: 'rules[Fast].maxLatency', steps: [{ waitTimeSeconds: 8, value: 200 }] },
        { target: 'teams[red].minPlayers', steps: [{ waitTimeSeconds: 10, value: 1 }] },
      ],
    });
    let formed = 0;
    // Some players have no skill, no latency, or a region others lack (one named after the first tickets joined).
    const drawn = fc.record({
      skill: fc.option(fc.integer({ min: 0, max: 300 }), { freq: 12 }),
      party: fc.integer({ min: 1, max: 2 }),
      us: fc.integer({ min: 10, max: 250 }),
      eu: fc.option(fc.integer({ min: 10, max: 250 }), { freq: 4 }),
      reports: fc.integer({ min: 0, max: 15 }),
      at: fc.integer({ min: 0, max: 30 }),
    });
    fc.assert(
      fc.property(fc.array(drawn, { minLength: 1, maxLength: 40 }), fc.boolean(), (players, oldest) => {
        const doc = { ...rs.document, algorithm: { ...rs.document.algorithm, expansionAgeSelection: oldest ? 'oldest' : 'newest' } };
        const set = ruleSet(doc);
        const tickets = players
          .map(
            (d, i): FlexTicket => ({
              id: `t${i}`,
              queuedAt: d.at,
              players: Array.from({ length: d.party }, (_, k) => ({
                id: `t${i}.${k}`,
                attributes: new Map<string, Value>(d.skill === null ? [] : [['skill', d.skill + 7 * k]]),
                ...(d.reports === 0 ? {} : { latency: new Map([['us', d.us + k], ...(d.eu === null ? [] : [['eu', d.eu] as const])]) }),
              })),
            }),
          )
          .sort((a, b) => a.queuedAt - b.queuedAt);
        const run = (shortcuts: boolean) => {
          const b = new FlexMatchBuilder(set, { shortcuts });
          const out: string[] = [];
          for (let t = 0; t <= 45; t++) {
            for (const x of tickets) if (x.queuedAt === t) b.add(x);
            for (const m of b.match(t)) out.push(`${t}: ${m.teams.map((team) => team.players.map((p) => p.id).join(',')).join(' | ')}`);
          }
          return { out, metrics: b.metrics };
        };
        const fast = run(true);
        formed += fast.out.length;
        expect(fast).toEqual(run(false));
      }),
      { seed: 29, numRuns: 200 },
    );
    // Not vacuous: matches formed, so the two ways were compared on real choices.
    expect(formed).toBeGreaterThan(100);
  });
});
