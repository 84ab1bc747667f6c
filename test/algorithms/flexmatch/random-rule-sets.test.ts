import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlexMatchBuilder, type FlexTicket } from '../../../src/algorithms/flexmatch/match-builder.js';
import type { Value } from '../../../src/algorithms/flexmatch/property-expression.js';
import { readRuleSet, type RuleSet } from '../../../src/algorithms/flexmatch/rule-set.js';

/*
 * Random rule sets within a grammar (one to three team definitions; any of a fair-teams distance, a
 * batch distance, a latency limit, a same-mode comparison, a shared-maps intersection, or a compound
 * of two of them; expansions of any of their bounds and of the teams' minPlayers) on random players:
 * no match formed breaks a rule at the expansion step in force when it formed. Checked here by hand,
 * from each rule's definition, not by the interpreter's own evaluation.
 */

const MODES = ['solo', 'duo'];
const MAPS = ['a', 'b', 'c'];

interface Drawn {
  readonly teams: ReadonlyArray<{ readonly min: number; readonly extra: number; readonly quantity: number; readonly relaxTo: number | null }>;
  readonly fair: number | null;
  readonly batch: number | null;
  readonly latency: number | null;
  readonly sameMode: boolean;
  readonly sharedMap: boolean;
  readonly compound: 'and' | 'or' | null;
  readonly relax: { readonly after: number; readonly factor: number } | null;
  readonly oldest: boolean;
}

const drawnRuleSet: fc.Arbitrary<Drawn> = fc.record({
  teams: fc.array(fc.record({ min: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 1, max: 2 }), relaxTo: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 2 }) }), { minLength: 1, maxLength: 3 }),
  fair: fc.option(fc.integer({ min: 5, max: 60 }), { freq: 2 }),
  batch: fc.option(fc.integer({ min: 20, max: 200 }), { freq: 2 }),
  latency: fc.option(fc.integer({ min: 40, max: 200 }), { freq: 2 }),
  sameMode: fc.boolean(),
  sharedMap: fc.boolean(),
  compound: fc.option(fc.constantFrom('and' as const, 'or' as const), { freq: 3 }),
  relax: fc.option(fc.record({ after: fc.integer({ min: 1, max: 20 }), factor: fc.integer({ min: 2, max: 3 }) }), { freq: 2 }),
  oldest: fc.boolean(),
});

