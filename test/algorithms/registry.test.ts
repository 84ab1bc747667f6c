import { TicketTable } from '../../src/engine/ticket/ticket-table.js';
import { describe, expect, it } from 'vitest';
import { ALGORITHMS, REGISTRY, createMatchAlgorithm, fieldsOf, matcherTraits, tunableParameters } from '../../src/algorithms/registry.js';
import type { MatcherSettings } from '../../src/algorithms/algorithm-entry.js';
import { matchesOne } from '../../src/engine/pool/match-algorithm.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { applyOverrides } from '../../src/scenarios/overrides.js';
import { seedScenario } from '../fixtures/helpers.js';

/** Settings each built-in algorithm can be built with, rooms of 4 (two teams of two). */
function settingsFor(algorithm: string): MatcherSettings {
  const base = { algorithm, roomSize: 4, window: { type: 'linear' as const, growth: 50 } };
  if (algorithm === 'teams') return { ...base, teams: { count: 2, size: 2, balance: 'greedy' } };
  if (algorithm === 'profiles') return { ...base, profiles: [{ name: 'all' }] };
  if (algorithm === 'flexmatch') return { ...base, clock: 'seconds', flexmatch: { scoreAttribute: 'skill', ruleSet: TWO_V_TWO } };
  return base;
}

/** A FlexMatch rule set of rooms of 4 (settingsFor's size). */
const TWO_V_TWO = { name: '2v2', ruleLanguageVersion: '1.0', playerAttributes: [{ name: 'skill', type: 'number' }], teams: [{ name: 'a', minPlayers: 2, maxPlayers: 2 }, { name: 'b', minPlayers: 2, maxPlayers: 2 }], rules: [{ name: 'close', type: 'batchDistance', batchAttribute: 'skill', maxDistance: 100 }], expansions: [{ target: 'rules[close].maxDistance', steps: [{ waitTimeSeconds: 10, value: 300 }] }] };

/** The ticket table a pool that reads it is given: requests carry their slot as their id. */
const tableFor = () => ({ table: new TicketTable(), slot: (request: { id: number }) => request.id });

describe('the algorithm registry', () => {
  it('names each built-in algorithm once', () => {
    expect(new Set(ALGORITHMS).size).toBe(REGISTRY.length);
    expect(ALGORITHMS).toEqual(['score-scan', 'arrival-scan', 'anchor', 'teams', 'profiles', 'flexmatch']);
  });

  it("declares traits its pools keep: parties as the pool declares them, retry only where the pool matches one request, teams where rooms are dealt", () => {
    for (const entry of REGISTRY) {
      const tickets = entry.traits.clocks.includes('rounds') ? undefined : tableFor();
      const pool = createMatchAlgorithm(settingsFor(entry.name), 1, tickets as never);
      expect(pool.parties === true, entry.name).toBe(entry.traits.parties);
      expect(matchesOne(pool), entry.name).toBe(entry.traits.services.includes('retry'));
      // Split into pools, it can still match one request exactly when each pool can.
      const pooled = createMatchAlgorithm({ ...settingsFor(entry.name), pools: [{ name: 'a', filters: [] }, { name: 'b', filters: [] }] }, 1, tickets as never);
      expect(matchesOne(pooled), `${entry.name} in pools`).toBe(entry.traits.services.includes('retry'));
      expect(entry.traits.services, entry.name).toContain('rounds');
      if (entry.traits.teams) {
        // Four requests within one window: one room, dealt into two even teams (listed team by team), not in score order.
        for (const [i, score] of [100, 130, 110, 120].entries()) pool.add({ score, id: i } as never);
        const [room] = [...pool.match(0), ...pool.match(1)] as unknown as Array<Array<{ score: number }>>;
        const [a, b, c, d] = room.map((r) => r.score);
        expect(a + b, entry.name).toBe(c + d);
      }
    }
  });

  it('lets a scenario give an algorithm\'s own fields only with that algorithm, and gives a user module no built-in traits', () => {
    expect(fieldsOf('teams')).toEqual(['teams']);
    expect(fieldsOf('profiles')).toEqual(['profiles', 'evaluator']);
    expect(fieldsOf('retry')).toEqual(['retry']);
    expect(fieldsOf('seed')).toEqual([]);
    expect(() => resolveScenario('s.json', { ...seedScenario, matcher: { algorithm: 'anchor', evaluator: { waitWeight: 5 } } })).toThrow(/matcher\.evaluator: only for algorithm "profiles" \(the algorithm is "anchor"\)/);
    expect(matcherTraits({ algorithm: 'teams', module: './mine.mjs', parties: true })).toEqual({ parties: true, teams: false, services: ['rounds', 'retry'], oneWindow: false, clocks: ['rounds', 'seconds'] });
  });

  it('resolves the matcher once: windowGrowth into window, retry into a service mode, the evaluator\'s wait weight made explicit', () => {
    const matcher = (m: object) => resolveScenario('s.json', { ...seedScenario, matcher: m }).scenario.matcher;
    expect(matcher({ windowGrowth: 20 })).toEqual({ algorithm: 'score-scan', roomSize: 3, window: { type: 'linear', growth: 20 }, service: { type: 'rounds' } });
    // The former names, from when "seed" also meant the random seed, a scenario and the reference server, still read as today's.
    expect(matcher({ algorithm: 'seed' }).algorithm).toBe('score-scan');
    expect(matcher({ algorithm: 'seed-legacy' }).algorithm).toBe('arrival-scan');
    expect(fieldsOf('seed-legacy')).toEqual(fieldsOf('arrival-scan'));
    expect(matcher({ window: { type: 'steps', steps: [{ after: 5, window: 100 }] } }).window).toEqual({ type: 'steps', steps: [{ after: 5, window: 100 }] });
    expect(matcher({ window: { type: 'steps', steps: [{ after: 5, window: 100 }] } })).not.toHaveProperty('windowGrowth');
    expect(matcher({ algorithm: 'retry' })).toMatchObject({ algorithm: 'anchor', service: { type: 'retry', delay: 2 } });
    expect(matcher({ algorithm: 'profiles', profiles: [{ name: 'all' }] }).evaluator).toEqual({ waitWeight: 50 });
    expect(matcher({ algorithm: 'profiles', profiles: [{ name: 'all' }], windowGrowth: 10, evaluator: { waitWeight: 7 } }).evaluator).toEqual({ waitWeight: 7 });
  });
});

