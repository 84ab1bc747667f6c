import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/scenarios/load.js';
import { ARRIVAL_KINDS, scenarioSource } from '../../../src/scenarios/sources/source-kinds.js';

const scores = { type: 'normal', mean: 1500, sd: 200 };
const population = {
  players: 10,
  skill: scores,
  sessions: { perDay: 3, length: { type: 'exponential', mean: 600 } },
  matchDuration: { type: 'constant', value: 60 },
};
const base = { name: 's', seed: 1 };

/** The first problem a scenario is refused for, as the user reads it. */
function refusal(document: object): string {
  try {
    resolveScenario('s.json', document);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('the source kinds', () => {
  it('are told apart by a name each', () => {
    const names = ARRIVAL_KINDS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(['poisson', 'profile', 'trace', 'openmatch', 'flexmatch', 'nakama']);
  });

  it.each([
    ['poisson without a duration', { arrivals: { type: 'poisson', rate: 1 }, scores }, 's.json: duration: required with poisson arrivals'],
    ['profile without scores', { duration: 10, arrivals: { type: 'profile', points: [[0, 1]] } }, 's.json: scores: required with profile arrivals'],
    ['a trace with scores', { arrivals: { type: 'trace', file: 't.csv' }, scores }, 's.json: scores: not used with a trace: scores come from the trace'],
    ['a trace with attributes', { arrivals: { type: 'trace', file: 't.csv' }, attributes: { region: { type: 'tag', probability: 0.5 } } }, "s.json: attributes: not used with a trace: a trace's extra columns are its attributes"],
    ['a trace with parties', { arrivals: { type: 'trace', file: 't.csv' }, matcher: { algorithm: 'anchor' }, parties: { sizes: { '1': 1 } } }, "s.json: parties: not used with a trace: a trace's parties are its party column (rows of one party share a key; scored by their mean)"],
    ['a population without a duration', { population }, 's.json: duration: required with a population (seconds the population plays)'],
    ['a population with scores', { duration: 10, population, scores }, "s.json: scores: not used with a population: a population's skills are population.skill"],
    ['a population with faults', { duration: 10, population, faults: { worker: { stallProbability: 0.1, stallTicks: 1 } } }, 's.json: faults: not used with a population: faults are not simulated with a population yet'],
  ])('check what a source needs, brings itself or has no place for: %s', (_what, fields, message) => {
    expect(refusal({ ...base, ...fields })).toBe(message);
  });

  it("run each kind's own rules", () => {
    expect(refusal({ ...base, duration: 10, scores, arrivals: { type: 'poisson', rate: 1, bursts: [{ start: 5, end: 2, rate: 1 }] } })).toBe('s.json: arrivals.bursts.0.end: must be after start (5)');
    expect(refusal({ ...base, duration: 10, population: { ...population, sessions: { ...population.sessions, profile: [[0, 0]] } } })).toBe('s.json: population.sessions.profile: every weight is 0: nobody would play');
  });

  it('estimate the players a scenario brings, by kind', () => {
    const poisson = resolveScenario('s.json', { ...base, duration: 100, scores, arrivals: { type: 'poisson', rate: 2 }, matcher: { algorithm: 'anchor' }, parties: { sizes: { '1': 1, '3': 1 } } });
    expect(poisson.expectedPlayers).toBe(2 * 100 * 2);
    const profile = resolveScenario('s.json', { ...base, duration: 100, scores, arrivals: { type: 'profile', points: [[0, 1], [50, 4], [100, 1]] } });
    expect(profile.expectedPlayers).toBe(4 * 100);
  });

  it('bind a scenario to its kind, or to none', () => {
    expect(scenarioSource({ arrivals: { type: 'profile' } })?.kind.name).toBe('profile');
    expect(scenarioSource({ population: resolveScenario('s.json', { ...base, duration: 10, population }).scenario.population })?.kind.name).toBe('population');
    expect(scenarioSource({})).toBeUndefined();
    expect(() => scenarioSource({ arrivals: { type: 'nonesuch' } })).toThrow('no source kind nonesuch is registered');
  });
});
