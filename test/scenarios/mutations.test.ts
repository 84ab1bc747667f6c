import fc from 'fast-check';
import { copyFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedPlayers } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { isSweep, planSweep } from '../../src/sweep/plan.js';
import { cli, tempDir } from '../fixtures/helpers.js';

/** Cases tried; a failure is shrunk to a minimal mutation and printed with its seed. */
const RUNS = Number(process.env.MATCHSIM_PROPERTY_RUNS ?? 100);
/** Only mutated scenarios at most this big are also run (every one is validated): keeps the property fast. */
const RUN_PLAYERS = 3000;
const RUN_COUNT = 3;

const bundled = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ file: f, document: JSON.parse(readFileSync(join('scenarios', f), 'utf8')) as Record<string, unknown> }));

type Path = Array<string | number>;

/** Every path to a value in a document: where a mutation can strike. */
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

/** A number JSON cannot write (1e400 parses as Infinity): written into the text by hand. */
const INFINITE = '@@1e400@@';

const oddValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, [], {}, '', '\n', '=cmd|" /c calc"!A1', '<img src=x onerror=alert(1)>', '__proto__', 'constructor', '../../../../etc/passwd', '/proc/self/environ', 'a'.repeat(5000)),
  fc.constantFrom<unknown>(0, -1, 1e-308, 1e-300, 1e-6, 1e308, 1.7e308, -1e308, 2 ** 31, 2 ** 32, 4294967295, 2 ** 53, 1.5, 0.5, 1e9, INFINITE),
  fc.constantFrom<unknown>(
    Array.from({ length: 2000 }, (_, i) => i),
    { type: 'poisson', rate: 1e9 },
    { type: 'trace', file: 'missing.csv' },
    { 'matcher.windowGrowth': Array.from({ length: 1000 }, (_, i) => i), tick: Array.from({ length: 1000 }, (_, i) => i + 1) },
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
    // Populations, services and weights at the edges the limits guard.
    { system: 'openskill', initial: 2147483647, sigma: 1e-300, beta: 1e-300, tau: 1e-300 },
    { system: 'elo', initial: 2147483647, k: 10000 },
    { type: 'retry', delay: 1e-6 },
    { eu: 1.7e308, na: 1.7e308 },
    { '1': 1.7e308, '2': 1.7e308 },
    [[0, 1.7e308], [43200, 1.7e308]],
    { type: 'constant', value: 1e-9 },
  ),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
);

type Mutation = { kind: 'drop'; at: number } | { kind: 'set'; at: number; value: unknown } | { kind: 'add'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: oddValue }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'toString', 'unknownField', 'sweep', 'replications', 'module'), value: oddValue }),
);

function mutate(document: Record<string, unknown>, mutations: readonly Mutation[]): string {
  const doc = structuredClone(document) as Record<string, unknown>;
  for (const m of mutations) {
    const all = paths(doc);
    const path = all[m.at % all.length];
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], doc) as Record<string | number, unknown> | undefined;
    const key = path[path.length - 1];
    if (m.kind === 'add') {
      const node = path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], doc);
      if (typeof node === 'object' && node !== null && !Array.isArray(node)) Object.defineProperty(node, m.key, { value: structuredClone(m.value), enumerable: true, configurable: true, writable: true });
    } else if (parent !== undefined && key !== undefined) {
      if (m.kind === 'drop') {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      } else {
        // A copy: the arbitraries' values are shared between cases, and a later mutation may write into this one.
        parent[key] = structuredClone(m.value);
      }
    }
  }
  return JSON.stringify(doc).split(JSON.stringify(INFINITE)).join('1e400');
}

/** Small enough to run in the property (the scenario may be broken: then it is only validated). */
function smallEnough(file: string): boolean {
  try {
    const document = JSON.parse(readFileSync(file, 'utf8').split('1e400').join('1')) as Record<string, unknown>;
    const loaded = resolveScenario(file, document, [], { trust: false });
    const runs = isSweep(loaded.scenario) ? planSweep(file, document, loaded.scenario).tasks.length : 1;
    return runs <= RUN_COUNT && expectedPlayers(loaded) * runs <= RUN_PLAYERS;
  } catch {
    return true; // refused: running it costs nothing
  }
}