describe('tunableParameters', () => {
  const tunable = (matcher: Record<string, unknown>) => {
    const document = { ...seedScenario, matcher };
    return { parameters: tunableParameters(resolveScenario('s.json', document).scenario.matcher, matcher), document };
  };

  it('searches the window by its type, in the spelling the scenario uses, around the value it gives', () => {
    expect(tunable({ windowGrowth: 50 }).parameters).toEqual([{ path: 'matcher.windowGrowth', low: 5, high: 500, scale: 'log' }]);
    expect(tunable({}).parameters).toEqual([{ path: 'matcher.window.growth', low: 5, high: 500, scale: 'log' }]);
    expect(tunable({ window: { type: 'capped', growth: 20, cap: 200 } }).parameters.map((p) => [p.path, p.low, p.high])).toEqual([
      ['matcher.window.growth', 2, 200],
      ['matcher.window.cap', 50, 800],
    ]);
    expect(tunable({ window: { type: 'steps', steps: [{ after: 0, window: 0 }, { after: 10, window: 100 }, { after: 30, window: 400 }] } }).parameters.map((p) => p.path)).toEqual([
      'matcher.window.steps.1.window',
      'matcher.window.steps.2.window',
    ]);
  });

  it("adds the algorithm's own and the retry service's delay", () => {
    expect(tunable({ algorithm: 'profiles', profiles: [{ name: 'all' }] }).parameters.map((p) => p.path)).toEqual(['matcher.window.growth', 'matcher.evaluator.waitWeight']);
    expect(tunable({ algorithm: 'retry', windowGrowth: 50 }).parameters.map((p) => p.path)).toEqual(['matcher.windowGrowth', 'matcher.retry.delay']);
    expect(tunable({ algorithm: 'anchor', service: { type: 'retry', delay: 2 } }).parameters.map((p) => [p.path, p.low, p.high])).toEqual([
      ['matcher.window.growth', 5, 500],
      ['matcher.service.delay', 0.5, 8],
    ]);
  });

  it('gives paths and ranges a scenario accepts at both ends, for every algorithm and window', () => {
    const windows = [undefined, { type: 'capped', growth: 20, cap: 200 }, { type: 'exponential', initial: 5, factor: 1.5, cap: 600 }, { type: 'steps', steps: [{ after: 3, window: 50 }, { after: 20, window: 300 }] }];
    for (const algorithm of [...ALGORITHMS, 'retry']) {
      // A rule set relaxes by its own expansions: flexmatch takes no window.
      for (const window of algorithm === 'flexmatch' ? ['none' as const] : windows) {
        const own = algorithm === 'teams' ? { roomSize: 4, teams: { count: 2, size: 2 } } : algorithm === 'profiles' ? { profiles: [{ name: 'all' }] } : algorithm === 'flexmatch' ? { roomSize: 4, flexmatch: { ruleSet: TWO_V_TWO } } : {};
        const { parameters, document } = tunable({ algorithm, ...own, ...(window === 'none' ? {} : window ? { window } : { windowGrowth: 40 }) });
        expect(parameters.length).toBeGreaterThan(0);
        for (const p of parameters) {
          expect(p.low).toBeLessThan(p.high);
          for (const value of [p.low, p.high]) {
            const at = applyOverrides(document, [{ option: p.path, path: p.path.split('.'), value }]);
            expect(() => resolveScenario('s.json', at), `${algorithm} ${p.path}=${value}`).not.toThrow();
          }
        }
      }
    }
  });
});
