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
  fc.constantFrom<unknown>(0, -1, 1e-308, 1e308, -1e308, 2 ** 31, 2 ** 53, 1.5, 0.5, 1e9, INFINITE),
  fc.constantFrom<unknown>(
    Array.from({ length: 2000 }, (_, i) => i),
    { type: 'poisson', rate: 1e9 },
    { type: 'trace', file: 'missing.csv' },
    { 'matcher.windowGrowth': Array.from({ length: 1000 }, (_, i) => i), tick: Array.from({ length: 1000 }, (_, i) => i + 1) },
    { __proto__: { polluted: true } },
    { constructor: { prototype: { polluted: true } } },
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