describe('mutated bundled scenarios: every outcome is a success or one clean line with exit 2, never a crash or a leftover', () => {
  it(`${RUNS} mutations of the bundled scenarios through validate and run`, async () => {
    const work = tempDir();
    // The scenarios' own data, so that a mutation that keeps a trace or a score file finds it.
    cpSync('scenarios', join(work, 'scenarios'), { recursive: true });
    copyFileSync('examples/fifo-matcher.mjs', join(work, 'fifo-matcher.mjs'));
    let index = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bundled), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (scenario, mutations) => {
        const dir = join(work, 'scenarios');
        const file = join(dir, `mutated-${index++}.json`);
        writeFileSync(file, mutate(scenario.document, mutations));
        const out = join(work, `out-${index}`);
        const commands = [['validate', file]];
        if (smallEnough(file)) commands.push(['run', file, '-o', out, '--no-charts', '--workers', '0', '--csv-workers', '0']);
        for (const args of commands) {
          const r = await cli(...args);
          expect([0, 2], `${args[0]} exit ${r.code}: ${r.stderr}`).toContain(r.code);
          if (r.code === 2) {
            expect(r.stderr).not.toMatch(/\n\s+at /);
            for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(/^matchsim: /);
            if (args[0] === 'run') expect(r.stderr.trim().split('\n')).toHaveLength(1);
          }
        }
        // Nothing half-written: the result if the run succeeded, and nothing else (no temporary directory, no lock).
        const leftovers = readdirSync(work).filter((n) => n.includes(`out-${index}`) && n !== `out-${index}`);
        expect(leftovers).toEqual([]);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  });
});

/** Shard manifests (a sweep's and a tuning's) mutated as the scenarios are, through merge: a CI artifact from anyone. */
describe('mutated shard manifests: merge ends in a success or one clean line, never a crash or a leftover', () => {
  it(`${Math.ceil(RUNS / 2)} mutations of a sweep's and a tuning's shard manifests through merge`, async () => {
    const work = tempDir();
    const scenario = join(work, 's.json');
    writeFileSync(scenario, JSON.stringify({ name: 'm', seed: 1, duration: 30, drain: 5, arrivals: { type: 'poisson', rate: 2 }, scores: { type: 'normal', mean: 1500, sd: 300 }, matcher: { algorithm: 'seed', roomSize: 3, windowGrowth: 50 }, replications: 2 }));
    for (const k of [1, 2]) expect((await cli('run', scenario, '--shard', `${k}/2`, '-o', join(work, `s${k}`), '--workers', '0', '--no-charts')).code).toBe(0);
    expect((await cli('tune', scenario, '--set', 'replications=1', '--minimize', 'wait.p95', '--param', 'matcher.windowGrowth=10..100', '--budget', '4', '--replications', '1', '--shard', '1/1', '-o', join(work, 't1'), '--no-charts')).code).toBe(0);
    const manifests = [
      { dirs: ['s1', 's2'], file: 'shard.json', document: JSON.parse(readFileSync(join(work, 's1', 'shard.json'), 'utf8')) as Record<string, unknown> },
      { dirs: ['t1'], file: 'tune-shard.json', document: JSON.parse(readFileSync(join(work, 't1', 'tune-shard.json'), 'utf8')) as Record<string, unknown> },
    ];
    let index = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...manifests), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (shard, mutations) => {
        const case_ = join(work, `case-${index++}`);
        for (const d of shard.dirs) cpSync(join(work, d), join(case_, d), { recursive: true });
        writeFileSync(join(case_, shard.dirs[0], shard.file), mutate(shard.document, mutations));
        const r = await cli('merge', ...shard.dirs.map((d) => join(case_, d)), '-o', join(case_, 'out'));
        expect([0, 2], `merge exit ${r.code}: ${r.stderr}`).toContain(r.code);
        if (r.code === 2) {
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
          expect(r.stderr).toMatch(/^matchsim: /);
          expect(r.stderr).not.toMatch(/\n\s+at /);
        }
        expect(readdirSync(case_).filter((n) => n.startsWith('.'))).toEqual([]);
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: 20261202 },
    );
  });
});