function document(d: Drawn): { readonly doc: object; readonly bounds: Bounds } {
  const teams = d.teams.map((t, i) => ({ name: `t${i}`, minPlayers: t.min, maxPlayers: t.min + t.extra, quantity: t.quantity }));
  const rules: object[] = [];
  const expansions: object[] = [];
  const relax = (rule: string, property: string, base: number) => d.relax && expansions.push({ target: `rules[${rule}].${property}`, steps: [{ waitTimeSeconds: d.relax.after, value: base * d.relax.factor }] });
  if (d.fair !== null) {
    rules.push({ name: 'Fair', type: 'distance', measurements: ['avg(teams[*].players.attributes[skill])'], referenceValue: 'avg(flatten(teams[*].players.attributes[skill]))', maxDistance: d.fair });
    relax('Fair', 'maxDistance', d.fair);
  }
  if (d.batch !== null) {
    rules.push({ name: 'Close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: d.batch });
    relax('Close', 'maxDistance', d.batch);
  }
  if (d.latency !== null) {
    rules.push({ name: 'Fast', type: 'latency', maxLatency: d.latency });
    relax('Fast', 'maxLatency', d.latency);
  }
  if (d.sameMode) rules.push({ name: 'SameMode', type: 'comparison', operation: '=', measurements: ['flatten(teams[*].players.attributes[mode])'] });
  if (d.sharedMap) rules.push({ name: 'SharedMap', type: 'collection', operation: 'intersection', measurements: ['flatten(teams[*].players.attributes[maps])'], minCount: 1 });
  const named = rules.map((r) => (r as { name: string }).name).filter((n) => n === 'SameMode' || n === 'SharedMap' || n === 'Fair');
  const compound = d.compound !== null && named.length >= 2 ? { name: 'Both', type: 'compound', statement: `${d.compound}(${named[0]}, ${named[1]})` } : undefined;
  if (compound) rules.push(compound);
  d.teams.forEach((t, i) => t.relaxTo !== null && t.relaxTo < t.min && expansions.push({ target: `teams[t${i}].minPlayers`, steps: [{ waitTimeSeconds: 6, value: t.relaxTo }] }));
  const doc = {
    name: 'random',
    ruleLanguageVersion: '1.0',
    algorithm: { expansionAgeSelection: d.oldest ? 'oldest' : 'newest' },
    playerAttributes: [
      { name: 'skill', type: 'number', default: 100 },
      { name: 'mode', type: 'string', default: 'solo' },
      { name: 'maps', type: 'string_list', default: ['a'] },
    ],
    teams,
    rules,
    expansions,
  };
  return { doc, bounds: { drawn: d, compound: compound && { how: d.compound as 'and' | 'or', of: [named[0], named[1]] } } };
}

interface Bounds {
  readonly drawn: Drawn;
  readonly compound: { readonly how: 'and' | 'or'; readonly of: readonly string[] } | undefined;
}

interface Player {
  /** Its party's average skill: what the distance and batch distance rules see of each member (partyAggregation avg, the default). */
  readonly skill: number;
  readonly mode: string;
  readonly maps: readonly string[];
  readonly latency: ReadonlyMap<string, number>;
  readonly team: number;
}

/** Each rule's truth on a formed match at `age`, from its definition. */
function truths(b: Bounds, teams: readonly (readonly Player[])[], age: number): Map<string, boolean> {
  const d = b.drawn;
  const at = (base: number) => (d.relax !== null && age >= d.relax.after ? base * d.relax.factor : base);
  const all = teams.flat();
  const truth = new Map<string, boolean>();
  const mean = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  if (d.fair !== null) {
    const overall = mean(all.map((p) => p.skill));
    // Every team's average within maxDistance of the match's (an empty team has none to measure).
    truth.set('Fair', teams.filter((t) => t.length > 0).every((t) => Math.abs(mean(t.map((p) => p.skill)) - overall) <= at(d.fair as number) + 1e-9));
  }
  if (d.batch !== null) truth.set('Close', Math.max(...all.map((p) => p.skill)) - Math.min(...all.map((p) => p.skill)) <= at(d.batch));
  if (d.latency !== null) truth.set('Fast', ['us', 'eu'].some((r) => all.every((p) => (p.latency.get(r) ?? Infinity) <= at(d.latency as number))));
  if (d.sameMode) truth.set('SameMode', new Set(all.map((p) => p.mode)).size === 1);
  if (d.sharedMap) truth.set('SharedMap', MAPS.some((m) => all.every((p) => p.maps.includes(m))));
  return truth;
}

describe('random rule sets', () => {
  it('property: no match breaks a rule at the expansion step in force when it formed; team sizes within their bounds, distances within their maximum, latencies within maxLatency', () => {
    const player = fc.record({
      skill: fc.integer({ min: 50, max: 250 }),
      mode: fc.constantFrom(...MODES),
      maps: fc.subarray(MAPS, { minLength: 1 }),
      us: fc.integer({ min: 10, max: 250 }),
      eu: fc.option(fc.integer({ min: 10, max: 250 }), { freq: 3 }),
      party: fc.integer({ min: 1, max: 2 }),
      at: fc.integer({ min: 0, max: 20 }),
    });
    let formed = 0;
    let judged = 0;
    const held = new Map<string, number>();
    fc.assert(
      fc.property(drawnRuleSet, fc.array(player, { minLength: 1, maxLength: 40 }), (d, drawn) => {
        const { doc, bounds } = document(d);
        const read = readRuleSet(doc);
        if (!('ruleSet' in read)) throw new Error(`the grammar made a rule set the reader refuses: ${JSON.stringify(read.problems)}`);
        const rs: RuleSet = read.ruleSet;
        if (rs.maxPlayers > 40) return;
        judged++;
        const b = new FlexMatchBuilder(rs);
        const facts = new Map<string, Player>();
        const tickets = drawn
          .map((p, i): FlexTicket => ({
            id: `k${i}`,
            queuedAt: p.at,
            players: Array.from({ length: p.party }, (_, m) => {
              const latency = new Map<string, number>([['us', p.us + m], ...(p.eu === null ? [] : [['eu', p.eu] as [string, number]])]);
              facts.set(`k${i}.${m}`, { skill: p.skill + (5 * (p.party - 1)) / 2, mode: p.mode, maps: p.maps, latency, team: -1 });
              return { id: `k${i}.${m}`, attributes: new Map<string, Value>([['skill', p.skill + 5 * m], ['mode', p.mode], ['maps', [...p.maps]]]), latency };
            }),
          }))
          .sort((x, y) => x.queuedAt - y.queuedAt);
        for (let t = 0; t <= 40; t++) {
          for (const x of tickets) if (x.queuedAt === t) b.add(x);
          for (const m of b.match(t)) {
            formed++;
            const ages = m.tickets.map((x) => t - x.queuedAt);
            const age = d.oldest ? Math.max(...ages) : Math.min(...ages);
            const teams = m.teams.map((team) => team.players.map((p) => facts.get(p.id) as Player));
            // Team sizes: each definition's teams between its minPlayers at this age and its maxPlayers.
            let k = 0;
            d.teams.forEach((def) => {
              const min = def.relaxTo !== null && def.relaxTo < def.min && age >= 6 ? def.relaxTo : def.min;
              for (let q = 0; q < def.quantity; q++, k++) {
                expect(teams[k].length).toBeGreaterThanOrEqual(min);
                expect(teams[k].length).toBeLessThanOrEqual(def.min + def.extra);
              }
            });
            // A party is never split between teams.
            for (const x of m.tickets) expect(new Set(x.players.map((p) => m.teams.findIndex((team) => team.players.includes(p)))).size).toBe(1);
            const truth = truths(bounds, teams, age);
            for (const name of [...truth.keys(), ...(bounds.compound ? ['compound'] : []), ...(d.relax !== null && age >= d.relax.after ? ['relaxed'] : [])]) held.set(name, (held.get(name) ?? 0) + 1);
            const inCompound = new Set(bounds.compound?.of ?? []);
            for (const [name, ok] of truth) if (!inCompound.has(name)) expect(ok, `${name} at age ${age}`).toBe(true);
            if (bounds.compound) {
              const [x, y] = bounds.compound.of.map((n) => truth.get(n) as boolean);
              expect(bounds.compound.how === 'and' ? x && y : x || y, `compound ${bounds.compound.how}`).toBe(true);
            }
          }
        }
      }),
      { seed: 2028, numRuns: 400 },
    );
    // Not vacuous: many rule sets were tried, and formed many matches.
    expect(judged).toBeGreaterThan(300);
    expect(formed).toBeGreaterThan(300);
    // Every kind of rule, a compound and a relaxed step held on matches that formed.
    for (const name of ['Fair', 'Close', 'Fast', 'SameMode', 'SharedMap', 'compound', 'relaxed']) expect(held.get(name) ?? 0, name).toBeGreaterThan(10);
  });
});
