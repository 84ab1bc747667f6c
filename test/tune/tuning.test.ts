import { describe, expect, it } from 'vitest';
import { planTuning, tuningDirectory } from '../../src/tune/tuning.js';
import { UNTRUSTED } from '../../src/scenarios/scenario-files.js';
import { seedScenario } from '../fixtures/helpers.js';

const document = seedScenario;
const asked = { file: 'small.json', document, sets: [], trust: UNTRUSTED, minimize: 'spread.mean' };

describe('planTuning', () => {
  it("takes the registry's parameters when none are given, and the scenario's seed", () => {
    const plan = planTuning(asked);
    expect(plan.defaultParameters).toBe(true);
    expect(plan.request.parameters.map((p) => p.path)).toContain('matcher.windowGrowth');
    expect(plan.request.seed).toBe(seedScenario.seed);
    expect(plan.conditions).toHaveLength(1);
    expect(tuningDirectory(plan)).toBe('results/small.tune');
  });

  it('lays out the cartesian product of --across, each condition its own document', () => {
    const plan = planTuning({ ...asked, across: [{ path: 'arrivals.rate', values: [0.5, 2] }, { path: 'matcher.roomSize', values: [2, 3, 4] }] });
    expect(plan.conditions.map((c) => c.condition)).toEqual([0.5, 2].flatMap((rate) => [2, 3, 4].map((size) => [['arrivals.rate', rate], ['matcher.roomSize', size]])));
    expect((plan.conditions[5].request.document.matcher as { roomSize: number }).roomSize).toBe(4);
    expect(tuningDirectory(plan, { index: 2, of: 3 })).toBe('results/small.tune.shard-2-of-3');
  });

  it('refuses before any run what cannot be tuned', () => {
    expect(() => planTuning({ ...asked, minimize: undefined })).toThrow('give exactly one objective');
    expect(() => planTuning({ ...asked, document: { ...document, sweep: { 'arrivals.rate': [1, 2] } } })).toThrow('tune at each of its points with --across arrivals.rate=1,2');
    expect(() => planTuning({ ...asked, across: [{ path: 'matcher.windowGrowth', values: [1, 2] }] })).toThrow('matcher.windowGrowth is also searched (--param)');
    expect(() => planTuning({ ...asked, budget: 10, replications: 5 })).toThrow('10 runs cannot try two settings at 5 replications each');
    // A condition's value is resolved with the scenario: a bad one names its option.
    expect(() => planTuning({ ...asked, across: [{ path: 'arrivals.rate', values: [1, -1] }] })).toThrow('--across arrivals.rate=-1');
  });
});
