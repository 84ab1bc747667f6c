import { describe, expect, it } from 'vitest';
import { REGISTRY, fieldsOf, tunableParameters } from '../../src/algorithms/registry.js';
import { runScenarioInMemory } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { matcherObject } from '../../src/scenarios/schema/matcher.js';
import { isSweep, planSweep } from '../../src/sweep/plan.js';
import { seedScenario } from '../fixtures/helpers.js';

/*
 * Each algorithm's settings live in a namespace of their own, matcher.<name>;
 * settings written before namespaces keep their flat spelling as an alias.
 */

const profileList = [{ name: 'tight', window: { type: 'capped', growth: 50, cap: 100 } }, { name: 'wide', filters: [{ attribute: 'region', equals: 'eu' }] }];
const attributes = { region: { type: 'category', values: { eu: 3, na: 1 } } };
const flat = { ...seedScenario, duration: 300, attributes, matcher: { algorithm: 'profiles', profiles: profileList, evaluator: { waitWeight: 20 } } };
const namespaced = { ...seedScenario, duration: 300, attributes, matcher: { algorithm: 'profiles', profiles: { list: profileList, evaluator: { waitWeight: 20 } } } };

describe('algorithm namespaces', () => {
  it("are each algorithm's own: no namespace is a field every matcher has, and no two algorithms share a field", () => {
    const common = Object.keys(matcherObject.shape).filter((field) => !REGISTRY.some((entry) => fieldsOf(entry.name).includes(field)));
    for (const entry of REGISTRY) expect(common, entry.name).not.toContain(entry.name);
    const owned = REGISTRY.flatMap((entry) => fieldsOf(entry.name));
    expect(new Set(owned).size).toBe(owned.length);
  });

  it('run the same rooms in either spelling (profiles: the namespace matcher.profiles {list, evaluator}, or the list with matcher.evaluator beside it)', () => {
    const a = runScenarioInMemory(resolveScenario('s.json', flat));
    const b = runScenarioInMemory(resolveScenario('s.json', namespaced));
    expect(b.rooms).toEqual(a.rooms);
    expect(b.players).toEqual(a.players);
    expect(a.summary.players.matched).toBeGreaterThan(100);
  });

  it('record the defaults in the spelling written', () => {
    const list = [{ name: 'all' }];
    expect(resolveScenario('s.json', { ...seedScenario, matcher: { algorithm: 'profiles', profiles: list } }).scenario.matcher).toMatchObject({ profiles: [{ name: 'all' }], evaluator: { waitWeight: 50 } });
    const resolved = resolveScenario('s.json', { ...seedScenario, matcher: { algorithm: 'profiles', profiles: { list } } }).scenario.matcher;
    expect(resolved.profiles).toEqual({ list: [{ name: 'all', filters: [] }], evaluator: { waitWeight: 50 } });
    expect(resolved.evaluator).toBeUndefined();
  });

  it('refuse the alias beside the namespace, naming where it goes', () => {
    expect(() => resolveScenario('s.json', { ...namespaced, matcher: { ...namespaced.matcher, evaluator: { waitWeight: 1 } } })).toThrow(
      's.json: matcher.evaluator: with matcher.profiles as {"list", "evaluator"}, give the evaluator there (matcher.profiles.evaluator)',
    );
    expect(() => resolveScenario('s.json', { ...seedScenario, matcher: { algorithm: 'anchor', profiles: { list: [{ name: 'all' }] } } })).toThrow('s.json: matcher.profiles: only for algorithm "profiles" (the algorithm is "anchor")');
  });

  it('name each setting by its path in the spelling written: a filter, a repeated name, the tuner', () => {
    const bad = { ...namespaced, matcher: { algorithm: 'profiles', profiles: { list: [{ name: 'x', filters: [{ attribute: 'region', min: 0 }] }, { name: 'x' }] } } };
    expect(() => resolveScenario('s.json', bad)).toThrow('s.json: matcher.profiles.list.0.filters.0.attribute: "region" is a string attribute, and a range filter (min, max) compares numbers');
    const named = { ...namespaced, matcher: { algorithm: 'profiles', profiles: { list: [{ name: 'x' }, { name: 'x' }] } } };
    expect(() => resolveScenario('s.json', named)).toThrow('s.json: matcher.profiles.list.1.name: "x" is named twice');
    const tuned = (document: typeof flat | typeof namespaced) => tunableParameters(resolveScenario('s.json', document).scenario.matcher, document.matcher).map((p) => p.path);
    expect(tuned(flat)).toEqual(['matcher.window.growth', 'matcher.evaluator.waitWeight']);
    expect(tuned(namespaced)).toEqual(['matcher.window.growth', 'matcher.profiles.evaluator.waitWeight']);
    // Each path is one --set takes.
    expect(() => resolveScenario('s.json', namespaced, [{ option: '--set', path: ['matcher', 'profiles', 'evaluator', 'waitWeight'], value: 5 }])).not.toThrow();
  });

  it('let a sweep over algorithms carry every namespace, each point keeping its own', () => {
    const document = { ...seedScenario, matcher: { algorithm: 'anchor', roomSize: 2, teams: { count: 2, size: 1 }, profiles: { list: [{ name: 'all' }] } }, sweep: { 'matcher.algorithm': ['anchor', 'teams', 'profiles'] } };
    const loaded = resolveScenario('s.json', document);
    expect(isSweep(loaded.scenario)).toBe(true);
    const points = planSweep('s.json', document, loaded.scenario).points.map((p) => Object.keys(p.document.matcher as object).filter((k) => k === 'teams' || k === 'profiles'));
    expect(points).toEqual([[], ['teams'], ['profiles']]);
  });
});

describe('a namespace written wrong', () => {
  const refusal = (profiles: unknown) => () => resolveScenario('s.json', { ...seedScenario, matcher: { algorithm: 'profiles', profiles } });
  it('is refused in one line naming the field inside the spelling it was written in, or the types it may be', () => {
    expect(refusal([{}])).toThrow('s.json: matcher.profiles.0.name: required (string)');
    expect(refusal({ list: [] })).toThrow('s.json: matcher.profiles.list: give at least one profile');
    expect(refusal({ lst: [{ name: 'a' }] })).toThrow('s.json: matcher.profiles.list: required (array)');
    expect(refusal(7)).toThrow('s.json: matcher.profiles: must be an object or an array (got 7)');
  });
});
